namespace VpcPeering.Functions.Errors;

/// <summary>EC2 put the peering connection in the failed state.</summary>
public sealed class PeeringFailed : PeeringError
{
    public PeeringFailed(string message)
        : base(message)
    {
    }

    public PeeringFailed(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
