using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Cli;
using VpcPeering.Cli.Output;
using VpcPeering.Cli.Commands.Demo;
using VpcPeering.Cli.Workspace;

namespace VpcPeering.Cli.Commands.Run;

/// <summary>`vpc-peering plan`: the request as a dry run of the real workflow, shown as a diff; nothing changes.</summary>
internal sealed class PlanCommand(IAnsiConsole console) : AsyncCommand<RunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var layout = ProjectLayout.Find(settings.Root);
        if (settings.EndpointUrl is { } endpoint)
        {
            // Against a real endpoint the plan is the workflow's own dry run: Preflight describes both VPCs and stops.
            return await EndpointRun.RunAsync(console, layout, settings, endpoint, dryRun: true, cancellationToken);
        }

        var scenario = RequestScenario.From(settings.Input, settings.Topology ?? layout.Example("demo-topology.yaml"), dryRun: true);
        var outcome = await new DemoRunner(console).RunAsync(layout, scenario, quiet: true);
        var plan = outcome.Peering?.Output as JsonObject;
        if (settings.Json)
        {
            var report = new JsonObject
            {
                ["succeeded"] = outcome.Succeeded,
                ["status"] = outcome.Status,
                ["error"] = outcome.Error,
                ["cause"] = outcome.Cause,
                ["plan"] = plan?.DeepClone(),
                ["ec2Mutations"] = outcome.Ec2Mutations,
            };
            JsonOutput.Write(console, report);
        }
        else if (plan?["rendered"]?.GetValue<string>() is { } rendered)
        {
            console.WriteLine(rendered.TrimEnd());
            console.MarkupLineInterpolated($"[grey]dry run: {outcome.Ec2Mutations} changes made, {outcome.Ec2Calls} EC2 calls, wall time {outcome.WallTime.TotalSeconds:0.00} s[/]");
        }
        else
        {
            console.MarkupLineInterpolated($"[red]The plan failed:[/] {outcome.Error}: {outcome.Cause}");
        }

        return outcome.Succeeded ? 0 : 1;
    }
}
