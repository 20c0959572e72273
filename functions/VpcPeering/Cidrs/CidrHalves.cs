using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace VpcPeering.Cidrs;

/// <summary>
/// Splitting a block into its two halves, the one step exclusion needs. IPNetwork has no such operation and
/// IPNetwork2.Subtract costs about a millisecond per call, too slow for rule evaluation over many blocks.
/// </summary>
internal static class CidrHalves
{
    public static (IPNetwork Lower, IPNetwork Upper) Split(IPNetwork block)
    {
        var prefix = block.PrefixLength + 1;
        var upper = ToNumber(block.BaseAddress) + (UInt128.One << (Bits(block) - prefix));
        return (new IPNetwork(block.BaseAddress, prefix), new IPNetwork(ToAddress(upper, block.BaseAddress.AddressFamily), prefix));
    }

    /// <summary>The network of <paramref name="address"/> at <paramref name="prefix"/>: its host bits cleared.</summary>
    public static IPNetwork NetworkOf(IPAddress address, int prefix)
    {
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var mask = prefix == 0 ? UInt128.Zero : UInt128.MaxValue << (bits - prefix);
        var network = ToNumber(address) & (bits == 32 ? mask & uint.MaxValue : mask);
        return new IPNetwork(ToAddress(network, address.AddressFamily), prefix);
    }

    private static int Bits(IPNetwork block) => block.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    private static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private static IPAddress ToAddress(UInt128 value, AddressFamily family)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (family == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)value);
            return new IPAddress(bytes[..4]);
        }

        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new IPAddress(bytes);
    }
}
