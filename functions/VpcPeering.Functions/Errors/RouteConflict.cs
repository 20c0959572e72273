namespace VpcPeering.Functions.Errors;

/// <summary>A selected route table already sends a peer block somewhere else; the tool never replaces such a route.</summary>
public sealed class RouteConflict : PeeringError
{
    public RouteConflict(string message)
        : base(message)
    {
    }

    public RouteConflict(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
