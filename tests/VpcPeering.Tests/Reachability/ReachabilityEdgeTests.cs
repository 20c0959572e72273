using System.Net.Sockets;
using VpcPeering.Network;
using VpcPeering.Reachability;
using VpcPeering.Requests;

namespace VpcPeering.Tests.Reachability;

public class ReachabilityEdgeTests
{
    private static readonly Endpoint Requester = new(Topology.RequesterSubnetId, [Topology.RequesterGroupId]);
    private static readonly Endpoint Accepter = new(Topology.AccepterSubnetId, [Topology.AccepterGroupId]);

    [Fact]
    public void Subnets_of_one_vpc_reach_each_other_through_the_local_route()
    {
        var snapshot = Topology.Peered();
        var requester = snapshot.Requester;
        snapshot = snapshot with
        {
            Requester = Topology.WithIngress(requester with { Subnets = [.. requester.Subnets, new Subnet("subnet-33333333",
                "10.1.2.0/24", null, "us-east-1b")] },
                new SecurityGroupRule("tcp", 22, 22, [], [], [Topology.RequesterGroupId], null)),
        };

        var verdict = new ReachabilityAnalyzer(snapshot).Check(Requester, new Endpoint("subnet-33333333", [Topology.RequesterGroupId]),
            PortSpec.Tcp(22));

        Assert.True(verdict.IsReachable, verdict.Explanation);
    }

    [Fact]
    public void A_route_to_a_different_peering_does_not_reach_the_peer()
    {
        var snapshot = Topology.Peered();
        snapshot = snapshot with { Requester = Topology.WithRoute(snapshot.Requester, "10.2.1.0/24", RouteTarget.Peering("pcx-99999999")) };

        var verdict = new ReachabilityAnalyzer(snapshot).Check(Requester, Accepter, PortSpec.Tcp(443));

        Assert.Contains("is not the peering pcx-12345678", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipv6_traffic_is_checked_against_the_ipv6_blocks()
    {
        var snapshot = Topology.Peered();
        VpcSnapshot AddIpv6(VpcSnapshot vpc, string block, string subnet, string peerBlock, string peerSubnet) =>
            Topology.WithIngress(
                Topology.WithRoute(
                    vpc with { Subnets = [vpc.Subnets[0] with { Ipv6Cidr = subnet }], Vpc = vpc.Vpc with { Ipv6CidrBlocks = [block] } },
                    peerBlock,
                    RouteTarget.Peering(Topology.PeeringId)),
                new SecurityGroupRule("tcp", 443, 443, [], [peerSubnet], [], null));
        snapshot = snapshot with
        {
            Requester = AddIpv6(snapshot.Requester, "2600:1f18:1::/56", "2600:1f18:1::/64", "2600:1f18:2::/56", "2600:1f18:2::/64"),
            Accepter = AddIpv6(snapshot.Accepter, "2600:1f18:2::/56", "2600:1f18:2::/64", "2600:1f18:1::/56", "2600:1f18:1::/64"),
        };

        var verdict = new ReachabilityAnalyzer(snapshot).Check(Requester, Accepter, PortSpec.Tcp(443), AddressFamily.InterNetworkV6);

        // The default groups allow IPv4 egress only, so IPv6 stops at the source's security group.
        Assert.Equal(Hop.SourceSecurityGroup, verdict.BlockedAt);
        Assert.Contains("2600:1f18:2::/64", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_subnet_without_an_ipv6_block_cannot_send_ipv6()
    {
        var verdict = new ReachabilityAnalyzer(Topology.Peered()).Check(Requester, Accepter, PortSpec.Tcp(443),
            AddressFamily.InterNetworkV6);

        Assert.Equal(Hop.Subnet, verdict.BlockedAt);
    }

    [Fact]
    public void Group_references_do_not_work_across_a_cross_region_peering()
    {
        var snapshot = Topology.Peered();
        var byGroup = new SecurityGroupRule("tcp", 5432, 5432, [], [], [Topology.RequesterGroupId], null);
        snapshot = snapshot with { Accepter = Topology.WithIngress(snapshot.Accepter,
            byGroup) with { Vpc = snapshot.Accepter.Vpc with { Region = "eu-west-2" } } };

        var verdict = new ReachabilityAnalyzer(snapshot).Check(Requester, Accepter, PortSpec.Tcp(5432));

        Assert.Equal(Hop.DestinationSecurityGroup, verdict.BlockedAt);
    }
}
