using System.Text.Json.Nodes;

namespace Workflow.Tests;

/// <summary>Scenario 13: an execution stopped right after any one of its steps, then re-run, converges on the same network.</summary>
public sealed class StopAndRerunTests
{
    [WorkflowFact]
    public async Task An_execution_stopped_after_any_single_step_then_rerun_converges()
    {
        var (reference, referenceExecution) = await Scenarios.SameAccountAsync();
        PeeringScenarios.AssertSucceeded(referenceExecution, reference);
        var steps = referenceExecution.Execution.GetHistory().Count(e => e.Type == "LambdaFunctionSucceeded");
        var expected = await RoutesAsync(reference);

        for (var stopAfter = 1; stopAfter <= steps; stopAfter++)
        {
            var cloud = WorkflowCloud.Create("same-account-topology.yaml", (Scenarios.Requester, []));
            StopAfter(cloud, stopAfter);
            var request = Scenarios.Request(cloud.Topology["frontend"], cloud.Topology["backend"], Scenarios.Requester);
            var stopped = await cloud.RunPeeringAsync(Scenarios.Requester, request, "interrupted");

            var rerun = await cloud.RunPeeringAsync(Scenarios.Requester, request, "rerun");

            Assert.True(stopped.StatusName == "ABORTED", $"stop after step {stopAfter}: {stopped.StatusName} {stopped.Execution.Result?.Error} {stopped.Execution.Result?.Cause}");
            PeeringScenarios.AssertSucceeded(rerun, cloud);
            var live = (await new NetworkReads(cloud, Scenarios.Requester).PeeringsAsync()).Where(p => p.Status.Code.Value == "active").ToList();
            Assert.True(live.Count == 1, $"stop after step {stopAfter}: {live.Count} active peerings");
            Assert.Equal(expected, await RoutesAsync(cloud));
        }
    }

    /// <summary>
    /// Wraps every function Resource (<c>…:function:NAME:live</c>, registered as exact resources ahead of the service's
    /// pattern) so that the first execution is stopped right after its n-th step returns.
    /// </summary>
    private static void StopAfter(WorkflowCloud cloud, int n)
    {
        var service = cloud.Assembly.StepFunctions;
        var calls = 0;
        foreach (var function in cloud.Assembly.Lambda.List(Scenarios.Requester, WorkflowCloud.Region))
        {
            var resource = function.FunctionArn + ":live";
            Assert.True(service.Handlers.TryResolve(resource, out var original));
            service.Handlers.Register(resource, async (invocation, cancellationToken) =>
            {
                var result = await original!.InvokeAsync(invocation, cancellationToken);
                if (invocation.ExecutionArn.EndsWith(":interrupted", StringComparison.Ordinal) && Interlocked.Increment(ref calls) == n)
                {
                    service.StopExecution(invocation.AccountId, invocation.Region, invocation.ExecutionArn, "Stopped", $"after step {n}");
                }

                return result;
            });
        }
    }

    /// <summary>Peering routes per table, with the pcx id left out (a re-run may create a new peering).</summary>
    private static async Task<string> RoutesAsync(WorkflowCloud cloud)
    {
        var reads = new NetworkReads(cloud, Scenarios.Requester);
        var lines = new List<string>();
        foreach (var vpc in new[] { "frontend", "backend" })
        {
            lines.AddRange((await reads.PeeringRoutesAsync(cloud.Topology[vpc])).Select(t => $"{vpc}: {string.Join(",", t.Value)}"));
        }

        return string.Join("\n", lines.Order(StringComparer.Ordinal));
    }
}
