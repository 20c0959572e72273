namespace VpcPeering.Functions.Errors;

/// <summary>The peering connection does not exist (or is deleted) where it was looked for.</summary>
public sealed class PeeringNotFound : PeeringError
{
    public PeeringNotFound(string message)
        : base(message)
    {
    }

    public PeeringNotFound(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
