using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Tests.Requests;

public class PeeringTagReaderTests
{
    private static Vpc Tagged(params (string Key, string Value)[] tags) =>
        Topology.Requester().Vpc with { Tags = tags.ToDictionary(tag => tag.Key, tag => tag.Value) };

    [Fact]
    public void Peer_account_and_region_default_to_the_tagged_vpcs_own()
    {
        var request = new PeeringTagReader().Read(Tagged(("peering:peer-vpc", "vpc-22222222"))).GetValueOrThrow();

        Assert.Equal(new AccepterVpc("vpc-22222222", "us-east-1", Topology.RequesterAccount, null, null), request.Accepter);
        Assert.Equal(Topology.RequesterVpcId, request.Requester.VpcId);
    }

    [Fact]
    public void Ports_open_the_peers_default_group_to_the_tagged_vpc()
    {
        var request = new PeeringTagReader().Read(Tagged(("peering:peer-vpc", "vpc-22222222"), ("peering:ports", "tcp/443, tcp/5432,icmp")))
            .GetValueOrThrow();

        var grant = Assert.Single(request.SecurityGroups);
        Assert.Equal(Side.Accepter, grant.Side);
        Assert.Equal(SecurityGroupSelection.Default, grant.Groups);
        Assert.Equal([PortSpec.Tcp(443), PortSpec.Tcp(5432), PortSpec.Icmp], grant.Ports);
    }

    [Fact]
    public void Route_tables_dns_and_peer_account_tags_are_read()
    {
        var request = new PeeringTagReader().Read(Tagged(
            ("peering:peer-vpc", "vpc-22222222"),
            ("peering:peer-account", "222222222222"),
            ("peering:peer-region", "eu-west-2"),
            ("peering:route-tables", "tag:tier=private"),
            ("peering:dns", "both"))).GetValueOrThrow();

        Assert.Equal("eu-west-2", request.Accepter.Region);
        Assert.Equal("private", Assert.IsType<RouteTableSelection.ByTags>(request.Routes.RequesterRouteTables).Tags["tier"]);
        Assert.Equal(new DnsOptions(true, true), request.Dns);
    }

    [Fact]
    public void Problems_are_reported_at_the_tag_key_all_at_once()
    {
        var result = new PeeringTagReader().Read(Tagged(
            ("peering:peer-vpc", "vpc-2"),
            ("peering:peer-account", "22"),
            ("peering:ports", "tcp/443,http"),
            ("peering:route-tables", "rtb-1"),
            ("peering:dns", "maybe"),
            ("peering:colour", "blue")));

        Assert.Equal(
            ["peering:colour", "peering:dns", "peering:peer-account", "peering:peer-vpc", "peering:ports", "peering:route-tables"],
            result.Problems.Select(problem => problem.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_missing_peer_vpc_tag_is_reported()
    {
        var result = new PeeringTagReader().Read(Tagged(("peering:ports", "tcp/443")));

        Assert.Equal("peering:peer-vpc", Assert.Single(result.Problems).Path);
    }

    [Fact]
    public void All_traffic_in_tags_needs_the_allow_all_tag()
    {
        var denied = new PeeringTagReader().Read(Tagged(("peering:peer-vpc", "vpc-22222222"), ("peering:ports", "all")));
        var allowed = new PeeringTagReader().Read(Tagged(("peering:peer-vpc", "vpc-22222222"), ("peering:ports", "all"),
            ("peering:allow-all", "true")));

        Assert.Equal("peering:ports", Assert.Single(denied.Problems).Path);
        Assert.True(allowed.IsValid);
    }

    [Fact]
    public void The_tag_prefix_is_configurable()
    {
        var reader = new PeeringTagReader("net/");
        var vpc = Tagged(("net/peer-vpc", "vpc-22222222"), ("peering:peer-vpc", "ignored"));

        Assert.True(reader.RequestsPeering(vpc));
        Assert.Equal("vpc-22222222", reader.Read(vpc).GetValueOrThrow().Accepter.VpcId);
    }

    [Fact]
    public void A_security_groups_tag_names_the_peer_groups_to_open()
    {
        var request = new PeeringTagReader().Read(Tagged(
            ("peering:peer-vpc", "vpc-22222222"), ("peering:ports", "tcp/443"), ("peering:security-groups",
                "sg-22222222,sg-33333333"))).GetValueOrThrow();

        Assert.Equal(["sg-22222222", "sg-33333333"],
            Assert.IsType<SecurityGroupSelection.ByIds>(request.SecurityGroups[0].Groups).GroupIds);
    }

    [Fact]
    public void A_malformed_security_group_id_is_reported_at_its_tag()
    {
        var result = new PeeringTagReader().Read(Tagged(
            ("peering:peer-vpc", "vpc-22222222"), ("peering:ports", "tcp/443"), ("peering:security-groups", "sg-2")));

        Assert.Equal("peering:security-groups", Assert.Single(result.Problems).Path);
    }
}
