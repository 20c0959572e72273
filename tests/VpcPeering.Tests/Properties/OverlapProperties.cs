using System.Net;
using CsCheck;
using VpcPeering.Cidrs;

namespace VpcPeering.Tests.Properties;

public class OverlapProperties
{
    private static readonly Gen<string> Ipv4Block =
        Gen.Select(Gen.UInt, Gen.Int[8, 30], (address, prefix) => Cidr.Canonical($"{new IPAddress(address)}/{prefix}"));

    private static readonly Gen<string> Ipv6Block =
        Gen.Select(Gen.Int[0, 3], Gen.Int[44, 64], (group, prefix) => $"2600:1f18:{group}::/{prefix}");

    private static readonly Gen<string[]> Blocks = Gen.Frequency((4, Ipv4Block), (1, Ipv6Block)).Array[1, 4];

    [Fact]
    public void Overlap_is_symmetric() =>
        Deterministic.ForAll(Gen.Select(Blocks, Blocks), 500, pair =>
        {
            var forward = CidrOverlaps.Find(pair.Item1, pair.Item2).Select(overlap => (overlap.RequesterCidr, overlap.AccepterCidr));
            var backward = CidrOverlaps.Find(pair.Item2, pair.Item1).Select(overlap => (overlap.AccepterCidr, overlap.RequesterCidr));

            Assert.Equal(forward.Order(), backward.Order());
        });

    [Fact]
    public void Subtracting_leaves_nothing_of_the_removed_block_and_everything_else() =>
        Deterministic.ForAll(Gen.Select(Ipv4Block, Ipv4Block), 300, pair =>
        {
            var (block, removed) = (IPNetwork.Parse(pair.Item1), IPNetwork.Parse(pair.Item2));

            var remaining = block.Subtract(removed);

            Assert.All(remaining, piece => Assert.False(piece.Overlaps(removed)));
            Assert.All(remaining, piece => Assert.True(block.ContainsNetwork(piece)));
            var size = (double)Math.Pow(2, 32 - block.PrefixLength);
            var removedSize = block.Overlaps(removed) ? Math.Pow(2, 32 - Math.Max(block.PrefixLength, removed.PrefixLength)) : 0;
            Assert.Equal(size - removedSize, remaining.Sum(piece => Math.Pow(2, 32 - piece.PrefixLength)));
        });
}
