namespace VpcPeering.Requests;

/// <summary>Conversions between <see cref="IpProtocol"/> and EC2's protocol strings.</summary>
public static class IpProtocols
{
    /// <summary>
    /// Reads an EC2 protocol: a name (<c>tcp</c>) or an IANA number (<c>6</c>); <c>-1</c> and <c>all</c> are all protocols.
    /// </summary>
    public static IpProtocol FromEc2(string protocol) => protocol.Trim().ToUpperInvariant() switch
    {
        "-1" or "ALL" => IpProtocol.All,
        "TCP" or "6" => IpProtocol.Tcp,
        "UDP" or "17" => IpProtocol.Udp,
        "ICMP" or "1" => IpProtocol.Icmp,
        "ICMPV6" or "58" => IpProtocol.Icmpv6,
        _ => IpProtocol.Other,
    };

    /// <summary>The protocol as EC2 writes it in security group rules and NACL entries.</summary>
    public static string ToEc2(this IpProtocol protocol) => protocol switch
    {
        IpProtocol.All => "-1",
        IpProtocol.Tcp => "tcp",
        IpProtocol.Udp => "udp",
        IpProtocol.Icmp => "icmp",
        IpProtocol.Icmpv6 => "icmpv6",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Only named protocols have an EC2 spelling here."),
    };

    /// <summary>TCP and UDP have ports; the others match regardless of port.</summary>
    public static bool HasPorts(this IpProtocol protocol) => protocol is IpProtocol.Tcp or IpProtocol.Udp;

    /// <summary>Traffic as a port spec: <c>tcp/443</c>, <c>tcp/1024-65535</c>, <c>icmp</c>, <c>all</c>.</summary>
    public static string Describe(this IpProtocol protocol, PortRange ports) =>
        protocol.HasPorts() ? $"{protocol.ToEc2()}/{ports}" : protocol == IpProtocol.All ? "all" : protocol.ToEc2();
}
