using VpcPeering.Network;
using VpcPeering.Planning;

namespace VpcPeering.Tests.Planning;

public class PlanRendererTests : PlannerTestBase
{
    [Fact]
    public void Additions_render_with_a_plus()
    {
        var text = PlanRenderer.Render(Plan(Topology.Unpeered()));

        Assert.Contains($"+ route {Topology.RequesterTableId} 10.2.0.0/16 -> {Topology.PeeringId}", text, StringComparison.Ordinal);
        Assert.Contains($"+ sg-rule {Topology.AccepterGroupId} ingress tcp/443 from 10.1.0.0/16", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Present_routes_render_with_an_equals_sign()
    {
        var text = PlanRenderer.Render(Plan(Topology.Peered()));

        Assert.Contains($"= route {Topology.AccepterTableId} 10.1.0.0/16 -> {Topology.PeeringId} (already present)", text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Conflicts_and_nacl_findings_render_with_a_bang()
    {
        var snapshot = Topology.Unpeered() with
        {
            Requester = Topology.WithRoute(Topology.Requester(), "10.2.0.0/16", new RouteTarget(RouteTargetKind.Gateway, "igw-0a1b2c3d")),
            Accepter = Topology.WithAclEntry(Topology.Accepter(), new NetworkAclEntry(10, false, "tcp", 443, 443, "10.1.0.0/16",
                NetworkAclAction.Deny)),
        };

        var text = PlanRenderer.Render(Plan(snapshot));

        Assert.Contains($"! conflict route {Topology.RequesterTableId} 10.2.0.0/16 -> igw-0a1b2c3d (exists; not replaced)", text,
            StringComparison.Ordinal);
        Assert.Contains($"! nacl {Topology.AccepterAclId} inbound rule 10 denies tcp/443 from 10.1.0.0/16", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_counts_the_changes() =>
        Assert.EndsWith("Plan: 3 to add, 0 to change, 0 already present, 0 blocking, 0 NACL finding(s).\n",
            PlanRenderer.Render(Plan(Topology.Unpeered())), StringComparison.Ordinal);
}
