using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LocalCloud.Templates;

/// <summary>Finds the names a value refers to (Ref, Fn::GetAtt, names in Fn::Sub), for dependency order.</summary>
internal static partial class TemplateReferences
{
    public static void Collect(JsonNode? node, ISet<string> names)
    {
        switch (node)
        {
            case JsonObject obj when TemplateJson.IsIntrinsic(obj, out var function, out var argument):
                switch (function)
                {
                    case "Ref" when TemplateJson.ScalarText(argument) is { } target:
                        names.Add(target);
                        return;
                    case "Fn::GetAtt":
                        var parts = argument is JsonArray list ? list : TemplateYamlReader.GetAttFromDotted(TemplateJson.ScalarText(argument) ?? "");
                        if (TemplateJson.ScalarText(parts.FirstOrDefault()) is { } resource)
                        {
                            names.Add(resource);
                        }

                        Collect(parts.Count > 1 ? parts[1] : null, names);
                        return;
                    case "Fn::Sub":
                        var template = argument is JsonArray pair ? TemplateJson.ScalarText(pair.FirstOrDefault()) : TemplateJson.ScalarText(argument);
                        var variables = argument is JsonArray { Count: 2 } withVariables && withVariables[1] is JsonObject map
                            ? map.Select(p => p.Key).ToHashSet(StringComparer.Ordinal)
                            : [];
                        foreach (Match match in SubVariable().Matches(template ?? string.Empty))
                        {
                            var name = match.Groups[1].Value.Trim();
                            if (!name.StartsWith('!') && !variables.Contains(name))
                            {
                                names.Add(name.Split('.')[0]);
                            }
                        }

                        if (argument is JsonArray { Count: 2 } subPair)
                        {
                            Collect(subPair[1], names);
                        }

                        return;
                    default:
                        Collect(argument, names);
                        return;
                }

            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Collect(value, names);
                }

                return;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, names);
                }

                return;
        }
    }

    [GeneratedRegex(@"\$\{([^}]*)\}", RegexOptions.CultureInvariant)]
    internal static partial Regex SubVariable();
}
