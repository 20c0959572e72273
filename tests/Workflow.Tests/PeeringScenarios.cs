using System.Text.Json.Nodes;
using LocalCloud.StepFunctions;

namespace Workflow.Tests;

/// <summary>Issue 6's end-to-end scenarios: template.yaml deployed, the real state machines and handlers, the final EC2 state and the path.</summary>
public sealed class PeeringScenarios
{
    private const string Requester = Scenarios.Requester;
    private const string Accepter = Scenarios.Accepter;
    private const string AccessRole = Scenarios.AccessRole;

    [WorkflowFact]
    public async Task Same_account_same_region_peering_routes_every_table_both_ways()
    {
        var (cloud, execution) = await Scenarios.SameAccountAsync();
        var (frontend, backend) = (cloud.Topology["frontend"], cloud.Topology["backend"]);

        AssertSucceeded(execution, cloud);
        var reads = new NetworkReads(cloud, Requester);
        var peering = Assert.Single(await reads.PeeringsAsync());
        Assert.Equal("active", peering.Status.Code.Value);
        Assert.All((await reads.PeeringRoutesAsync(frontend)).Values, routes => Assert.Equal(["10.20.0.0/16"], routes));
        Assert.All((await reads.PeeringRoutesAsync(backend)).Values, routes => Assert.Equal(["10.10.0.0/16"], routes));
        AssertPath(execution, "Preflight", "RequestPeering", "Accept");
    }

    [WorkflowFact]
    public async Task Dry_run_returns_the_plan_and_changes_nothing()
    {
        var cloud = WorkflowCloud.Create("same-account-topology.yaml", (Requester, []));
        var request = Scenarios.Request(cloud.Topology["frontend"], cloud.Topology["backend"], Requester);
        request["dryRun"] = true;

        var execution = await cloud.RunPeeringAsync(Requester, request);

        AssertSucceeded(execution, cloud);
        Assert.Contains("10.20.0.0/16", execution.Output!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(cloud.Ec2Mutations());
        Assert.Empty(await new NetworkReads(cloud, Requester).PeeringsAsync());
        AssertPath(execution, "Preflight");
        Assert.DoesNotContain(execution.StatesEntered(), s => s.Contains("RequestPeering", StringComparison.Ordinal));
    }

    [WorkflowFact]
    public async Task Overlapping_secondary_cidr_fails_with_CidrOverlap_before_anything_is_created()
    {
        var cloud = WorkflowCloud.Create("overlapping-topology.yaml", (Requester, Scenarios.Partner(Accepter)), (Accepter, Scenarios.Partner(Requester)));
        var request = Scenarios.Request(cloud.Topology["overlap-left"], cloud.Topology["overlap-right"], Accepter);
        request["accepter"]!["roleArn"] = AccessRole;
        request["accepter"]!["externalId"] = Scenarios.ExternalId;

        var execution = await cloud.RunPeeringAsync(Requester, request);

        Assert.Equal("FAILED", execution.StatusName);
        Assert.Equal("CidrOverlap", execution.Execution.Result!.Error);
        Assert.Empty(cloud.Ec2Mutations());
    }

    [WorkflowFact]
    public async Task Cross_account_role_mode_accepts_through_the_partner_role_and_configures_both_sides()
    {
        var (cloud, execution) = await Scenarios.RoleModeAsync();
        var (app, data) = (cloud.Topology["app"], cloud.Topology["data"]);

        AssertSucceeded(execution, cloud);
        Assert.Equal("active", Assert.Single(await new NetworkReads(cloud, Requester).PeeringsAsync()).Status.Code.Value);
        Assert.All((await new NetworkReads(cloud, Requester).PeeringRoutesAsync(app)).Values, r => Assert.Equal(["10.1.0.0/16"], r));
        Assert.All((await new NetworkReads(cloud, Accepter).PeeringRoutesAsync(data)).Values, r => Assert.Equal(["10.0.0.0/16"], r));
        Assert.Contains(cloud.Assembly.Cloud.RequestLog.For("ec2", "AcceptVpcPeeringConnection"),
            e => e.AccountId == Accepter && e.RoleArn == AccessRole && e.Succeeded);
    }

    [WorkflowFact]
    public async Task Cross_account_event_mode_is_accepted_by_the_accepter_stack_and_answered_through_the_relay()
    {
        var (cloud, execution) = await Scenarios.EventModeAsync();
        var data = cloud.Topology["data"];

        AssertSucceeded(execution, cloud);
        Assert.Equal("active", Assert.Single(await new NetworkReads(cloud, Requester).PeeringsAsync()).Status.Code.Value);
        var accepted = Assert.Single(cloud.Assembly.StepFunctions.Executions, e => e.StateMachine.AccountId == Accepter
            && e.StateMachine.Name.Contains("AcceptIncoming", StringComparison.Ordinal));
        Assert.Equal("SUCCEEDED", accepted.StatusName);
        Assert.Contains(cloud.Assembly.StepFunctions.Executions, e => e.StateMachine.AccountId == Requester
            && e.StateMachine.Type == StateMachineType.Express && e.StatusName == "SUCCEEDED");
        Assert.All((await new NetworkReads(cloud, Accepter).PeeringRoutesAsync(data)).Values, r => Assert.Equal(["10.0.0.0/16"], r));
    }

    [WorkflowFact]
    public async Task Tagging_a_vpc_peers_it_and_removing_the_tag_tears_the_peering_down()
    {
        var (cloud, peered) = await Scenarios.TagThenUntagAsync();
        var frontend = cloud.Topology["frontend"];
        var reads = new NetworkReads(cloud, Requester);

        Assert.Equal("active", Assert.Single(peered).Status.Code.Value);
        Assert.All(cloud.Assembly.StepFunctions.Executions, e => Assert.Equal("SUCCEEDED", e.StatusName));
        Assert.All(await reads.PeeringsAsync(), p => Assert.Contains(p.Status.Code.Value, new[] { "deleted", "deleting" }));
        Assert.All((await reads.PeeringRoutesAsync(frontend)).Values, Assert.Empty);
    }

    internal static void AssertSucceeded(StateMachineExecution execution, WorkflowCloud cloud) =>
        Assert.True(execution.StatusName == "SUCCEEDED",
            $"{execution.StatusName}: {execution.Execution.Result?.Error} {execution.Execution.Result?.Cause}\n"
            + $"path: {string.Join(" > ", execution.StatesEntered())}\nlog:\n{cloud.Log}");

    /// <summary>The execution entered states whose names contain these words, in this order.</summary>
    private static void AssertPath(StateMachineExecution execution, params string[] steps)
    {
        var path = execution.StatesEntered();
        var at = 0;
        foreach (var step in steps)
        {
            var found = path.Skip(at).ToList().FindIndex(s => s.Contains(step, StringComparison.Ordinal));
            Assert.True(found >= 0, $"No state like '{step}' after position {at} in: {string.Join(" > ", path)}");
            at += found + 1;
        }
    }
}
