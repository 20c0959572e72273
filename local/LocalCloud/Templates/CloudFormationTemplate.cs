using System.Text.Json.Nodes;

namespace LocalCloud.Templates;

/// <summary>
/// A CloudFormation/SAM template as loaded from YAML or JSON. <see cref="Resolve"/> turns it into a
/// <see cref="ResolvedStack"/> for one stack name, account and region and one set of parameter values.
/// </summary>
public sealed class CloudFormationTemplate
{
    private static readonly HashSet<string> Sections = new(StringComparer.Ordinal)
    {
        "AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Mappings", "Conditions", "Transform", "Globals",
        "Resources", "Outputs",
    };

    private static readonly HashSet<string> ResourceAttributes = new(StringComparer.Ordinal)
    {
        "Type", "Properties", "Condition", "DependsOn", "Metadata", "DeletionPolicy", "UpdateReplacePolicy", "UpdatePolicy", "CreationPolicy",
    };

    private readonly JsonObject _root;
    private readonly Func<string, string?> _readFile;

    private CloudFormationTemplate(JsonObject root, string directory, string? path, Func<string, string?> readFile)
    {
        _root = root;
        Directory = directory;
        FilePath = path;
        _readFile = readFile;
        var errors = new TemplateErrors();
        Parameters = TemplateParameter.ReadAll(root["Parameters"] as JsonObject, errors);
        errors.ThrowIfAny();
    }

    /// <summary>The directory relative paths in the template (CodeUri, DefinitionUri) start from.</summary>
    public string Directory { get; }

    /// <summary>The template file, when loaded from one.</summary>
    public string? FilePath { get; }

    /// <summary>The declared parameters.</summary>
    public IReadOnlyList<TemplateParameter> Parameters { get; }

    /// <summary>The template as a JSON tree (short-form tags already in long form); a copy.</summary>
    public JsonObject ToJson() => (JsonObject)_root.DeepClone();

    /// <summary>
    /// Loads a template file. <paramref name="readFile"/> reads files the template names (state machine definitions);
    /// it returns null for a file that does not exist. By default it reads the file system.
    /// </summary>
    public static CloudFormationTemplate Load(string path, Func<string, string?>? readFile = null)
    {
        var fullPath = Path.GetFullPath(path);
        return new CloudFormationTemplate(
            TemplateYamlReader.Read(File.ReadAllText(fullPath)), Path.GetDirectoryName(fullPath)!, fullPath, readFile ?? ReadIfExists);
    }

    /// <summary>Parses template text whose relative paths start at <paramref name="directory"/>.</summary>
    public static CloudFormationTemplate Parse(string text, string directory, Func<string, string?>? readFile = null) =>
        new(TemplateYamlReader.Read(text), Path.GetFullPath(directory), null, readFile ?? ReadIfExists);

    private static string? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    /// <summary>
    /// Resolves the template for one stack. Parameter values come from <paramref name="parameterOverrides"/>, then the
    /// declared defaults. Every problem is reported at once in a <see cref="TemplateException"/>.
    /// </summary>
    public ResolvedStack Resolve(StackIdentity stack, IReadOnlyDictionary<string, string>? parameterOverrides = null)
    {
        var errors = new TemplateErrors();
        foreach (var (section, _) in _root.Where(s => !Sections.Contains(s.Key)))
        {
            errors.Add(section, $"template section '{section}' is not supported ({string.Join(", ", Sections)})");
        }

        var values = TemplateParameter.ChooseValues(Parameters, parameterOverrides ?? new Dictionary<string, string>(), errors);
        var parameterRefs = Parameters.Where(p => values.ContainsKey(p.Name))
            .ToDictionary(p => p.Name, p => p.ToRefValue(values[p.Name]), StringComparer.Ordinal);
        errors.ThrowIfAny();

        var evaluator = new IntrinsicEvaluator(
            parameterRefs, stack.PseudoParameters(), _root["Mappings"] as JsonObject, _root["Conditions"] as JsonObject, errors);
        var outputs = _root["Outputs"]?.DeepClone() as JsonObject;
        var resources = Transform(evaluator, outputs, errors);
        var conditions = evaluator.AllConditions();
        var created = Validate(resources, evaluator, errors);
        var order = DependencyOrder(resources, created, evaluator, errors);
        errors.ThrowIfAny();

        var resolver = new ResourceResolver(resources, created, stack, evaluator, errors);
        evaluator.Resources = resolver;
        foreach (var logicalId in order)
        {
            resolver.Build(logicalId);
        }

        var (outputValues, exports) = ResolveOutputs(outputs, evaluator, errors);
        errors.ThrowIfAny();
        var shown = Parameters.Where(p => values.ContainsKey(p.Name))
            .ToDictionary(p => p.Name, p => p.NoEcho ? "****" : values[p.Name], StringComparer.Ordinal);
        return new ResolvedStack(stack, shown, new Dictionary<string, bool>(conditions, StringComparer.Ordinal), resolver.Built, outputValues)
        {
            Exports = exports,
        };
    }

    private JsonObject Transform(IntrinsicEvaluator evaluator, JsonObject? outputs, TemplateErrors errors)
    {
        if (_root["Resources"] is not JsonObject { Count: > 0 } resources)
        {
            errors.Add("Resources", "a template needs at least one resource");
            return [];
        }

        if (_root["Transform"] is { } transform && !SamTransform.IsDeclared(transform))
        {
            errors.Add("Transform", $"only the {SamTransform.Name} transform is supported");
        }

        if (SamTransform.IsDeclared(_root["Transform"]))
        {
            return new SamTransform(Directory, _readFile, evaluator, errors)
                .Transform(resources, _root["Globals"] as JsonObject, outputs);
        }

        if (_root.ContainsKey("Globals"))
        {
            errors.Add("Globals", $"Globals need Transform: {SamTransform.Name}");
        }

        foreach (var (logicalId, resource) in resources)
        {
            if (TemplateJson.ScalarText(resource?["Type"])?.StartsWith("AWS::Serverless::", StringComparison.Ordinal) == true)
            {
                errors.Add($"Resources.{logicalId}.Type", $"AWS::Serverless types need Transform: {SamTransform.Name}");
            }
        }

        return (JsonObject)resources.DeepClone();
    }

    /// <summary>Checks types, attributes and properties of every resource; returns the ids whose condition holds.</summary>
    private static HashSet<string> Validate(JsonObject resources, IntrinsicEvaluator evaluator, TemplateErrors errors)
    {
        var created = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (logicalId, node) in resources)
        {
            var path = $"Resources.{logicalId}";
            if (node is not JsonObject resource)
            {
                errors.Add(path, "a resource must be a mapping with Type and Properties");
                continue;
            }

            foreach (var (attribute, _) in resource.Where(a => !ResourceAttributes.Contains(a.Key)))
            {
                errors.Add(TemplatePath.Child(path, attribute), $"'{attribute}' is not a resource attribute");
            }

            var type = TemplateJson.ScalarText(resource["Type"]);
            if (type is null || !ResourceTypes.All.TryGetValue(type, out var resourceType))
            {
                errors.Add(TemplatePath.Child(path, "Type"), type is null
                    ? "every resource needs a Type"
                    : $"resource type '{type}' is not supported by the local cloud " +
                      $"(supported: {string.Join(", ", ResourceTypes.All.Keys.Order(StringComparer.Ordinal))}, AWS::Serverless::Function, AWS::Serverless::StateMachine)");
                continue;
            }

            // Resources the SAM transform generated were checked as SAM properties, under the same paths.
            if (resource["Metadata"]?["SamResourceId"] is null)
            {
                resourceType.Shape.Validate(resource["Properties"] ?? new JsonObject(), TemplatePath.Child(path, "Properties"), errors, type);
            }
            foreach (var dependency in DependsOn(resource))
            {
                if (!resources.ContainsKey(dependency))
                {
                    errors.Add(TemplatePath.Child(path, "DependsOn"), $"'{dependency}' is not a resource");
                }
            }

            if (TemplateJson.ScalarText(resource["Condition"]) is not { } condition || evaluator.Condition(condition, TemplatePath.Child(path, "Condition")))
            {
                created.Add(logicalId);
            }
        }

        foreach (var logicalId in created)
        {
            foreach (var dependency in DependsOn((JsonObject)resources[logicalId]!).Where(d => resources.ContainsKey(d) && !created.Contains(d)))
            {
                errors.Add($"Resources.{logicalId}.DependsOn", $"'{dependency}' will not exist: its condition is false");
            }
        }

        return created;
    }

    private static IEnumerable<string> DependsOn(JsonObject resource) => resource["DependsOn"] switch
    {
        JsonArray list => list.Select(TemplateJson.ScalarText).OfType<string>(),
        JsonValue single when TemplateJson.ScalarText(single) is { } name => [name],
        _ => [],
    };

    /// <summary>Orders created resources so each comes after what it references; reports cycles as CloudFormation does.</summary>
    private static List<string> DependencyOrder(JsonObject resources, HashSet<string> created, IntrinsicEvaluator evaluator, TemplateErrors errors)
    {
        var dependencies = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (logicalId, node) in resources)
        {
            if (!created.Contains(logicalId) || node is not JsonObject resource)
            {
                continue;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            TemplateReferences.Collect(resource["Properties"], names);
            names.UnionWith(DependsOn(resource));
            names.RemoveWhere(n => !created.Contains(n) || evaluator.IsParameterOrPseudo(n) || n == logicalId);
            dependencies[logicalId] = names;
        }

        var order = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var remaining = resources.Select(r => r.Key).Where(dependencies.ContainsKey).ToList();
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(id => dependencies[id].All(done.Contains)).ToList();
            if (ready.Count == 0)
            {
                errors.Add("Resources", $"Circular dependency between resources: [{string.Join(", ", remaining.Where(id => InCycle(id, dependencies)))}]");
                break;
            }

            order.AddRange(ready);
            done.UnionWith(ready);
            remaining.RemoveAll(done.Contains);
        }

        return order;
    }

    private static bool InCycle(string start, Dictionary<string, HashSet<string>> dependencies)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(dependencies[start]);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (id == start)
            {
                return true;
            }

            if (seen.Add(id))
            {
                foreach (var next in dependencies[id])
                {
                    stack.Push(next);
                }
            }
        }

        return false;
    }

    private static (Dictionary<string, string> Values, Dictionary<string, string> Exports) ResolveOutputs(
        JsonObject? outputs, IntrinsicEvaluator evaluator, TemplateErrors errors)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var exports = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, node) in outputs ?? [])
        {
            var path = TemplatePath.Child("Outputs", name);
            if (node is not JsonObject output || !output.ContainsKey("Value"))
            {
                errors.Add(path, "an output needs a Value");
                continue;
            }

            foreach (var (key, _) in output.Where(p => p.Key is not ("Value" or "Description" or "Condition" or "Export")))
            {
                errors.Add(TemplatePath.Child(path, key), $"'{key}' is not an output attribute (Value, Description, Condition, Export)");
            }

            if (TemplateJson.ScalarText(output["Condition"]) is { } condition && !evaluator.Condition(condition, TemplatePath.Child(path, "Condition")))
            {
                continue;
            }

            var value = evaluator.Resolve(output["Value"], TemplatePath.Child(path, "Value"));
            if (TemplateJson.ScalarText(value) is not { } text)
            {
                errors.Add(TemplatePath.Child(path, "Value"), $"an output value must be a string, not {TemplateJson.ToText(value)}");
                continue;
            }

            values[name] = text;
            if (output["Export"] is JsonObject export
                && TemplateJson.ScalarText(evaluator.Resolve(export["Name"], TemplatePath.Child(path, "Export.Name"))) is { } exportName)
            {
                exports[exportName] = text;
            }
        }

        return (values, exports);
    }
}
