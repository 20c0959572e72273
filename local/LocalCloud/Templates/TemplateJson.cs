using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalCloud.Templates;

/// <summary>Small helpers over the template's JSON tree.</summary>
internal static class TemplateJson
{
    /// <summary>True for <c>{"Ref": …}</c>, <c>{"Condition": …}</c> and <c>{"Fn::…": …}</c> (a one-key object).</summary>
    public static bool IsIntrinsic(JsonNode? node, out string name, out JsonNode? argument)
    {
        if (node is JsonObject { Count: 1 } single)
        {
            var (key, value) = single.First();
            if (key is "Ref" or "Condition" || key.StartsWith("Fn::", StringComparison.Ordinal))
            {
                name = key;
                argument = value;
                return true;
            }
        }

        name = string.Empty;
        argument = null;
        return false;
    }

    /// <summary>A scalar's text (strings as they are, numbers invariant, booleans lower case); null for objects, arrays and null.</summary>
    public static string? ScalarText(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.TryGetValue<long>(out var integer)
                ? integer.ToString(CultureInfo.InvariantCulture)
                : value.GetValue<double>().ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    /// <summary>Compact JSON text of a node.</summary>
    public static string ToText(JsonNode? node) => node?.ToJsonString() ?? "null";

    /// <summary>Indented JSON text of a node, for documents a reader looks at (policies, patterns).</summary>
    public static string ToIndentedText(JsonNode? node) =>
        node?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null";
}
