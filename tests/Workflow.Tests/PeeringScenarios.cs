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

    [WorkflowFact]
    public async Task Cross_region_role_mode_routes_secondary_and_ipv6_blocks_and_sets_dns_options()
    {
        var cloud = WorkflowCloud.Create("demo-topology.yaml", (Requester, Scenarios.Partner(Accepter)), (Accepter, Scenarios.Partner(Requester)));
        var (app, data) = (cloud.Topology["requester-app"], cloud.Topology["accepter-data"]);
        var request = Scenarios.Request(app, data, Accepter);
        request["accepter"]!["region"] = "eu-west-1";
        request["accepter"]!["roleArn"] = AccessRole;
        request["accepter"]!["externalId"] = Scenarios.ExternalId;
        request["dns"] = new JsonObject { ["requesterResolvesAccepter"] = true, ["accepterResolvesRequester"] = true };

        var execution = await cloud.RunPeeringAsync(Requester, request);

        AssertSucceeded(execution, cloud);
        var accepterReads = new NetworkReads(cloud, Accepter, "eu-west-1");
        var peering = Assert.Single(await accepterReads.PeeringsAsync());
        Assert.Equal("active", peering.Status.Code.Value);
        Assert.True(peering.AccepterVpcInfo.PeeringOptions?.AllowDnsResolutionFromRemoteVpc);
        Assert.True(peering.RequesterVpcInfo.PeeringOptions?.AllowDnsResolutionFromRemoteVpc);
        var accepterRoutes = (await accepterReads.PeeringRoutesAsync(data)).Values.ToList();
        Assert.All(accepterRoutes, r => Assert.Contains("10.2.0.0/16", r));
        Assert.All(accepterRoutes, r => Assert.Contains(r, d => d.Contains(':', StringComparison.Ordinal)));
    }

    [WorkflowFact]
    public async Task A_route_conflict_on_one_table_fails_and_leaves_the_network_as_it_was()
    {
        var cloud = WorkflowCloud.Create("same-account-topology.yaml", (Requester, []));
        var (frontend, backend) = (cloud.Topology["frontend"], cloud.Topology["backend"]);
        var reads = new NetworkReads(cloud, Requester);
        await reads.Ec2.CreateRouteAsync(new Amazon.EC2.Model.CreateRouteRequest
        {
            RouteTableId = cloud.Topology["backend-main"], DestinationCidrBlock = "10.10.0.0/16", GatewayId = "igw-0a1b2c3d4e5f60009",
        });
        var before = await TablesAsync(reads, frontend, backend);

        var execution = await cloud.RunPeeringAsync(Requester, Scenarios.Request(frontend, backend, Requester));

        Assert.Equal("FAILED", execution.StatusName);
        Assert.Equal("RouteConflict", execution.Execution.Result!.Error);
        Assert.Equal(before, await TablesAsync(reads, frontend, backend));
        Assert.All(await reads.PeeringsAsync(), p => Assert.Contains(p.Status.Code.Value, new[] { "deleted", "deleting" }));
        // Preflight sees the conflicting route, so the execution fails before RequestPeering creates anything to roll back.
        AssertPath(execution, "Preflight", "Failed");
    }

    [WorkflowFact]
    public async Task A_cidr_block_associated_later_gets_routes_and_none_are_removed()
    {
        var cloud = WorkflowCloud.Create("same-account-topology.yaml", (Requester, []));
        var (frontend, backend) = (cloud.Topology["frontend"], cloud.Topology["backend"]);
        var reads = new NetworkReads(cloud, Requester);
        await reads.Ec2.CreateTagsAsync(new Amazon.EC2.Model.CreateTagsRequest
        {
            Resources = [frontend], Tags = [new Amazon.EC2.Model.Tag("peering:peer-vpc", backend)],
        });
        await cloud.Assembly.RunUntilIdleAsync();

        await reads.Ec2.AssociateVpcCidrBlockAsync(new Amazon.EC2.Model.AssociateVpcCidrBlockRequest { VpcId = frontend, CidrBlock = "10.11.0.0/16" });
        await cloud.Assembly.RunUntilIdleAsync();

        Assert.All(cloud.Assembly.StepFunctions.Executions, e => AssertSucceeded(e, cloud));
        Assert.All((await reads.PeeringRoutesAsync(backend)).Values, r => Assert.Equal(["10.10.0.0/16", "10.11.0.0/16"], r));
        Assert.All((await reads.PeeringRoutesAsync(frontend)).Values, r => Assert.Equal(["10.20.0.0/16"], r));
    }

    [WorkflowFact]
    public async Task Requester_not_allow_listed_is_rejected_and_nothing_is_left_behind()
    {
        var (cloud, execution) = await Scenarios.EventModeRejectedAsync();
        var (app, data) = (cloud.Topology["app"], cloud.Topology["data"]);

        Assert.Equal("FAILED", execution.StatusName);
        Assert.Equal("RequesterNotAllowed", execution.Execution.Result!.Error);
        Assert.All(await new NetworkReads(cloud, Requester).PeeringsAsync(),
            p => Assert.Contains(p.Status.Code.Value, new[] { "rejected", "deleted", "deleting" }));
        Assert.All((await new NetworkReads(cloud, Requester).PeeringRoutesAsync(app)).Values, Assert.Empty);
        Assert.All((await new NetworkReads(cloud, Accepter).PeeringRoutesAsync(data)).Values, Assert.Empty);
    }

    [WorkflowFact]
    public async Task Rerunning_a_succeeded_request_changes_nothing()
    {
        var (cloud, first) = await Scenarios.SameAccountAsync();
        var mutationsBefore = cloud.Ec2Mutations().Count;

        var second = await cloud.RunPeeringAsync(Requester, Scenarios.Request(cloud.Topology["frontend"], cloud.Topology["backend"], Requester));

        AssertSucceeded(first, cloud);
        AssertSucceeded(second, cloud);
        Assert.Equal(mutationsBefore, cloud.Ec2Mutations().Count);
        Assert.Single(await new NetworkReads(cloud, Requester).PeeringsAsync());
    }

    [WorkflowFact]
    public async Task Two_executions_for_one_pair_at_the_same_time_leave_exactly_one_peering()
    {
        var (cloud, executions) = await Scenarios.ConcurrentExecutionsAsync();

        Assert.All(executions, e => AssertSucceeded(e, cloud));
        var live = (await new NetworkReads(cloud, Requester).PeeringsAsync()).Where(p => p.Status.Code.Value is not ("deleted" or "deleting")).ToList();
        Assert.Single(live);
        Assert.Equal("active", live[0].Status.Code.Value);
    }

    [WorkflowFact]
    public async Task Role_mode_with_nacl_entries_and_dns_both_sides_is_torn_down_to_the_network_as_it_was()
    {
        var (cloud, peering, teardown) = await Scenarios.RoleModeConfiguredThenTornDownAsync();

        AssertSucceeded(peering, cloud);
        AssertSucceeded(teardown, cloud);
        Assert.Equal([Requester, Accepter], SucceededIn(cloud, "CreateNetworkAclEntry"));
        Assert.Equal([Requester, Accepter], SucceededIn(cloud, "ModifyVpcPeeringConnectionOptions"));
        Assert.Equal(await NetworkState.OfAppAndDataAsync(ClosedNaclsTopology()), await NetworkState.OfAppAndDataAsync(cloud));
        await AssertNoLivePeeringAsync(cloud);
    }

    [WorkflowFact]
    public async Task A_failure_after_both_sides_were_configured_in_role_mode_rolls_both_sides_back()
    {
        var (cloud, execution) = await Scenarios.RoleModeRolledBackAfterConfiguringAsync();

        Assert.Equal("FAILED", execution.StatusName);
        Assert.Equal("Ec2RequestFailed", execution.Execution.Result!.Error);
        AssertPath(execution, "Configure", "Rollback", "Failed");
        Assert.Contains(Requester, SucceededIn(cloud, "CreateNetworkAclEntry"));
        Assert.Equal(await NetworkState.OfAppAndDataAsync(ClosedNaclsTopology()), await NetworkState.OfAppAndDataAsync(cloud));
        await AssertNoLivePeeringAsync(cloud);
    }

    [WorkflowFact]
    public async Task A_lost_acceptance_request_is_seen_by_the_sweep_then_times_out_and_the_pending_peering_is_deleted()
    {
        var (cloud, execution) = await Scenarios.EventModeAcceptanceLostAsync();

        Assert.Equal("FAILED", execution.StatusName);
        Assert.Equal("AcceptanceTimedOut", execution.Execution.Result!.Error);
        AssertPath(execution, "RequestAcceptance", "DescribeAfterTimeout", "Rollback", "Failed");
        Assert.DoesNotContain(cloud.Assembly.StepFunctions.Executions,
            e => e.StateMachine.Name.Contains("AcceptIncoming", StringComparison.Ordinal));
        var accepterSweeps = cloud.Assembly.Lambda.Invocations.Where(invocation =>
            invocation.FunctionArn.Contains($":{Accepter}:", StringComparison.Ordinal)
            && invocation.FunctionArn.Contains("Reconcile", StringComparison.Ordinal));
        Assert.Contains(accepterSweeps, sweep => sweep.Result.PayloadText.Contains("pcx-", StringComparison.Ordinal));
        await AssertNoLivePeeringAsync(cloud);
    }

    /// <summary><c>closed-nacls-topology.yaml</c> as seeded, nothing deployed (the topology's ids are the same in every cloud).</summary>
    private static WorkflowCloud ClosedNaclsTopology() => WorkflowCloud.Create("closed-nacls-topology.yaml");

    /// <summary>The accounts where an EC2 action succeeded, in order (the requester, 111…, first).</summary>
    private static List<string> SucceededIn(WorkflowCloud cloud, string action) =>
        [.. cloud.Assembly.Cloud.RequestLog.For("ec2", action).Where(e => e.Succeeded).Select(e => e.AccountId).Distinct()
            .Order(StringComparer.Ordinal)];

    private static async Task AssertNoLivePeeringAsync(WorkflowCloud cloud) =>
        Assert.All(await new NetworkReads(cloud, Requester).PeeringsAsync(),
            p => Assert.Contains(p.Status.Code.Value, new[] { "deleted", "deleting" }));

    /// <summary>Every route (destination → target) of both VPCs' tables, for before/after comparisons.</summary>
    private static async Task<string> TablesAsync(NetworkReads reads, params string[] vpcIds)
    {
        var lines = new List<string>();
        foreach (var vpcId in vpcIds)
        {
            var tables = await reads.Ec2.DescribeRouteTablesAsync(new Amazon.EC2.Model.DescribeRouteTablesRequest
            {
                Filters = [new Amazon.EC2.Model.Filter("vpc-id", [vpcId])],
            });
            lines.AddRange(tables.RouteTables.SelectMany(t => (t.Routes ?? []).Select(r =>
                $"{t.RouteTableId} {r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock} {r.GatewayId}{r.VpcPeeringConnectionId}{r.NatGatewayId}")));
        }

        return string.Join("\n", lines.Order(StringComparer.Ordinal));
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
