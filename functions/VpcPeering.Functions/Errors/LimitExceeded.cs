namespace VpcPeering.Functions.Errors;

/// <summary>An EC2 quota (peerings, routes, rules, entries) is exhausted.</summary>
public sealed class LimitExceeded : PeeringError
{
    public LimitExceeded(string message)
        : base(message)
    {
    }

    public LimitExceeded(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
