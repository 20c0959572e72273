using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using VpcPeering.Requests.Json;

namespace VpcPeering.Requests;

/// <summary>Reads request JSON into a validated request. Never throws for bad input: every problem comes back at once.</summary>
public static partial class PeeringRequestReader
{
    // Each pass removes one ill-typed value; a document cannot have more bad values than this and still be worth reading.
    private const int MaxTypeErrors = 100;

    public static Validated<PeeringRequest> Read(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            return Validated<PeeringRequest>.Failure([MalformedJson(ex)]);
        }

        if (root is not JsonObject)
        {
            return Validated<PeeringRequest>.Failure([new Problem("$", "is not a JSON object",
                "a JSON object such as {\"requester\": {…}, \"accepter\": {…}}")]);
        }

        var typeErrors = new List<Problem>();
        while (true)
        {
            try
            {
                var document = root.Deserialize(PeeringJsonContext.Default.PeeringRequestDocument)!;
                return PeeringRequestValidator.Validate(document, typeErrors);
            }
            catch (JsonException ex) when (typeErrors.Count < MaxTypeErrors)
            {
                // Drop the offending value and read again, so one wrong type does not hide the other problems.
                var problem = TypeError(ex);
                typeErrors.Add(problem);
                if (!JsonPaths.Remove(root, problem.Path))
                {
                    return Validated<PeeringRequest>.Failure(typeErrors);
                }
            }
            catch (JsonException)
            {
                return Validated<PeeringRequest>.Failure(typeErrors);
            }
        }
    }

    private static Problem MalformedJson(JsonException ex)
    {
        var where = ex.LineNumber is { } line ? $" at line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : "";
        var reason = ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
        return new Problem("$", $"malformed JSON{where}: {reason}", "well-formed JSON (check quotes, commas and brackets there)");
    }

    private static Problem TypeError(JsonException ex)
    {
        var path = ex.Path ?? "$";
        var unmapped = UnmappedProperty().Match(ex.Message);
        if (unmapped.Success)
        {
            var property = unmapped.Groups["name"].Value;
            return new Problem(path, $"'{property}' is not a known property",
                "only the properties in schemas/peering-request.schema.json (names are case-sensitive)");
        }

        var converted = ConvertedTo().Match(ex.Message);
        if (converted.Success)
        {
            return new Problem(path, "has the wrong JSON type", ExpectedType(converted.Groups["type"].Value, path));
        }

        // Our converters throw with the expectation as their message.
        return new Problem(path, "has the wrong shape", ex.Message.Split(" Path:", 2)[0]);
    }

    /// <summary>What the property at the end of <paramref name="path"/> holds, from the serializer's own metadata.</summary>
    private static string ExpectedType(string declaringType, string path)
    {
        var property = path.EndsWith(']') ? null : path[(path.LastIndexOf('.') + 1)..];
        var declaring = DocumentTypes().FirstOrDefault(info => info.Type.FullName == declaringType);
        var type = declaring?.Properties.FirstOrDefault(candidate => candidate.Name == property)?.PropertyType;
        return type switch
        {
            null => "a JSON object",
            _ when type == typeof(bool?) => "true or false",
            _ when type == typeof(string) => "a JSON string",
            _ when type == typeof(IReadOnlyList<string>) => "a JSON array of strings",
            _ when type == typeof(IReadOnlyDictionary<string, string>) => "a JSON object of string values, e.g. {\"team\": \"payments\"}",
            _ when type.IsGenericType => "a JSON array of objects",
            _ => "a JSON object",
        };
    }

    private static IEnumerable<JsonTypeInfo> DocumentTypes() =>
    [
        PeeringJsonContext.Default.PeeringRequestDocument,
        PeeringJsonContext.Default.VpcDocument,
        PeeringJsonContext.Default.RoutesDocument,
        PeeringJsonContext.Default.SecurityGroupGrantDocument,
        PeeringJsonContext.Default.DnsDocument,
    ];

    [GeneratedRegex("The JSON property '(?<name>.*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\. Path")]
    private static partial Regex ConvertedTo();
}
