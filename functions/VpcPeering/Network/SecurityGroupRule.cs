using VpcPeering.Requests;

namespace VpcPeering.Network;

/// <summary>
/// One IP permission: a protocol and port range from (ingress) or to (egress) any of its sources.
/// </summary>
/// <param name="Protocol"><c>-1</c> (all), <c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>icmpv6</c> or an IANA number.</param>
/// <param name="FromPort">First port (tcp/udp) or ICMP type; null or -1 with <c>-1</c>/ICMP means all.</param>
/// <param name="ToPort">Last port (tcp/udp) or ICMP code.</param>
/// <param name="ReferencedGroupIds">Peer groups as <c>sg-…</c> or, across accounts, <c>123456789012/sg-…</c>.</param>
/// <param name="Description">The rule description; the tool marks the rules it manages here.</param>
public sealed record SecurityGroupRule(
    string Protocol,
    int? FromPort,
    int? ToPort,
    IReadOnlyList<string> Ipv4Cidrs,
    IReadOnlyList<string> Ipv6Cidrs,
    IReadOnlyList<string> ReferencedGroupIds,
    string? Description)
{
    /// <summary>The traffic as a port spec: <c>all</c>, <c>icmp</c>, <c>tcp/443</c>, <c>udp/1024-65535</c>.</summary>
    public string PortText => IpProtocols.FromEc2(Protocol) switch
    {
        IpProtocol.All => "all",
        IpProtocol.Tcp or IpProtocol.Udp when FromPort is null or < 0 => $"{Protocol}/0-65535",
        IpProtocol.Tcp or IpProtocol.Udp when FromPort == ToPort => $"{Protocol}/{FromPort}",
        IpProtocol.Tcp or IpProtocol.Udp => $"{Protocol}/{FromPort}-{ToPort}",
        _ => Protocol,
    };

    /// <summary>Every source (ingress) or destination (egress): blocks, then group references.</summary>
    public IEnumerable<string> Peers => Ipv4Cidrs.Concat(Ipv6Cidrs).Concat(ReferencedGroupIds);
}
