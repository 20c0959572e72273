using System.Text.Json.Nodes;
using LocalCloud.StepFunctions;

namespace Workflow.Tests;

/// <summary>
/// Event mode when an event is lost. The requester waits on a task token with a callback timeout (Step Functions developer
/// guide, "Wait for a Callback with Task Token": without an answer the task fails with States.Timeout after TimeoutSeconds),
/// then describes the peering: accepted goes on; still pending announces again with a new token, at most three times,
/// each after a full timeout. EventBridge drops events for a disabled rule or a target throttled past its retry policy
/// (EventBridge user guide, "Event retry policy and using dead-letter queues"); the cloud's DropDeliveries stands for that.
/// </summary>
public sealed class LostEventScenarios
{
    private const string Requester = Scenarios.Requester;
    private const string Accepter = Scenarios.Accepter;
    // Generated rule names are "<stack>-<logical id>-<suffix>", cut to 64 characters, so match the state machine's part.
    private const string AcceptanceRequestedRules = "*-AcceptIncomingStateMachine*";
    private const string AcceptanceDecidedRules = "*-CallbackRelayStateMachine*";
    private static readonly TimeSpan CallbackTimeout = TimeSpan.FromSeconds(3600);

    [WorkflowFact]
    public async Task A_lost_acceptance_request_is_announced_again_after_the_callback_timeout_and_the_peering_is_established_once()
    {
        var cloud = EventModeCloud();
        using var lost = cloud.Assembly.Events.DropDeliveries(Accepter, WorkflowCloud.Region, AcceptanceRequestedRules, 1);

        var execution = await cloud.RunPeeringAsync(Requester, Request(cloud));

        PeeringScenarios.AssertSucceeded(execution, cloud);
        Assert.Single(lost.DroppedEventIds);
        Assert.Equal(2, Count(execution, "RequestAcceptance"));
        AssertPath(execution, "RequestAcceptance", "DescribeAfterTimeout", "StillUnanswered",
            "RequestAcceptance", "WaitForActive", "Configure", "Established");
        var announcements = AcceptanceRequests(cloud);
        Assert.Equal([1, 2], announcements.Select(e => e["detail"]!["announcement"]!.GetValue<int>()));
        Assert.True(Time(announcements[1]) - Time(announcements[0]) >= CallbackTimeout, "each wait is a full callback timeout");
        Assert.Equal(["SUCCEEDED"], AcceptIncoming(cloud).Select(e => e.StatusName));
        await AssertConfiguredOnceAsync(cloud);
    }

    [WorkflowFact]
    public async Task A_lost_answer_is_covered_by_the_describe_after_the_timeout_and_nothing_is_announced_twice()
    {
        var cloud = EventModeCloud();
        using var lost = cloud.Assembly.Events.DropDeliveries(Requester, WorkflowCloud.Region, AcceptanceDecidedRules, 1);

        var execution = await cloud.RunPeeringAsync(Requester, Request(cloud));

        // The accepter accepts before it answers, so a lost answer leaves an active peering: the describe after the
        // timeout sees it and goes on without a second announcement.
        PeeringScenarios.AssertSucceeded(execution, cloud);
        Assert.Single(lost.DroppedEventIds);
        Assert.Equal(1, Count(execution, "RequestAcceptance"));
        AssertPath(execution, "RequestAcceptance", "DescribeAfterTimeout", "StillUnanswered", "IsActive", "Configure", "Established");
        Assert.Equal(["SUCCEEDED"], AcceptIncoming(cloud).Select(e => e.StatusName));
        await AssertConfiguredOnceAsync(cloud);
    }

    [WorkflowFact]
    public async Task An_answer_to_a_late_delivery_is_lost_so_the_accepter_answers_the_new_announcement_again_without_duplicates()
    {
        var cloud = EventModeCloud();
        using var delayed = cloud.Assembly.Events.DropDeliveries(Accepter, WorkflowCloud.Region, AcceptanceRequestedRules, 1);
        var late = DeliverLateAfterTheFirstTimeout(cloud);

        var execution = await cloud.RunPeeringAsync(Requester, Request(cloud));

        PeeringScenarios.AssertSucceeded(execution, cloud);
        Assert.Equal(2, Count(execution, "RequestAcceptance"));
        AssertPath(execution,
            "RequestAcceptance", "DescribeAfterTimeout", "StillUnanswered", "RequestAcceptance", "WaitForActive", "Established");
        // The late delivery accepted and configured, but its answer carried the timed-out token (TaskTimedOut in the relay);
        // the second announcement met an active peering: accepted again, nothing added, answered with the new token.
        var executions = AcceptIncoming(cloud);
        Assert.Equal(["SUCCEEDED", "SUCCEEDED"], executions.Select(e => e.StatusName));
        Assert.Equal((await late.Task).ExecutionArn, executions[0].ExecutionArn);
        Assert.Contains("IsActive", executions[1].StatesEntered());
        Assert.DoesNotContain("WaitForActive", executions[1].StatesEntered());
        Assert.Contains(cloud.Assembly.StepFunctions.Executions, e => e.StateMachine.AccountId == Requester
            && e.StatesEntered().Contains("TokenNoLongerWaiting"));
        Assert.Single(cloud.Assembly.Cloud.RequestLog.For("ec2", "AcceptVpcPeeringConnection"), e => e.Succeeded);
        Assert.Contains("incoming.repeated", cloud.Log.ToString(), StringComparison.Ordinal);
        await AssertConfiguredOnceAsync(cloud);
    }

    [WorkflowFact]
    public async Task An_acceptance_request_nobody_answers_times_out_after_three_announcements_and_rolls_back()
    {
        var cloud = EventModeCloud();
        using var lost = cloud.Assembly.Events.DropDeliveries(Accepter, WorkflowCloud.Region, AcceptanceRequestedRules, int.MaxValue);
        var started = cloud.Assembly.Clock.GetUtcNow();

        var execution = await cloud.RunPeeringAsync(Requester, Request(cloud));

        Assert.Equal("FAILED", execution.StatusName);
        Assert.Equal("AcceptanceTimedOut", execution.Execution.Result!.Error);
        Assert.Equal(3, lost.DroppedEventIds.Count);
        Assert.Equal(3, Count(execution, "RequestAcceptance"));
        Assert.Equal(3, Count(execution, "DescribeAfterTimeout"));
        AssertPath(execution, "RequestAcceptance", "RequestAcceptance", "RequestAcceptance", "DescribeAfterTimeout", "Rollback", "Failed");
        Assert.True(cloud.Assembly.Clock.GetUtcNow() - started >= 3 * CallbackTimeout);
        Assert.Empty(AcceptIncoming(cloud));
        Assert.All(await new NetworkReads(cloud, Requester).PeeringsAsync(),
            p => Assert.Contains(p.Status.Code.Value, new[] { "deleted", "deleting" }));
        Assert.All((await new NetworkReads(cloud, Requester).PeeringRoutesAsync(cloud.Topology["app"])).Values, Assert.Empty);
        Assert.All((await new NetworkReads(cloud, Accepter).PeeringRoutesAsync(cloud.Topology["data"])).Values, Assert.Empty);
        Assert.DoesNotContain((await new NetworkReads(cloud, Accepter).GroupAsync(cloud.Topology["data-sg"])).IpPermissions ?? [],
            p => (p.Ipv4Ranges ?? []).Any(r => r.Description?.Contains("[vpc-peering", StringComparison.Ordinal) == true));
    }

    /// <summary>The event-mode pair of stacks: the accepter allow-lists the requester.</summary>
    private static WorkflowCloud EventModeCloud()
    {
        var accepter = Scenarios.Partner(Requester);
        accepter["AllowedRequesterAccounts"] = Requester;
        return WorkflowCloud.Create("two-accounts-topology.yaml", (Requester, Scenarios.Partner(Accepter)), (Accepter, accepter));
    }

    /// <summary>app → data, opening data-sg to app on tcp/5432.</summary>
    private static JsonObject Request(WorkflowCloud cloud)
    {
        var request = Scenarios.Request(cloud.Topology["app"], cloud.Topology["data"], Accepter);
        request["securityGroups"] = new JsonArray(new JsonObject
        {
            ["side"] = "accepter", ["groupIds"] = new JsonArray(cloud.Topology["data-sg"]), ["ports"] = new JsonArray("tcp/5432"),
        });
        return request;
    }

    /// <summary>
    /// EventBridge retried the dropped first announcement and got it through just as the requester's callback timed out:
    /// when DescribeAfterTimeout has seen the peering still pending, the first event starts AcceptIncoming (what the rule
    /// does) and runs it to the end before the requester announces again.
    /// </summary>
    private static TaskCompletionSource<StateMachineExecution> DeliverLateAfterTheFirstTimeout(WorkflowCloud cloud)
    {
        var late = new TaskCompletionSource<StateMachineExecution>(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = cloud.Assembly.StepFunctions;
        var describe = cloud.Assembly.Lambda.List(Requester, WorkflowCloud.Region)
            .Single(f => f.FunctionName.Contains("DescribePeeringFunction", StringComparison.Ordinal)).FunctionArn + ":live";
        Assert.True(service.Handlers.TryResolve(describe, out var original));
        service.Handlers.Register(describe, async (invocation, cancellationToken) =>
        {
            var result = await original!.InvokeAsync(invocation, cancellationToken);
            if (result?["announceAgain"]?.GetValue<bool>() == true && !late.Task.IsCompleted)
            {
                var first = AcceptanceRequests(cloud)[0];
                var execution = cloud.Assembly.StartExecution(Accepter, "AcceptIncomingStateMachine", first.DeepClone());
                late.SetResult(execution);
                await cloud.Assembly.Clock.AwaitExternalAsync(execution.Completion);
            }

            return result;
        });
        return late;
    }

    /// <summary>Routes once per table on both sides, one rule in data-sg, one accept.</summary>
    private static async Task AssertConfiguredOnceAsync(WorkflowCloud cloud)
    {
        var requester = new NetworkReads(cloud, Requester);
        var accepter = new NetworkReads(cloud, Accepter);
        var peering = Assert.Single(await requester.PeeringsAsync());
        Assert.Equal("active", peering.Status.Code.Value);
        Assert.All((await requester.PeeringRoutesAsync(cloud.Topology["app"])).Values, r => Assert.Equal(["10.1.0.0/16"], r));
        Assert.All((await accepter.PeeringRoutesAsync(cloud.Topology["data"])).Values, r => Assert.Equal(["10.0.0.0/16"], r));
        var marked = ((await accepter.GroupAsync(cloud.Topology["data-sg"])).IpPermissions ?? [])
            .SelectMany(p => (p.Ipv4Ranges ?? []).Select(r => (p.FromPort, r.CidrIp, r.Description)))
            .Where(r => r.Description?.EndsWith($"[vpc-peering {peering.VpcPeeringConnectionId}]", StringComparison.Ordinal) == true)
            .ToList();
        Assert.Equal([(5432, "10.0.0.0/16")], marked.Select(r => (r.FromPort ?? 0, r.CidrIp)));
        Assert.Equal(1, cloud.Assembly.Cloud.RequestLog.For("ec2", "AuthorizeSecurityGroupIngress")
            .Count(e => e.AccountId == Accepter && e.Succeeded));
    }

    private static List<StateMachineExecution> AcceptIncoming(WorkflowCloud cloud) =>
        [.. cloud.Assembly.StepFunctions.Executions.Where(e => e.StateMachine.AccountId == Accepter
            && e.StateMachine.Name.Contains("AcceptIncoming", StringComparison.Ordinal))];

    /// <summary>Every "Acceptance Requested" event that reached the accepter's bus (delivered or dropped), in order.</summary>
    private static List<JsonObject> AcceptanceRequests(WorkflowCloud cloud) =>
        [.. cloud.Assembly.Events.GetEventBus(Accepter, WorkflowCloud.Region, "vpc-peering").ReceivedEvents
            .Where(e => e["detail-type"]!.GetValue<string>() == "VPC Peering Acceptance Requested")];

    private static DateTimeOffset Time(JsonObject eventJson) =>
        DateTimeOffset.Parse(eventJson["time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    private static int Count(StateMachineExecution execution, string state) => execution.StatesEntered().Count(s => s == state);

    /// <summary>The execution entered these states, in this order (others in between).</summary>
    private static void AssertPath(StateMachineExecution execution, params string[] states)
    {
        var path = execution.StatesEntered();
        var at = 0;
        foreach (var state in states)
        {
            var found = path.Skip(at).ToList().FindIndex(s => s.Contains(state, StringComparison.Ordinal));
            Assert.True(found >= 0, $"No state like '{state}' after position {at} in: {string.Join(" > ", path)}");
            at += found + 1;
        }
    }
}
