namespace VpcPeering.Functions.Errors;

/// <summary>The request or the VPC tags cannot be carried out; the message lists every problem with its path.</summary>
public sealed class InvalidPeeringRequest : PeeringError
{
    public InvalidPeeringRequest(string message)
        : base(message)
    {
    }

    public InvalidPeeringRequest(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
