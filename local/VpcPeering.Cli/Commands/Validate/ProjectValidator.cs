using System.Text.Json;
using Json.Schema;
using LocalCloud.Templates;
using StatesLanguage;
using VpcPeering.Cli.Workspace;
using VpcPeering.Requests;

namespace VpcPeering.Cli.Commands.Validate;

/// <summary>
/// Checks what a deployment depends on: template.yaml resolves, every state machine definition loads with the
/// substitutions the template gives it, and every example request passes the published schema and the validator.
/// </summary>
internal sealed class ProjectValidator(ProjectLayout layout)
{
    private static readonly StackIdentity ValidationStack = new("vpc-peering", "111111111111", "us-east-1");

    public IReadOnlyList<string> CheckedFiles { get; private set; } = [];

    public IReadOnlyList<ValidationFinding> Validate()
    {
        var findings = new List<ValidationFinding>();
        var checkedFiles = new List<string>();
        var substitutionsByFile = ValidateTemplate(findings, checkedFiles);
        ValidateStateMachines(substitutionsByFile, findings, checkedFiles);
        ValidateExampleRequests(findings, checkedFiles);
        CheckedFiles = checkedFiles;
        return findings;
    }

    private Dictionary<string, IReadOnlyDictionary<string, string>> ValidateTemplate(List<ValidationFinding> findings, List<string> checkedFiles)
    {
        var substitutions = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        checkedFiles.Add(Relative(layout.Template));
        try
        {
            var stack = CloudFormationTemplate.Load(layout.Template).Resolve(ValidationStack);
            foreach (var machine in stack.OfType<StateMachineResource>())
            {
                if (machine.DefinitionPath is { } path)
                {
                    substitutions[Path.GetFullPath(path)] = machine.DefinitionSubstitutions;
                }
            }
        }
        catch (TemplateException error)
        {
            findings.AddRange(error.Errors.Select(e => new ValidationFinding(Relative(layout.Template), e.Path, e.Message)));
        }

        return substitutions;
    }

    private void ValidateStateMachines(
        Dictionary<string, IReadOnlyDictionary<string, string>> substitutionsByFile,
        List<ValidationFinding> findings,
        List<string> checkedFiles)
    {
        if (!Directory.Exists(layout.StateMachines))
        {
            findings.Add(new ValidationFinding("statemachine/", string.Empty, "the folder of state machine definitions is missing"));
            return;
        }

        foreach (var file in Directory.GetFiles(layout.StateMachines, "*.asl.json").Order(StringComparer.Ordinal))
        {
            var relative = Relative(file);
            checkedFiles.Add(relative);
            if (!substitutionsByFile.TryGetValue(Path.GetFullPath(file), out var substitutions))
            {
                findings.Add(new ValidationFinding(relative, string.Empty, "no state machine in template.yaml uses this definition (DefinitionUri)"));
                continue;
            }

            var result = StateMachineDefinition.Validate(File.ReadAllText(file), substitutions);
            findings.AddRange(result.Problems.Select(p => new ValidationFinding(relative, p.Pointer.Length == 0 ? "/" : p.Pointer, p.Message)));
        }
    }

    private void ValidateExampleRequests(List<ValidationFinding> findings, List<string> checkedFiles)
    {
        var schema = JsonSchema.FromText(File.ReadAllText(layout.RequestSchema), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        foreach (var file in Directory.GetFiles(layout.Examples, "*request*.json").Order(StringComparer.Ordinal))
        {
            var relative = Relative(file);
            checkedFiles.Add(relative);
            var text = File.ReadAllText(file);
            var read = PeeringRequestReader.Read(text);
            findings.AddRange(read.Problems.Select(p => new ValidationFinding(relative, p.Path, $"{p.Message}; expected {p.Expected}")));
            using var document = TryParse(text);
            if (document is null)
            {
                continue; // malformed JSON: the reader already reported it with its line and column
            }

            var evaluation = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!evaluation.IsValid)
            {
                foreach (var detail in (evaluation.Details ?? []).Where(d => d.Errors is { Count: > 0 }))
                {
                    foreach (var (keyword, message) in detail.Errors!)
                    {
                        findings.Add(new ValidationFinding(relative, detail.InstanceLocation.ToString(), $"schema {keyword}: {message}"));
                    }
                }
            }
        }
    }

    private static JsonDocument? TryParse(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string Relative(string path) => Path.GetRelativePath(layout.Root, path).Replace('\\', '/');
}
