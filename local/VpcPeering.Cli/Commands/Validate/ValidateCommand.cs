using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Cli;
using VpcPeering.Cli.Output;
using VpcPeering.Cli.Workspace;

namespace VpcPeering.Cli.Commands.Validate;

/// <summary>`vpc-peering validate`: template.yaml, every ASL definition, every example request; exit 1 on any problem.</summary>
internal sealed class ValidateCommand(IAnsiConsole console) : Command<ValidateSettings>
{
    public override int Execute(CommandContext context, ValidateSettings settings, CancellationToken cancellationToken)
    {
        var validator = new ProjectValidator(ProjectLayout.Find(settings.Root));
        var findings = validator.Validate();
        if (settings.Json)
        {
            var report = new JsonObject
            {
                ["valid"] = findings.Count == 0,
                ["checked"] = new JsonArray([.. validator.CheckedFiles.Select(f => (JsonNode)f)]),
                ["problems"] = new JsonArray([.. findings.Select(f => (JsonNode)new JsonObject
                {
                    ["file"] = f.File,
                    ["location"] = f.Location,
                    ["message"] = f.Message,
                })]),
            };
            JsonOutput.Write(console, report);
            return findings.Count == 0 ? 0 : 1;
        }

        foreach (var file in validator.CheckedFiles)
        {
            var problems = findings.Where(f => f.File == file).ToList();
            if (problems.Count == 0)
            {
                console.MarkupLineInterpolated($"[green]ok[/]   {file}");
            }
            else
            {
                console.MarkupLineInterpolated($"[red]fail[/] {file}");
            }

            foreach (var problem in problems)
            {
                console.MarkupLineInterpolated($"       [red]-[/] {(problem.Location.Length == 0 ? string.Empty : problem.Location + ": ")}{problem.Message}");
            }
        }

        foreach (var orphan in findings.Where(f => !validator.CheckedFiles.Contains(f.File)))
        {
            console.MarkupLineInterpolated($"[red]fail[/] {orphan}");
        }

        if (findings.Count == 0)
        {
            console.MarkupLineInterpolated($"[green]{validator.CheckedFiles.Count} files valid[/]");
        }
        else
        {
            console.MarkupLineInterpolated($"[red]{findings.Count} problem(s)[/] in {findings.Select(f => f.File).Distinct().Count()} file(s)");
        }
        return findings.Count == 0 ? 0 : 1;
    }
}
