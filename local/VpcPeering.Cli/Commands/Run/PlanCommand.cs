using System.Text.Json.Nodes;
using Spectre.Console;
using VpcPeering.Cli.Output;
using VpcPeering.Cli.Commands.Demo;

namespace VpcPeering.Cli.Commands.Run;

/// <summary>`vpc-peering plan`: the request as a dry run of the real workflow, shown as a diff; nothing changes.</summary>
internal sealed class PlanCommand(IAnsiConsole console) : RequestCommand(console, dryRun: true)
{
    protected override int Report(DemoOutcome outcome, RunSettings settings)
    {
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
            JsonOutput.Write(Console, report);
        }
        else if (plan?["rendered"]?.GetValue<string>() is { } rendered)
        {
            Console.WriteLine(rendered.TrimEnd());
            Console.MarkupLineInterpolated($"[grey]dry run: {outcome.Ec2Mutations} changes made, {outcome.Ec2Calls} EC2 calls, wall time {outcome.WallTime.TotalSeconds:0.00} s[/]");
        }
        else
        {
            Console.MarkupLineInterpolated($"[red]The plan failed:[/] {outcome.Error}: {outcome.Cause}");
        }

        return outcome.Succeeded ? 0 : 1;
    }
}
