using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StatesLanguage.Json;

namespace StatesLanguage.Definition;

/// <summary>A Choice rule: a comparison on a Variable, or And/Or/Not over nested rules.</summary>
internal sealed partial class ChoiceRule
{
    public static readonly IReadOnlySet<string> Operators = new HashSet<string>(StringComparer.Ordinal)
    {
        "StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals",
        "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals",
        "BooleanEquals",
        "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals",
        "StringEqualsPath", "StringLessThanPath", "StringGreaterThanPath", "StringLessThanEqualsPath", "StringGreaterThanEqualsPath",
        "NumericEqualsPath", "NumericLessThanPath", "NumericGreaterThanPath", "NumericLessThanEqualsPath",
        "NumericGreaterThanEqualsPath", "BooleanEqualsPath",
        "TimestampEqualsPath", "TimestampLessThanPath", "TimestampGreaterThanPath", "TimestampLessThanEqualsPath",
        "TimestampGreaterThanEqualsPath",
        "StringMatches", "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp",
    };

    public string? Next { get; init; }

    public PayloadTemplate? Assign { get; init; }

    public JsonPath? Variable { get; init; }

    public string? Operator { get; init; }

    /// <summary>The comparison's literal operand, or null when <see cref="OperandPath"/> is used.</summary>
    public JsonNode? Operand { get; init; }

    public JsonPath? OperandPath { get; init; }

    /// <summary>"And", "Or" or "Not" for a boolean combination, else null.</summary>
    public string? Combinator { get; init; }

    public IReadOnlyList<ChoiceRule> Rules { get; init; } = [];

    public bool Matches(in DataScope scope)
    {
        switch (Combinator)
        {
            case "And":
                foreach (var rule in Rules)
                {
                    if (!rule.Matches(scope))
                    {
                        return false;
                    }
                }

                return true;
            case "Or":
                foreach (var rule in Rules)
                {
                    if (rule.Matches(scope))
                    {
                        return true;
                    }
                }

                return false;
            case "Not":
                return !Rules[0].Matches(scope);
            default:
                break;
        }

        var present = scope.TryResolve(Variable!, out var value);
        if (Operator == "IsPresent")
        {
            return present == IsTrue(Operand);
        }

        if (!present)
        {
            throw new StatesErrorException(
                ErrorNames.Runtime,
                $"Invalid path '{Variable!.Text}': The choice state's condition path references an invalid value.");
        }

        var operand = Operand;
        if (OperandPath is not null && !scope.TryResolve(OperandPath, out operand))
        {
            throw new StatesErrorException(
                ErrorNames.Runtime,
                $"Invalid path '{OperandPath.Text}': The choice state's condition path references an invalid value.");
        }

        return Compare(Operator!, value, operand);
    }

    private static bool Compare(string op, JsonNode? value, JsonNode? operand)
    {
        var name = op.EndsWith("Path", StringComparison.Ordinal) ? op[..^4] : op;
        switch (name)
        {
            case "IsNull":
                return (value is null) == IsTrue(operand);
            case "IsNumeric":
                return JsonText.TryGetNumber(value, out _) == IsTrue(operand);
            case "IsString":
                return JsonText.TryGetString(value, out _) == IsTrue(operand);
            case "IsBoolean":
                return JsonText.TryGetBoolean(value, out _) == IsTrue(operand);
            case "IsTimestamp":
                return TryTimestamp(value, out _) == IsTrue(operand);
            case "StringMatches":
                return JsonText.TryGetString(value, out var text) && JsonText.TryGetString(operand, out var pattern)
                    && WildcardMatches(text, pattern);
            case "BooleanEquals":
                return JsonText.TryGetBoolean(value, out var b) && JsonText.TryGetBoolean(operand, out var ob) && b == ob;
            default:
                break;
        }

        int comparison;
        if (name.StartsWith("String", StringComparison.Ordinal))
        {
            if (!JsonText.TryGetString(value, out var s) || !JsonText.TryGetString(operand, out var os))
            {
                return false;
            }

            comparison = string.CompareOrdinal(s, os);
            name = name[6..];
        }
        else if (name.StartsWith("Numeric", StringComparison.Ordinal))
        {
            if (!JsonText.TryGetNumber(value, out var n) || !JsonText.TryGetNumber(operand, out var on))
            {
                return false;
            }

            comparison = n.CompareTo(on);
            name = name[7..];
        }
        else
        {
            if (!TryTimestamp(value, out var t) || !TryTimestamp(operand, out var ot))
            {
                return false;
            }

            comparison = t.CompareTo(ot);
            name = name[9..];
        }

        return name switch
        {
            "Equals" => comparison == 0,
            "LessThan" => comparison < 0,
            "GreaterThan" => comparison > 0,
            "LessThanEquals" => comparison <= 0,
            _ => comparison >= 0,
        };
    }

    private static bool IsTrue(JsonNode? node) => JsonText.TryGetBoolean(node, out var b) && b;

    /// <summary>RFC 3339 timestamps as Step Functions accepts them: a date, 'T', a time, and 'Z' or an offset.</summary>
    public static bool TryTimestamp(JsonNode? node, out DateTimeOffset timestamp)
    {
        timestamp = default;
        return JsonText.TryGetString(node, out var s) && TryTimestamp(s, out timestamp);
    }

    public static bool TryTimestamp(string s, out DateTimeOffset timestamp)
    {
        timestamp = default;
        return TimestampPattern().IsMatch(s)
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out timestamp);
    }

    /// <summary>StringMatches: <c>*</c> matches any run of characters; <c>\*</c> and <c>\\</c> are literal.</summary>
    public static bool WildcardMatches(string text, string pattern)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '*' or '\\')
            {
                regex.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else if (c == '*')
            {
                regex.Append(".*");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return Regex.IsMatch(text, regex.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();
}
