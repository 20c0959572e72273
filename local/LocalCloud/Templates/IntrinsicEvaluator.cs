using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace LocalCloud.Templates;

/// <summary>What Ref and Fn::GetAtt on a resource give; implemented by the resolver as resources get physical ids.</summary>
internal interface IResourceValues
{
    /// <summary>True when the template declares the resource (whether or not its condition creates it).</summary>
    bool IsDeclared(string logicalId);

    /// <summary>Ref of a declared resource, or null after reporting why (not created, not yet resolved).</summary>
    JsonNode? Ref(string logicalId, string path);

    /// <summary>Fn::GetAtt of a declared resource, or null after reporting why (unknown attribute, not created).</summary>
    JsonNode? GetAtt(string logicalId, string attribute, string path);
}

/// <summary>
/// Evaluates CloudFormation intrinsic functions and condition functions against parameter values, pseudo parameters,
/// mappings, conditions and resources, as the CloudFormation User Guide's "Intrinsic function reference" describes.
/// Problems are collected, not thrown, so one pass reports all of them.
/// </summary>
internal sealed class IntrinsicEvaluator
{
    /// <summary>The result of <c>Ref AWS::NoValue</c>: the enclosing property or list item disappears.</summary>
    public static readonly JsonNode NoValue = JsonValue.Create("AWS::NoValue");

    private static readonly JsonNode Invalid = JsonValue.Create("<invalid>");

    private readonly IReadOnlyDictionary<string, JsonNode> _parameters;
    private readonly IReadOnlyDictionary<string, JsonNode> _pseudo;
    private readonly JsonObject _mappings;
    private readonly JsonObject _conditions;
    private readonly TemplateErrors _errors;
    private readonly Dictionary<string, bool> _conditionValues = new(StringComparer.Ordinal);
    private readonly HashSet<string> _conditionsInProgress = new(StringComparer.Ordinal);

    public IntrinsicEvaluator(
        IReadOnlyDictionary<string, JsonNode> parameters,
        IReadOnlyDictionary<string, JsonNode> pseudo,
        JsonObject? mappings,
        JsonObject? conditions,
        TemplateErrors errors)
    {
        _parameters = parameters;
        _pseudo = pseudo;
        _mappings = mappings ?? [];
        _conditions = conditions ?? [];
        _errors = errors;
    }

    /// <summary>Where Ref/GetAtt of resources go; unset while only parameters and conditions are evaluated.</summary>
    public IResourceValues? Resources { get; set; }

    /// <summary>The names Ref and <c>${…}</c> accept besides resources.</summary>
    public bool IsParameterOrPseudo(string name) => _parameters.ContainsKey(name) || _pseudo.ContainsKey(name) || name == "AWS::NoValue";

    /// <summary>The value of a named condition (evaluated once; cycles and unknown names reported).</summary>
    public bool Condition(string name, string path)
    {
        if (_conditionValues.TryGetValue(name, out var known))
        {
            return known;
        }

        if (!_conditions.ContainsKey(name))
        {
            _errors.Add(path, $"condition '{name}' is not declared in Conditions");
            return false;
        }

        if (!_conditionsInProgress.Add(name))
        {
            _errors.Add(TemplatePath.Child("Conditions", name), $"circular condition reference through '{name}'");
            return false;
        }

        var value = ConditionExpression(_conditions[name], TemplatePath.Child("Conditions", name));
        _conditionsInProgress.Remove(name);
        _conditionValues[name] = value;
        return value;
    }

    /// <summary>Every declared condition's value.</summary>
    public IReadOnlyDictionary<string, bool> AllConditions()
    {
        foreach (var (name, _) in _conditions)
        {
            Condition(name, TemplatePath.Child("Conditions", name));
        }

        return _conditionValues;
    }

    /// <summary>
    /// Resolves a value: a copy with every intrinsic function replaced by its result and <c>AWS::NoValue</c> removed.
    /// Returns <see cref="NoValue"/> when the value itself is removed.
    /// </summary>
    public JsonNode? Resolve(JsonNode? node, string path)
    {
        var result = ResolveOrInvalid(node, path);
        return ReferenceEquals(result, Invalid) ? null : result;
    }

    private JsonNode? ResolveOrInvalid(JsonNode? node, string path)
    {
        if (TemplateJson.IsIntrinsic(node, out var name, out var argument))
        {
            return Function(name, argument, path);
        }

        switch (node)
        {
            case JsonObject obj:
                var resultObject = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var resolved = ResolveOrInvalid(value, TemplatePath.Child(path, key));
                    if (!ReferenceEquals(resolved, NoValue) && !ReferenceEquals(resolved, Invalid))
                    {
                        resultObject[key] = resolved;
                    }
                }

                return resultObject;
            case JsonArray array:
                var resultArray = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    var resolved = ResolveOrInvalid(array[i], TemplatePath.Index(path, i));
                    if (!ReferenceEquals(resolved, NoValue) && !ReferenceEquals(resolved, Invalid))
                    {
                        resultArray.Add(resolved);
                    }
                }

                return resultArray;
            default:
                return node?.DeepClone();
        }
    }

    private JsonNode? Function(string name, JsonNode? argument, string path)
    {
        var functionPath = TemplatePath.Child(path, name);
        return name switch
        {
            "Ref" => Ref(argument, functionPath),
            "Fn::GetAtt" => GetAtt(argument, functionPath),
            "Fn::Sub" => Sub(argument, functionPath),
            "Fn::Join" => Join(argument, functionPath),
            "Fn::Select" => Select(argument, functionPath),
            "Fn::Split" => Split(argument, functionPath),
            "Fn::FindInMap" => FindInMap(argument, functionPath),
            "Fn::If" => If(argument, functionPath),
            "Fn::Base64" => Text(argument, functionPath) is { } text ? Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) : Invalid,
            "Fn::GetAZs" => GetAZs(argument, functionPath),
            "Fn::Length" => ResolveOrInvalid(argument, functionPath) is JsonArray list ? list.Count : Fail(functionPath, "Fn::Length takes a list"),
            "Fn::ToJsonString" => ResolveOrInvalid(argument, functionPath) is { } json && !ReferenceEquals(json, Invalid) ? TemplateJson.ToText(json) : Invalid,
            "Fn::Equals" or "Fn::Not" or "Fn::And" or "Fn::Or" or "Condition" => ConditionExpression(
                new JsonObject { [name] = argument?.DeepClone() }, path),
            _ => Fail(functionPath, $"{name} is not supported by the local cloud"),
        };
    }

    private JsonNode Fail(string path, string message)
    {
        _errors.Add(path, message);
        return Invalid;
    }

    private JsonNode? Ref(JsonNode? argument, string path)
    {
        if (TemplateJson.ScalarText(argument) is not { } target || argument is not JsonValue)
        {
            return Fail(path, "Ref takes the name of a parameter, pseudo parameter or resource");
        }

        if (target == "AWS::NoValue")
        {
            return NoValue;
        }

        if (_parameters.TryGetValue(target, out var parameter))
        {
            return parameter.DeepClone();
        }

        if (_pseudo.TryGetValue(target, out var pseudo))
        {
            return pseudo.DeepClone();
        }

        if (Resources?.IsDeclared(target) == true)
        {
            return Resources.Ref(target, path) ?? Invalid;
        }

        return Fail(path, target.StartsWith("AWS::", StringComparison.Ordinal)
            ? $"unknown pseudo parameter '{target}'"
            : $"Ref to '{target}', which is neither a parameter nor a resource (Unresolved resource dependencies [{target}])");
    }

    private JsonNode? GetAtt(JsonNode? argument, string path)
    {
        var parts = argument switch
        {
            JsonValue dotted when TemplateJson.ScalarText(dotted) is { } text => TemplateYamlReader.GetAttFromDotted(text),
            JsonArray array => array,
            _ => null,
        };
        if (parts is not { Count: 2 } || TemplateJson.ScalarText(parts[0]) is not { } logicalId)
        {
            return Fail(path, "Fn::GetAtt takes [LogicalId, Attribute]");
        }

        var attribute = Text(parts[1], TemplatePath.Index(path, 1));
        if (attribute is null)
        {
            return Invalid;
        }

        if (Resources?.IsDeclared(logicalId) != true)
        {
            return Fail(path, $"Fn::GetAtt of '{logicalId}', which is not a resource (Unresolved resource dependencies [{logicalId}])");
        }

        return Resources.GetAtt(logicalId, attribute, path) ?? Invalid;
    }

    private JsonNode? Sub(JsonNode? argument, string path)
    {
        string? template;
        var variables = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (argument is JsonArray { Count: 2 } pair)
        {
            template = TemplateJson.ScalarText(pair[0]);
            if (pair[1] is not JsonObject map)
            {
                return Fail(path, "Fn::Sub takes a string or [string, {variables}]");
            }

            foreach (var (key, value) in map)
            {
                variables[key] = ResolveOrInvalid(value, TemplatePath.Child(TemplatePath.Index(path, 1), key));
            }
        }
        else
        {
            template = argument is JsonValue ? TemplateJson.ScalarText(argument) : null;
        }

        if (template is null)
        {
            return Fail(path, "Fn::Sub takes a string or [string, {variables}]");
        }

        var failed = false;
        var result = TemplateReferences.SubVariable().Replace(template, match =>
        {
            var body = match.Groups[1].Value;
            if (body.StartsWith('!'))
            {
                return "${" + body[1..] + "}";
            }

            var value = SubValue(body.Trim(), variables, path);
            failed |= value is null;
            return value ?? string.Empty;
        });
        return failed ? Invalid : result;
    }

    private string? SubValue(string name, Dictionary<string, JsonNode?> variables, string path)
    {
        JsonNode? value;
        if (variables.TryGetValue(name, out var variable))
        {
            value = variable;
        }
        else if (IsParameterOrPseudo(name) || !name.Contains('.', StringComparison.Ordinal))
        {
            value = Ref(JsonValue.Create(name), path);
        }
        else
        {
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            value = GetAtt(new JsonArray(name[..dot], name[(dot + 1)..]), path);
        }

        if (ReferenceEquals(value, Invalid))
        {
            return null;
        }

        if (TemplateJson.ScalarText(value) is { } text && !ReferenceEquals(value, NoValue))
        {
            return text;
        }

        _errors.Add(path, $"${{{name}}} in Fn::Sub must be a string, not {TemplateJson.ToText(value)}");
        return null;
    }

    private JsonNode? Join(JsonNode? argument, string path)
    {
        if (argument is not JsonArray { Count: 2 } pair || pair[0] is not JsonValue || TemplateJson.ScalarText(pair[0]) is not { } delimiter)
        {
            return Fail(path, "Fn::Join takes [\"delimiter\", [values]]; the delimiter cannot be a function");
        }

        if (List(pair[1], TemplatePath.Index(path, 1)) is not { } items)
        {
            return Invalid;
        }

        var texts = new List<string>();
        foreach (var item in items)
        {
            if (TemplateJson.ScalarText(item) is not { } text)
            {
                return Fail(path, $"Fn::Join can only join strings, not {TemplateJson.ToText(item)}");
            }

            texts.Add(text);
        }

        return string.Join(delimiter, texts);
    }

    private JsonNode? Select(JsonNode? argument, string path)
    {
        if (argument is not JsonArray { Count: 2 } pair)
        {
            return Fail(path, "Fn::Select takes [index, [values]]");
        }

        var indexText = Text(pair[0], TemplatePath.Index(path, 0));
        var items = List(pair[1], TemplatePath.Index(path, 1));
        if (indexText is null || items is null)
        {
            return Invalid;
        }

        if (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= items.Count)
        {
            return Fail(path, $"Fn::Select index {indexText} is out of range for a list of {items.Count}");
        }

        return items[index]?.DeepClone();
    }

    private JsonNode? Split(JsonNode? argument, string path)
    {
        if (argument is not JsonArray { Count: 2 } pair || TemplateJson.ScalarText(pair[0]) is not { Length: > 0 } delimiter)
        {
            return Fail(path, "Fn::Split takes [\"delimiter\", \"source string\"]");
        }

        return Text(pair[1], TemplatePath.Index(path, 1)) is { } source
            ? new JsonArray([.. source.Split(delimiter).Select(s => (JsonNode?)JsonValue.Create(s))])
            : Invalid;
    }

    private JsonNode? FindInMap(JsonNode? argument, string path)
    {
        if (argument is not JsonArray { Count: 3 } keys)
        {
            return Fail(path, "Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]");
        }

        var names = keys.Select((k, i) => Text(k, TemplatePath.Index(path, i))).ToList();
        if (names.Any(n => n is null))
        {
            return Invalid;
        }

        if (_mappings[names[0]!] is not JsonObject map)
        {
            return Fail(path, $"mapping '{names[0]}' is not declared in Mappings");
        }

        if (map[names[1]!] is not JsonObject top || !top.ContainsKey(names[2]!))
        {
            return Fail(path, $"mapping '{names[0]}' has no value for [{names[1]}, {names[2]}]");
        }

        return top[names[2]!]?.DeepClone();
    }

    private JsonNode? If(JsonNode? argument, string path)
    {
        if (argument is not JsonArray { Count: 3 } branches || TemplateJson.ScalarText(branches[0]) is not { } condition)
        {
            return Fail(path, "Fn::If takes [ConditionName, value if true, value if false]");
        }

        return Condition(condition, TemplatePath.Index(path, 0))
            ? ResolveOrInvalid(branches[1], TemplatePath.Index(path, 1))
            : ResolveOrInvalid(branches[2], TemplatePath.Index(path, 2));
    }

    private JsonNode GetAZs(JsonNode? argument, string path)
    {
        var region = Text(argument, path);
        if (string.IsNullOrEmpty(region))
        {
            region = TemplateJson.ScalarText(_pseudo["AWS::Region"]);
        }

        return new JsonArray([.. "abc".Select(zone => (JsonNode?)JsonValue.Create($"{region}{zone}"))]);
    }

    /// <summary>Evaluates Fn::Equals / Fn::Not / Fn::And / Fn::Or / Condition to a boolean.</summary>
    public bool ConditionExpression(JsonNode? node, string path)
    {
        if (node is JsonValue literal && TemplateJson.ScalarText(literal) is "true" or "false")
        {
            return TemplateJson.ScalarText(literal) == "true";
        }

        if (!TemplateJson.IsIntrinsic(node, out var name, out var argument))
        {
            _errors.Add(path, "a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition");
            return false;
        }

        var functionPath = TemplatePath.Child(path, name);
        switch (name)
        {
            case "Condition":
                return TemplateJson.ScalarText(argument) is { } other ? Condition(other, functionPath) : Bad(functionPath, "Condition takes a name");
            case "Fn::Equals":
                if (argument is not JsonArray { Count: 2 } pair)
                {
                    return Bad(functionPath, "Fn::Equals takes [value, value]");
                }

                var left = ResolveOrInvalid(pair[0], TemplatePath.Index(functionPath, 0));
                var right = ResolveOrInvalid(pair[1], TemplatePath.Index(functionPath, 1));
                return Comparable(left) == Comparable(right);
            case "Fn::Not":
                return argument is JsonArray { Count: 1 } single
                    ? !ConditionExpression(single[0], TemplatePath.Index(functionPath, 0))
                    : Bad(functionPath, "Fn::Not takes [condition]");
            case "Fn::And" or "Fn::Or":
                if (argument is not JsonArray { Count: >= 2 and <= 10 } operands)
                {
                    return Bad(functionPath, $"{name} takes 2 to 10 conditions");
                }

                var values = operands.Select((c, i) => ConditionExpression(c, TemplatePath.Index(functionPath, i))).ToList();
                return name == "Fn::And" ? values.All(v => v) : values.Any(v => v);
            default:
                return Bad(functionPath, $"{name} cannot be used in a condition");
        }
    }

    private bool Bad(string path, string message)
    {
        _errors.Add(path, message);
        return false;
    }

    private static string Comparable(JsonNode? node) => TemplateJson.ScalarText(node) ?? TemplateJson.ToText(node);

    private string? Text(JsonNode? node, string path)
    {
        var resolved = ResolveOrInvalid(node, path);
        if (ReferenceEquals(resolved, Invalid))
        {
            return null;
        }

        if (TemplateJson.ScalarText(resolved) is { } text && !ReferenceEquals(resolved, NoValue))
        {
            return text;
        }

        _errors.Add(path, $"expected a string, not {TemplateJson.ToText(resolved)}");
        return null;
    }

    private JsonArray? List(JsonNode? node, string path)
    {
        var resolved = ResolveOrInvalid(node, path);
        if (ReferenceEquals(resolved, Invalid))
        {
            return null;
        }

        if (resolved is JsonArray list)
        {
            return list;
        }

        _errors.Add(path, $"expected a list, not {TemplateJson.ToText(resolved)}");
        return null;
    }
}
