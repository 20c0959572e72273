using System.Text.Json.Nodes;

namespace LocalCloud.Templates;

/// <summary>Resolves resources one by one (in dependency order) and answers Ref/GetAtt from those already built.</summary>
internal sealed class ResourceResolver(
    JsonObject resources, HashSet<string> created, StackIdentity stack, IntrinsicEvaluator evaluator, TemplateErrors errors) : IResourceValues
{
    private readonly Dictionary<string, StackResource> _built = new(StringComparer.Ordinal);
    private readonly List<StackResource> _order = [];

    public IReadOnlyList<StackResource> Built => _order;

    public void Build(string logicalId)
    {
        var resource = (JsonObject)resources[logicalId]!;
        var type = ResourceTypes.All[TemplateJson.ScalarText(resource["Type"])!];
        var before = errors.Count;
        var properties = evaluator.Resolve(resource["Properties"] ?? new JsonObject(), $"Resources.{logicalId}.Properties") as JsonObject ?? [];
        if (errors.Count > before)
        {
            return;
        }

        var metadata = resource["Metadata"] as JsonObject;
        var built = type.Build(new ResourceBuilder(logicalId, properties, metadata, stack, errors, _order));
        if (built is null)
        {
            return;
        }

        built = built with { SourceLogicalId = TemplateJson.ScalarText(metadata?["SamResourceId"]) is { } sam && sam != logicalId ? sam : null };
        _built[logicalId] = built;
        _order.Add(built);
    }

    public bool IsDeclared(string logicalId) => resources.ContainsKey(logicalId);

    public JsonNode? Ref(string logicalId, string path) => Find(logicalId, path)?.Ref;

    public JsonNode? GetAtt(string logicalId, string attribute, string path)
    {
        var resource = Find(logicalId, path);
        if (resource is null)
        {
            return null;
        }

        if (resource.GetAtt(attribute) is { } value)
        {
            return value;
        }

        errors.Add(path, $"{resource.Type} '{logicalId}' has no attribute '{attribute}'");
        return null;
    }

    private StackResource? Find(string logicalId, string path)
    {
        if (_built.TryGetValue(logicalId, out var resource))
        {
            return resource;
        }

        if (!created.Contains(logicalId))
        {
            var condition = TemplateJson.ScalarText(resources[logicalId]?["Condition"]);
            errors.Add(path, $"'{logicalId}' is not created (its condition {condition} is false); guard this value with Fn::If [{condition}, …]");
        }
        else
        {
            errors.Add(path, $"'{logicalId}' could not be resolved (see its own errors)");
        }

        return null;
    }
}
