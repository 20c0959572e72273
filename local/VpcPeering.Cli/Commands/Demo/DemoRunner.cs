using System.Diagnostics;
using Spectre.Console;
using VpcPeering.Cli.Local;
using VpcPeering.Cli.Workspace;

namespace VpcPeering.Cli.Commands.Demo;

/// <summary>Builds the embedded cloud for a scenario, deploys the product, starts the peering and follows it to the end.</summary>
internal sealed class DemoRunner(IAnsiConsole console)
{
    public async Task<DemoOutcome> RunAsync(ProjectLayout layout, DemoScenario scenario, bool quiet)
    {
        var wall = Stopwatch.StartNew();
        using var cloud = ProductCloud.Create(layout, scenario.TopologyPath ?? layout.Example(scenario.TopologyFile));
        foreach (var stack in scenario.Stacks)
        {
            cloud.Deploy(stack.AccountId, stack.Region, stack.Parameters);
        }

        if (!quiet)
        {
            console.MarkupLineInterpolated(
                $"[bold]{scenario.Title}[/]\n[grey]topology {scenario.TopologyFile}, template.yaml deployed as stack vpc-peering into {string.Join(", ", scenario.Stacks.Select(s => $"{s.AccountId}/{s.Region}"))} in {wall.ElapsedMilliseconds} ms[/]\n");
        }

        scenario.Arrange?.Invoke(cloud);
        var virtualStart = cloud.Assembly.Clock.GetUtcNow();
        var progress = new ExecutionProgress(cloud.Assembly.StepFunctions, console, virtualStart, wall);
        await progress.FollowAsync(async () =>
        {
            await scenario.StartAsync(cloud, scenario);
            await cloud.Assembly.RunUntilIdleAsync();
        }, quiet);

        var peering = cloud.Assembly.StepFunctions.Executions
            .Where(e => e.StateMachine.AccountId == scenario.Requester.AccountId && e.StateMachine.Name.Contains("PeeringStateMachine", StringComparison.Ordinal))
            .OrderBy(e => e.Execution.StartDate)
            .FirstOrDefault();
        var virtualTime = cloud.Assembly.Clock.GetUtcNow() - virtualStart;
        var ec2Log = cloud.Assembly.Cloud.RequestLog.For("ec2").ToList();
        var network = await NetworkReport.ReadAsync(cloud, scenario);
        return new DemoOutcome(
            scenario,
            peering,
            network,
            wall.Elapsed,
            virtualTime,
            progress.StateTransitions,
            cloud.Assembly.Lambda.Invocations.Count,
            ec2Log.Count(e => e.RoleArn is not null),
            ec2Log.Count(e => e.RoleArn is not null && !e.IsReadOnly && e.Succeeded));
    }
}
