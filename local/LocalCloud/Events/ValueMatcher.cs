using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalCloud.Events;

/// <summary>
/// One entry of a pattern's value array: an exact value or a content filter. Matchers see the leaf values of
/// an event field (an array in the event contributes each of its scalar elements; objects are not leaves).
/// </summary>
internal abstract class ValueMatcher
{
    /// <summary>The numeric range EventBridge supports (inclusive).</summary>
    private const double NumericLimit = 5.0e9;

    public abstract bool Matches(JsonNode? leaf);

    public static IReadOnlyList<ValueMatcher> CompileList(JsonArray values, string path)
    {
        if (values.Count == 0)
        {
            throw EventPattern.Invalid($"Empty arrays are not allowed at \"{path}\"");
        }

        return [.. values.Select(value => Compile(value, path))];
    }

    public static bool MatchesField(IReadOnlyList<ValueMatcher> matchers, bool present, JsonNode? value)
    {
        var leaves = new List<JsonNode?>();
        if (present)
        {
            CollectLeaves(value, leaves);
        }

        foreach (var matcher in matchers)
        {
            if (matcher is ExistsMatcher exists)
            {
                if (exists.Expected == leaves.Count > 0)
                {
                    return true;
                }
            }
            else if (leaves.Any(matcher.Matches))
            {
                return true;
            }
        }

        return false;
    }

    private static void CollectLeaves(JsonNode? value, List<JsonNode?> leaves)
    {
        switch (value)
        {
            case JsonArray array:
                foreach (var element in array)
                {
                    CollectLeaves(element, leaves);
                }

                break;
            case JsonObject:
                // Exists and value matching only work on leaf nodes, not on intermediate objects.
                break;
            default:
                leaves.Add(value);
                break;
        }
    }

    private static ValueMatcher Compile(JsonNode? value, string path)
    {
        if (value is JsonArray)
        {
            throw EventPattern.Invalid($"Match value must be String, number, true, false, or null at \"{path}\"");
        }

        if (value is not JsonObject filter)
        {
            return new ExactMatcher(value);
        }

        if (filter.Count != 1)
        {
            throw EventPattern.Invalid($"Only one key allowed in match expression at \"{path}\"");
        }

        var (name, operand) = filter.First();
        return name switch
        {
            "prefix" => CompileAffix(operand, path, "prefix", prefix: true),
            "suffix" => CompileAffix(operand, path, "suffix", prefix: false),
            "equals-ignore-case" => new IgnoreCaseMatcher(RequireString(operand, "equals-ignore-case")),
            "wildcard" => new WildcardMatcher(RequireString(operand, "wildcard")),
            "anything-but" => CompileAnythingBut(operand),
            "numeric" => CompileNumeric(operand),
            "exists" => operand is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                ? new ExistsMatcher(v.GetValue<bool>())
                : throw EventPattern.Invalid("exists match pattern must be either true or false."),
            "cidr" => new CidrMatcher(CidrRange.Parse(RequireString(operand, "cidr"))),
            _ => throw EventPattern.Invalid($"Unrecognized match type {name}"),
        };
    }

    private static ValueMatcher CompileAffix(JsonNode? operand, string path, string name, bool prefix)
    {
        if (operand is JsonObject { Count: 1 } inner && inner.First() is ("equals-ignore-case", var ignoreCase))
        {
            return new AffixMatcher(RequireString(ignoreCase, $"{name} equals-ignore-case"), prefix, StringComparison.OrdinalIgnoreCase);
        }

        return operand is JsonObject
            ? throw EventPattern.Invalid($"Unsupported {name} pattern at \"{path}\"; use a string or {{\"equals-ignore-case\": string}}")
            : new AffixMatcher(RequireString(operand, name), prefix, StringComparison.Ordinal);
    }

    private static ValueMatcher CompileAnythingBut(JsonNode? operand)
    {
        switch (operand)
        {
            case JsonArray list when list.Count > 0 && list.All(IsString):
                return new NotMatcher([.. list.Select(item => (ValueMatcher)new ExactMatcher(item))], StringValues: true);
            case JsonArray list when list.Count > 0 && list.All(IsNumber):
                return new NotMatcher([.. list.Select(item => (ValueMatcher)new ExactMatcher(item))], StringValues: false);
            case JsonArray:
                throw EventPattern.Invalid("Inside anything but list, start|null|boolean is not supported.");
            case JsonValue value when IsString(value) || IsNumber(value):
                return new NotMatcher([new ExactMatcher(value)], StringValues: IsString(value));
            case JsonObject { Count: 1 } inner:
                var (name, nested) = inner.First();
                return name switch
                {
                    "prefix" => new NotMatcher([new AffixMatcher(RequireString(nested, "prefix"), true, StringComparison.Ordinal)], true),
                    "suffix" => new NotMatcher([new AffixMatcher(RequireString(nested, "suffix"), false, StringComparison.Ordinal)], true),
                    "equals-ignore-case" => new NotMatcher(
                        [.. StringOrStrings(nested, name).Select(s => (ValueMatcher)new IgnoreCaseMatcher(s))], true),
                    "wildcard" => new NotMatcher([.. StringOrStrings(nested, name).Select(s => (ValueMatcher)new WildcardMatcher(s))], true),
                    _ => throw EventPattern.Invalid($"Unsupported anything-but pattern: {name}"),
                };
            default:
                throw EventPattern.Invalid("Value of anything-but must be an array or single string/number value.");
        }
    }

    private static List<string> StringOrStrings(JsonNode? node, string name) => node switch
    {
        JsonArray list when list.Count > 0 && list.All(IsString) => [.. list.Select(item => item!.GetValue<string>())],
        _ => [RequireString(node, $"anything-but {name}")],
    };

    private static ValueMatcher CompileNumeric(JsonNode? operand)
    {
        if (operand is not JsonArray { Count: 2 or 4 } terms)
        {
            throw EventPattern.Invalid("Value of numeric must be an array of one or two comparisons.");
        }

        double? lower = null, upper = null, equal = null;
        bool lowerOpen = false, upperOpen = false;
        for (var i = 0; i < terms.Count; i += 2)
        {
            var op = terms[i] is JsonValue opValue && IsString(opValue) ? opValue.GetValue<string>() : null;
            if (!IsNumber(terms[i + 1]))
            {
                throw EventPattern.Invalid($"Value of {op ?? "numeric comparison"} must be numeric");
            }

            var number = terms[i + 1]!.GetValue<double>();
            if (number is < -NumericLimit or > NumericLimit)
            {
                throw EventPattern.Invalid($"Value of {op} must be between -5.0E9 and 5.0E9 inclusive");
            }

            switch (op)
            {
                case "=" when terms.Count == 2:
                    equal = number;
                    break;
                case ">" or ">=" when lower is null && upper is null:
                    lower = number;
                    lowerOpen = op == ">";
                    break;
                case "<" or "<=" when upper is null:
                    upper = number;
                    upperOpen = op == "<";
                    break;
                default:
                    throw EventPattern.Invalid($"Bad numeric range operator: {op}");
            }
        }

        if (lower is not null && upper is not null && lower >= upper)
        {
            throw EventPattern.Invalid("Bottom must be less than top");
        }

        return equal is { } exact
            ? new NumericMatcher(exact, false, exact, false)
            : new NumericMatcher(lower, lowerOpen, upper, upperOpen);
    }

    private static string RequireString(JsonNode? node, string name) =>
        IsString(node) ? node!.GetValue<string>() : throw EventPattern.Invalid($"{name} match pattern must be a string");

    internal static bool IsString(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String;

    internal static bool IsNumber(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.Number;

    private static bool TryString(JsonNode? leaf, out string text)
    {
        text = IsString(leaf) ? leaf!.GetValue<string>() : string.Empty;
        return IsString(leaf);
    }

    private sealed class ExactMatcher(JsonNode? expected) : ValueMatcher
    {
        private readonly JsonValueKind _kind = expected?.GetValueKind() ?? JsonValueKind.Null;

        public override bool Matches(JsonNode? leaf)
        {
            var kind = leaf?.GetValueKind() ?? JsonValueKind.Null;
            return _kind switch
            {
                JsonValueKind.Null => kind == JsonValueKind.Null,
                JsonValueKind.Number => kind == JsonValueKind.Number && leaf!.GetValue<double>() == expected!.GetValue<double>(),
                JsonValueKind.String => kind == JsonValueKind.String && leaf!.GetValue<string>() == expected!.GetValue<string>(),
                _ => kind == _kind,
            };
        }
    }

    private sealed class AffixMatcher(string affix, bool prefix, StringComparison comparison) : ValueMatcher
    {
        public override bool Matches(JsonNode? leaf) =>
            TryString(leaf, out var text) && (prefix ? text.StartsWith(affix, comparison) : text.EndsWith(affix, comparison));
    }

    private sealed class IgnoreCaseMatcher(string expected) : ValueMatcher
    {
        public override bool Matches(JsonNode? leaf) =>
            TryString(leaf, out var text) && string.Equals(text, expected, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class ExistsMatcher(bool expected) : ValueMatcher
    {
        public bool Expected { get; } = expected;

        public override bool Matches(JsonNode? leaf) => Expected;
    }

    /// <summary>anything-but: a string or number leaf (of the list's type) that none of the excluded matchers match.</summary>
    private sealed class NotMatcher(IReadOnlyList<ValueMatcher> excluded, bool StringValues) : ValueMatcher
    {
        public override bool Matches(JsonNode? leaf) =>
            (StringValues ? IsString(leaf) : IsNumber(leaf)) && !excluded.Any(matcher => matcher.Matches(leaf));
    }

    private sealed class NumericMatcher(double? lower, bool lowerOpen, double? upper, bool upperOpen) : ValueMatcher
    {
        public override bool Matches(JsonNode? leaf)
        {
            if (!IsNumber(leaf))
            {
                return false;
            }

            var value = leaf!.GetValue<double>();
            var aboveLower = lower is not { } low || (lowerOpen ? value > low : value >= low);
            var belowUpper = upper is not { } high || (upperOpen ? value < high : value <= high);
            return aboveLower && belowUpper;
        }
    }

    private sealed class WildcardMatcher : ValueMatcher
    {
        private readonly List<string> _parts = [];

        /// <summary>Splits on unescaped <c>*</c>; <c>\*</c> is a literal star and <c>\\</c> a literal backslash.</summary>
        public WildcardMatcher(string pattern)
        {
            var current = new System.Text.StringBuilder();
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '\\')
                {
                    if (i + 1 >= pattern.Length || pattern[i + 1] is not ('*' or '\\'))
                    {
                        throw EventPattern.Invalid($"Invalid escape character at pos {i}");
                    }

                    current.Append(pattern[++i]);
                }
                else if (c == '*')
                {
                    if (i > 0 && pattern[i - 1] == '*')
                    {
                        throw EventPattern.Invalid($"Consecutive wildcard characters at pos {i}");
                    }

                    _parts.Add(current.ToString());
                    current.Clear();
                }
                else
                {
                    current.Append(c);
                }
            }

            _parts.Add(current.ToString());
        }

        public override bool Matches(JsonNode? leaf)
        {
            if (!TryString(leaf, out var text))
            {
                return false;
            }

            if (_parts.Count == 1)
            {
                return text == _parts[0];
            }

            var first = _parts[0];
            var last = _parts[^1];
            if (text.Length < first.Length + last.Length || !text.StartsWith(first, StringComparison.Ordinal)
                || !text.EndsWith(last, StringComparison.Ordinal))
            {
                return false;
            }

            var position = first.Length;
            var end = text.Length - last.Length;
            for (var i = 1; i < _parts.Count - 1; i++)
            {
                var found = text.IndexOf(_parts[i], position, end - position, StringComparison.Ordinal);
                if (found < 0)
                {
                    return false;
                }

                position = found + _parts[i].Length;
            }

            return true;
        }
    }

    private sealed class CidrMatcher(CidrRange range) : ValueMatcher
    {
        public override bool Matches(JsonNode? leaf) =>
            TryString(leaf, out var text) && IPAddress.TryParse(text, out var address) && range.Contains(address);
    }

    /// <summary>An IPv4 or IPv6 CIDR block; host bits in the base address are ignored.</summary>
    internal sealed class CidrRange
    {
        private readonly byte[] _network;
        private readonly int _prefixLength;
        private readonly AddressFamily _family;

        private CidrRange(IPAddress network, int prefixLength)
        {
            _network = network.GetAddressBytes();
            _prefixLength = prefixLength;
            _family = network.AddressFamily;
        }

        public static CidrRange Parse(string cidr)
        {
            var slash = cidr.IndexOf('/', StringComparison.Ordinal);
            var addressText = slash < 0 ? cidr : cidr[..slash];
            if (!IPAddress.TryParse(addressText, out var address) || (addressText.Contains(':', StringComparison.Ordinal)
                    ? address.AddressFamily != AddressFamily.InterNetworkV6
                    : addressText.Count(c => c == '.') != 3))
            {
                throw EventPattern.Invalid($"Nonstandard IP address: {cidr}");
            }

            var maxLength = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            var length = maxLength;
            if (slash >= 0 && (!int.TryParse(cidr[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out length)
                    || length > maxLength))
            {
                throw EventPattern.Invalid($"Malformed CIDR, mask bits must be between 0 and {maxLength}: {cidr}");
            }

            return new CidrRange(address, length);
        }

        public bool Contains(IPAddress address)
        {
            if (address.AddressFamily != _family)
            {
                return false;
            }

            var bytes = address.GetAddressBytes();
            for (var bit = 0; bit < _prefixLength; bit++)
            {
                var mask = (byte)(0x80 >> (bit % 8));
                if ((bytes[bit / 8] & mask) != (_network[bit / 8] & mask))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
