namespace VpcPeering.Functions.Errors;

/// <summary>EC2 throttled the call; the state machine retries with backoff and jitter.</summary>
public sealed class Ec2Throttled : PeeringError
{
    public Ec2Throttled(string message)
        : base(message)
    {
    }

    public Ec2Throttled(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public override bool IsTransient => true;
}
