using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StatesLanguage.Definition;
using StatesLanguage.Json;

namespace StatesLanguage;

/// <summary>One problem found in a definition: where (a JSON pointer into the definition) and what.</summary>
/// <param name="Pointer">An RFC 6901 pointer such as <c>/States/Check/Next</c>; empty for the whole document.</param>
/// <param name="Message">What is wrong and what to change.</param>
public sealed record DefinitionProblem(string Pointer, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{(Pointer.Length == 0 ? "/" : Pointer)}: {Message}";
}

/// <summary>Thrown by <see cref="StateMachineDefinition.Load"/> when the definition has problems; lists all of them.</summary>
public sealed class InvalidDefinitionException(IReadOnlyList<DefinitionProblem> problems)
    : Exception("The state machine definition is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    /// <summary>Every problem found, in document order.</summary>
    public IReadOnlyList<DefinitionProblem> Problems => problems;
}

/// <summary>The outcome of <see cref="StateMachineDefinition.Validate"/>: a definition, or the problems that prevent one.</summary>
/// <param name="Definition">The loaded definition when <see cref="Problems"/> is empty, else null.</param>
/// <param name="Problems">Every problem found; empty when the definition is valid.</param>
public sealed record DefinitionValidation(StateMachineDefinition? Definition, IReadOnlyList<DefinitionProblem> Problems)
{
    /// <summary>True when the definition loaded without problems.</summary>
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// A loaded, validated Amazon States Language definition (JSONPath query language). Immutable and safe to share between
/// executions and threads.
/// </summary>
public sealed partial class StateMachineDefinition
{
    private StateMachineDefinition(StateGraph graph, JsonObject json, int? timeoutSeconds)
    {
        Graph = graph;
        Json = json;
        TimeoutSeconds = timeoutSeconds;
    }

    /// <summary>The first state's name.</summary>
    public string StartAt => Graph.StartAt;

    /// <summary>The names of the top-level states.</summary>
    public IReadOnlyCollection<string> StateNames => [.. Graph.States.Keys];

    /// <summary>The top-level TimeoutSeconds of the whole execution, or null for none.</summary>
    public int? TimeoutSeconds { get; }

    /// <summary>The definition as loaded, after substitutions.</summary>
    public string ToJson() => JsonText.Serialize(Json);

    internal StateGraph Graph { get; }

    internal JsonObject Json { get; }

    /// <summary>Loads a definition, throwing <see cref="InvalidDefinitionException"/> with every problem when it is invalid.</summary>
    /// <param name="json">The definition's JSON text.</param>
    /// <param name="substitutions">DefinitionSubstitutions: <c>${Name}</c> in any string is replaced by its value first.</param>
    public static StateMachineDefinition Load(string json, IReadOnlyDictionary<string, string>? substitutions = null)
    {
        var result = Validate(json, substitutions);
        return result.Definition ?? throw new InvalidDefinitionException(result.Problems);
    }

    /// <summary>Loads and validates a definition, returning either the definition or every problem found.</summary>
    /// <param name="json">The definition's JSON text. Malformed JSON is reported as one problem naming the line and column.</param>
    /// <param name="substitutions">DefinitionSubstitutions: <c>${Name}</c> in any string is replaced by its value first.</param>
    public static DefinitionValidation Validate(string json, IReadOnlyDictionary<string, string>? substitutions = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "";
            return new DefinitionValidation(null, [new DefinitionProblem("", $"The definition is not valid JSON{where}: {FirstSentence(e.Message)}")]);
        }

        var problems = new List<DefinitionProblem>();
        root = Substitute(root, "", substitutions ?? new Dictionary<string, string>(), problems);
        var parser = new DefinitionParser();
        var graph = parser.ParseTopLevel(root);
        problems.AddRange(parser.Problems.Select(p => new DefinitionProblem(p.Pointer, p.Message)));
        if (problems.Count > 0 || graph is null)
        {
            return new DefinitionValidation(null, problems);
        }

        var obj = (JsonObject)root!;
        int? timeout = JsonText.TryGetInteger(obj["TimeoutSeconds"], out var t) ? (int)t : null;
        return new DefinitionValidation(new StateMachineDefinition(graph, obj, timeout), []);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static JsonNode? Substitute(JsonNode? node, string pointer, IReadOnlyDictionary<string, string> values, List<DefinitionProblem> problems)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var replaced = Substitute(obj[key], $"{pointer}/{Pointer.Escape(key)}", values, problems);
                    if (!ReferenceEquals(replaced, obj[key]))
                    {
                        obj[key] = replaced;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var replaced = Substitute(array[i], $"{pointer}/{i}", values, problems);
                    if (!ReferenceEquals(replaced, array[i]))
                    {
                        array[i] = replaced;
                    }
                }

                return array;
            default:
                if (!JsonText.TryGetString(node, out var text) || !text.Contains("${", StringComparison.Ordinal))
                {
                    return node;
                }

                var result = Placeholder().Replace(text, m =>
                {
                    if (values.TryGetValue(m.Groups[1].Value, out var value))
                    {
                        return value;
                    }

                    problems.Add(new DefinitionProblem(pointer, $"No value was given for the definition substitution '${{{m.Groups[1].Value}}}'."));
                    return m.Value;
                });
                return JsonValue.Create(result);
        }
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9_.:-]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
