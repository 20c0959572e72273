namespace VpcPeering.Network;

/// <summary>One numbered NACL entry; entries are evaluated lowest number first and the first match decides.</summary>
/// <param name="Protocol"><c>-1</c> (all), <c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>icmpv6</c> or an IANA number such as <c>6</c>.</param>
/// <param name="FromPort">First port (tcp/udp); null means all ports.</param>
/// <param name="ToPort">Last port (tcp/udp).</param>
/// <param name="Cidr">The IPv4 or IPv6 block the entry matches.</param>
public sealed record NetworkAclEntry(
    int RuleNumber,
    bool Egress,
    string Protocol,
    int? FromPort,
    int? ToPort,
    string Cidr,
    NetworkAclAction Action);
