using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VpcPeering.Requests.Json;

/// <summary>The subset of JSONPath that System.Text.Json reports: <c>$.a.b[0]['c d']</c>.</summary>
internal static partial class JsonPaths
{
    /// <summary>Removes the value at <paramref name="path"/>; false when it is the root or not found.</summary>
    public static bool Remove(JsonNode root, string path)
    {
        var segments = Segment().Matches(path).Select(match => match.Groups).ToList();
        if (segments.Count == 0)
        {
            return false;
        }

        var parent = root;
        foreach (var segment in segments[..^1])
        {
            parent = Step(parent, segment);
            if (parent is null)
            {
                return false;
            }
        }

        var last = segments[^1];
        switch (parent)
        {
            case JsonObject obj when !last["index"].Success:
                return obj.Remove(Name(last));
            case JsonArray array when last["index"].Success && Index(last) < array.Count:
                // Null keeps later indexes (and so later paths) stable.
                array[Index(last)] = null;
                return true;
            default:
                return false;
        }
    }

    private static JsonNode? Step(JsonNode? node, GroupCollection segment) => node switch
    {
        JsonObject obj when !segment["index"].Success => obj[Name(segment)],
        JsonArray array when segment["index"].Success && Index(segment) < array.Count => array[Index(segment)],
        _ => null,
    };

    private static string Name(GroupCollection segment) =>
        segment["name"].Success ? segment["name"].Value : segment["quoted"].Value;

    private static int Index(GroupCollection segment) => int.Parse(segment["index"].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex Segment();

}
