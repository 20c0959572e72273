using System.Globalization;
using System.Text.RegularExpressions;

namespace VpcPeering.Requests;

/// <summary>
/// A protocol and port range to open: <c>tcp/443</c>, <c>tcp/8000-8100</c>, <c>udp/53</c>, <c>icmp</c>, <c>icmpv6</c> or <c>all</c>.
/// Protocols without ports span 0-65535 so that range arithmetic treats them uniformly.
/// </summary>
public sealed partial record PortSpec(IpProtocol Protocol, int FromPort, int ToPort)
{
    public const int MaxPort = 65535;

    /// <summary>The range a stateless NACL must allow for replies: clients pick their source port from it.</summary>
    public static PortRange EphemeralPorts { get; } = new(1024, MaxPort);

    public static PortSpec AllTraffic { get; } = new(IpProtocol.All, 0, MaxPort);

    public PortRange Ports => new(FromPort, ToPort);

    public static PortSpec Tcp(int port) => new(IpProtocol.Tcp, port, port);

    public static PortSpec Udp(int port) => new(IpProtocol.Udp, port, port);

    public static PortSpec Icmp { get; } = new(IpProtocol.Icmp, 0, MaxPort);

    /// <summary>Reads a port spec, or says why it is not one.</summary>
    public static bool TryParse(string text, out PortSpec spec, out string error)
    {
        spec = AllTraffic;
        error = "";
        var match = SpecPattern().Match(text.Trim().ToLowerInvariant());
        if (!match.Success)
        {
            error = $"'{text}' is not a port spec";
            return false;
        }

        var protocol = match.Groups["protocol"].Value switch
        {
            "all" => IpProtocol.All,
            "tcp" => IpProtocol.Tcp,
            "udp" => IpProtocol.Udp,
            "icmp" => IpProtocol.Icmp,
            _ => IpProtocol.Icmpv6,
        };
        if (!protocol.HasPorts())
        {
            if (match.Groups["from"].Success)
            {
                error = $"'{text}' gives a port, but {match.Groups["protocol"].Value} has none";
                return false;
            }

            spec = new PortSpec(protocol, 0, MaxPort);
            return true;
        }

        if (!match.Groups["from"].Success)
        {
            error = $"'{text}' needs a port or a port range";
            return false;
        }

        var from = int.Parse(match.Groups["from"].Value, CultureInfo.InvariantCulture);
        var to = match.Groups["to"].Success ? int.Parse(match.Groups["to"].Value, CultureInfo.InvariantCulture) : from;
        if (from > MaxPort || to > MaxPort || from > to)
        {
            error = $"'{text}' has an invalid port range (ports are 0-65535, low-high)";
            return false;
        }

        spec = new PortSpec(protocol, from, to);
        return true;
    }

    /// <summary>The canonical spelling, which <see cref="TryParse"/> reads back.</summary>
    public override string ToString() => Protocol switch
    {
        IpProtocol.All => "all",
        IpProtocol.Icmp => "icmp",
        IpProtocol.Icmpv6 => "icmpv6",
        _ when FromPort == ToPort => $"{Protocol.ToEc2()}/{FromPort}",
        _ => $"{Protocol.ToEc2()}/{FromPort}-{ToPort}",
    };

    [GeneratedRegex(@"^(?<protocol>tcp|udp|icmpv6|icmp|all)(/(?<from>\d{1,5})(-(?<to>\d{1,5}))?)?$")]
    private static partial Regex SpecPattern();
}
