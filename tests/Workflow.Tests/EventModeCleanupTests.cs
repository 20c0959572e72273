using System.Text.Json.Nodes;
using Amazon.EC2.Model;
using LocalCloud.Core;
using LocalCloud.Events;
using LocalCloud.Hosting;
using LocalCloud.StepFunctions;

namespace Workflow.Tests;

/// <summary>
/// Event mode: the accepter's own stack configures its side, so only it can remove that side. When the requester's
/// execution rolls back or its teardown deletes the peering, the requester announces it on the accepter's bus and the
/// accepter's PeeringEnded machine cleans up — for peerings the sender requested, and only once they are no longer live.
/// </summary>
public sealed class EventModeCleanupTests
{
    private const string Requester = Scenarios.Requester;
    private const string Accepter = Scenarios.Accepter;
    private const string Stranger = "333333333333";

    [WorkflowFact]
    public async Task A_requester_failure_after_the_accepter_configured_its_side_leaves_both_networks_as_they_were()
    {
        var cloud = Scenarios.EventCleanupCloud();
        var before = await NetworkState.OfAppAndDataAsync(cloud);
        // The requester's own CreateRoute is refused: that happens in Configure, after the accepter's stack has accepted and configured.
        cloud.Assembly.Cloud.Faults.Add(new FaultRule("ec2", "CreateRoute", "UnauthorizedOperation", 403) { AccountId = Requester });

        var execution = await cloud.RunPeeringAsync(Requester, Scenarios.EventCleanupRequest(cloud));

        Assert.Equal("FAILED", execution.StatusName);
        Assert.Equal("AccessDenied", execution.Execution.Result!.Error);
        AssertPath(execution, "Rollback", "PublishFailed", "AccepterConfiguredItsSide", "TellAccepterFailed", "Failed");
        PeeringScenarios.AssertSucceeded(Single(cloud, Accepter, "AcceptIncoming"), cloud);
        var ended = Single(cloud, Accepter, "PeeringEnded");
        PeeringScenarios.AssertSucceeded(ended, cloud);
        Assert.Equal(["CleanUpOwnSide", "Cleaned"], ended.StatesEntered());
        var removed = ended.Output!["removed"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.Contains(removed, r => r.StartsWith("rtb-", StringComparison.Ordinal));
        Assert.Contains(removed, r => r.StartsWith(cloud.Topology["data-sg"], StringComparison.Ordinal));
        Assert.Contains(removed, r => r.StartsWith(cloud.Topology["data-acl"], StringComparison.Ordinal));
        Assert.Equal(before, await NetworkState.OfAppAndDataAsync(cloud));
        Assert.All(await new NetworkReads(cloud, Accepter).PeeringsAsync(), p => Assert.Contains(p.Status.Code.Value, new[] { "deleted", "deleting" }));
    }

    [WorkflowFact]
    public async Task Removing_the_peer_vpc_tag_in_event_mode_cleans_the_accepter_side_too()
    {
        var cloud = Scenarios.EventCleanupCloud();
        var reads = new NetworkReads(cloud, Requester);
        var app = cloud.Topology["app"];
        var before = await NetworkState.OfAppAndDataAsync(cloud);
        await reads.Ec2.CreateTagsAsync(new CreateTagsRequest
        {
            Resources = [app],
            Tags =
            [
                new Tag("peering:peer-vpc", cloud.Topology["data"]), new Tag("peering:peer-account", Accepter), new Tag("peering:ports", "tcp/5432"),
                new Tag("peering:security-groups", cloud.Topology["data-sg"]), new Tag("peering:network-acls", "update"),
            ],
        });
        await cloud.Assembly.RunUntilIdleAsync();
        var peered = await NetworkState.OfAppAndDataAsync(cloud);

        await reads.Ec2.DeleteTagsAsync(new DeleteTagsRequest { Resources = [app], Tags = [new Tag { Key = "peering:peer-vpc" }] });
        await cloud.Assembly.RunUntilIdleAsync();

        Assert.All(cloud.Assembly.StepFunctions.Executions, e => PeeringScenarios.AssertSucceeded(e, cloud));
        Assert.NotEqual(before, peered);
        AssertPath(Single(cloud, Requester, "Teardown"), "Teardown", "TellAccepters", "TellAccepterDeleted", "TornDown");
        Assert.Equal(["CleanUpOwnSide", "Cleaned"], Single(cloud, Accepter, "PeeringEnded").StatesEntered());
        Assert.Equal(before, await NetworkState.OfAppAndDataAsync(cloud));
        Assert.All(await reads.PeeringsAsync(), p => Assert.Contains(p.Status.Code.Value, new[] { "deleted", "deleting" }));
    }

    [WorkflowFact]
    public async Task An_end_announced_by_an_account_that_did_not_request_the_peering_is_SenderNotRequester_and_removes_nothing()
    {
        var cloud = Scenarios.EventCleanupCloud(Stranger);
        PeeringScenarios.AssertSucceeded(await cloud.RunPeeringAsync(Requester, Scenarios.EventCleanupRequest(cloud)), cloud);
        var pcx = await DeleteByHandAsync(cloud);
        var accepterSide = await NetworkState.OfAsync(cloud, Accepter, cloud.Topology["data"]);
        var mutations = cloud.Ec2Mutations().Count;

        await AnnounceAsync(cloud, Stranger, "VPC Peering Deleted", pcx);

        var ended = Single(cloud, Accepter, "PeeringEnded");
        Assert.Equal("FAILED", ended.StatusName);
        Assert.Equal("SenderNotRequester", ended.Execution.Result!.Error);
        Assert.Equal(accepterSide, await NetworkState.OfAsync(cloud, Accepter, cloud.Topology["data"]));
        Assert.Contains("blackhole", accepterSide, StringComparison.Ordinal);
        Assert.Equal(mutations, cloud.Ec2Mutations().Count);
    }

    [WorkflowFact]
    public async Task Blackhole_routes_of_a_deleted_peering_are_removed_when_its_requester_announces_it_and_a_second_event_changes_nothing()
    {
        var cloud = Scenarios.EventCleanupCloud();
        var before = await NetworkState.OfAsync(cloud, Accepter, cloud.Topology["data"]);
        PeeringScenarios.AssertSucceeded(await cloud.RunPeeringAsync(Requester, Scenarios.EventCleanupRequest(cloud)), cloud);
        // Deleted without the workflow: the accepter's routes stay, as blackhole routes to the deleted peering.
        var pcx = await DeleteByHandAsync(cloud);

        await AnnounceAsync(cloud, Requester, "VPC Peering Deleted", pcx);
        var cleaned = await NetworkState.OfAsync(cloud, Accepter, cloud.Topology["data"]);
        var mutations = cloud.Ec2Mutations().Count;
        await AnnounceAsync(cloud, Requester, "VPC Peering Deleted", pcx);

        Assert.Equal(before, cleaned);
        var runs = Executions(cloud, Accepter, "PeeringEnded");
        Assert.Equal(2, runs.Count);
        Assert.All(runs, e => PeeringScenarios.AssertSucceeded(e, cloud));
        Assert.Empty(runs[1].Output!["removed"]!.AsArray());
        Assert.Equal(mutations, cloud.Ec2Mutations().Count);
        Assert.Equal(before, await NetworkState.OfAsync(cloud, Accepter, cloud.Topology["data"]));
    }

    [WorkflowFact]
    public async Task A_failed_rerun_that_reused_the_live_peering_leaves_the_accepter_side_in_place()
    {
        var cloud = Scenarios.EventCleanupCloud();
        PeeringScenarios.AssertSucceeded(await cloud.RunPeeringAsync(Requester, Scenarios.EventCleanupRequest(cloud), "first"), cloud);
        var peered = await NetworkState.OfAppAndDataAsync(cloud);
        // A new table makes the re-run create a route, which is refused: it fails, and its rollback keeps the reused peering.
        var reads = new NetworkReads(cloud, Requester);
        var table = (await reads.Ec2.CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = cloud.Topology["app"] })).RouteTable.RouteTableId;
        cloud.Assembly.Cloud.Faults.Add(new FaultRule("ec2", "CreateRoute", "UnauthorizedOperation", 403) { AccountId = Requester });

        var rerun = await cloud.RunPeeringAsync(Requester, Scenarios.EventCleanupRequest(cloud), "rerun");

        Assert.Equal("AccessDenied", rerun.Execution.Result!.Error);
        AssertPath(rerun, "Rollback", "TellAccepterFailed", "Failed");
        var ended = Single(cloud, Accepter, "PeeringEnded");
        PeeringScenarios.AssertSucceeded(ended, cloud);
        Assert.Equal(["CleanUpOwnSide", "KeptLivePeering"], ended.StatesEntered());
        Assert.Equal("PeeringStillActive", ended.Output!["Error"]!.GetValue<string>());
        await reads.Ec2.DeleteRouteTableAsync(new DeleteRouteTableRequest { RouteTableId = table });
        Assert.Equal(peered, await NetworkState.OfAppAndDataAsync(cloud));
        Assert.Equal("active", Assert.Single(await reads.PeeringsAsync()).Status.Code.Value);
    }

    [WorkflowFact]
    public async Task A_failure_before_a_peering_exists_tells_the_accepter_nothing()
    {
        var cloud = Scenarios.EventCleanupCloud();
        cloud.Assembly.Cloud.Faults.Add(new FaultRule("ec2", "CreateVpcPeeringConnection", "UnauthorizedOperation", 403) { AccountId = Requester });

        var execution = await cloud.RunPeeringAsync(Requester, Scenarios.EventCleanupRequest(cloud));

        Assert.Equal("AccessDenied", execution.Execution.Result!.Error);
        AssertPath(execution, "RequestPeering", "Rollback", "PublishFailed", "AccepterConfiguredItsSide", "Failed");
        Assert.DoesNotContain("TellAccepterFailed", execution.StatesEntered());
        Assert.DoesNotContain(cloud.Assembly.StepFunctions.Executions, e => e.StateMachine.AccountId == Accepter);
    }

    /// <summary>
    /// event-cleanup-topology.yaml with the stack in both accounts: the accepter allow-lists the requester and admits its
    /// partners' events (the requester, and <paramref name="otherPartners"/>) on its bus.
    /// </summary>
    /// <summary>The requester deletes the peering outside the workflow, so nothing announces it.</summary>
    private static async Task<string> DeleteByHandAsync(WorkflowCloud cloud)
    {
        var reads = new NetworkReads(cloud, Requester);
        var pcx = Assert.Single(await reads.PeeringsAsync()).VpcPeeringConnectionId;
        await reads.Ec2.DeleteVpcPeeringConnectionAsync(new DeleteVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcx });
        return pcx;
    }

    /// <summary>Puts an end-of-peering event on the accepter's bus as <paramref name="sender"/> and lets everything run.</summary>
    private static async Task AnnounceAsync(WorkflowCloud cloud, string sender, string detailType, string pcx)
    {
        var detail = new JsonObject { ["peeringConnectionId"] = pcx, ["requester"] = new JsonObject { ["accountId"] = Requester } };
        var results = await cloud.Assembly.Events.PutEventsAsync(AwsPrincipal.Root(sender), WorkflowCloud.Region,
            [new PutEventsEntry("vpc-peering", detailType, detail.ToJsonString(), EventBusName: $"arn:aws:events:{WorkflowCloud.Region}:{Accepter}:event-bus/vpc-peering")]);
        Assert.All(results, r => Assert.Null(r.ErrorCode));
        await cloud.Assembly.RunUntilIdleAsync();
    }

    private static List<StateMachineExecution> Executions(WorkflowCloud cloud, string account, string machine) =>
        [.. cloud.Assembly.StepFunctions.Executions.Where(e => e.StateMachine.AccountId == account
            && e.StateMachine.Name.Contains($"-{machine}StateMachine-", StringComparison.Ordinal))];

    private static StateMachineExecution Single(WorkflowCloud cloud, string account, string machine) =>
        Assert.Single(Executions(cloud, account, machine));

    /// <summary>The execution entered these states, in this order (others may come between).</summary>
    private static void AssertPath(StateMachineExecution execution, params string[] states)
    {
        var path = execution.StatesEntered();
        var at = 0;
        foreach (var state in states)
        {
            var found = path.Skip(at).ToList().IndexOf(state);
            Assert.True(found >= 0, $"No state '{state}' after position {at} in: {string.Join(" > ", path)}");
            at += found + 1;
        }
    }
}
