using VpcPeering.Network;
using VpcPeering.Planning;
using VpcPeering.Requests;

namespace VpcPeering.Tests.Planning;

public class NetworkAclPlanningTests : PlannerTestBase
{
    private static NetworkSnapshot AccepterAcl(params NetworkAclEntry[] entries) =>
        Topology.Unpeered() with { Accepter = Topology.Accepter() with { NetworkAcls = [new NetworkAcl(Topology.AccepterAclId, true, [],
            entries)] } };

    private static NetworkAclEntry Deny(bool egress) => new(NetworkAcl.DefaultRuleNumber, egress, "-1", null, null, "0.0.0.0/0",
        NetworkAclAction.Deny);

    [Fact]
    public void Open_nacls_have_no_findings() => Assert.Empty(Plan(Topology.Unpeered()).NetworkAclFindings);

    [Fact]
    public void A_deny_entry_blocking_the_requested_port_is_found_with_its_rule_number()
    {
        var snapshot = AccepterAcl(
            new NetworkAclEntry(90, false, "tcp", 443, 443, "10.0.0.0/8", NetworkAclAction.Deny),
            new NetworkAclEntry(100, false, "-1", null, null, "0.0.0.0/0", NetworkAclAction.Allow),
            new NetworkAclEntry(100, true, "-1", null, null, "0.0.0.0/0", NetworkAclAction.Allow));

        var finding = Assert.Single(Plan(snapshot).NetworkAclFindings);

        Assert.Equal((Topology.AccepterAclId, false, "90", false), (finding.NetworkAclId, finding.Egress, finding.BlockingRule,
            finding.IsReturnPath));
    }

    [Fact]
    public void A_nacl_without_the_ephemeral_return_path_is_found()
    {
        var snapshot = AccepterAcl(
            new NetworkAclEntry(100, false, "tcp", 443, 443, "10.1.0.0/16", NetworkAclAction.Allow),
            new NetworkAclEntry(100, true, "tcp", 443, 443, "10.1.0.0/16", NetworkAclAction.Allow),
            Deny(false),
            Deny(true));

        var finding = Assert.Single(Plan(snapshot).NetworkAclFindings);

        Assert.Equal((true, new PortRange(1024, 65535), "*", true), (finding.Egress, finding.Ports, finding.BlockingRule,
            finding.IsReturnPath));
    }

    [Fact]
    public void Verify_mode_adds_no_entries()
    {
        var plan = Plan(AccepterAcl(Deny(false), Deny(true)));

        Assert.NotEmpty(plan.NetworkAclFindings);
        Assert.Empty(plan.NetworkAclEntries);
    }

    [Fact]
    public void Update_mode_adds_the_forward_and_return_entries_below_the_deny_all()
    {
        var plan = Plan(AccepterAcl(Deny(false), Deny(true)), Request("\"networkAcls\": \"update\""));

        Assert.Equal(
            [(false, "tcp", 443, 32766), (true, "tcp", 1024, 32766)],
            plan.NetworkAclEntries.Select(change => (change.Entry.Egress, change.Entry.Protocol, change.Entry.FromPort ?? 0,
                change.Entry.RuleNumber)));
    }

    [Fact]
    public void Update_mode_numbers_an_entry_below_an_explicit_deny_and_skips_taken_numbers()
    {
        var plan = Plan(AccepterAcl(
            new NetworkAclEntry(99, false, "-1", null, null, "0.0.0.0/0", NetworkAclAction.Allow),
            new NetworkAclEntry(50, false, "tcp", 443, 443, "10.0.0.0/8", NetworkAclAction.Deny),
            new NetworkAclEntry(49, false, "udp", 53, 53, "10.0.0.0/8", NetworkAclAction.Allow),
            new NetworkAclEntry(100, true, "-1", null, null, "0.0.0.0/0", NetworkAclAction.Allow)),
            Request("\"networkAcls\": \"update\""));

        Assert.Equal(48, Assert.Single(plan.NetworkAclEntries).Entry.RuleNumber);
    }

    [Fact]
    public void The_source_side_needs_outbound_and_return_inbound_entries_too()
    {
        var snapshot = Topology.Unpeered() with
        {
            Requester = Topology.Requester() with { NetworkAcls = [new NetworkAcl(Topology.RequesterAclId, true, [], [Deny(false),
                Deny(true)])] },
        };

        var findings = Plan(snapshot).NetworkAclFindings;

        Assert.Equal([(true, false), (false, true)], findings.Select(finding => (finding.Egress, finding.IsReturnPath)));
    }

    [Fact]
    public void Ports_into_both_sides_give_one_acl_entries_from_both_directions_with_distinct_rule_numbers()
    {
        // The accepter's ACL is planned as the destination of its own ports and as the source of the requester's: the
        // second pass must see the first pass's entries, or both take rule 32766 and EC2 refuses the second.
        var plan = Plan(AccepterAcl(Deny(false), Deny(true)), Request("\"networkAcls\": \"update\"", """
            [ { "side": "accepter", "defaultGroup": true, "ports": ["tcp/443"] },
              { "side": "requester", "defaultGroup": true, "ports": ["tcp/22"] } ]
            """));

        var numbers = plan.NetworkAclEntries.Select(change => (change.NetworkAclId, change.Entry.Egress, change.Entry.RuleNumber)).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal(4, numbers.Count);
        Assert.Empty(PeeringPlanner.Plan(PlanApplier.Apply(AccepterAcl(Deny(false), Deny(true)), plan),
            Request("\"networkAcls\": \"update\"", """
            [ { "side": "accepter", "defaultGroup": true, "ports": ["tcp/443"] },
              { "side": "requester", "defaultGroup": true, "ports": ["tcp/22"] } ]
            """), Topology.PeeringId).NetworkAclEntries);
    }
}
