using Spectre.Console;
using Spectre.Console.Cli;
using VpcPeering.Cli.Output;
using VpcPeering.Cli.Commands.Demo;
using VpcPeering.Cli.Workspace;

namespace VpcPeering.Cli.Commands.Run;

/// <summary>`vpc-peering run`: one request through the peering state machine in the embedded cloud.</summary>
internal sealed class RunCommand(IAnsiConsole console) : AsyncCommand<RunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var layout = ProjectLayout.Find(settings.Root);
        if (settings.EndpointUrl is { } endpoint)
        {
            return await EndpointRun.RunAsync(console, layout, settings, endpoint, dryRun: false, cancellationToken);
        }

        var scenario = RequestScenario.From(settings.Input, settings.Topology ?? layout.Example("demo-topology.yaml"), dryRun: false);
        var outcome = await new DemoRunner(console).RunAsync(layout, scenario, quiet: settings.Json);
        if (settings.Json)
        {
            JsonOutput.Write(console, DemoRenderer.ToJson(outcome));
        }
        else
        {
            DemoRenderer.Render(console, outcome);
        }

        return outcome.Succeeded ? 0 : 1;
    }
}
