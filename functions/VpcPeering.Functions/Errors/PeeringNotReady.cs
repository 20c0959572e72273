namespace VpcPeering.Functions.Errors;

/// <summary>The peering connection is still initiating; the state machine retries with backoff.</summary>
public sealed class PeeringNotReady : PeeringError
{
    public PeeringNotReady(string message)
        : base(message)
    {
    }

    public PeeringNotReady(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public override bool IsTransient => true;
}
