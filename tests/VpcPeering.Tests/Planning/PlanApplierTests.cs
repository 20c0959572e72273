using VpcPeering.Network;
using VpcPeering.Planning;

namespace VpcPeering.Tests.Planning;

public class PlanApplierTests : PlannerTestBase
{
    [Fact]
    public void Planning_again_after_applying_finds_nothing_to_do()
    {
        var request = Request("\"networkAcls\": \"update\", \"dns\": { \"requesterResolvesAccepter\": true }");
        var snapshot = Topology.Unpeered() with { Accepter = Topology.Accepter() with { NetworkAcls = [] } };
        var plan = Plan(snapshot, request);

        var again = Plan(PlanApplier.Apply(snapshot, plan), request);

        Assert.True(plan.HasChanges);
        Assert.False(again.HasChanges);
    }

    [Fact]
    public void Applying_activates_the_peering_with_the_planned_dns_options()
    {
        var plan = Plan(Topology.Unpeered(), Request("\"dns\": { \"requesterResolvesAccepter\": true }"));

        var peering = PlanApplier.Apply(Topology.Unpeered(), plan).Peering!;

        Assert.Equal((PeeringStatus.Active, true, false), (peering.StatusCode, peering.Accepter.AllowDnsResolutionFromRemoteVpc,
            peering.Requester.AllowDnsResolutionFromRemoteVpc));
    }
}
