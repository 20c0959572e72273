using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LocalCloud.Templates;

/// <summary>
/// Reads CloudFormation YAML (or JSON, which is YAML) into a JSON tree. Short-form tags become their long forms:
/// <c>!Ref X</c> → <c>{"Ref": "X"}</c>, <c>!GetAtt A.B</c> → <c>{"Fn::GetAtt": ["A", "B"]}</c>, <c>!Sub …</c> →
/// <c>{"Fn::Sub": …}</c>, <c>!Condition C</c> → <c>{"Condition": "C"}</c>.
/// </summary>
public static partial class TemplateYamlReader
{
    private static readonly HashSet<string> FunctionTags = new(StringComparer.Ordinal)
    {
        "Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub", "Transform",
        "If", "Equals", "Not", "And", "Or", "Length", "ToJsonString",
    };

    /// <summary>Parses template text; YAML syntax errors and unknown tags throw <see cref="TemplateException"/> with the line.</summary>
    public static JsonObject Read(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException error)
        {
            throw new TemplateException($"line {error.Start.Line}", $"The template is not valid YAML: {Unwrap(error).Message}");
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new TemplateException(string.Empty, "The template must be one YAML document whose root is a mapping.");
        }

        var errors = new TemplateErrors();
        var result = (JsonObject)Convert(root, string.Empty, errors)!;
        errors.ThrowIfAny();
        return result;
    }

    private static Exception Unwrap(YamlException error) => error.InnerException is YamlException inner ? Unwrap(inner) : error;

    private static JsonNode? Convert(YamlNode node, string path, TemplateErrors errors)
    {
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        if (tag is not null && tag.StartsWith('!') && tag != "!")
        {
            return ConvertTagged(tag[1..], node, path, errors);
        }

        return node switch
        {
            YamlMappingNode mapping => ConvertMapping(mapping, path, errors),
            YamlSequenceNode sequence => ConvertSequence(sequence, path, errors),
            YamlScalarNode scalar => ConvertScalar(scalar, tag),
            _ => null,
        };
    }

    private static JsonObject ConvertMapping(YamlMappingNode mapping, string path, TemplateErrors errors)
    {
        var result = new JsonObject();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = keyNode is YamlScalarNode scalar ? scalar.Value ?? string.Empty : keyNode.ToString();
            var childPath = TemplatePath.Child(path, key);
            if (result.ContainsKey(key))
            {
                errors.Add(childPath, $"duplicate key '{key}' (line {keyNode.Start.Line})");
                continue;
            }

            result[key] = Convert(valueNode, childPath, errors);
        }

        return result;
    }

    private static JsonArray ConvertSequence(YamlSequenceNode sequence, string path, TemplateErrors errors)
    {
        var result = new JsonArray();
        var index = 0;
        foreach (var item in sequence.Children)
        {
            result.Add(Convert(item, TemplatePath.Index(path, index++), errors));
        }

        return result;
    }

    private static JsonNode? ConvertTagged(string name, YamlNode node, string path, TemplateErrors errors)
    {
        if (name is "Ref" or "Condition")
        {
            if (node is not YamlScalarNode reference)
            {
                errors.Add(path, $"!{name} takes a name (line {node.Start.Line})");
                return null;
            }

            return new JsonObject { [name] = reference.Value };
        }

        if (!FunctionTags.Contains(name))
        {
            errors.Add(path, $"unknown tag !{name} (line {node.Start.Line})");
            return null;
        }

        JsonNode? argument = node switch
        {
            YamlScalarNode scalar when name == "GetAtt" => GetAttFromDotted(scalar.Value ?? string.Empty),
            YamlScalarNode scalar => scalar.Value ?? string.Empty,
            YamlMappingNode mapping => ConvertMapping(mapping, path, errors),
            YamlSequenceNode sequence => ConvertSequence(sequence, path, errors),
            _ => null,
        };
        return new JsonObject { [$"Fn::{name}"] = argument };
    }

    /// <summary><c>A.B.C</c> is resource <c>A</c>, attribute <c>B.C</c> (attributes may contain dots).</summary>
    internal static JsonArray GetAttFromDotted(string value)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? [value] : [value[..dot], value[(dot + 1)..]];
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar, string? tag)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain || tag == "tag:yaml.org,2002:str")
        {
            return JsonValue.Create(value);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (value is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        // Leading zeros (account ids such as 012345678901) stay strings rather than silently losing digits.
        if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(value);
    }

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|(0|[1-9][0-9]*)\.[0-9]*)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}

/// <summary>Builds the dotted paths used in error messages.</summary>
internal static class TemplatePath
{
    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Index(string path, int index) => $"{path}[{index}]";
}
