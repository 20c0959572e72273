namespace LocalCloud.Ec2;

/// <summary>An <c>IpPermissions.N</c> of Authorize/Revoke: a protocol, ports and the peers it applies to.</summary>
/// <param name="IpProtocol"><c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>icmpv6</c>, <c>-1</c> or a protocol number.</param>
/// <param name="FromPort">Start of the port range, or ICMP type.</param>
/// <param name="ToPort">End of the port range, or ICMP code.</param>
/// <param name="IpRanges">IPv4 peers.</param>
/// <param name="Ipv6Ranges">IPv6 peers.</param>
/// <param name="PrefixListIds">Prefix list peers.</param>
/// <param name="Groups">Security group peers.</param>
public sealed record PermissionSpec(
    string IpProtocol,
    int? FromPort,
    int? ToPort,
    IReadOnlyList<PermissionPeer> IpRanges,
    IReadOnlyList<PermissionPeer> Ipv6Ranges,
    IReadOnlyList<PermissionPeer> PrefixListIds,
    IReadOnlyList<PermissionGroup> Groups);

/// <summary>A CIDR or prefix list peer.</summary>
/// <param name="Value">The CIDR or prefix list id.</param>
/// <param name="Description">Rule description.</param>
public sealed record PermissionPeer(string Value, string? Description = null);

/// <summary>A security group peer (<c>UserId</c>/<c>GroupId</c>, the <c>account/sg-id</c> form across a peering).</summary>
/// <param name="GroupId">The group id (may be written <c>account/sg-id</c>).</param>
/// <param name="UserId">The group's owner; the caller when null.</param>
/// <param name="GroupName">The group name (same VPC only), when no id is given.</param>
/// <param name="Description">Rule description.</param>
public sealed record PermissionGroup(string? GroupId, string? UserId = null, string? GroupName = null, string? Description = null);
