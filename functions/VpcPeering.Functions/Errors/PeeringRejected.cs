namespace VpcPeering.Functions.Errors;

/// <summary>The accepter rejected the peering connection.</summary>
public sealed class PeeringRejected : PeeringError
{
    public PeeringRejected(string message)
        : base(message)
    {
    }

    public PeeringRejected(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
