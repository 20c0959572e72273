using VpcPeering.Network;
using VpcPeering.Reachability;
using VpcPeering.Requests;

namespace VpcPeering.Tests.Reachability;

public class ReachabilityAnalyzerTests
{
    private static readonly Endpoint Requester = new(Topology.RequesterSubnetId, [Topology.RequesterGroupId]);
    private static readonly Endpoint Accepter = new(Topology.AccepterSubnetId, [Topology.AccepterGroupId]);

    private static ReachabilityVerdict Check(NetworkSnapshot snapshot, PortSpec? traffic = null) =>
        new ReachabilityAnalyzer(snapshot).Check(Requester, Accepter, traffic ?? PortSpec.Tcp(443));

    [Fact]
    public void A_configured_peering_is_reachable_both_ways()
    {
        var (forward, backward) = new ReachabilityAnalyzer(Topology.Peered()).CheckBothWays(Requester, Accepter, PortSpec.Tcp(443));

        Assert.True(forward.IsReachable, forward.Explanation);
        Assert.True(backward.IsReachable, backward.Explanation);
    }

    [Fact]
    public void A_missing_route_names_the_route_table_and_destination()
    {
        var verdict = Check(Topology.Unpeered());

        Assert.Equal((Hop.Route, $"route: {Topology.RequesterTableId} has no route to 10.2.1.0/24"), (verdict.BlockedAt,
            verdict.Explanation));
    }

    [Fact]
    public void A_subnet_without_an_explicit_association_uses_the_main_route_table()
    {
        var snapshot = Topology.Peered();
        var unused = new RouteTable("rtb-33333333", false, ["subnet-99999999"], [], Topology.NoTags);
        snapshot = snapshot with { Requester = snapshot.Requester with { RouteTables = [unused, .. snapshot.Requester.RouteTables] } };

        Assert.True(Check(snapshot).IsReachable);
    }

    [Fact]
    public void An_explicit_association_wins_over_the_main_route_table()
    {
        var snapshot = Topology.Peered();
        var associated = new RouteTable("rtb-33333333", false, [Topology.RequesterSubnetId], [], Topology.NoTags);
        snapshot = snapshot with { Requester = snapshot.Requester with { RouteTables = [.. snapshot.Requester.RouteTables, associated] } };

        Assert.Equal("route: rtb-33333333 has no route to 10.2.1.0/24", Check(snapshot).Explanation);
    }

    [Theory]
    [InlineData(PeeringStatus.PendingAcceptance)]
    [InlineData(PeeringStatus.Deleted)]
    public void A_route_to_a_peering_that_is_not_active_does_not_count(string status)
    {
        var verdict = Check(Topology.Peered() with { Peering = Topology.Peering(status) });

        Assert.Equal(Hop.Route, verdict.BlockedAt);
        Assert.Contains(status, verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blackhole_route_drops_the_traffic()
    {
        var snapshot = Topology.Peered();
        snapshot = snapshot with { Requester = Topology.WithRoute(snapshot.Requester, "10.2.1.0/24", RouteTarget.Peering("pcx-99999999"),
            RouteState.Blackhole) };

        Assert.Contains("blackhole", Check(snapshot).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_longest_prefix_wins()
    {
        var snapshot = Topology.Peered();
        snapshot = snapshot with { Requester = Topology.WithRoute(snapshot.Requester, "10.2.1.0/25",
            new RouteTarget(RouteTargetKind.Gateway, "igw-0a1b2c3d")) };

        Assert.Equal(
            $"route: {Topology.RequesterTableId} sends 10.2.1.0/25 to igw-0a1b2c3d, which does not lead to {Topology.AccepterVpcId}",
            Check(snapshot).Explanation);
    }

    [Fact]
    public void A_missing_return_route_blocks_the_replies()
    {
        var snapshot = Topology.Peered();
        snapshot = snapshot with { Accepter = snapshot.Accepter with { RouteTables = [.. snapshot.Accepter.RouteTables.Select(table
            => table with { Routes = [table.Routes[0]] })] } };

        Assert.Equal(Hop.ReturnRoute, Check(snapshot).BlockedAt);
    }

    [Fact]
    public void Source_egress_without_a_matching_rule_is_named()
    {
        var snapshot = Topology.Peered();
        snapshot = snapshot with { Requester = Topology.WithEgressRules(snapshot.Requester, Topology.Ingress("tcp", 80, 80, "0.0.0.0/0")) };

        Assert.Equal($"security group {Topology.RequesterGroupId} egress has no rule for tcp/443 to 10.2.1.0/24",
            Check(snapshot).Explanation);
    }

    [Fact]
    public void Destination_ingress_without_a_matching_rule_is_named()
    {
        var verdict = Check(Topology.Peered(), PortSpec.Tcp(5432));

        Assert.Equal($"security group {Topology.AccepterGroupId} ingress has no rule for tcp/5432 from 10.1.1.0/24", verdict.Explanation);
    }

    [Fact]
    public void Rules_from_several_groups_add_up()
    {
        var snapshot = Topology.Peered();
        var extra = new SecurityGroup("sg-33333333", "db", [Topology.Ingress("tcp", 5432, 5432, "10.1.0.0/16")], [], Topology.NoTags);
        snapshot = snapshot with { Accepter = snapshot.Accepter with { SecurityGroups = [.. snapshot.Accepter.SecurityGroups, extra] } };
        var accepter = Accepter with { SecurityGroupIds = [Topology.AccepterGroupId, "sg-33333333"] };

        Assert.True(new ReachabilityAnalyzer(snapshot).Check(Requester, accepter, PortSpec.Tcp(5432)).IsReachable);
    }

    [Fact]
    public void A_rule_referencing_the_peer_group_allows_it_across_an_active_same_region_peering()
    {
        var snapshot = Topology.Peered();
        var byGroup = new SecurityGroupRule("tcp", 5432, 5432, [], [], [$"{Topology.RequesterAccount}/{Topology.RequesterGroupId}"], null);
        snapshot = snapshot with { Accepter = Topology.WithIngress(snapshot.Accepter, byGroup) };

        Assert.True(Check(snapshot, PortSpec.Tcp(5432)).IsReachable);
    }

    [Fact]
    public void Nacl_inbound_deny_names_the_rule_number()
    {
        var snapshot = Topology.Peered();
        snapshot = snapshot with { Accepter = Topology.WithAclEntry(snapshot.Accepter, new NetworkAclEntry(90, false, "tcp", 443, 443,
            "10.1.0.0/16", NetworkAclAction.Deny)) };

        Assert.Equal($"nacl {Topology.AccepterAclId} inbound rule 90 denies tcp/443 from 10.1.1.0/24", Check(snapshot).Explanation);
    }

    [Fact]
    public void Nacl_rules_apply_in_rule_number_order()
    {
        var snapshot = Topology.Peered();
        snapshot = snapshot with { Accepter = Topology.WithAclEntry(snapshot.Accepter, new NetworkAclEntry(110, false, "tcp", 443, 443,
            "10.1.0.0/16", NetworkAclAction.Deny)) };

        Assert.True(Check(snapshot).IsReachable);
    }

    [Fact]
    public void A_nacl_blocking_the_ephemeral_return_path_is_named()
    {
        var snapshot = Topology.Peered();
        snapshot = snapshot with { Requester = Topology.WithAclEntry(snapshot.Requester, new NetworkAclEntry(50, false, "tcp", 32768,
            60999, "0.0.0.0/0", NetworkAclAction.Deny)) };

        var verdict = Check(snapshot);

        Assert.Equal(Hop.ReturnSourceNetworkAcl, verdict.BlockedAt);
        Assert.Equal($"nacl {Topology.RequesterAclId} inbound rule 50 denies tcp/1024-65535 from 10.2.1.0/24", verdict.Explanation);
    }

    [Fact]
    public void Security_groups_are_stateful_so_replies_need_no_egress_rule()
    {
        var snapshot = Topology.Peered();
        snapshot = snapshot with { Accepter = Topology.WithEgressRules(snapshot.Accepter) };

        Assert.True(Check(snapshot).IsReachable);
    }

    [Fact]
    public void An_unknown_subnet_is_named()
    {
        var verdict = new ReachabilityAnalyzer(Topology.Peered()).Check(Requester, new Endpoint("subnet-99999999", []), PortSpec.Icmp);

        Assert.Equal(Hop.Subnet, verdict.BlockedAt);
    }

    [Fact]
    public void The_matrix_covers_every_subnet_pair_both_ways_for_every_port()
    {
        var matrix = new ReachabilityAnalyzer(Topology.Peered())
            .Matrix([PortSpec.Tcp(443), PortSpec.Tcp(22)], [Topology.RequesterGroupId], [Topology.AccepterGroupId]);

        Assert.Equal(4, matrix.Count);
        Assert.Equal([true, true, false, false], matrix.Select(result => result.Verdict.IsReachable));
    }
}
