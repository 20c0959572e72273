using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LocalCloud.Templates;

/// <summary>A declared template parameter (CloudFormation <c>Parameters</c> section).</summary>
/// <param name="Name">The logical name.</param>
/// <param name="Type">String, Number, CommaDelimitedList, List&lt;Number&gt;, an AWS-specific type or a list of one.</param>
/// <param name="Default">The default value as text, or null when the parameter must be given.</param>
/// <param name="AllowedValues">The only values allowed, or empty.</param>
/// <param name="AllowedPattern">A regular expression each value must match in full, or null.</param>
/// <param name="NoEcho">True when the value is masked in descriptions.</param>
public sealed partial record TemplateParameter(
    string Name,
    string Type,
    string? Default,
    IReadOnlyList<string> AllowedValues,
    string? AllowedPattern,
    bool NoEcho)
{
    /// <summary>The least length of a String value.</summary>
    public int? MinLength { get; init; }

    /// <summary>The greatest length of a String value.</summary>
    public int? MaxLength { get; init; }

    /// <summary>The least Number value.</summary>
    public double? MinValue { get; init; }

    /// <summary>The greatest Number value.</summary>
    public double? MaxValue { get; init; }

    /// <summary>What the template author says a valid value looks like; shown when a constraint fails.</summary>
    public string? ConstraintDescription { get; init; }

    /// <summary>True for the list types (Ref gives an array).</summary>
    public bool IsList => Type == "CommaDelimitedList" || Type.StartsWith("List<", StringComparison.Ordinal);

    private bool IsNumber => Type is "Number" or "List<Number>";

    /// <summary>Checks one value against Type and the constraints; returns the problems (empty when valid).</summary>
    public IReadOnlyList<string> Validate(string value)
    {
        var problems = new List<string>();
        var items = IsList ? SplitList(value) : [value];
        foreach (var item in items)
        {
            if (IsNumber && !double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                problems.Add($"Parameter '{Name}' must be a number, not '{item}'");
                continue;
            }

            if (AllowedValues.Count > 0 && !AllowedValues.Contains(item, StringComparer.Ordinal))
            {
                problems.Add($"Parameter '{Name}' must be one of AllowedValues [{string.Join(", ", AllowedValues)}], not '{Show(item)}'");
            }

            if (AllowedPattern is not null && !MatchesAllowedPattern(item))
            {
                problems.Add(Constraint($"must match pattern {AllowedPattern}", item));
            }

            if (IsNumber)
            {
                var number = double.Parse(item, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (number < MinValue || number > MaxValue)
                {
                    problems.Add(Constraint($"must be between {MinValue?.ToString(CultureInfo.InvariantCulture) ?? "-∞"} and " +
                        $"{MaxValue?.ToString(CultureInfo.InvariantCulture) ?? "∞"}", item));
                }
            }
        }

        if (!IsList && (value.Length < MinLength || value.Length > MaxLength))
        {
            problems.Add(Constraint($"must have a length between {MinLength ?? 0} and {MaxLength?.ToString(CultureInfo.InvariantCulture) ?? "∞"}", value));
        }

        return problems;
    }

    /// <summary>The value as Ref gives it: a string, or an array of strings for list types.</summary>
    public JsonNode ToRefValue(string value) =>
        IsList ? new JsonArray([.. SplitList(value).Select(v => (JsonNode?)JsonValue.Create(v))]) : JsonValue.Create(value);

    /// <summary>Splits a list value at commas; whitespace around items is dropped.</summary>
    public static IReadOnlyList<string> SplitList(string value) => [.. value.Split(',').Select(v => v.Trim())];

    private bool MatchesAllowedPattern(string value)
    {
        try
        {
            return Regex.IsMatch(value, $"^(?:{AllowedPattern})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private string Show(string value) => NoEcho ? "****" : value;

    private string Constraint(string rule, string value) =>
        $"Parameter '{Name}' failed to satisfy constraint: {ConstraintDescription ?? rule} (value '{Show(value)}' {rule})";

    internal static readonly HashSet<string> SupportedTypes = new(StringComparer.Ordinal)
    {
        "String", "Number", "CommaDelimitedList", "List<Number>",
    };

    /// <summary>Reads the <c>Parameters</c> section.</summary>
    internal static IReadOnlyList<TemplateParameter> ReadAll(JsonObject? section, TemplateErrors errors)
    {
        var result = new List<TemplateParameter>();
        foreach (var (name, node) in section ?? [])
        {
            var path = TemplatePath.Child("Parameters", name);
            if (node is not JsonObject declaration)
            {
                errors.Add(path, "a parameter declaration must be a mapping");
                continue;
            }

            foreach (var key in declaration.Select(p => p.Key).Where(k => !DeclarationKeys.Contains(k)))
            {
                errors.Add(TemplatePath.Child(path, key), $"unknown parameter attribute '{key}'");
            }

            var type = TemplateJson.ScalarText(declaration["Type"]);
            if (type is null)
            {
                errors.Add(TemplatePath.Child(path, "Type"), "every parameter needs a Type");
                continue;
            }

            if (!IsSupportedType(type))
            {
                errors.Add(TemplatePath.Child(path, "Type"), $"parameter type '{type}' is not supported " +
                    "(String, Number, CommaDelimitedList, List<Number>, AWS::EC2::…::Id and List<AWS::EC2::…::Id>)");
                continue;
            }

            var allowed = declaration["AllowedValues"] is JsonArray values
                ? values.Select(TemplateJson.ScalarText).OfType<string>().ToList()
                : [];
            result.Add(new TemplateParameter(
                name,
                type,
                declaration["Default"] is JsonArray list
                    ? string.Join(",", list.Select(TemplateJson.ScalarText))
                    : TemplateJson.ScalarText(declaration["Default"]),
                allowed,
                TemplateJson.ScalarText(declaration["AllowedPattern"]),
                TemplateJson.ScalarText(declaration["NoEcho"]) is "true" or "True")
            {
                MinLength = Number(declaration["MinLength"]) is { } min ? (int)min : null,
                MaxLength = Number(declaration["MaxLength"]) is { } max ? (int)max : null,
                MinValue = Number(declaration["MinValue"]),
                MaxValue = Number(declaration["MaxValue"]),
                ConstraintDescription = TemplateJson.ScalarText(declaration["ConstraintDescription"]),
            });
        }

        return result;
    }

    /// <summary>
    /// Picks each parameter's value (explicit override, else default), validates all of them and reports every problem:
    /// overrides the template does not declare, parameters with no value, constraint failures.
    /// </summary>
    internal static Dictionary<string, string> ChooseValues(
        IReadOnlyList<TemplateParameter> declared, IReadOnlyDictionary<string, string> overrides, TemplateErrors errors)
    {
        var unknown = overrides.Keys.Where(k => declared.All(p => p.Name != k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("Parameters", $"Parameters: [{string.Join(", ", unknown)}] do not exist in the template");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var parameter in declared)
        {
            var value = overrides.GetValueOrDefault(parameter.Name) ?? parameter.Default;
            if (value is null)
            {
                missing.Add(parameter.Name);
                continue;
            }

            foreach (var problem in parameter.Validate(value))
            {
                errors.Add(TemplatePath.Child("Parameters", parameter.Name), problem);
            }

            values[parameter.Name] = value;
        }

        if (missing.Count > 0)
        {
            errors.Add("Parameters", $"Parameters: [{string.Join(", ", missing)}] must have values");
        }

        return values;
    }

    private static readonly HashSet<string> DeclarationKeys = new(StringComparer.Ordinal)
    {
        "Type", "Default", "Description", "AllowedValues", "AllowedPattern", "NoEcho", "MinLength", "MaxLength",
        "MinValue", "MaxValue", "ConstraintDescription",
    };

    private static bool IsSupportedType(string type) =>
        SupportedTypes.Contains(type)
        || AwsSpecificType().IsMatch(type);

    private static double? Number(JsonNode? node) =>
        TemplateJson.ScalarText(node) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    [GeneratedRegex(@"^(List<)?AWS::EC2::[A-Za-z]+(::[A-Za-z]+)*(>)?$", RegexOptions.CultureInvariant)]
    private static partial Regex AwsSpecificType();
}
