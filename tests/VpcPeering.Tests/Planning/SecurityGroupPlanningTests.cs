using VpcPeering.Network;
using VpcPeering.Planning;

namespace VpcPeering.Tests.Planning;

public class SecurityGroupPlanningTests : PlannerTestBase
{
    [Fact]
    public void Ingress_is_opened_from_the_peer_cidrs_on_the_requested_ports()
    {
        var plan = Plan(Topology.Unpeered());

        var change = Assert.Single(plan.SecurityGroupRules);
        Assert.Equal((Side.Accepter, Topology.AccepterGroupId, ChangeKind.Add), (change.Side, change.GroupId, change.Kind));
        Assert.Equal(("tcp", 443, 443, "10.1.0.0/16"), (change.Rule.Protocol, change.Rule.FromPort, change.Rule.ToPort,
            change.Rule.Ipv4Cidrs.Single()));
    }

    [Fact]
    public void Rules_are_never_wider_than_the_routed_peer_blocks()
    {
        var plan = Plan(Topology.Unpeered(), Request("""
            "routes": { "exclude": ["10.1.128.0/17"] }
            """));

        Assert.Equal(["10.1.0.0/17"], plan.SecurityGroupRules.SelectMany(change => change.Rule.Ipv4Cidrs));
    }

    [Fact]
    public void A_rule_already_allowing_the_traffic_is_skipped()
    {
        var snapshot = Topology.Unpeered() with { Accepter = Topology.WithIngress(Topology.Accepter(), Topology.Ingress("tcp", 0, 65535,
            "10.0.0.0/8")) };

        var plan = Plan(snapshot);

        Assert.Equal(ChangeKind.Present, Assert.Single(plan.SecurityGroupRules).Kind);
    }

    [Fact]
    public void A_narrower_existing_rule_does_not_count_as_present()
    {
        var snapshot = Topology.Unpeered() with { Accepter = Topology.WithIngress(Topology.Accepter(), Topology.Ingress("tcp", 443, 443,
            "10.1.1.0/24")) };

        Assert.Equal(ChangeKind.Add, Assert.Single(Plan(snapshot).SecurityGroupRules).Kind);
    }

    [Fact]
    public void Same_region_grants_may_reference_the_peer_group_with_its_account()
    {
        var plan = Plan(Topology.Unpeered(), Request(securityGroups: $$"""
            [ { "side": "accepter", "defaultGroup": true, "ports": ["tcp/443"], "peerGroupIds": ["{{Topology.RequesterGroupId}}"] } ]
            """));

        Assert.Equal([$"{Topology.RequesterAccount}/{Topology.RequesterGroupId}"],
            Assert.Single(plan.SecurityGroupRules).Rule.ReferencedGroupIds);
    }

    [Fact]
    public void Cross_region_grants_cannot_reference_peer_groups()
    {
        var accepter = Topology.Accepter();
        var snapshot = Topology.Unpeered() with { Accepter = accepter with { Vpc = accepter.Vpc with { Region = "eu-west-2" } } };

        var plan = Plan(snapshot, Request(securityGroups: $$"""
            [ { "side": "accepter", "defaultGroup": true, "ports": ["tcp/443"], "peerGroupIds": ["{{Topology.RequesterGroupId}}"] } ]
            """));

        Assert.Equal("$.securityGroups[0].peerGroupIds", Assert.Single(plan.Problems).Path);
    }

    [Fact]
    public void Unknown_group_ids_are_problems_at_their_path()
    {
        var plan = Plan(Topology.Unpeered(), Request(securityGroups: """
            [ { "side": "requester", "groupIds": ["sg-99999999"], "ports": ["udp/53"] } ]
            """));

        Assert.Equal("$.securityGroups[0].groupIds[0]", Assert.Single(plan.Problems).Path);
    }

    [Fact]
    public void Icmp_rules_use_minus_one_for_type_and_code()
    {
        var plan = Plan(Topology.Unpeered(), Request(securityGroups: """
            [ { "side": "accepter", "defaultGroup": true, "ports": ["icmp"] } ]
            """));

        var rule = Assert.Single(plan.SecurityGroupRules).Rule;
        Assert.Equal(("icmp", -1, -1), (rule.Protocol, rule.FromPort, rule.ToPort));
    }
}
