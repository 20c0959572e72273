namespace VpcPeering.Functions.Errors;

/// <summary>Verification found that the requested traffic cannot flow both ways.</summary>
public sealed class Unreachable : PeeringError
{
    public Unreachable(string message)
        : base(message)
    {
    }

    public Unreachable(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
