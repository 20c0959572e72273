namespace VpcPeering.Functions.Errors;

/// <summary>
/// The requester announced that a peering ended, but EC2 still shows it live (not yet visible as deleting, or a reused
/// peering that the requester kept). This side's configuration stays; the state machine retries a few times first.
/// </summary>
public sealed class PeeringStillActive : PeeringError
{
    public PeeringStillActive(string message)
        : base(message)
    {
    }

    public PeeringStillActive(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public override bool IsTransient => true;
}
