namespace VpcPeering.Functions.Errors;

/// <summary>The two VPCs have overlapping CIDR blocks, so they cannot peer.</summary>
public sealed class CidrOverlap : PeeringError
{
    public CidrOverlap(string message)
        : base(message)
    {
    }

    public CidrOverlap(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
