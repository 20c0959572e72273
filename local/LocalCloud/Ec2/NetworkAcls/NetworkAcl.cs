namespace LocalCloud.Ec2;

/// <summary>A network ACL: numbered stateless entries per direction, associated with subnets.</summary>
public sealed class NetworkAcl : Ec2Resource
{
    /// <summary>The VPC.</summary>
    public string VpcId { get; set; } = "";

    /// <summary>True for the VPC's default network ACL.</summary>
    public bool IsDefault { get; set; }

    /// <summary>Entries, both directions.</summary>
    public List<NetworkAclEntry> Entries { get; set; } = [];

    /// <summary>Subnet associations.</summary>
    public List<NetworkAclAssociation> Associations { get; set; } = [];
}

/// <summary>One numbered NACL entry. Rule 32767 (32768 for IPv6) is the final deny-all <c>*</c> rule.</summary>
public sealed class NetworkAclEntry
{
    /// <summary>1..32766, or 32767/32768 for the <c>*</c> rules.</summary>
    public int RuleNumber { get; set; }

    /// <summary>True for outbound.</summary>
    public bool Egress { get; set; }

    /// <summary>Protocol number as a string, <c>-1</c> for all.</summary>
    public string Protocol { get; set; } = "-1";

    /// <summary><c>allow</c> or <c>deny</c>.</summary>
    public string RuleAction { get; set; } = "allow";

    /// <summary>IPv4 block.</summary>
    public string? CidrBlock { get; set; }

    /// <summary>IPv6 block.</summary>
    public string? Ipv6CidrBlock { get; set; }

    /// <summary>Port range start (TCP/UDP).</summary>
    public int? PortFrom { get; set; }

    /// <summary>Port range end (TCP/UDP).</summary>
    public int? PortTo { get; set; }

    /// <summary>ICMP type.</summary>
    public int? IcmpType { get; set; }

    /// <summary>ICMP code.</summary>
    public int? IcmpCode { get; set; }
}

/// <summary>A subnet's association with a network ACL (every subnet has exactly one).</summary>
public sealed class NetworkAclAssociation
{
    /// <summary><c>aclassoc-…</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The subnet.</summary>
    public string SubnetId { get; set; } = "";
}
