using System.Net;
using VpcPeering.Cidrs;

namespace VpcPeering.Tests.Cidrs;

public class CidrTests
{
    [Theory]
    [InlineData("10.2.0.0/16", "10.2.0.0/16")]
    [InlineData("2600:1F18:ABCD:1200::/56", "2600:1f18:abcd:1200::/56")]
    public void Canonical_form_is_the_network_in_lower_case(string text, string canonical) => Assert.Equal(canonical, Cidr.Canonical(text));

    [Fact]
    public void Host_bits_are_flagged_and_normalised()
    {
        Assert.True(Cidr.TryParse("10.2.3.4/16", out var network, out var hadHostBits));

        Assert.True(hadHostBits);
        Assert.Equal("10.2.0.0/16", network.ToString());
    }

    [Theory]
    [InlineData("10.2.0.0")]
    [InlineData("10.2.0.0/33")]
    [InlineData("10.2.0/16")]
    [InlineData("fe80::1%eth0/64")]
    [InlineData("/16")]
    public void Text_that_is_no_block_is_rejected(string text) => Assert.False(Cidr.TryParse(text, out _, out _));

    [Fact]
    public void A_block_contains_its_subnets_but_not_its_supernet()
    {
        var vpc = IPNetwork.Parse("10.2.0.0/16");

        Assert.True(vpc.ContainsNetwork(IPNetwork.Parse("10.2.1.0/24")));
        Assert.False(IPNetwork.Parse("10.2.1.0/24").ContainsNetwork(vpc));
    }

    [Fact]
    public void Blocks_of_different_families_never_overlap() =>
        Assert.False(IPNetwork.Parse("0.0.0.0/0").Overlaps(IPNetwork.Parse("::/0")));

    [Fact]
    public void Overlapping_secondary_cidr_is_reported()
    {
        var overlaps = CidrOverlaps.Find(["10.1.0.0/16", "100.64.0.0/16"], ["10.2.0.0/16", "100.64.128.0/17"]);

        Assert.Equal([new CidrOverlap("100.64.0.0/16", "100.64.128.0/17")], overlaps);
    }

    [Fact]
    public void Overlapping_ipv6_blocks_are_reported()
    {
        var overlaps = CidrOverlaps.Find(["10.1.0.0/16", "2600:1f18::/56"], ["10.2.0.0/16", "2600:1f18::/64"]);

        Assert.Equal([new CidrOverlap("2600:1f18::/56", "2600:1f18::/64")], overlaps);
    }

    [Fact]
    public void Disjoint_vpcs_have_no_overlaps() => Assert.Empty(CidrOverlaps.Find(["10.1.0.0/16"], ["10.2.0.0/16"]));

    [Fact]
    public void Excluding_part_of_a_block_splits_it_into_the_remaining_blocks()
    {
        var remaining = CidrSet.Of(IPNetwork.Parse("10.2.0.0/22")).Subtract(IPNetwork.Parse("10.2.1.0/24"));

        Assert.Equal("10.2.0.0/24, 10.2.2.0/23", remaining.ToString());
    }

    [Fact]
    public void Excluding_a_whole_block_removes_it()
    {
        var remaining = CidrSet.Of(IPNetwork.Parse("10.2.0.0/16")).Subtract(IPNetwork.Parse("10.0.0.0/8"));

        Assert.True(remaining.IsEmpty);
    }

    [Fact]
    public void A_set_keeps_only_the_outer_of_nested_blocks() =>
        Assert.Equal("10.0.0.0/8", CidrSet.Of(IPNetwork.Parse("10.2.0.0/16"), IPNetwork.Parse("10.0.0.0/8")).ToString());
}
