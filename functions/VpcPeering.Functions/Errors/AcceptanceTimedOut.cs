namespace VpcPeering.Functions.Errors;

/// <summary>Nobody accepted the peering request in time (event mode).</summary>
public sealed class AcceptanceTimedOut : PeeringError
{
    public AcceptanceTimedOut(string message)
        : base(message)
    {
    }

    public AcceptanceTimedOut(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
