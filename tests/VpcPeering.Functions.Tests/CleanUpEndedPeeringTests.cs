using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.EC2.Model;
using VpcPeering.Functions.Ec2;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Tests.Support;
using static VpcPeering.Functions.Tests.Support.FunctionsCloud;

namespace VpcPeering.Functions.Tests;

/// <summary>
/// Event mode: account B accepted A's peering and configured its own side. When A ends the peering, only B's stack can
/// remove B's side (CleanUpEndedPeering), and A's teardown names the accepters it must tell.
/// </summary>
public sealed class CleanUpEndedPeeringTests : IDisposable
{
    private readonly FunctionsCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Fact]
    public async Task A_deleted_peering_loses_only_the_accepter_side_configuration_and_a_second_call_removes_nothing()
    {
        var (run, requesterVpc, accepterVpc) = await EventModeRunAsync();
        var before = await SnapshotAsync(accepterVpc);
        await ConfigureBothSidesAsync(run);
        await _cloud.Ec2().DeleteVpcPeeringConnectionAsync(new DeleteVpcPeeringConnectionRequest { VpcPeeringConnectionId = run.PeeringConnectionId });

        var first = await CleanUpAsync(run.PeeringConnectionId, sender: AccountA);
        var second = await CleanUpAsync(run.PeeringConnectionId, sender: AccountA);

        Assert.Equal(before, await SnapshotAsync(accepterVpc));
        var removed = first["removed"]!.AsArray().Select(item => item!.GetValue<string>()).ToList();
        Assert.Contains(removed, item => item.EndsWith($"10.0.0.0/16 -> {run.PeeringConnectionId}", StringComparison.Ordinal));
        Assert.Contains(removed, item => item.StartsWith("sg-", StringComparison.Ordinal));
        Assert.Empty(second["removed"]!.AsArray());
        // The requester's side is the requester's business: its (now blackhole) route is still there.
        Assert.Contains((await _cloud.RouteTablesAsync(requesterVpc)).SelectMany(table => table.Routes),
            route => route.VpcPeeringConnectionId == run.PeeringConnectionId && route.State == Amazon.EC2.RouteState.Blackhole);
    }

    [Fact]
    public async Task An_account_that_did_not_request_the_peering_is_SenderNotRequester_and_nothing_is_removed()
    {
        var (run, _, accepterVpc) = await EventModeRunAsync();
        await ConfigureBothSidesAsync(run);
        await _cloud.Ec2().DeleteVpcPeeringConnectionAsync(new DeleteVpcPeeringConnectionRequest { VpcPeeringConnectionId = run.PeeringConnectionId });
        var configured = await SnapshotAsync(accepterVpc);

        var error = await Assert.ThrowsAsync<SenderNotRequester>(() => CleanUpAsync(run.PeeringConnectionId, sender: "333333333333"));

        Assert.Contains("333333333333", error.Message, StringComparison.Ordinal);
        Assert.Equal(configured, await SnapshotAsync(accepterVpc));
    }

    [Fact]
    public async Task A_peering_that_is_still_active_is_PeeringStillActive_and_keeps_its_configuration()
    {
        var (run, _, accepterVpc) = await EventModeRunAsync();
        await ConfigureBothSidesAsync(run);
        var configured = await SnapshotAsync(accepterVpc);

        await Assert.ThrowsAsync<PeeringStillActive>(() => CleanUpAsync(run.PeeringConnectionId, sender: AccountA));

        Assert.Equal(configured, await SnapshotAsync(accepterVpc));
    }

    [Fact]
    public async Task A_peering_this_account_cannot_see_is_PeeringNotFound()
    {
        await Assert.ThrowsAsync<PeeringNotFound>(() => CleanUpAsync("pcx-0123456789abcdef0", sender: AccountA));
    }

    [Fact]
    public async Task Teardown_names_the_accepter_it_cannot_reach_so_the_state_machine_can_tell_its_stack()
    {
        var (run, requesterVpc, accepterVpc) = await EventModeRunAsync();
        await ConfigureBothSidesAsync(run);

        var teardown = await FunctionsCloud.InvokeAsync(new TeardownFunction(_cloud.Services()).Handle,
            new JsonObject { ["peeringConnectionId"] = run.PeeringConnectionId, ["executionName"] = "teardown-1" });

        var notice = Assert.Single(teardown["accepterNotices"]!.AsArray())!;
        Assert.Equal(run.PeeringConnectionId, notice["peeringConnectionId"]!.GetValue<string>());
        Assert.Equal((accepterVpc, East, AccountB), Location(notice["accepter"]!));
        Assert.Equal((requesterVpc, East, AccountA), Location(notice["requester"]!));
        Assert.DoesNotContain((await _cloud.RouteTablesAsync(requesterVpc)).SelectMany(table => table.Routes),
            route => route.VpcPeeringConnectionId == run.PeeringConnectionId);
        Assert.Contains((await _cloud.RouteTablesAsync(accepterVpc, AccountB)).SelectMany(table => table.Routes),
            route => route.VpcPeeringConnectionId == run.PeeringConnectionId);
    }

    [Fact]
    public async Task Teardown_of_a_peering_with_both_sides_in_reach_names_no_accepter()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16");
        var run = new PeeringRun(_cloud);
        await run.ActivateAsync(Request(requester.VpcId, accepter.VpcId));

        var teardown = await run.InvokeAsync(new TeardownFunction(_cloud.Services()).Handle);

        Assert.Empty(teardown["accepterNotices"]!.AsArray());
    }

    /// <summary>A cross-account request without a role (event mode) from A's VPC to B's, its peering active.</summary>
    private async Task<(PeeringRun Run, string RequesterVpc, string AccepterVpc)> EventModeRunAsync()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16", AccountB);
        var run = new PeeringRun(_cloud);
        await run.ResolveAsync(Request(requester.VpcId, accepter.VpcId, AccountB));
        await run.RequestPeeringAsync();
        _cloud.Advance(2);
        await run.InvokeAsync(new AcceptPeeringFunction(_cloud.Services(AccountB)).Handle, ("peeringConnectionId", run.PeeringConnectionId));
        _cloud.Advance(5);
        await run.DescribeAsync();
        return (run, requester.VpcId, accepter.VpcId);
    }

    /// <summary>Each side configured by its own account, as event mode does: A's routes, B's routes and security-group rule.</summary>
    private async Task ConfigureBothSidesAsync(PeeringRun run)
    {
        await run.ConfigureAsync(new ConfigureRoutesFunction(_cloud.Services()).Handle, "requester");
        await run.ConfigureAsync(new ConfigureRoutesFunction(_cloud.Services(AccountB)).Handle, "accepter");
        var rules = await run.ConfigureAsync(new ConfigureSecurityGroupsFunction(_cloud.Services(AccountB)).Handle, "accepter");
        Assert.NotEmpty(rules["changed"]!.AsArray());
    }

    private Task<JsonNode> CleanUpAsync(string peeringConnectionId, string sender) =>
        FunctionsCloud.InvokeAsync(new CleanUpEndedPeeringFunction(_cloud.Services(AccountB)).Handle, new JsonObject
        {
            ["peeringConnectionId"] = peeringConnectionId,
            ["senderAccountId"] = sender,
            ["executionName"] = "ended-1",
        });

    private async Task<string> SnapshotAsync(string accepterVpc) =>
        JsonSerializer.Serialize(await new NetworkReader(_cloud.Ec2(AccountB), East).DescribeAsync(accepterVpc, VpcParts.All));

    private static (string VpcId, string Region, string AccountId) Location(JsonNode node) =>
        (node["vpcId"]!.GetValue<string>(), node["region"]!.GetValue<string>(), node["accountId"]!.GetValue<string>());
}
