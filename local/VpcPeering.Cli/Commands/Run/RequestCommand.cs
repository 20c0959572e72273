using Spectre.Console;
using Spectre.Console.Cli;
using VpcPeering.Cli.Commands.Demo;
using VpcPeering.Cli.Workspace;

namespace VpcPeering.Cli.Commands.Run;

/// <summary>
/// What `run` and `plan` share: one request through the peering state machine, against an endpoint or in the
/// embedded cloud; <paramref name="dryRun"/> makes it the workflow's own dry run. Subclasses only report the outcome.
/// </summary>
internal abstract class RequestCommand(IAnsiConsole console, bool dryRun) : AsyncCommand<RunSettings>
{
    protected IAnsiConsole Console => console;

    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var layout = ProjectLayout.Find(settings.Root);
        if (settings.EndpointUrl is { } endpoint)
        {
            return await EndpointRun.RunAsync(console, layout, settings, endpoint, dryRun, cancellationToken);
        }

        var scenario = RequestScenario.From(settings.Input, settings.Topology ?? layout.Example("demo-topology.yaml"), dryRun);
        var outcome = await new DemoRunner(console).RunAsync(layout, scenario, quiet: dryRun || settings.Json);
        return Report(outcome, settings);
    }

    /// <summary>Shows the outcome and returns the exit code.</summary>
    protected abstract int Report(DemoOutcome outcome, RunSettings settings);
}
