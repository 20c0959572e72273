namespace VpcPeering.Functions.Errors;

/// <summary>EC2 refused a call for a reason none of the other errors names; the message carries EC2's code.</summary>
public sealed class Ec2RequestFailed : PeeringError
{
    public Ec2RequestFailed(string message)
        : base(message)
    {
    }

    public Ec2RequestFailed(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
