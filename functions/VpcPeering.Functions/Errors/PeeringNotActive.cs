namespace VpcPeering.Functions.Errors;

/// <summary>The peering connection did not become active within the bounded wait.</summary>
public sealed class PeeringNotActive : PeeringError
{
    public PeeringNotActive(string message)
        : base(message)
    {
    }

    public PeeringNotActive(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
