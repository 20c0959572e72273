using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatesLanguage.Json;

/// <summary>Small helpers over <see cref="JsonNode"/> values used throughout the runtime.</summary>
internal static class JsonText
{
    /// <summary>Compact output that keeps characters as written (Step Functions does not escape non-ASCII or HTML characters).</summary>
    public static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Serialize(JsonNode? node) => node is null ? "null" : node.ToJsonString(Compact);

    public static JsonNode? Parse(string json) => JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });

    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => Serialize(node),
    };

    public static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    public static bool TryGetNumber(JsonNode? node, out double value)
    {
        value = 0;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            // Values built in code hold their CLR type (long, int, …), which GetValue<double> does not convert.
            value = v.TryGetValue<double>(out var d) ? d
                : v.TryGetValue<long>(out var l) ? l
                : v.TryGetValue<int>(out var i) ? i
                : double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            return true;
        }

        return false;
    }

    public static bool TryGetString(JsonNode? node, out string value)
    {
        value = "";
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }

        return false;
    }

    public static bool TryGetBoolean(JsonNode? node, out bool value)
    {
        value = false;
        var kind = Kind(node);
        if (kind is JsonValueKind.True or JsonValueKind.False)
        {
            value = kind == JsonValueKind.True;
            return true;
        }

        return false;
    }

    public static bool TryGetInteger(JsonNode? node, out long value)
    {
        value = 0;
        if (TryGetNumber(node, out var d) && d == Math.Floor(d) && Math.Abs(d) < 9.2e18)
        {
            value = (long)d;
            return true;
        }

        return false;
    }

    /// <summary>A number node that prints as an integer when it is one.</summary>
    public static JsonNode Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 9.2e18 ? JsonValue.Create((long)value) : JsonValue.Create(value);

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
