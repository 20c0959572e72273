namespace LocalCloud.Ec2;

/// <summary>A subnet of a VPC in one availability zone.</summary>
public sealed class Subnet : Ec2Resource
{
    /// <summary>The VPC.</summary>
    public string VpcId { get; set; } = "";

    /// <summary>The IPv4 block.</summary>
    public string CidrBlock { get; set; } = "";

    /// <summary>The IPv6 /64 association, if any.</summary>
    public VpcCidrBlock? Ipv6CidrBlock { get; set; }

    /// <summary>The availability zone, e.g. <c>us-east-1a</c>.</summary>
    public string AvailabilityZone { get; set; } = "";

    /// <summary>The zone id, e.g. <c>use1-az1</c>.</summary>
    public string AvailabilityZoneId { get; set; } = "";

    /// <summary><c>available</c>.</summary>
    public string State { get; set; } = "available";

    /// <summary>Whether instances get public IPv4 addresses.</summary>
    public bool MapPublicIpOnLaunch { get; set; }

    /// <summary>The subnet's ARN.</summary>
    public string Arn => $"arn:aws:ec2:{Region}:{OwnerId}:subnet/{Id}";

    /// <summary>Addresses left: the block size minus the five AWS reserves.</summary>
    public int AvailableIpAddressCount =>
        (int)Math.Max(0, Math.Pow(2, 32 - int.Parse(CidrBlock[(CidrBlock.IndexOf('/', StringComparison.Ordinal) + 1)..],
            System.Globalization.CultureInfo.InvariantCulture)) - 5);
}
