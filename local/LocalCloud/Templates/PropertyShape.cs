using System.Text.Json.Nodes;

namespace LocalCloud.Templates;

/// <summary>
/// The properties a resource type (or a nested property) accepts, so that an unknown or unsupported property is reported
/// with its full path. Values that are intrinsic functions are not checked (their result is).
/// </summary>
internal sealed class PropertyShape
{
    private readonly Dictionary<string, PropertyShape?> _properties;

    private PropertyShape(Dictionary<string, PropertyShape?> properties, bool isList)
    {
        _properties = properties;
        IsList = isList;
    }

    /// <summary>True when the value is a list of objects of this shape.</summary>
    public bool IsList { get; }

    /// <summary>An object with these properties; a null shape accepts any value.</summary>
    public static PropertyShape Object(params (string Name, PropertyShape? Shape)[] properties) =>
        new(properties.ToDictionary(p => p.Name, p => p.Shape, StringComparer.Ordinal), isList: false);

    /// <summary>An object whose listed properties accept any value.</summary>
    public static PropertyShape Names(params string[] names) => Object([.. names.Select(n => (n, (PropertyShape?)null))]);

    /// <summary>A list of objects of this shape.</summary>
    public PropertyShape ListOf() => new(_properties, isList: true);

    /// <summary>A copy that also accepts these properties.</summary>
    public PropertyShape With(params (string Name, PropertyShape? Shape)[] more)
    {
        var properties = new Dictionary<string, PropertyShape?>(_properties, StringComparer.Ordinal);
        foreach (var (name, shape) in more)
        {
            properties[name] = shape;
        }

        return new PropertyShape(properties, IsList);
    }

    /// <summary>True when the property is accepted.</summary>
    public bool Accepts(string name) => _properties.ContainsKey(name);

    /// <summary>Reports every property the shape does not accept, recursively.</summary>
    public void Validate(JsonNode? node, string path, TemplateErrors errors, string owner)
    {
        if (TemplateJson.IsIntrinsic(node, out var name, out var argument))
        {
            // Fn::If chooses between values of this shape.
            if (name == "Fn::If" && argument is JsonArray { Count: 3 } branches)
            {
                Validate(branches[1], TemplatePath.Index(TemplatePath.Child(path, name), 1), errors, owner);
                Validate(branches[2], TemplatePath.Index(TemplatePath.Child(path, name), 2), errors, owner);
            }

            return;
        }

        if (IsList)
        {
            if (node is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    ValidateObject(items[i], TemplatePath.Index(path, i), errors, owner);
                }
            }
            else if (node is not null)
            {
                errors.Add(path, "expected a list");
            }

            return;
        }

        ValidateObject(node, path, errors, owner);
    }

    private void ValidateObject(JsonNode? node, string path, TemplateErrors errors, string owner)
    {
        if (TemplateJson.IsIntrinsic(node, out _, out _) || node is null)
        {
            return;
        }

        if (node is not JsonObject obj)
        {
            errors.Add(path, "expected a mapping");
            return;
        }

        foreach (var (key, value) in obj)
        {
            var childPath = TemplatePath.Child(path, key);
            if (!_properties.TryGetValue(key, out var shape))
            {
                errors.Add(childPath, $"property '{key}' is not supported for {owner} " +
                    $"(supported: {string.Join(", ", _properties.Keys.Order(StringComparer.Ordinal))})");
                continue;
            }

            shape?.Validate(value, childPath, errors, owner);
        }
    }
}
