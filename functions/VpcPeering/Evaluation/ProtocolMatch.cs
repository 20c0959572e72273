using VpcPeering.Requests;

namespace VpcPeering.Evaluation;

/// <summary>How a rule's protocol relates to the traffic's.</summary>
internal enum ProtocolMatch
{
    None,

    /// <summary>The rule matches some of the traffic: a rule for one protocol, traffic of every protocol.</summary>
    Partial,
    Full,
}

internal static class ProtocolMatching
{
    public static ProtocolMatch Match(IpProtocol rule, IpProtocol traffic) => (rule, traffic) switch
    {
        (IpProtocol.All, _) => ProtocolMatch.Full,
        (_, IpProtocol.All) => ProtocolMatch.Partial,
        _ when rule == traffic && rule != IpProtocol.Other => ProtocolMatch.Full,
        _ => ProtocolMatch.None,
    };

    /// <summary>
    /// The ports a rule covers: its range for TCP/UDP, everything for port-less protocols (ICMP type/code is not distinguished).
    /// </summary>
    public static PortRange RulePorts(IpProtocol protocol, int? fromPort, int? toPort) =>
        protocol.HasPorts() && fromPort is { } from && toPort is { } to && from >= 0
            ? new PortRange(from, to)
            : PortRange.All;

    /// <summary>The ports of a traffic spec as rules see them: port-less protocols span every port.</summary>
    public static PortRange TrafficPorts(PortSpec traffic) => traffic.Protocol.HasPorts() ? traffic.Ports : PortRange.All;

    /// <summary>The destination ports of the replies: a client's ephemeral range for TCP/UDP, the same spec otherwise.</summary>
    public static PortRange ReturnPorts(PortSpec traffic, PortRange ephemeralPorts) =>
        traffic.Protocol.HasPorts() ? ephemeralPorts : PortRange.All;
}
