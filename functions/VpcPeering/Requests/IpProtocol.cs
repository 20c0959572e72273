namespace VpcPeering.Requests;

/// <summary>The IP protocols a peering can open.</summary>
public enum IpProtocol
{
    /// <summary>Every protocol (EC2's <c>-1</c>).</summary>
    All,
    Tcp,
    Udp,
    Icmp,
    Icmpv6,

    /// <summary>Any other IANA protocol number; only matched by rules for all protocols.</summary>
    Other,
}
