using Amazon.EC2.Model;
using VpcPeering.Functions.Tests.Support;
using static VpcPeering.Functions.Tests.Support.FunctionsCloud;

namespace VpcPeering.Functions.Tests;

public sealed class HappyPathTests : IDisposable
{
    private readonly FunctionsCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Fact]
    public async Task Same_account_peering_gets_routes_both_ways_and_the_default_port_on_the_accepter()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16");
        var run = new PeeringRun(_cloud);

        await run.ActivateAsync(Request(requester.VpcId, accepter.VpcId));
        var routes = await run.ConfigureAsync(new ConfigureRoutesFunction(_cloud.Services()).Handle, "requester");
        await run.ConfigureAsync(new ConfigureRoutesFunction(_cloud.Services()).Handle, "accepter");
        var rules = await run.ConfigureAsync(new ConfigureSecurityGroupsFunction(_cloud.Services()).Handle, "accepter");
        var verify = await run.InvokeAsync(new VerifyConnectivityFunction(_cloud.Services()).Handle, ("peering", run.Peering!.DeepClone()));

        Assert.Equal("active", run.Peering!["status"]!.GetValue<string>());
        Assert.Single(routes["changed"]!.AsArray());
        Assert.Contains((await _cloud.RouteTablesAsync(requester.VpcId)).SelectMany(table => table.Routes),
            route => route.DestinationCidrBlock == "10.1.0.0/16" && route.VpcPeeringConnectionId == run.PeeringConnectionId);
        Assert.Contains((await _cloud.RouteTablesAsync(accepter.VpcId)).SelectMany(table => table.Routes),
            route => route.DestinationCidrBlock == "10.0.0.0/16" && route.VpcPeeringConnectionId == run.PeeringConnectionId);
        Assert.Single(rules["changed"]!.AsArray());
        var groups = (await _cloud.Ec2().DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters = [new Filter("vpc-id", [accepter.VpcId])],
        })).SecurityGroups;
        var range = groups.SelectMany(group => group.IpPermissions ?? []).SelectMany(permission => permission.Ipv4Ranges ?? [])
            .Single(candidate => candidate.CidrIp == "10.0.0.0/16");
        Assert.EndsWith($"[vpc-peering {run.PeeringConnectionId}]", range.Description, StringComparison.Ordinal);
        Assert.True(verify["reachable"]!.GetValue<bool>(), verify.ToJsonString());
    }
}
