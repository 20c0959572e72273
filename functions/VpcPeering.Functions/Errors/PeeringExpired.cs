namespace VpcPeering.Functions.Errors;

/// <summary>The peering request expired before it was accepted.</summary>
public sealed class PeeringExpired : PeeringError
{
    public PeeringExpired(string message)
        : base(message)
    {
    }

    public PeeringExpired(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
