using System.Text.Json.Nodes;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Tests.Support;
using static VpcPeering.Functions.Tests.Support.FunctionsCloud;

namespace VpcPeering.Functions.Tests;

public sealed class PreflightAndRequestTests : IDisposable
{
    private readonly FunctionsCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Fact]
    public async Task A_console_request_resolves_to_the_canonical_request_with_the_owner_account_and_default_ports()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16");

        var result = await new PeeringRun(_cloud).ResolveAsync(Request(requester.VpcId, accepter.VpcId));

        Assert.Equal("peer", result["action"]!.GetValue<string>());
        Assert.Equal(AccountA, result["request"]!["requester"]!["accountId"]!.GetValue<string>());
        Assert.Equal("run-1", result["request"]!["requestId"]!.GetValue<string>());
        var grant = result["request"]!["securityGroups"]![0]!;
        Assert.Equal("accepter", grant["side"]!.GetValue<string>());
        Assert.Equal("tcp/443", grant["ports"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task An_invalid_request_fails_as_InvalidPeeringRequest_naming_the_path()
    {
        var error = await Assert.ThrowsAsync<InvalidPeeringRequest>(() => new PeeringRun(_cloud).ResolveAsync(Json("""{"requester": {}}""")));

        Assert.Contains("$.requester.vpcId", error.Message, StringComparison.Ordinal);
        Assert.Empty(_cloud.Cloud.RequestLog.Entries);
    }

    [Fact]
    public async Task Overlapping_blocks_fail_preflight_as_CidrOverlap_before_anything_is_created()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.0.128.0/17");
        var run = new PeeringRun(_cloud);
        await run.ResolveAsync(Request(requester.VpcId, accepter.VpcId));

        var error = await Assert.ThrowsAsync<CidrOverlap>(run.PreflightAsync);

        Assert.Contains("10.0.0.0/16 overlaps 10.0.128.0/17", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _cloud.PeeringsAsync());
    }

    [Fact]
    public async Task A_dry_run_returns_the_plan_and_creates_nothing()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16");
        var run = new PeeringRun(_cloud);
        await run.ResolveAsync(Request(requester.VpcId, accepter.VpcId, extra: ", \"dryRun\": true"));

        var plan = await run.PreflightAsync();

        Assert.True(plan["dryRun"]!.GetValue<bool>());
        Assert.Equal("same-account", plan["acceptMode"]!.GetValue<string>());
        Assert.Equal(2, plan["plan"]!["routes"]!.AsArray().Count);
        Assert.Contains("10.1.0.0/16", plan["rendered"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await _cloud.PeeringsAsync());
    }

    [Fact]
    public async Task Requesting_twice_reuses_the_peering_and_tags_it_as_managed()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16");
        var run = new PeeringRun(_cloud);
        await run.ResolveAsync(Request(requester.VpcId, accepter.VpcId));

        var first = await run.RequestPeeringAsync();
        var second = await run.RequestPeeringAsync();

        Assert.True(first["created"]!.GetValue<bool>());
        Assert.False(second["created"]!.GetValue<bool>());
        Assert.Equal(first["peeringConnectionId"]!.GetValue<string>(), second["peeringConnectionId"]!.GetValue<string>());
        var peering = Assert.Single(await _cloud.PeeringsAsync());
        Assert.Contains(peering.Tags, tag => tag.Key == "managed-by" && tag.Value == "vpc-peering");
        Assert.Contains(peering.Tags, tag => tag.Key == "vpc-peering:request-id" && tag.Value == "run-1");
    }

    [Fact]
    public async Task Concurrent_requests_for_one_pair_leave_exactly_one_live_peering()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16");
        var runs = new[] { new PeeringRun(_cloud, "run-a"), new PeeringRun(_cloud, "run-b") };
        foreach (var run in runs)
        {
            await run.ResolveAsync(Request(requester.VpcId, accepter.VpcId));
        }

        var results = await Task.WhenAll(runs.Select(run => run.RequestPeeringAsync()));

        Assert.Single(results.Select(result => result["peeringConnectionId"]!.GetValue<string>()).Distinct());
        Assert.Single(await _cloud.PeeringsAsync(), peering => peering.Status.Code != "deleted" && peering.Status.Code != "deleting");
    }

    [Fact]
    public async Task Accepting_too_early_is_PeeringNotReady_and_the_wait_loop_counts_its_attempts()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16");
        var run = new PeeringRun(_cloud);
        await run.ResolveAsync(Request(requester.VpcId, accepter.VpcId));
        await run.RequestPeeringAsync();

        await Assert.ThrowsAsync<PeeringNotReady>(run.AcceptAsync);
        _cloud.Advance(2);
        var accepted = await run.AcceptAsync();
        var described = await run.DescribeAsync();

        Assert.Equal("provisioning", accepted["status"]!.GetValue<string>());
        Assert.Equal(1, described["attempt"]!.GetValue<int>());
        Assert.False(described["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Every_log_line_is_json_with_the_execution_and_the_peering()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16");
        var run = new PeeringRun(_cloud);
        await run.ResolveAsync(Request(requester.VpcId, accepter.VpcId));

        var peering = await run.RequestPeeringAsync();

        var created = Assert.Single(_cloud.LogLines(), line => line.GetProperty("action").GetString() == "peering.created");
        Assert.Equal("run-1", created.GetProperty("execution").GetString());
        Assert.Equal(peering["peeringConnectionId"]!.GetValue<string>(), created.GetProperty("pcx").GetString());
        Assert.Equal("RequestPeering", created.GetProperty("function").GetString());
        _ = (JsonNode)peering;
    }
}
