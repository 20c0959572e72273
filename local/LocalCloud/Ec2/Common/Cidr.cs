using System.Net;
using System.Net.Sockets;
using LocalCloud.Core;

namespace LocalCloud.Ec2;

/// <summary>CIDR parsing and overlap checks as EC2 applies them (network address must be aligned).</summary>
internal static class Cidr
{
    public static IPNetwork ParseV4(string value, string parameter) =>
        TryParse(value, AddressFamily.InterNetwork) ?? throw Invalid(value, parameter);

    public static IPNetwork ParseV6(string value, string parameter) =>
        TryParse(value, AddressFamily.InterNetworkV6) ?? throw Invalid(value, parameter);

    public static IPNetwork? TryParse(string? value, AddressFamily family) =>
        value is not null && IPNetwork.TryParse(value, out var network) && network.BaseAddress.AddressFamily == family
        && string.Equals(network.ToString(), value, StringComparison.OrdinalIgnoreCase)
            ? network
            : null;

    public static bool Overlaps(IPNetwork a, IPNetwork b) =>
        a.BaseAddress.AddressFamily == b.BaseAddress.AddressFamily && (a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress));

    public static bool Overlaps(string a, string b) =>
        IPNetwork.TryParse(a, out var x) && IPNetwork.TryParse(b, out var y) && Overlaps(x, y);

    /// <summary>True when <paramref name="inner"/> lies entirely inside <paramref name="outer"/>.</summary>
    public static bool Within(IPNetwork inner, IPNetwork outer) =>
        inner.BaseAddress.AddressFamily == outer.BaseAddress.AddressFamily
        && inner.PrefixLength >= outer.PrefixLength
        && outer.Contains(inner.BaseAddress);

    public static bool Within(string inner, string outer) =>
        IPNetwork.TryParse(inner, out var x) && IPNetwork.TryParse(outer, out var y) && Within(x, y);

    public static AwsServiceException Invalid(string value, string parameter) =>
        new("InvalidParameterValue", $"Value ({value}) for parameter {parameter} is invalid. This is not a valid CIDR block.");
}
