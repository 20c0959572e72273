using System.Text.Json.Nodes;

namespace StatesLanguage.Json;

/// <summary>Workflow variables: a scope sees its own variables and reads those of the scopes around it.</summary>
internal sealed class VariableScope(VariableScope? parent)
{
    private readonly Dictionary<string, JsonNode?> _values = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public bool TryGet(string name, out JsonNode? value)
    {
        lock (_lock)
        {
            if (_values.TryGetValue(name, out value))
            {
                return true;
            }
        }

        if (parent is not null)
        {
            return parent.TryGet(name, out value);
        }

        value = null;
        return false;
    }

    public void Set(string name, JsonNode? value)
    {
        lock (_lock)
        {
            _values[name] = value;
        }
    }
}

/// <summary>What paths resolve against while one state runs: <c>$</c>, <c>$$</c> and variables.</summary>
internal readonly record struct DataScope(JsonNode? Input, ContextObject? Context, VariableScope? Variables)
{
    public bool TryResolve(JsonPath path, out JsonNode? value)
    {
        switch (path.Root)
        {
            case PathRoot.Context:
                return path.TrySelect(Context?.Node, out value);
            case PathRoot.Variable:
                if (Variables is null || !Variables.TryGet(path.Variable!, out var variable))
                {
                    value = null;
                    return false;
                }

                return path.TrySelect(variable, out value);
            default:
                return path.TrySelect(Input, out value);
        }
    }

    /// <summary>Resolves a path or raises States.Runtime naming it, as Step Functions does for a path that matches nothing.</summary>
    public JsonNode? Resolve(JsonPath path, string field)
    {
        if (TryResolve(path, out var value))
        {
            return value;
        }

        var source = path.Root switch
        {
            PathRoot.Context => "the context object",
            PathRoot.Variable => $"the variable '{path.Variable}'",
            _ => "the input " + Truncate(JsonText.Serialize(Input)),
        };
        throw new StatesErrorException(
            ErrorNames.Runtime,
            $"An error occurred while executing the state. The JSONPath '{path.Text}' specified for the field '{field}' could not be found in {source}.");
    }

    private static string Truncate(string text) => text.Length > 200 ? string.Concat(text.AsSpan(0, 200), "…") : $"'{text}'";
}
