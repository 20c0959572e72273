namespace LocalCloud.Ec2;

/// <summary>A security group and its rules.</summary>
public sealed class SecurityGroup : Ec2Resource
{
    /// <summary>The group name (<c>default</c> for the VPC's default group).</summary>
    public string GroupName { get; set; } = "";

    /// <summary>The description.</summary>
    public string Description { get; set; } = "";

    /// <summary>The VPC.</summary>
    public string VpcId { get; set; } = "";

    /// <summary>Ingress and egress rules.</summary>
    public List<SecurityGroupRule> Rules { get; set; } = [];

    /// <summary>The group's ARN.</summary>
    public string Arn => $"arn:aws:ec2:{Region}:{OwnerId}:security-group/{Id}";
}

/// <summary>One rule (<c>sgr-…</c>): a protocol, a port range and exactly one source or destination.</summary>
public sealed class SecurityGroupRule
{
    /// <summary><c>sgr-…</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>True for an outbound rule.</summary>
    public bool IsEgress { get; set; }

    /// <summary><c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>icmpv6</c>, <c>-1</c> or a protocol number.</summary>
    public string IpProtocol { get; set; } = "-1";

    /// <summary>Start of the port range (ICMP type); null for all traffic.</summary>
    public int? FromPort { get; set; }

    /// <summary>End of the port range (ICMP code); null for all traffic.</summary>
    public int? ToPort { get; set; }

    /// <summary>IPv4 peer.</summary>
    public string? CidrIpv4 { get; set; }

    /// <summary>IPv6 peer.</summary>
    public string? CidrIpv6 { get; set; }

    /// <summary>Prefix list peer.</summary>
    public string? PrefixListId { get; set; }

    /// <summary>Referenced security group.</summary>
    public string? ReferencedGroupId { get; set; }

    /// <summary>Owner of the referenced group.</summary>
    public string? ReferencedUserId { get; set; }

    /// <summary>VPC of the referenced group when it is in a peer VPC.</summary>
    public string? ReferencedVpcId { get; set; }

    /// <summary>The peering that makes a peer-VPC reference possible.</summary>
    public string? ReferencedPeeringId { get; set; }

    /// <summary>Free text.</summary>
    public string? Description { get; set; }

    internal string Peer => CidrIpv4 ?? CidrIpv6 ?? PrefixListId ?? $"{ReferencedUserId}/{ReferencedGroupId}";

    internal bool SamePermission(SecurityGroupRule other) =>
        IsEgress == other.IsEgress && IpProtocol == other.IpProtocol && FromPort == other.FromPort && ToPort == other.ToPort
        && CidrIpv4 == other.CidrIpv4 && CidrIpv6 == other.CidrIpv6 && PrefixListId == other.PrefixListId
        && ReferencedGroupId == other.ReferencedGroupId;
}
