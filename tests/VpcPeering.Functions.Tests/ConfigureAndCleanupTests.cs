using System.Text.Json;
using Amazon.EC2.Model;
using VpcPeering.Functions.Ec2;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Tests.Support;
using static VpcPeering.Functions.Tests.Support.FunctionsCloud;

namespace VpcPeering.Functions.Tests;

public sealed class ConfigureAndCleanupTests : IDisposable
{
    private readonly FunctionsCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Fact]
    public async Task A_route_to_the_peer_block_elsewhere_fails_preflight_as_RouteConflict_before_anything_is_created()
    {
        var (requester, accepter, other) = await ThreeVpcsAsync();
        await RouteElsewhereAsync(requester.VpcId, "10.1.0.0/16", other);
        var run = new PeeringRun(_cloud);
        await run.ResolveAsync(Request(requester.VpcId, accepter.VpcId));

        await Assert.ThrowsAsync<RouteConflict>(run.PreflightAsync);

        Assert.Single(await _cloud.PeeringsAsync());
    }

    [Fact]
    public async Task A_conflicting_route_is_never_replaced_and_fails_the_step_as_RouteConflict()
    {
        var (requester, accepter, other) = await ThreeVpcsAsync();
        var run = new PeeringRun(_cloud);
        await run.ActivateAsync(Request(requester.VpcId, accepter.VpcId));
        var elsewhere = await RouteElsewhereAsync(requester.VpcId, "10.1.0.0/16", other);

        var error = await Assert.ThrowsAsync<RouteConflict>(() =>
            run.ConfigureAsync(new ConfigureRoutesFunction(_cloud.Services()).Handle, "requester"));

        Assert.Contains(elsewhere, error.Message, StringComparison.Ordinal);
        Assert.Contains((await _cloud.RouteTablesAsync(requester.VpcId)).SelectMany(table => table.Routes),
            route => route.DestinationCidrBlock == "10.1.0.0/16" && route.VpcPeeringConnectionId == elsewhere);
    }

    [Fact]
    public async Task Configuring_again_changes_nothing()
    {
        var (requester, accepter, _) = await ThreeVpcsAsync();
        var run = new PeeringRun(_cloud);
        await run.ActivateAsync(Request(requester.VpcId, accepter.VpcId));
        await ConfigureBothSidesAsync(run);

        var routes = await run.ConfigureAsync(new ConfigureRoutesFunction(_cloud.Services()).Handle, "requester");
        var rules = await run.ConfigureAsync(new ConfigureSecurityGroupsFunction(_cloud.Services()).Handle, "accepter");

        Assert.Empty(routes["changed"]!.AsArray());
        Assert.Equal(1, routes["present"]!.GetValue<int>());
        Assert.Empty(rules["changed"]!.AsArray());
    }

    [Fact]
    public async Task Rollback_restores_both_vpcs_exactly_and_deletes_the_peering_this_execution_created()
    {
        var (requester, accepter, _) = await ThreeVpcsAsync();
        var before = await SnapshotsAsync(requester.VpcId, accepter.VpcId);
        var run = new PeeringRun(_cloud);
        await run.ActivateAsync(Request(requester.VpcId, accepter.VpcId));
        await ConfigureBothSidesAsync(run);

        var rollback = await run.RollbackAsync();

        Assert.Equal(before, await SnapshotsAsync(requester.VpcId, accepter.VpcId));
        Assert.Equal("RouteConflict", rollback["error"]!["error"]!.GetValue<string>());
        var peering = (await _cloud.PeeringsAsync()).Single(candidate => candidate.VpcPeeringConnectionId == run.PeeringConnectionId);
        Assert.Contains(peering.Status.Code.Value, new[] { "deleting", "deleted" });
    }

    [Fact]
    public async Task Rollback_leaves_a_peering_it_did_not_create()
    {
        var (requester, accepter, _) = await ThreeVpcsAsync();
        var first = new PeeringRun(_cloud, "first");
        await first.ActivateAsync(Request(requester.VpcId, accepter.VpcId));
        var second = new PeeringRun(_cloud, "second");
        await second.ResolveAsync(Request(requester.VpcId, accepter.VpcId));
        await second.RequestPeeringAsync();

        var rollback = await second.RollbackAsync();

        Assert.Empty(rollback["peeringConnectionIds"]!.AsArray());
        Assert.Equal("active", (await _cloud.PeeringsAsync()).Single(peering => peering.VpcPeeringConnectionId == first.PeeringConnectionId)
            .Status.Code.Value);
    }

    [Fact]
    public async Task Teardown_removes_managed_routes_and_rules_on_both_sides_and_deletes_the_peering()
    {
        var (requester, accepter, _) = await ThreeVpcsAsync();
        var before = await SnapshotsAsync(requester.VpcId, accepter.VpcId);
        var run = new PeeringRun(_cloud);
        await run.ActivateAsync(Request(requester.VpcId, accepter.VpcId));
        await ConfigureBothSidesAsync(run);

        var teardown = await run.InvokeAsync(new TeardownFunction(_cloud.Services()).Handle);

        Assert.Equal(run.PeeringConnectionId, teardown["peeringConnectionIds"]![0]!.GetValue<string>());
        Assert.Equal(before, await SnapshotsAsync(requester.VpcId, accepter.VpcId));
        Assert.DoesNotContain(await _cloud.PeeringsAsync(),
            peering => peering.VpcPeeringConnectionId == run.PeeringConnectionId && peering.Status.Code == "active");
    }

    [Fact]
    public async Task Teardown_by_vpc_finds_the_managed_peerings_that_vpc_requested()
    {
        var (requester, accepter, _) = await ThreeVpcsAsync();
        var run = new PeeringRun(_cloud);
        await run.ActivateAsync(Request(requester.VpcId, accepter.VpcId));
        await ConfigureBothSidesAsync(run);

        var teardown = await FunctionsCloud.InvokeAsync(new TeardownFunction(_cloud.Services()).Handle,
            Json($$"""{"vpcId": "{{requester.VpcId}}", "region": "us-east-1"}"""));

        Assert.Equal(run.PeeringConnectionId, teardown["peeringConnectionIds"]![0]!.GetValue<string>());
        Assert.DoesNotContain((await _cloud.RouteTablesAsync(accepter.VpcId)).SelectMany(table => table.Routes),
            route => route.VpcPeeringConnectionId == run.PeeringConnectionId);
    }

    private async Task ConfigureBothSidesAsync(PeeringRun run)
    {
        foreach (var side in new[] { "requester", "accepter" })
        {
            await run.ConfigureAsync(new ConfigureRoutesFunction(_cloud.Services()).Handle, side);
            await run.ConfigureAsync(new ConfigureSecurityGroupsFunction(_cloud.Services()).Handle, side);
            await run.ConfigureAsync(new ConfigureNetworkAclsFunction(_cloud.Services()).Handle, side);
            await run.ConfigureAsync(new ConfigureDnsFunction(_cloud.Services()).Handle, side);
        }
    }

    private async Task<(Vpc Requester, Vpc Accepter, string OtherPeering)> ThreeVpcsAsync()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16");
        var other = await _cloud.CreateVpcAsync("10.2.0.0/16");
        var pcx = (await _cloud.Ec2().CreateVpcPeeringConnectionAsync(new CreateVpcPeeringConnectionRequest
        {
            VpcId = requester.VpcId,
            PeerVpcId = other.VpcId,
        })).VpcPeeringConnection.VpcPeeringConnectionId;
        _cloud.Advance(2);
        await _cloud.Ec2().AcceptVpcPeeringConnectionAsync(new AcceptVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcx });
        _cloud.Advance(5);
        return (requester, accepter, pcx);
    }

    private async Task<string> RouteElsewhereAsync(string vpcId, string cidr, string peeringConnectionId)
    {
        var main = (await _cloud.RouteTablesAsync(vpcId)).Single(table => table.Associations.Any(association => association.Main == true));
        await _cloud.Ec2().CreateRouteAsync(new CreateRouteRequest
        {
            RouteTableId = main.RouteTableId,
            DestinationCidrBlock = cidr,
            VpcPeeringConnectionId = peeringConnectionId,
        });
        return peeringConnectionId;
    }

    private async Task<string> SnapshotsAsync(params string[] vpcIds)
    {
        var reader = new NetworkReader(_cloud.Ec2(), East);
        var snapshots = new List<object>();
        foreach (var vpcId in vpcIds)
        {
            snapshots.Add(await reader.DescribeAsync(vpcId, VpcParts.All));
        }

        return JsonSerializer.Serialize(snapshots);
    }
}
