using VpcPeering.Network;
using VpcPeering.Planning;

namespace VpcPeering.Tests.Planning;

public class DnsPlanningTests : PlannerTestBase
{
    [Fact]
    public void Requester_resolving_the_accepter_sets_the_accepter_side_option()
    {
        var plan = Plan(Topology.Peered(), Request("\"dns\": { \"requesterResolvesAccepter\": true }"));

        Assert.Equal([new DnsChange(Side.Accepter, true)], plan.Dns);
    }

    [Fact]
    public void An_option_already_on_is_not_changed()
    {
        var snapshot = Topology.Peered();
        var requesterOption = snapshot.Peering!.Requester with { AllowDnsResolutionFromRemoteVpc = true };
        snapshot = snapshot with { Peering = snapshot.Peering with { Requester = requesterOption } };

        var plan = Plan(snapshot, Request("\"dns\": { \"accepterResolvesRequester\": true }"));

        Assert.Empty(plan.Dns);
    }

    [Fact]
    public void Dns_needs_dns_hostnames_on_both_vpcs()
    {
        var accepter = Topology.Accepter();
        var snapshot = Topology.Unpeered() with { Accepter = accepter with { Vpc = accepter.Vpc with { EnableDnsHostnames = false } } };

        var plan = Plan(snapshot, Request("\"dns\": { \"requesterResolvesAccepter\": true }"));

        Assert.Equal("$.dns.requesterResolvesAccepter", Assert.Single(plan.Problems).Path);
    }

    [Fact]
    public void No_dns_request_means_no_dns_change() => Assert.Empty(Plan(Topology.Peered()).Dns);

    [Fact]
    public void Every_vpc_without_dns_support_is_reported()
    {
        VpcSnapshot NoDns(VpcSnapshot vpc) => vpc with { Vpc = vpc.Vpc with { EnableDnsSupport = false } };
        var snapshot = Topology.Unpeered() with { Requester = NoDns(Topology.Requester()), Accepter = NoDns(Topology.Accepter()) };

        var plan = Plan(snapshot, Request("\"dns\": { \"accepterResolvesRequester\": true }"));

        Assert.Equal(2, plan.Problems.Count);
    }
}
