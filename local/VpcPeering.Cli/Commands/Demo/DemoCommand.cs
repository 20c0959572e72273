using Spectre.Console;
using Spectre.Console.Cli;
using VpcPeering.Cli.Workspace;

namespace VpcPeering.Cli.Commands.Demo;

/// <summary>`vpc-peering demo`: the whole mission in the embedded cloud; exit 0 only if it ended as promised.</summary>
internal sealed class DemoCommand(IAnsiConsole console) : AsyncCommand<DemoSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DemoSettings settings, CancellationToken cancellationToken)
    {
        var scenario = DemoScenarios.Find(settings.Scenario);
        var layout = ProjectLayout.Find(settings.Root);
        var outcome = await new DemoRunner(console).RunAsync(layout, scenario, quiet: settings.Json);
        return DemoRenderer.Report(console, outcome, settings.Json);
    }
}
