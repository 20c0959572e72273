using System.Text.Json.Nodes;
using Amazon.EC2.Model;
using LocalCloud.StepFunctions;

namespace Workflow.Tests;

/// <summary>
/// A block associated later on a VPC peered from a JSON request (no peering tags): CloudTrail starts the peering workflow,
/// ResolveRequest rebuilds the peering's request from what the tool created, and one child execution per managed peering
/// adds what the new block needs on the peer. Nothing is removed, and the peering is reused.
/// </summary>
public sealed class CidrAssociationScenarios
{
    private const string Requester = Scenarios.Requester;
    private const string Accepter = Scenarios.Accepter;

    [WorkflowFact]
    public async Task A_block_associated_on_the_accepter_of_a_request_peering_is_routed_and_opened_on_the_requester()
    {
        var cloud = WorkflowCloud.Create("same-account-topology.yaml", (Requester, []));
        var (frontend, backend) = (cloud.Topology["frontend"], cloud.Topology["backend"]);
        var request = Scenarios.Request(frontend, backend, Requester);
        request["routes"] = new JsonObject { ["requesterRouteTables"] = new JsonArray(cloud.Topology["frontend-private"]) };
        request["securityGroups"] = new JsonArray(
            Grant("requester", cloud.Topology["frontend-sg"], "tcp/443"),
            Grant("accepter", cloud.Topology["backend-sg"], "tcp/8443"));
        var first = await cloud.RunPeeringAsync(Requester, request);
        var reads = new NetworkReads(cloud, Requester);
        var before = await ManagedAsync(reads, frontend, backend);

        await reads.Ec2.AssociateVpcCidrBlockAsync(new AssociateVpcCidrBlockRequest { VpcId = backend, CidrBlock = "10.21.0.0/16" });
        await cloud.Assembly.RunUntilIdleAsync();

        Assert.All(cloud.Assembly.StepFunctions.Executions, e => PeeringScenarios.AssertSucceeded(e, cloud));
        var pcx = Assert.Single(await reads.PeeringsAsync()).VpcPeeringConnectionId;
        var (parent, child) = Started(cloud, first, pcx);
        Assert.Equal(["ResolveRequest", "Route", "PeerEach", "StartPeering"], parent.StatesEntered());
        AssertPath(child, "ResolveRequest", "Route", "Preflight", "RequestPeering", "AcceptMode", "Configure", "VerifyConnectivity", "Established");
        Assert.DoesNotContain(child.StatesEntered(), state => state is "AcceptPeering" or "Rollback");

        var routes = await reads.PeeringRoutesAsync(frontend);
        Assert.Equal(["10.20.0.0/16", "10.21.0.0/16"], routes[cloud.Topology["frontend-private"]]);
        Assert.Empty(routes[cloud.Topology["frontend-main"]]);
        Assert.All((await reads.PeeringRoutesAsync(backend)).Values, r => Assert.Equal(["10.10.0.0/16"], r));
        Assert.Equal(["10.20.0.0/16", "10.21.0.0/16"], Sources(await reads.GroupAsync(cloud.Topology["frontend-sg"]), pcx, "tcp", 443));
        Assert.Equal(["10.10.0.0/16"], Sources(await reads.GroupAsync(cloud.Topology["backend-sg"]), pcx, "tcp", 8443));
        Assert.Empty(before.Except(await ManagedAsync(reads, frontend, backend)));
    }

    [WorkflowFact]
    public async Task Role_mode_a_block_associated_on_the_requester_is_routed_and_opened_in_the_accepter_account_through_the_role()
    {
        var (cloud, first) = await RoleModePeeredAsync();
        var (app, data) = (cloud.Topology["app"], cloud.Topology["data"]);
        var (requesterReads, accepterReads) = (new NetworkReads(cloud, Requester), new NetworkReads(cloud, Accepter));
        var before = await ManagedAsync(accepterReads, data);

        await AssociateOnRequesterAsync(cloud);

        Assert.All(cloud.Assembly.StepFunctions.Executions, e => PeeringScenarios.AssertSucceeded(e, cloud));
        var pcx = Assert.Single(await requesterReads.PeeringsAsync()).VpcPeeringConnectionId;
        var (parent, child) = Started(cloud, first, pcx);
        AssertPath(parent, "ResolveRequest", "PeerEach", "StartPeering");
        AssertPath(child, "Preflight", "RequestPeering", "Configure", "Established");
        Assert.Equal("role", child.Output!["acceptMode"]!.GetValue<string>());
        Assert.All((await accepterReads.PeeringRoutesAsync(data)).Values, r => Assert.Equal(["10.0.0.0/16", "10.3.0.0/16"], r));
        Assert.Equal(["10.0.0.0/16", "10.3.0.0/16"], Sources(await accepterReads.GroupAsync(cloud.Topology["data-sg"]), pcx, "tcp", 5432));
        Assert.Empty(before.Except(await ManagedAsync(accepterReads, data)));
        Assert.Contains(cloud.Assembly.Cloud.RequestLog.For("ec2", "DescribeRouteTables"),
            e => e.AccountId == Accepter && e.RoleArn == Scenarios.AccessRole && e.Succeeded);
    }

    /// <summary>The least-privilege contract's run: role mode peered from a request, then a block associated on the requester.</summary>
    internal static async Task<WorkflowCloud> RoleModeBlockAssociatedAsync()
    {
        var (cloud, _) = await RoleModePeeredAsync();
        await AssociateOnRequesterAsync(cloud);
        return cloud;
    }

    /// <summary>app → data through the accepter's role, from a request (no tags), opening data-sg on tcp/5432.</summary>
    private static async Task<(WorkflowCloud Cloud, LocalCloud.StepFunctions.StateMachineExecution First)> RoleModePeeredAsync()
    {
        var cloud = WorkflowCloud.Create("two-accounts-topology.yaml", (Requester, Scenarios.Partner(Accepter)), (Accepter, Scenarios.Partner(Requester)));
        var request = Scenarios.Request(cloud.Topology["app"], cloud.Topology["data"], Accepter);
        request["accepter"]!["roleArn"] = Scenarios.AccessRole;
        request["accepter"]!["externalId"] = Scenarios.ExternalId;
        request["securityGroups"] = new JsonArray(Grant("accepter", cloud.Topology["data-sg"], "tcp/5432"));
        return (cloud, await cloud.RunPeeringAsync(Requester, request));
    }

    /// <summary>10.3.0.0/16 associated on app (the CloudTrail event starts the workflow), and everything run.</summary>
    private static async Task AssociateOnRequesterAsync(WorkflowCloud cloud)
    {
        await new NetworkReads(cloud, Requester).Ec2.AssociateVpcCidrBlockAsync(
            new AssociateVpcCidrBlockRequest { VpcId = cloud.Topology["app"], CidrBlock = "10.3.0.0/16" });
        await cloud.Assembly.RunUntilIdleAsync();
    }

    private static JsonObject Grant(string side, string groupId, string ports) => new()
    {
        ["side"] = side,
        ["groupIds"] = new JsonArray(groupId),
        ["ports"] = new JsonArray(ports),
    };

    /// <summary>The execution CloudTrail started, and the one it started for the peering (named after it).</summary>
    private static (StateMachineExecution Parent, StateMachineExecution Child) Started(WorkflowCloud cloud, StateMachineExecution first, string pcx)
    {
        var later = cloud.Assembly.StepFunctions.Executions.Where(e => e != first && e.StateMachine.Name.Contains("PeeringStateMachine", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, later.Count);
        var child = Assert.Single(later, e => e.Execution.Name.StartsWith(pcx + "-", StringComparison.Ordinal));
        var parent = Assert.Single(later, e => e != child);
        Assert.Equal("aws.ec2", parent.Execution.Input!["source"]!.GetValue<string>());
        Assert.EndsWith(parent.Execution.Name, child.Execution.Name, StringComparison.Ordinal);
        return (parent, child);
    }

    /// <summary>Every route to a peering and every rule of the VPCs' groups, one line each, to show that nothing was removed.</summary>
    private static async Task<List<string>> ManagedAsync(NetworkReads reads, params string[] vpcIds)
    {
        var lines = new List<string>();
        foreach (var vpcId in vpcIds)
        {
            lines.AddRange((await reads.PeeringRoutesAsync(vpcId)).SelectMany(table => table.Value.Select(route => $"{table.Key} {route}")));
            var groups = await reads.Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = [new Filter("vpc-id", [vpcId])] });
            lines.AddRange(groups.SecurityGroups.SelectMany(group => group.IpPermissions.SelectMany(permission => (permission.Ipv4Ranges ?? [])
                .Select(range => $"{group.GroupId} {permission.IpProtocol}/{permission.FromPort} {range.CidrIp} {range.Description}"))));
        }

        return lines;
    }

    /// <summary>The blocks a group's rules marked for the peering allow in on a port.</summary>
    private static List<string> Sources(SecurityGroup group, string pcx, string protocol, int port) =>
        [.. group.IpPermissions.Where(permission => permission.IpProtocol == protocol && permission.FromPort == port)
            .SelectMany(permission => permission.Ipv4Ranges ?? [])
            .Where(range => range.Description?.EndsWith($"[vpc-peering {pcx}]", StringComparison.Ordinal) == true)
            .Select(range => range.CidrIp)
            .Order(StringComparer.Ordinal)];

    /// <summary>The execution entered states with these names, in this order.</summary>
    private static void AssertPath(StateMachineExecution execution, params string[] steps)
    {
        var path = execution.StatesEntered();
        var at = 0;
        foreach (var step in steps)
        {
            var found = path.Skip(at).ToList().IndexOf(step);
            Assert.True(found >= 0, $"No state '{step}' after position {at} in: {string.Join(" > ", path)}");
            at += found + 1;
        }
    }
}
