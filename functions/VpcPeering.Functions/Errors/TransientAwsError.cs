namespace VpcPeering.Functions.Errors;

/// <summary>AWS failed in a way that usually passes (5xx, network); the state machine retries.</summary>
public sealed class TransientAwsError : PeeringError
{
    public TransientAwsError(string message)
        : base(message)
    {
    }

    public TransientAwsError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public override bool IsTransient => true;
}
