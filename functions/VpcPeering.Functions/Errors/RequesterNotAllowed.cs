namespace VpcPeering.Functions.Errors;

/// <summary>The accepter's allow-list does not admit the requester account or CIDR blocks.</summary>
public sealed class RequesterNotAllowed : PeeringError
{
    public RequesterNotAllowed(string message)
        : base(message)
    {
    }

    public RequesterNotAllowed(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
