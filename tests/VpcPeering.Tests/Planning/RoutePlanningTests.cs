using VpcPeering.Network;
using VpcPeering.Planning;

namespace VpcPeering.Tests.Planning;

public class RoutePlanningTests : PlannerTestBase
{
    [Fact]
    public void Each_side_gets_a_route_to_every_peer_block()
    {
        var plan = Plan(Topology.Unpeered());

        Assert.Equal(
            [(Side.Requester, Topology.RequesterTableId, "10.2.0.0/16"), (Side.Accepter, Topology.AccepterTableId, "10.1.0.0/16")],
            plan.Routes.Where(route => route.Kind == ChangeKind.Add).Select(route => (route.Side, route.RouteTableId,
                route.DestinationCidr)));
    }

    [Fact]
    public void A_route_to_the_same_peering_is_already_present()
    {
        var plan = Plan(Topology.Peered());

        Assert.All(plan.Routes, route => Assert.Equal(ChangeKind.Present, route.Kind));
    }

    [Fact]
    public void A_route_to_another_target_is_a_conflict_never_replaced()
    {
        var snapshot = Topology.Unpeered() with
        {
            Requester = Topology.WithRoute(Topology.Requester(), "10.2.0.0/16", new RouteTarget(RouteTargetKind.TransitGateway,
                "tgw-0a1b2c3d")),
        };

        var plan = Plan(snapshot);

        var conflict = Assert.Single(plan.RouteConflicts);
        Assert.Equal("tgw-0a1b2c3d", conflict.ExistingTarget?.Id);
        Assert.False(plan.CanApply);
    }

    [Fact]
    public void A_blackholed_route_to_an_old_peering_is_a_conflict()
    {
        var snapshot = Topology.Unpeered() with
        {
            Requester = Topology.WithRoute(Topology.Requester(), "10.2.0.0/16", RouteTarget.Peering("pcx-99999999"), RouteState.Blackhole),
        };

        Assert.Single(Plan(snapshot).RouteConflicts);
    }

    [Fact]
    public void Ipv6_blocks_get_routes_too()
    {
        var accepter = Topology.Accepter();
        var withIpv6 = accepter with { Vpc = accepter.Vpc with { Ipv6CidrBlocks = ["2600:1f18:abcd:1200::/56"] } };
        var snapshot = Topology.Unpeered() with { Accepter = withIpv6 };

        var plan = Plan(snapshot);

        Assert.Contains(plan.Routes, route => route.Side == Side.Requester && route.DestinationCidr == "2600:1f18:abcd:1200::/56");
    }

    [Fact]
    public void Unknown_route_table_ids_are_problems_at_their_path()
    {
        var plan = Plan(Topology.Unpeered(), Request("""
            "routes": { "requesterRouteTables": ["rtb-11111111", "rtb-99999999"] }
            """));

        Assert.Equal("$.routes.requesterRouteTables[1]", Assert.Single(plan.Problems).Path);
    }

    [Fact]
    public void A_tag_filter_selects_only_the_tagged_route_tables()
    {
        var requester = Topology.Requester();
        var tagged = new RouteTable("rtb-33333333", false, [], [], new Dictionary<string, string> { ["tier"] = "private" });
        var snapshot = Topology.Unpeered() with { Requester = requester with { RouteTables = [.. requester.RouteTables, tagged] } };

        var plan = Plan(snapshot, Request("""
            "routes": { "requesterRouteTables": { "tags": { "tier": "private" } } }
            """));

        Assert.Equal(["rtb-33333333"], plan.Routes.Where(route => route.Side == Side.Requester).Select(route => route.RouteTableId));
    }

    [Fact]
    public void A_tag_filter_matching_nothing_is_a_problem()
    {
        var plan = Plan(Topology.Unpeered(), Request("""
            "routes": { "accepterRouteTables": { "tags": { "tier": "none" } } }
            """));

        Assert.Equal("$.routes.accepterRouteTables.tags", Assert.Single(plan.Problems).Path);
    }

    [Fact]
    public void An_excluded_cidr_inside_a_block_splits_the_routes_and_says_so()
    {
        var plan = Plan(Topology.Unpeered(), Request("""
            "routes": { "exclude": ["10.2.0.0/17"] }
            """));

        Assert.Equal(["10.2.128.0/17"], plan.Routes.Where(route => route.Side == Side.Requester).Select(route => route.DestinationCidr));
        Assert.Contains(plan.Notes, note => note.Contains("10.2.0.0/16 minus 10.2.0.0/17", StringComparison.Ordinal));
    }

    [Fact]
    public void Listed_cidrs_limit_the_routes_to_those_blocks()
    {
        var plan = Plan(Topology.Unpeered(), Request("""
            "routes": { "cidrs": ["10.2.1.0/24", "10.1.0.0/16"] }
            """));

        Assert.Equal(
            [(Side.Requester, "10.2.1.0/24"), (Side.Accepter, "10.1.0.0/16")],
            plan.Routes.Select(route => (route.Side, route.DestinationCidr)));
    }

    [Fact]
    public void A_listed_cidr_outside_both_vpcs_is_a_problem()
    {
        var plan = Plan(Topology.Unpeered(), Request("""
            "routes": { "cidrs": ["10.9.0.0/16"] }
            """));

        Assert.Equal("$.routes.cidrs[0]", Assert.Single(plan.Problems).Path);
    }

    [Fact]
    public void Overlapping_vpcs_cannot_be_peered()
    {
        var accepter = Topology.Accepter();
        var snapshot = Topology.Unpeered() with { Accepter = accepter with { Vpc = accepter.Vpc with { Ipv4CidrBlocks = ["10.2.0.0/16",
            "10.1.128.0/17"] } } };

        var plan = Plan(snapshot);

        Assert.Equal([new VpcPeering.Cidrs.CidrOverlap("10.1.0.0/16", "10.1.128.0/17")], plan.Overlaps);
        Assert.False(plan.CanApply);
    }

    [Fact]
    public void Before_the_peering_exists_routes_point_at_a_placeholder()
    {
        var plan = PeeringPlanner.Plan(Topology.Unpeered(), Request());

        Assert.Equal(PeeringPlanner.PendingPeeringId, plan.PeeringConnectionId);
    }
}
