using System.Text.Json.Nodes;
using Amazon.EC2.Model;

namespace Workflow.Tests;

/// <summary>
/// The scheduled Reconcile sweep removes what a peering deleted out of band left behind: blackhole routes (Amazon VPC
/// Peering Guide, "VPC peering connection lifecycle": deleting a peering leaves the routes that point to it), marked
/// security-group rules and listed NACL entries; a live peering's artifacts stay exactly as they were.
/// </summary>
public sealed class SweepScenarios
{
    private const string Requester = Scenarios.Requester;
    private const string Accepter = Scenarios.Accepter;

    [WorkflowFact]
    public async Task A_peering_the_accepter_deletes_out_of_band_is_swept_at_the_next_schedule_and_a_live_peering_is_left_alone()
    {
        var (cloud, toData, toTools) = await TwoPeeringsAsync();
        var (app, data) = (cloud.Topology["app"], cloud.Topology["data"]);
        PeeringScenarios.AssertSucceeded(toData, cloud);
        PeeringScenarios.AssertSucceeded(toTools, cloud);
        var requester = new NetworkReads(cloud, Requester);
        var accepter = new NetworkReads(cloud, Accepter);
        var dead = PeeringOf(toData);
        var live = PeeringOf(toTools);
        var liveBefore = await ArtifactsAsync(requester, live);
        var deadBefore = await ArtifactsAsync(requester, dead);
        Assert.All(new[] { "rtb-", "sg-", "tag", "#32766 egress", "#32766 ingress" },
            part => Assert.Contains(part, deadBefore, StringComparison.Ordinal));
        Assert.All(new[] { "rtb-", "sg-", "tag", "#32765 egress", "#32765 ingress" },
            part => Assert.Contains(part, liveBefore, StringComparison.Ordinal));
        Assert.Contains("sg-", await ArtifactsAsync(accepter, dead), StringComparison.Ordinal);

        var sweepsBefore = Sweeps(cloud).Count;
        await DeleteOutOfBandThenSweepAsync(cloud, dead);

        var sweeps = Sweeps(cloud).Skip(sweepsBefore).ToList();
        Assert.All(sweeps, s => Assert.Null(s.Result.FunctionError));
        var mine = JsonNode.Parse(
            Assert.Single(sweeps, s => s.FunctionArn.Contains(Requester, StringComparison.Ordinal)).Result.PayloadText)!;
        Assert.Equal([dead], mine["swept"]!.AsArray().Select(id => id!.GetValue<string>()));
        Assert.Contains(mine["removed"]!.AsArray(),
            line => line!.GetValue<string>().EndsWith($"10.1.0.0/16 -> {dead}", StringComparison.Ordinal));
        Assert.Equal("", await ArtifactsAsync(requester, dead));
        Assert.Equal(liveBefore, await ArtifactsAsync(requester, live));
        Assert.Equal("active", (await requester.PeeringsAsync()).Single(p => p.VpcPeeringConnectionId == live).Status.Code.Value);
        // The accepter's own stack swept its side the same way (its rules carry the marker).
        Assert.Equal("", await ArtifactsAsync(accepter, dead));
        Assert.All((await accepter.PeeringRoutesAsync(data)).Values, Assert.Empty);
        Assert.All((await requester.PeeringRoutesAsync(app)).Values, r => Assert.Equal(["10.5.0.0/16"], r));
    }

    /// <summary>The least-privilege contract's run: both peerings made, the role-mode one deleted by the accepter, the next sweep.</summary>
    internal static async Task<WorkflowCloud> SweptAsync()
    {
        var (cloud, toData, _) = await TwoPeeringsAsync();
        await DeleteOutOfBandThenSweepAsync(cloud, PeeringOf(toData));
        return cloud;
    }

    /// <summary>app → data in role mode and app → tools in the same account, over <c>sweep-topology.yaml</c>.</summary>
    private static async Task<(WorkflowCloud Cloud, LocalCloud.StepFunctions.StateMachineExecution ToData, LocalCloud.StepFunctions.StateMachineExecution ToTools)>
        TwoPeeringsAsync()
    {
        var cloud = WorkflowCloud.Create("sweep-topology.yaml",
            (Requester, Scenarios.Partner(Accepter)), (Accepter, Scenarios.Partner(Requester)));
        var toData = await cloud.RunPeeringAsync(Requester, RoleModeRequest(cloud, cloud.Topology["data"]), "to-data");
        var toTools = await cloud.RunPeeringAsync(Requester, SameAccountRequest(cloud, cloud.Topology["tools"]), "to-tools");
        return (cloud, toData, toTools);
    }

    /// <summary>The accepter deletes the peering outside the workflow; 15 minutes later every stack's sweep has run.</summary>
    private static async Task DeleteOutOfBandThenSweepAsync(WorkflowCloud cloud, string peeringConnectionId)
    {
        await new NetworkReads(cloud, Accepter).Ec2.DeleteVpcPeeringConnectionAsync(
            new DeleteVpcPeeringConnectionRequest { VpcPeeringConnectionId = peeringConnectionId });
        cloud.Assembly.Clock.Advance(TimeSpan.FromMinutes(15));
        await cloud.Assembly.SettleAsync();
    }

    /// <summary>app → data through the accepter's role: rules on both sides, NACL entries on app's subnet.</summary>
    private static JsonObject RoleModeRequest(WorkflowCloud cloud, string data)
    {
        var request = Scenarios.Request(cloud.Topology["app"], data, Accepter);
        request["accepter"]!["roleArn"] = Scenarios.AccessRole;
        request["accepter"]!["externalId"] = Scenarios.ExternalId;
        request["networkAcls"] = "update";
        request["securityGroups"] = new JsonArray(
            Grant("requester", cloud.Topology["app-sg"], "tcp/443"),
            Grant("accepter", cloud.Topology["data-sg"], "tcp/5432"));
        return request;
    }

    /// <summary>app → tools in the same account: a rule in tools-sg and NACL entries on app's NACL next to the other peering's.</summary>
    private static JsonObject SameAccountRequest(WorkflowCloud cloud, string tools)
    {
        var request = Scenarios.Request(cloud.Topology["app"], tools, Requester);
        request["networkAcls"] = "update";
        request["securityGroups"] = new JsonArray(Grant("accepter", cloud.Topology["tools-sg"], "tcp/22"));
        return request;
    }

    private static JsonObject Grant(string side, string groupId, string ports) =>
        new() { ["side"] = side, ["groupIds"] = new JsonArray(groupId), ["ports"] = new JsonArray(ports) };

    private static string PeeringOf(LocalCloud.StepFunctions.StateMachineExecution execution) =>
        execution.Output!["peeringConnectionId"]!.GetValue<string>();

    private static List<LocalCloud.Lambda.LambdaInvocationRecord> Sweeps(WorkflowCloud cloud) =>
        [.. cloud.Assembly.Lambda.Invocations.Where(i => i.FunctionArn.Contains("ReconcileFunction", StringComparison.Ordinal))];

    /// <summary>In one account: routes to the peering, rules carrying its marker, its NACL tags and the entries they list.</summary>
    private static async Task<string> ArtifactsAsync(NetworkReads reads, string pcx)
    {
        var lines = new List<string>();
        lines.AddRange(((await reads.Ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest())).RouteTables ?? [])
            .SelectMany(t => (t.Routes ?? []).Where(r => r.VpcPeeringConnectionId == pcx)
                .Select(r => $"{t.RouteTableId} {r.DestinationCidrBlock} {r.State}")));
        lines.AddRange(((await reads.Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest())).SecurityGroups ?? [])
            .SelectMany(g => (g.IpPermissions ?? []).SelectMany(p => (p.Ipv4Ranges ?? [])
                .Where(r => r.Description?.EndsWith($"[vpc-peering {pcx}]", StringComparison.Ordinal) == true)
                .Select(r => $"{g.GroupId} {p.IpProtocol}/{p.FromPort} {r.CidrIp}"))));
        var tags = (await reads.Ec2.DescribeTagsAsync(
            new DescribeTagsRequest { Filters = [new Filter("key", [$"vpc-peering:{pcx}"])] })).Tags ?? [];
        foreach (var tag in tags)
        {
            var acl = (await reads.Ec2.DescribeNetworkAclsAsync(
                new DescribeNetworkAclsRequest { NetworkAclIds = [tag.ResourceId] })).NetworkAcls.Single();
            lines.Add($"{acl.NetworkAclId} tag {tag.Value}");
            lines.AddRange((acl.Entries ?? [])
                .Where(e => tag.Value.Split(' ').Contains($"{(e.Egress == true ? "out" : "in")}:{e.RuleNumber}"))
                .Select(e => $"{acl.NetworkAclId} #{e.RuleNumber} {(e.Egress == true ? "egress" : "ingress")} {e.CidrBlock}"));
        }

        return string.Join("\n", lines.Order(StringComparer.Ordinal));
    }
}
