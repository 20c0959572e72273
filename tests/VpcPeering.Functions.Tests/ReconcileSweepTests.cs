using System.Text.Json.Nodes;
using Amazon.EC2.Model;
using VpcPeering.Functions.Tests.Support;
using static VpcPeering.Functions.Tests.Support.FunctionsCloud;

namespace VpcPeering.Functions.Tests;

/// <summary>
/// The scheduled sweep's garbage collection. A deleted peering leaves blackhole routes behind (Amazon VPC Peering Guide,
/// "VPC peering connection lifecycle"); EC2 keeps describing a deleted peering for 2 hours to the side that deleted it
/// and 2 days to the other, then not at all, so the sweep must work from what it finds in the account either way.
/// </summary>
public sealed class ReconcileSweepTests : IDisposable
{
    private const int TwoSecondsOfDeleting = 5;
    private const int ThreeDays = 3 * 24 * 3600;

    private readonly FunctionsCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Theory]
    [InlineData(TwoSecondsOfDeleting, "deleted")]
    [InlineData(ThreeDays, "no longer described")]
    public async Task Routes_rules_and_nacl_entries_of_a_peering_deleted_out_of_band_go_and_a_live_peerings_stay(int after, string state)
    {
        var (requester, accepter, other) = (await _cloud.CreateVpcAsync("10.0.0.0/16"), await _cloud.CreateVpcAsync("10.1.0.0/16"),
            await _cloud.CreateVpcAsync("10.2.0.0/16"));
        var acl = await BlockingNetworkAclAsync(requester.VpcId);
        var dead = await ConfiguredPeeringAsync(requester.VpcId, accepter.VpcId, "dead");
        var live = await ConfiguredPeeringAsync(requester.VpcId, other.VpcId, "live");
        var liveBefore = await ArtifactsAsync(live, acl);
        Assert.NotEmpty((await ArtifactsAsync(dead, acl)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        await _cloud.Ec2().DeleteVpcPeeringConnectionAsync(new DeleteVpcPeeringConnectionRequest { VpcPeeringConnectionId = dead });
        _cloud.Advance(after);

        var result = await SweepAsync();

        Assert.True(result["swept"]!.AsArray().Select(id => id!.GetValue<string>()).SequenceEqual([dead]), state);
        Assert.Equal("", await ArtifactsAsync(dead, acl));
        Assert.Equal(liveBefore, await ArtifactsAsync(live, acl));
        var removed = result["removed"]!.AsArray().Select(line => line!.GetValue<string>()).ToList();
        Assert.Contains(removed, line => line.EndsWith($"10.1.0.0/16 -> {dead}", StringComparison.Ordinal));
        Assert.Contains(removed, line => line.EndsWith($"10.0.0.0/16 -> {dead}", StringComparison.Ordinal));
        Assert.Contains(removed, line => line.StartsWith(acl, StringComparison.Ordinal));
        Assert.Empty(result["reported"]!.AsArray());
    }

    [Fact]
    public async Task A_route_to_a_dead_peering_the_tool_never_managed_is_reported_and_left()
    {
        var (left, right) = (await _cloud.CreateVpcAsync("10.0.0.0/16"), await _cloud.CreateVpcAsync("10.1.0.0/16"));
        var created = await _cloud.Ec2().CreateVpcPeeringConnectionAsync(
            new CreateVpcPeeringConnectionRequest { VpcId = left.VpcId, PeerVpcId = right.VpcId });
        var pcx = created.VpcPeeringConnection.VpcPeeringConnectionId;
        _cloud.Advance(2);
        await _cloud.Ec2().AcceptVpcPeeringConnectionAsync(new AcceptVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcx });
        _cloud.Advance(5);
        var table = (await _cloud.RouteTablesAsync(left.VpcId)).Single().RouteTableId;
        await _cloud.Ec2().CreateRouteAsync(
            new CreateRouteRequest { RouteTableId = table, DestinationCidrBlock = "10.1.0.0/16", VpcPeeringConnectionId = pcx });
        await _cloud.Ec2().DeleteVpcPeeringConnectionAsync(new DeleteVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcx });
        _cloud.Advance(5);

        var result = await SweepAsync();

        Assert.Empty(result["swept"]!.AsArray());
        Assert.Contains($"{table} 10.1.0.0/16 -> {pcx} (deleted): not managed", result["reported"]![0]!.GetValue<string>(),
            StringComparison.Ordinal);
        var route = (await _cloud.RouteTablesAsync(left.VpcId)).Single().Routes.Single(r => r.VpcPeeringConnectionId == pcx);
        Assert.Equal("blackhole", route.State.Value);
    }

    [Fact]
    public async Task Nothing_dead_means_nothing_changes()
    {
        var (requester, accepter) = (await _cloud.CreateVpcAsync("10.0.0.0/16"), await _cloud.CreateVpcAsync("10.1.0.0/16"));
        await ConfiguredPeeringAsync(requester.VpcId, accepter.VpcId, "live");
        var mutations = Mutations();

        var result = await SweepAsync();

        Assert.Empty(result["swept"]!.AsArray());
        Assert.Empty(result["removed"]!.AsArray());
        Assert.Equal(mutations, Mutations());
    }

    /// <summary>Invokes the handler with what the schedule rule sends: an EventBridge "Scheduled Event".</summary>
    private Task<JsonNode> SweepAsync() =>
        InvokeAsync(new ReconcileFunction(_cloud.Services()).Handle, Json($$"""
            {"version": "0", "id": "5a1c9f0e-0000-4000-8000-000000000001", "detail-type": "Scheduled Event", "source": "aws.events",
             "account": "{{AccountA}}", "time": "2026-11-26T06:15:00Z", "region": "{{East}}",
             "resources": ["arn:aws:events:us-east-1:111111111111:rule/vpc-peering-ReconcileFunctionSweep"], "detail": {} }
            """));

    /// <summary>A same-account peering with routes, rules and (through the blocking NACL) NACL entries on both sides.</summary>
    private async Task<string> ConfiguredPeeringAsync(string requesterVpc, string accepterVpc, string name)
    {
        var run = new PeeringRun(_cloud, name);
        await run.ActivateAsync(Request(requesterVpc, accepterVpc, extra: """, "networkAcls": "update" """));
        foreach (var side in new[] { "requester", "accepter" })
        {
            await run.ConfigureAsync(new ConfigureRoutesFunction(_cloud.Services()).Handle, side);
            await run.ConfigureAsync(new ConfigureSecurityGroupsFunction(_cloud.Services()).Handle, side);
            await run.ConfigureAsync(new ConfigureNetworkAclsFunction(_cloud.Services()).Handle, side);
        }

        return run.PeeringConnectionId;
    }

    /// <summary>A new NACL (it denies everything) in place of the VPC's default one, so that "update" adds entries.</summary>
    private async Task<string> BlockingNetworkAclAsync(string vpcId)
    {
        var ec2 = _cloud.Ec2();
        var acl = (await ec2.CreateNetworkAclAsync(new CreateNetworkAclRequest { VpcId = vpcId })).NetworkAcl.NetworkAclId;
        var current = (await ec2.DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest { Filters = [new Filter("vpc-id", [vpcId])] }))
            .NetworkAcls.Single(candidate => candidate.IsDefault == true);
        foreach (var association in current.Associations ?? [])
        {
            await ec2.ReplaceNetworkAclAssociationAsync(new ReplaceNetworkAclAssociationRequest
            {
                AssociationId = association.NetworkAclAssociationId, NetworkAclId = acl,
            });
        }

        return acl;
    }

    /// <summary>Every route to the peering, every rule with its marker, its NACL tag and the entries listed there, one line each.</summary>
    private async Task<string> ArtifactsAsync(string pcx, string acl)
    {
        var ec2 = _cloud.Ec2();
        var lines = new List<string>();
        lines.AddRange((await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest())).RouteTables
            .SelectMany(table => (table.Routes ?? []).Where(route => route.VpcPeeringConnectionId == pcx)
                .Select(route => $"{table.RouteTableId} {route.DestinationCidrBlock}")));
        lines.AddRange((await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest())).SecurityGroups
            .SelectMany(group => (group.IpPermissions ?? []).SelectMany(permission => permission.Ipv4Ranges ?? [])
                .Where(range => range.Description?.EndsWith($"[vpc-peering {pcx}]", StringComparison.Ordinal) == true)
                .Select(range => $"{group.GroupId} {range.CidrIp}")));
        var tags = (await ec2.DescribeTagsAsync(new DescribeTagsRequest
        {
            Filters = [new Filter("resource-id", [acl]), new Filter("key", [$"vpc-peering:{pcx}"])],
        })).Tags ?? [];
        foreach (var tag in tags)
        {
            var entries = (await ec2.DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest { NetworkAclIds = [acl] }))
                .NetworkAcls.Single().Entries ?? [];
            lines.Add($"{acl} tag {tag.Value}");
            var listed = tag.Value.Split(' ');
            lines.AddRange(entries.Where(entry => listed.Contains($"{(entry.Egress == true ? "out" : "in")}:{entry.RuleNumber}"))
                .Select(entry => $"{acl} #{entry.RuleNumber} {entry.CidrBlock}"));
        }

        return string.Join("\n", lines.Order(StringComparer.Ordinal));
    }

    private int Mutations() => _cloud.Cloud.RequestLog.For("ec2").Count(entry => !entry.IsReadOnly && entry.Succeeded);
}
