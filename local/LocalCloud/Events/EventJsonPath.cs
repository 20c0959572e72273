using System.Globalization;
using System.Text.Json.Nodes;
using LocalCloud.Core;

namespace LocalCloud.Events;

/// <summary>
/// The JSON path subset EventBridge evaluates for InputPath and InputPathsMap: <c>$</c>, dot notation,
/// array indices, <c>['name']</c> and the <c>*</c> wildcard (which yields an array of the matches).
/// </summary>
internal static class EventJsonPath
{
    /// <summary>Validates a path at PutTargets time.</summary>
    public static void Validate(string path, string parameter)
    {
        if (!TryParse(path, out _))
        {
            throw new AwsServiceException("ValidationException", $"{parameter} {path} is not a valid JSON path.");
        }
    }

    /// <summary>The value at the path, or null (absent) when nothing matches.</summary>
    public static JsonNode? Select(JsonNode root, string path, out bool found)
    {
        if (!TryParse(path, out var segments))
        {
            found = false;
            return null;
        }

        var current = new List<JsonNode?> { root };
        var wildcard = false;
        foreach (var segment in segments)
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                switch (segment)
                {
                    case "*" when node is JsonObject obj:
                        next.AddRange(obj.Select(p => p.Value));
                        break;
                    case "*" when node is JsonArray array:
                        next.AddRange(array);
                        break;
                    case ['#', .. var index] when node is JsonArray array
                        && int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count:
                        next.Add(array[i]);
                        break;
                    case ['.', .. var name] when node is JsonObject obj && obj.TryGetPropertyValue(name, out var value):
                        next.Add(value);
                        break;
                }
            }

            wildcard |= segment == "*";
            current = next;
        }

        found = current.Count > 0;
        if (wildcard)
        {
            return new JsonArray([.. current.Select(n => n?.DeepClone())]);
        }

        return found ? current[0] : null;
    }

    /// <summary>Segments: <c>.name</c>, <c>#index</c> or <c>*</c>.</summary>
    private static bool TryParse(string path, out List<string> segments)
    {
        segments = [];
        if (!path.StartsWith('$'))
        {
            return false;
        }

        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] is not ('.' or '['))
                {
                    end++;
                }

                var name = path[(i + 1)..end];
                if (name.Length == 0)
                {
                    return false;
                }

                segments.Add(name == "*" ? "*" : "." + name);
                i = end;
            }
            else if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0)
                {
                    return false;
                }

                var inner = path[(i + 1)..close];
                if (inner == "*")
                {
                    segments.Add("*");
                }
                else if (inner.Length > 0 && inner.All(char.IsAsciiDigit))
                {
                    segments.Add("#" + inner);
                }
                else if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
                {
                    segments.Add("." + inner[1..^1]);
                }
                else
                {
                    return false;
                }

                i = close + 1;
            }
            else
            {
                return false;
            }
        }

        return true;
    }
}
