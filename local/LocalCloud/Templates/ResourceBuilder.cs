using System.Globalization;
using System.Text.Json.Nodes;

namespace LocalCloud.Templates;

/// <summary>Reads one resource's resolved properties into typed values, reporting type problems with their paths.</summary>
internal sealed class ResourceBuilder(
    string logicalId,
    JsonObject properties,
    JsonObject? metadata,
    StackIdentity stack,
    TemplateErrors errors,
    IReadOnlyList<StackResource> resolved)
{
    public string LogicalId => logicalId;

    public StackIdentity Stack => stack;

    public JsonObject? Metadata => metadata;

    public IReadOnlyList<StackResource> Resolved => resolved;

    public string Path => $"Resources.{logicalId}.Properties";

    public string PathOf(string name) => TemplatePath.Child(Path, name);

    public JsonNode? Node(string name) => properties[name];

    public bool Has(string name) => properties.ContainsKey(name);

    public void Error(string path, string message) => errors.Add(path, message);

    public string Name(string property, int maxLength) => String(property) ?? stack.GenerateName(logicalId, maxLength);

    public string? String(string name, bool required = false) => Text(properties[name], PathOf(name), required);

    public string Required(string name) => String(name, required: true) ?? string.Empty;

    public int? Int(string name) => Int(properties[name], PathOf(name));

    public bool? Bool(string name) => Bool(properties[name], PathOf(name));

    public IReadOnlyList<string> Strings(string name) => Strings(properties[name], PathOf(name));

    public IReadOnlyDictionary<string, string> StringMap(JsonNode? node, string path)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }

        if (node is not JsonObject map)
        {
            errors.Add(path, "expected a mapping of names to strings");
            return result;
        }

        foreach (var (key, value) in map)
        {
            if (Text(value, TemplatePath.Child(path, key), required: true) is { } text)
            {
                result[key] = text;
            }
        }

        return result;
    }

    /// <summary>A JSON document property (policy, pattern) as text; a JSON string is parsed first so the text is canonical.</summary>
    public string? Json(string name, bool required = false) => Json(properties[name], PathOf(name), required);

    public string? Json(JsonNode? node, string path, bool required = false)
    {
        switch (node)
        {
            case null when required:
                errors.Add(path, "is required");
                return null;
            case null:
                return null;
            case JsonObject or JsonArray:
                return TemplateJson.ToText(node);
        }

        var text = TemplateJson.ScalarText(node) ?? string.Empty;
        try
        {
            return TemplateJson.ToText(JsonNode.Parse(text));
        }
        catch (System.Text.Json.JsonException error)
        {
            errors.Add(path, $"is not valid JSON: {error.Message}");
            return null;
        }
    }

    public string? Text(JsonNode? node, string path, bool required = false)
    {
        if (node is null)
        {
            if (required)
            {
                errors.Add(path, "is required");
            }

            return null;
        }

        if (TemplateJson.ScalarText(node) is { } text)
        {
            return text;
        }

        errors.Add(path, $"expected a string, not {TemplateJson.ToText(node)}");
        return null;
    }

    public int? Int(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (TemplateJson.ScalarText(node) is { } text && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(path, $"expected an integer, not {TemplateJson.ToText(node)}");
        return null;
    }

    public bool? Bool(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        switch (TemplateJson.ScalarText(node))
        {
            case "true" or "True":
                return true;
            case "false" or "False":
                return false;
            default:
                errors.Add(path, $"expected true or false, not {TemplateJson.ToText(node)}");
                return null;
        }
    }

    public IReadOnlyList<string> Strings(JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                return [];
            case JsonArray items:
                return [.. items.Select((item, i) => Text(item, TemplatePath.Index(path, i), required: true)).OfType<string>()];
            default:
                return Text(node, path) is { } single ? [single] : [];
        }
    }
}
