using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Cli;
using VpcPeering.Cli.Commands.Demo;
using VpcPeering.Cli.Output;
using VpcPeering.Cli.Workspace;

namespace VpcPeering.Cli.Commands.Bench;

/// <summary>
/// `vpc-peering bench`: runs demo scenarios repeatedly and reports what a peering costs — EC2 calls, state transitions,
/// Lambda invocations (deterministic) and wall time and allocations (this machine's). Speed goals are read here, never
/// asserted in tests.
/// </summary>
internal sealed class BenchCommand(IAnsiConsole console) : AsyncCommand<BenchSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BenchSettings settings, CancellationToken cancellationToken)
    {
        var layout = ProjectLayout.Find(settings.Root);
        var scenarios = settings.Scenarios.Length == 0 ? DemoScenarios.All : [.. settings.Scenarios.Select(DemoScenarios.Find)];
        var costs = new List<ScenarioCost>();
        foreach (var scenario in scenarios)
        {
            costs.Add(await MeasureAsync(layout, scenario, settings.Iterations));
        }

        if (settings.Json)
        {
            JsonOutput.Write(console, new JsonArray([.. costs.Select(cost => (JsonNode)cost.ToJson())]));
        }
        else
        {
            Render(costs);
        }

        return 0;
    }

    private async Task<ScenarioCost> MeasureAsync(ProjectLayout layout, DemoScenario scenario, int iterations)
    {
        var runner = new DemoRunner(console);
        var first = Checked(await runner.RunAsync(layout, scenario, quiet: true)); // warm-up: JIT, template parsing, caches
        var walls = new List<TimeSpan>();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < iterations; i++)
        {
            var outcome = Checked(await runner.RunAsync(layout, scenario, quiet: true));
            walls.Add(outcome.WallTime);
            if ((outcome.Ec2Calls, outcome.StateTransitions, outcome.LambdaInvocations) != (first.Ec2Calls, first.StateTransitions, first.LambdaInvocations))
            {
                throw new CliException($"Scenario {scenario.Name} made {outcome.Ec2Calls} EC2 calls and {outcome.StateTransitions} transitions on run " +
                    $"{i + 2}, {first.Ec2Calls} and {first.StateTransitions} on the first: the run is not deterministic.",
                    "Report this as a bug: every wait in the embedded cloud is on virtual time and every random choice is seeded.");
            }
        }

        var megabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024.0 * 1024.0) / iterations;
        return new ScenarioCost(scenario.Name, first.Ec2Calls, first.Ec2Mutations, first.StateTransitions, first.LambdaInvocations,
            first.VirtualTime, walls, megabytes);
    }

    private static DemoOutcome Checked(DemoOutcome outcome) =>
        outcome.Succeeded
            ? outcome
            : throw new CliException($"Scenario {outcome.Scenario.Name} did not end as promised ({outcome.Status} {outcome.Error}).",
                $"Run `vpc-peering demo --scenario {outcome.Scenario.Name}` to see where it stops.");

    private void Render(IReadOnlyList<ScenarioCost> costs)
    {
        var table = new Table().RoundedBorder()
            .AddColumns("scenario", "EC2 calls (changes)", "transitions", "Lambda", "virtual", "wall median", "wall fastest", "allocated/run");
        foreach (var cost in costs)
        {
            table.AddRow(
                cost.Scenario,
                $"{cost.Ec2Calls} ({cost.Ec2Changes})",
                Number(cost.StateTransitions),
                Number(cost.LambdaInvocations),
                $"{cost.VirtualTime.TotalSeconds:0.#} s",
                $"{cost.MedianWallTime.TotalMilliseconds:0} ms",
                $"{cost.FastestWallTime.TotalMilliseconds:0} ms",
                $"{cost.AllocatedMegabytesPerRun:0.0} MB");
        }

        console.Write(table);
        console.MarkupLine($"[grey]{costs[0].WallTimes.Count} measured run(s) per scenario after one warm-up; counts are deterministic, times are this machine's.[/]");
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
