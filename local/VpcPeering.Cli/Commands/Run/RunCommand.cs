using Spectre.Console;
using VpcPeering.Cli.Commands.Demo;

namespace VpcPeering.Cli.Commands.Run;

/// <summary>`vpc-peering run`: one request through the peering state machine, with live progress and the result.</summary>
internal sealed class RunCommand(IAnsiConsole console) : RequestCommand(console, dryRun: false)
{
    protected override int Report(DemoOutcome outcome, RunSettings settings) => DemoRenderer.Report(Console, outcome, settings.Json);
}
