using System.Text.Json;
using System.Text.Json.Nodes;
using LocalCloud.Core;

namespace LocalCloud.Events;

/// <summary>
/// A compiled EventBridge event pattern: exact values, arrays as OR, nested fields, <c>$or</c> and every
/// content filter (prefix, suffix, anything-but, numeric, exists, wildcard, equals-ignore-case, cidr).
/// Parsing validates the pattern and throws <c>InvalidEventPatternException</c> as EventBridge does.
/// </summary>
public sealed class EventPattern
{
    /// <summary>The AWS error code for a pattern that does not parse.</summary>
    public const string InvalidPatternCode = "InvalidEventPatternException";

    private readonly ObjectPattern _root;

    private EventPattern(string text, ObjectPattern root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>The pattern as given.</summary>
    public string Text { get; }

    /// <summary>Parses and validates a pattern.</summary>
    /// <exception cref="AwsServiceException"><c>InvalidEventPatternException</c> with the reason.</exception>
    public static EventPattern Parse(string pattern)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(pattern, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException error)
        {
            throw Invalid($"Filter is not valid JSON: {error.Message}");
        }

        if (node is not JsonObject root)
        {
            throw Invalid("Filter is not an object");
        }

        return new EventPattern(pattern, ObjectPattern.Compile(root, path: string.Empty));
    }

    /// <summary>True when the event (a JSON object) matches.</summary>
    public bool Matches(JsonNode? eventJson) => _root.Matches(eventJson);

    /// <summary>True when the event JSON text matches.</summary>
    public bool Matches(string eventJson) => Matches(JsonNode.Parse(eventJson));

    internal static AwsServiceException Invalid(string reason) =>
        new(InvalidPatternCode, $"Event pattern is not valid. Reason: {reason}");

    private sealed class ObjectPattern
    {
        private readonly List<(string Key, ObjectPattern? Nested, IReadOnlyList<ValueMatcher>? Leaf)> _fields = [];
        private readonly List<IReadOnlyList<ObjectPattern>> _ors = [];

        public static ObjectPattern Compile(JsonObject pattern, string path)
        {
            var compiled = new ObjectPattern();
            foreach (var (key, value) in pattern)
            {
                var fieldPath = path.Length == 0 ? key : $"{path}.{key}";
                if (key == "$or")
                {
                    compiled._ors.Add(CompileOr(value, fieldPath, path));
                    continue;
                }

                switch (value)
                {
                    case JsonObject nested:
                        compiled._fields.Add((key, Compile(nested, fieldPath), null));
                        break;
                    case JsonArray values:
                        compiled._fields.Add((key, null, ValueMatcher.CompileList(values, fieldPath)));
                        break;
                    default:
                        throw Invalid($"\"{fieldPath}\" must be an object or an array");
                }
            }

            return compiled;
        }

        private static List<ObjectPattern> CompileOr(JsonNode? value, string fieldPath, string path)
        {
            if (value is not JsonArray alternatives)
            {
                throw Invalid($"\"{fieldPath}\" must be an array of objects");
            }

            if (alternatives.Count < 2)
            {
                throw Invalid("There must have at least 2 items in $or array.");
            }

            return [.. alternatives.Select(alternative => alternative is JsonObject obj
                ? Compile(obj, path)
                : throw Invalid($"\"{fieldPath}\" must be an array of objects"))];
        }

        public bool Matches(JsonNode? node)
        {
            if (node is JsonArray elements)
            {
                // A nested pattern applies to any object of an array in the event.
                var objects = elements.OfType<JsonObject>().ToList();
                return objects.Count == 0 ? Matches(new JsonObject()) : objects.Any(Matches);
            }

            // Patterns address flattened field paths: under an absent or scalar field every path is absent,
            // so only exists:false can match there.
            var obj = node as JsonObject ?? [];

            foreach (var (key, nested, leaf) in _fields)
            {
                var present = obj.TryGetPropertyValue(key, out var value);
                if (nested is not null)
                {
                    if (!nested.Matches(present ? value : null))
                    {
                        return false;
                    }
                }
                else if (!ValueMatcher.MatchesField(leaf!, present, value))
                {
                    return false;
                }
            }

            return _ors.All(alternatives => alternatives.Any(alternative => alternative.Matches(obj)));
        }
    }
}
