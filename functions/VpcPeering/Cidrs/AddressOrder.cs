using System.Net;

namespace VpcPeering.Cidrs;

/// <summary>Orders addresses numerically (IPv4 before IPv6), for stable, readable lists of blocks.</summary>
internal sealed class AddressOrder : IComparer<IPAddress>
{
    public static AddressOrder Instance { get; } = new();

    public int Compare(IPAddress? x, IPAddress? y)
    {
        var left = x?.GetAddressBytes() ?? [];
        var right = y?.GetAddressBytes() ?? [];
        return left.Length != right.Length ? left.Length.CompareTo(right.Length) : left.AsSpan().SequenceCompareTo(right);
    }
}
