using System.Text.Json.Nodes;
using Amazon.EC2.Model;
using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Steps;
using VpcPeering.Functions.Tests.Support;
using PeeringConnection = VpcPeering.Network.PeeringConnection;
using PeeringStatus = VpcPeering.Network.PeeringStatus;
using PeeringVpcInfo = VpcPeering.Network.PeeringVpcInfo;
using VpcPeering.Planning;
using static VpcPeering.Functions.Tests.Support.FunctionsCloud;

namespace VpcPeering.Functions.Tests;

/// <summary>
/// Preflight describes each side once; the Configure steps apply its plan without describing again while it holds,
/// and describe when it does not (a side Preflight could not see, a block associated since).
/// </summary>
public sealed class PlanReuseTests : IDisposable
{
    private readonly FunctionsCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Fact]
    public async Task Configure_steps_apply_preflights_plan_without_describing_their_side()
    {
        var (requester, accepter) = await TwoVpcsAsync();
        var run = new PeeringRun(_cloud);
        await run.ActivateAsync(Request(requester.VpcId, accepter.VpcId));
        var describes = Describes();

        var routes = await run.ConfigureAsync(new ConfigureRoutesFunction(_cloud.Services()).Handle, "requester");
        var rules = await run.ConfigureAsync(new ConfigureSecurityGroupsFunction(_cloud.Services()).Handle, "accepter");
        await run.ConfigureAsync(new ConfigureNetworkAclsFunction(_cloud.Services()).Handle, "accepter");

        Assert.Equal(describes, Describes());
        Assert.Equal([$"10.1.0.0/16 -> {run.PeeringConnectionId}"], RouteDestinations(routes));
        Assert.NotEmpty(rules["changed"]!.AsArray());
    }

    [Fact]
    public async Task Applying_the_plan_twice_changes_nothing_the_second_time()
    {
        var (requester, accepter) = await TwoVpcsAsync();
        var run = new PeeringRun(_cloud);
        await run.ActivateAsync(Request(requester.VpcId, accepter.VpcId));
        await run.ConfigureAsync(new ConfigureRoutesFunction(_cloud.Services()).Handle, "requester");
        await run.ConfigureAsync(new ConfigureSecurityGroupsFunction(_cloud.Services()).Handle, "accepter");

        var routes = await run.ConfigureAsync(new ConfigureRoutesFunction(_cloud.Services()).Handle, "requester");
        var rules = await run.ConfigureAsync(new ConfigureSecurityGroupsFunction(_cloud.Services()).Handle, "accepter");

        Assert.Empty(routes["changed"]!.AsArray());
        Assert.Empty(rules["changed"]!.AsArray());
        Assert.Single((await _cloud.RouteTablesAsync(requester.VpcId)).SelectMany(table => table.Routes), route => route.VpcPeeringConnectionId is not null);
    }

    [Fact]
    public async Task A_block_the_peer_associated_after_preflight_is_routed_too_because_the_plan_no_longer_holds()
    {
        var (requester, accepter) = await TwoVpcsAsync();
        var run = new PeeringRun(_cloud);
        await run.ActivateAsync(Request(requester.VpcId, accepter.VpcId));
        await _cloud.Ec2().AssociateVpcCidrBlockAsync(new AssociateVpcCidrBlockRequest { VpcId = accepter.VpcId, CidrBlock = "10.11.0.0/16" });
        _cloud.Advance(5);
        await run.DescribeAsync();
        var describes = Describes();

        var routes = await run.ConfigureAsync(new ConfigureRoutesFunction(_cloud.Services()).Handle, "requester");

        Assert.True(Describes() > describes, "the step described its side again");
        Assert.Equal([$"10.1.0.0/16 -> {run.PeeringConnectionId}", $"10.11.0.0/16 -> {run.PeeringConnectionId}"], RouteDestinations(routes));
    }

    [Fact]
    public async Task Without_a_plan_as_in_the_accepters_stack_a_configure_step_describes_its_side()
    {
        var (requester, accepter) = await TwoVpcsAsync();
        var run = new PeeringRun(_cloud);
        await run.ActivateAsync(Request(requester.VpcId, accepter.VpcId));
        var describes = Describes();

        var routes = await run.ConfigureAsync(new ConfigureRoutesFunction(_cloud.Services()).Handle, "accepter", withPlan: false);

        Assert.Equal(describes + 1, Describes());
        Assert.Equal([$"10.0.0.0/16 -> {run.PeeringConnectionId}"], RouteDestinations(routes));
    }

    public static TheoryData<string, string[], string[], string[], string[], string, bool> Bases() => new()
    {
        // side, described, planned requester blocks, planned accepter blocks, accepter blocks on the peering now, plan's pcx, holds
        { "requester", ["requester", "accepter"], ["10.0.0.0/16"], ["10.1.0.0/16"], ["10.1.0.0/16"], PeeringPlanner.PendingPeeringId, true },
        { "accepter", ["requester", "accepter"], ["10.0.0.0/16"], ["10.1.0.0/16"], ["10.1.0.0/16"], PeeringPlanner.PendingPeeringId, true },
        { "requester", ["requester", "accepter"], ["10.0.0.0/16"], ["10.1.0.0/16"], ["10.1.0.0/16"], "pcx-1", true },
        { "requester", ["requester", "accepter"], ["10.0.0.0/16"], ["10.1.0.0/16"], ["10.1.0.0/16"], "pcx-other", false },
        { "requester", ["requester", "accepter"], ["10.0.0.0/16"], ["10.1.0.0/16"], ["10.1.0.0/16", "10.11.0.0/16"], PeeringPlanner.PendingPeeringId, false },
        { "accepter", ["requester", "accepter"], ["10.0.0.0/16"], ["10.1.0.0/16"], ["10.1.0.0/16", "10.11.0.0/16"], PeeringPlanner.PendingPeeringId, true },
        { "requester", ["requester"], ["10.0.0.0/16"], [], ["10.1.0.0/16"], PeeringPlanner.PendingPeeringId, false },
        { "accepter", ["requester"], ["10.0.0.0/16"], [], ["10.1.0.0/16"], PeeringPlanner.PendingPeeringId, false },
    };

    [Theory]
    [MemberData(nameof(Bases))]
    public void A_plan_holds_for_a_side_preflight_described_while_the_peer_has_the_blocks_it_planned_with(
        string side, string[] described, string[] requesterBlocks, string[] accepterBlocks, string[] accepterNow, string planned, bool holds)
    {
        var plan = new PeeringPlan(planned, "vpc-a", "vpc-b", [], [], [], [], [], [], [], []);
        var preflight = new PreflightResult("role", null, null, false, true, "", plan, new PlanBasis(described, requesterBlocks, accepterBlocks));
        var peering = new PeeringConnection("pcx-1", PeeringStatus.Active,
            new PeeringVpcInfo("111111111111", East, "vpc-a", ["10.0.0.0/16"], [], false),
            new PeeringVpcInfo("111111111111", East, "vpc-b", accepterNow, [], false),
            new Dictionary<string, string>());

        Assert.Equal(holds, SidePlan.Holds(preflight, Sides.Parse(side), peering));
    }

    [Fact]
    public async Task Accepting_a_request_that_is_still_initiating_is_PeeringNotReady_for_the_state_machine_to_retry()
    {
        var (requester, accepter) = await TwoVpcsAsync();
        var run = new PeeringRun(_cloud);
        await run.ResolveAsync(Request(requester.VpcId, accepter.VpcId));
        await run.PreflightAsync();
        await run.RequestPeeringAsync();

        await Assert.ThrowsAsync<PeeringNotReady>(run.AcceptAsync);
    }

    [Fact]
    public async Task Accepting_a_peering_that_is_already_active_reports_it_instead_of_failing()
    {
        var (requester, accepter) = await TwoVpcsAsync();
        var run = new PeeringRun(_cloud);
        await run.ActivateAsync(Request(requester.VpcId, accepter.VpcId));

        var again = await run.AcceptAsync();

        Assert.Equal("active", again["status"]!.GetValue<string>());
    }

    private int Describes() => _cloud.Cloud.RequestLog.For("ec2").Count(entry => entry.IsReadOnly);

    private static List<string> RouteDestinations(JsonNode result) =>
        [.. result["changed"]!.AsArray().Select(line => line!.GetValue<string>()[(line!.GetValue<string>().IndexOf(' ', StringComparison.Ordinal) + 1)..])];

    private async Task<(Vpc Requester, Vpc Accepter)> TwoVpcsAsync() =>
        (await _cloud.CreateVpcAsync("10.0.0.0/16"), await _cloud.CreateVpcAsync("10.1.0.0/16"));
}
