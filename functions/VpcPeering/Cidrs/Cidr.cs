using System.Net;
using System.Net.Sockets;

namespace VpcPeering.Cidrs;

/// <summary>Parsing, canonical form, containment and overlap of CIDR blocks, on <see cref="IPNetwork"/>.</summary>
public static class Cidr
{
    /// <summary>
    /// Reads <c>address/prefix</c> (dotted-quad IPv4 only: no shorthand such as <c>10.2/16</c>, no zone ids). A block with host bits set
    /// (<c>10.0.0.1/16</c>) is read as its network
    /// (<c>10.0.0.0/16</c>) and flagged, so callers can report or accept the normalisation.
    /// </summary>
    public static bool TryParse(string text, out IPNetwork network, out bool hadHostBits)
    {
        network = default;
        hadHostBits = false;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !IPAddress.TryParse(text.AsSpan(0, slash), out var address)
            || !int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, null, out var prefix)
            || text.Contains('%', StringComparison.Ordinal)
            || (address.AddressFamily == AddressFamily.InterNetwork && text.AsSpan(0, slash).Count('.') != 3)
            || prefix > (address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
        {
            return false;
        }

        network = CidrHalves.NetworkOf(address, prefix);
        hadHostBits = !network.BaseAddress.Equals(address);
        return true;
    }

    /// <summary>Reads a block, normalising host bits away; throws on text that is no CIDR at all.</summary>
    public static IPNetwork Parse(string text) =>
        TryParse(text, out var network, out _) ? network : throw new FormatException($"'{text}' is not a CIDR block.");

    /// <summary>The canonical spelling of a block (network address, lower-case compressed IPv6).</summary>
    public static string Canonical(string text) => Parse(text).ToString();

    public static bool IsIpv4(this IPNetwork network) => network.BaseAddress.AddressFamily == AddressFamily.InterNetwork;

    /// <summary>Whether <paramref name="outer"/> holds every address of <paramref name="inner"/>.</summary>
    public static bool ContainsNetwork(this IPNetwork outer, IPNetwork inner) =>
        outer.BaseAddress.AddressFamily == inner.BaseAddress.AddressFamily
        && outer.PrefixLength <= inner.PrefixLength
        && outer.Contains(inner.BaseAddress);

    /// <summary>Whether two blocks share an address; blocks of different families never do.</summary>
    public static bool Overlaps(this IPNetwork a, IPNetwork b) => a.ContainsNetwork(b) || b.ContainsNetwork(a);

    /// <summary>The common part of two blocks (one of them, since blocks nest or are disjoint), if any.</summary>
    public static IPNetwork? Intersect(this IPNetwork a, IPNetwork b) =>
        a.ContainsNetwork(b) ? b : b.ContainsNetwork(a) ? a : null;

    /// <summary>The smallest set of blocks covering <paramref name="block"/> minus <paramref name="removed"/>.</summary>
    public static IReadOnlyList<IPNetwork> Subtract(this IPNetwork block, IPNetwork removed)
    {
        if (!block.Overlaps(removed))
        {
            return [block];
        }

        if (removed.ContainsNetwork(block))
        {
            return [];
        }

        // Halve the block until the half is the removed block, keeping every half that does not hold it.
        var pieces = new List<IPNetwork>();
        var current = block;
        while (current.PrefixLength < removed.PrefixLength)
        {
            var (lower, upper) = CidrHalves.Split(current);
            (current, var kept) = lower.Contains(removed.BaseAddress) ? (lower, upper) : (upper, lower);
            pieces.Add(kept);
        }

        return pieces.OrderBy(piece => piece.BaseAddress, AddressOrder.Instance).ToList();
    }
}
