using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatesLanguage.Json;

/// <summary>A parsed intrinsic function call such as <c>States.Format('{} items', $.count)</c>.</summary>
internal sealed class IntrinsicFunction
{
    private static readonly HashSet<string> Known =
    [
        "States.Format", "States.StringToJson", "States.JsonToString", "States.Array", "States.ArrayPartition",
        "States.ArrayContains", "States.ArrayRange", "States.ArrayGetItem", "States.ArrayLength", "States.ArrayUnique",
        "States.Base64Encode", "States.Base64Decode", "States.Hash", "States.JsonMerge", "States.MathRandom", "States.MathAdd",
        "States.StringSplit", "States.UUID",
    ];

    private readonly Argument[] _arguments;

    private IntrinsicFunction(string name, Argument[] arguments)
    {
        Name = name;
        _arguments = arguments;
    }

    public string Name { get; }

    /// <summary>True when <paramref name="text"/> looks like an intrinsic call rather than a path.</summary>
    public static bool LooksLikeCall(string text) => text.StartsWith("States.", StringComparison.Ordinal);

    public static bool TryParse(string text, out IntrinsicFunction? function, out string? error)
    {
        function = null;
        try
        {
            var parser = new Parser(text);
            function = parser.ParseCall();
            parser.End();
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    public JsonNode? Evaluate(in DataScope scope, Random random)
    {
        var args = new JsonNode?[_arguments.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = _arguments[i].Evaluate(scope, random);
        }

        try
        {
            return Invoke(args, random);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or JsonException or ArgumentException)
        {
            throw Failure(e.Message);
        }
    }

    private JsonNode? Invoke(JsonNode?[] a, Random random)
    {
        switch (Name)
        {
            case "States.Format":
                Arity(a, 1, int.MaxValue);
                return Format(((LiteralArgument)_arguments[0]).Raw ?? String(a, 0), a);
            case "States.StringToJson":
                Arity(a, 1, 1);
                return JsonText.Parse(String(a, 0));
            case "States.JsonToString":
                Arity(a, 1, 1);
                return JsonText.Serialize(a[0]);
            case "States.Array":
                return new JsonArray([.. a.Select(n => n?.DeepClone())]);
            case "States.ArrayPartition":
                Arity(a, 2, 2);
                return Partition(Array(a, 0), Integer(a, 1));
            case "States.ArrayContains":
                Arity(a, 2, 2);
                return Array(a, 0).Any(item => JsonNode.DeepEquals(item, a[1]));
            case "States.ArrayRange":
                Arity(a, 3, 3);
                return Range(Integer(a, 0), Integer(a, 1), Integer(a, 2));
            case "States.ArrayGetItem":
                Arity(a, 2, 2);
                var array = Array(a, 0);
                var index = Integer(a, 1);
                return index >= 0 && index < array.Count
                    ? array[(int)index]?.DeepClone()
                    : throw Failure($"The index {index} is out of bounds of an array of {array.Count} items.");
            case "States.ArrayLength":
                Arity(a, 1, 1);
                return Array(a, 0).Count;
            case "States.ArrayUnique":
                Arity(a, 1, 1);
                return Unique(Array(a, 0));
            case "States.Base64Encode":
                Arity(a, 1, 1);
                return Convert.ToBase64String(Encoding.UTF8.GetBytes(Limited(a, 0)));
            case "States.Base64Decode":
                Arity(a, 1, 1);
                return Encoding.UTF8.GetString(Convert.FromBase64String(Limited(a, 0)));
            case "States.Hash":
                Arity(a, 2, 2);
                return Hash(a[0] is JsonValue ? Limited(a, 0) : JsonText.Serialize(a[0]), String(a, 1));
            case "States.JsonMerge":
                Arity(a, 3, 3);
                return Merge(a);
            case "States.MathRandom":
                Arity(a, 2, 3);
                return RandomBetween(a, random);
            case "States.MathAdd":
                Arity(a, 2, 2);
                return JsonText.Number(Number(a, 0) + Number(a, 1));
            case "States.StringSplit":
                Arity(a, 2, 2);
                var parts = String(a, 0).Split(String(a, 1).ToCharArray(), StringSplitOptions.RemoveEmptyEntries);
                return new JsonArray([.. parts.Select(p => (JsonNode)p)]);
            default:
                Arity(a, 0, 0);
                return Runtime.StateMachineEngine.NewGuid(random);
        }
    }

    private static JsonNode Format(string raw, JsonNode?[] a)
    {
        var builder = new StringBuilder();
        var next = 1;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '\\' && i + 1 < raw.Length)
            {
                builder.Append(raw[++i]);
            }
            else if (c == '{' && i + 1 < raw.Length && raw[i + 1] == '}')
            {
                if (next >= a.Length)
                {
                    throw Failure("The template of States.Format has more placeholders than arguments.");
                }

                var value = a[next++];
                if (value is JsonObject or JsonArray)
                {
                    throw Failure("States.Format arguments must be strings, numbers, booleans or null.");
                }

                builder.Append(JsonText.TryGetString(value, out var s) ? s : JsonText.Serialize(value));
                i++;
            }
            else
            {
                builder.Append(c);
            }
        }

        return next == a.Length
            ? builder.ToString()
            : throw Failure("States.Format has more arguments than placeholders in its template.");
    }

    private static JsonArray Partition(JsonArray array, long size)
    {
        if (size <= 0)
        {
            throw Failure("The chunk size of States.ArrayPartition must be a positive integer.");
        }

        var result = new JsonArray();
        JsonArray? chunk = null;
        foreach (var item in array)
        {
            if (chunk is null || chunk.Count == size)
            {
                chunk = [];
                result.Add(chunk);
            }

            chunk.Add(item?.DeepClone());
        }

        return result;
    }

    private static JsonArray Range(long start, long end, long step)
    {
        if (step == 0)
        {
            throw Failure("The step of States.ArrayRange must not be 0.");
        }

        var result = new JsonArray();
        for (var i = start; step > 0 ? i <= end : i >= end; i += step)
        {
            if (result.Count == 1000)
            {
                throw Failure("States.ArrayRange may produce at most 1000 items.");
            }

            result.Add(i);
        }

        return result;
    }

    private static JsonArray Unique(JsonArray array)
    {
        var result = new JsonArray();
        foreach (var item in array)
        {
            if (!result.Any(seen => JsonNode.DeepEquals(seen, item)))
            {
                result.Add(item?.DeepClone());
            }
        }

        return result;
    }

    private static string Hash(string data, string algorithm)
    {
        var bytes = Encoding.UTF8.GetBytes(data);
        var hash = algorithm switch
        {
            "MD5" => MD5.HashData(bytes),
            "SHA-1" => SHA1.HashData(bytes),
            "SHA-256" => SHA256.HashData(bytes),
            "SHA-384" => SHA384.HashData(bytes),
            "SHA-512" => SHA512.HashData(bytes),
            _ => throw Failure($"'{algorithm}' is not a supported hash algorithm (MD5, SHA-1, SHA-256, SHA-384, SHA-512)."),
        };
        return Convert.ToHexStringLower(hash);
    }

    private static JsonObject Merge(JsonNode?[] a)
    {
        if (a[0] is not JsonObject left || a[1] is not JsonObject right)
        {
            throw Failure("States.JsonMerge merges two objects.");
        }

        if (!JsonText.TryGetBoolean(a[2], out var deep) || deep)
        {
            throw Failure("States.JsonMerge supports only shallow merging: its third argument must be false.");
        }

        var merged = (JsonObject)left.DeepClone();
        foreach (var (key, value) in right)
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }

    private JsonNode RandomBetween(JsonNode?[] a, Random random)
    {
        var start = Integer(a, 0);
        var end = Integer(a, 1);
        if (end <= start)
        {
            throw Failure("The end of States.MathRandom must be greater than its start.");
        }

        var source = a.Length == 3 ? new Random((int)Integer(a, 2)) : random;
        return source.NextInt64(start, end);
    }

    private void Arity(JsonNode?[] a, int min, int max)
    {
        if (a.Length < min || a.Length > max)
        {
            var expected = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
            throw Failure($"{Name} takes {expected} argument(s) but was given {a.Length}.");
        }
    }

    private string String(JsonNode?[] a, int i) =>
        JsonText.TryGetString(a[i], out var s) ? s : throw Failure($"Argument {i + 1} of {Name} must be a string.");

    private string Limited(JsonNode?[] a, int i)
    {
        var s = String(a, i);
        return s.Length <= 10000 ? s : throw Failure($"Argument {i + 1} of {Name} is longer than 10000 characters.");
    }

    private JsonArray Array(JsonNode?[] a, int i) =>
        a[i] as JsonArray ?? throw Failure($"Argument {i + 1} of {Name} must be an array.");

    private double Number(JsonNode?[] a, int i) =>
        JsonText.TryGetNumber(a[i], out var d) ? d : throw Failure($"Argument {i + 1} of {Name} must be a number.");

    private long Integer(JsonNode?[] a, int i) =>
        JsonText.TryGetInteger(a[i], out var n) ? n : throw Failure($"Argument {i + 1} of {Name} must be an integer.");

    private static StatesErrorException Failure(string cause) => new(ErrorNames.IntrinsicFailure, cause);

    private abstract class Argument
    {
        public abstract JsonNode? Evaluate(in DataScope scope, Random random);
    }

    private sealed class LiteralArgument(JsonNode? value, string? raw) : Argument
    {
        /// <summary>The literal's source text between the quotes, kept so States.Format can tell <c>\{</c> from <c>{</c>.</summary>
        public string? Raw => raw;

        public override JsonNode? Evaluate(in DataScope scope, Random random) => value?.DeepClone();
    }

    private sealed class PathArgument(JsonPath path) : Argument
    {
        public override JsonNode? Evaluate(in DataScope scope, Random random) =>
            scope.TryResolve(path, out var value)
                ? value?.DeepClone()
                : throw Failure($"The JSONPath '{path.Text}' could not be found.");
    }

    private sealed class CallArgument(IntrinsicFunction function) : Argument
    {
        public override JsonNode? Evaluate(in DataScope scope, Random random) => function.Evaluate(scope, random);
    }

    private sealed class Parser(string text) : TextScanner(text)
    {
        public IntrinsicFunction ParseCall()
        {
            SkipSpaces();
            var start = Pos;
            while (Pos < Text.Length && (char.IsLetterOrDigit(Text[Pos]) || Text[Pos] == '.'))
            {
                Pos++;
            }

            var name = Text[start..Pos];
            if (!Known.Contains(name))
            {
                throw Error($"'{name}' is not an intrinsic function");
            }

            Expect('(');
            var args = new List<Argument>();
            SkipSpaces();
            if (Peek() != ')')
            {
                args.Add(ParseArgument());
                SkipSpaces();
                while (Peek() == ',')
                {
                    Pos++;
                    args.Add(ParseArgument());
                    SkipSpaces();
                }
            }

            Expect(')');
            if (name == "States.Format" && (args.Count == 0 || args[0] is not LiteralArgument { Raw: not null }))
            {
                throw Error("the first argument of States.Format must be a string literal template");
            }

            return new IntrinsicFunction(name, [.. args]);
        }

        public void End()
        {
            SkipSpaces();
            if (Pos != Text.Length)
            {
                throw Error("unexpected Text after the call");
            }
        }

        private Argument ParseArgument()
        {
            SkipSpaces();
            var c = Peek();
            if (c == '\'')
            {
                return ParseString();
            }

            if (c == '$')
            {
                var path = ReadUntilArgumentEnd();
                return JsonPath.TryParse(path, out var parsed, out var error) ? new PathArgument(parsed!) : throw Error(error!);
            }

            if (string.CompareOrdinal(Text, Pos, "States.", 0, 7) == 0)
            {
                return new CallArgument(ParseCall());
            }

            var token = ReadUntilArgumentEnd().Trim();
            if (token is "true" or "false" or "null" || double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                return new LiteralArgument(JsonText.Parse(token), null);
            }

            throw Error($"'{token}' is not a valid argument");
        }

        private LiteralArgument ParseString()
        {
            Pos++;
            var value = new StringBuilder();
            var start = Pos;
            while (Pos < Text.Length && Text[Pos] != '\'')
            {
                if (Text[Pos] == '\\' && Pos + 1 < Text.Length)
                {
                    Pos++;
                }

                value.Append(Text[Pos++]);
            }

            var raw = Text[start..Pos];
            Expect('\'');
            return new LiteralArgument(value.ToString(), raw);
        }

        private string ReadUntilArgumentEnd()
        {
            var start = Pos;
            var depth = 0;
            var quote = '\0';
            while (Pos < Text.Length)
            {
                var c = Text[Pos];
                if (quote != '\0')
                {
                    quote = c == quote ? '\0' : quote;
                }
                else if (c is '\'' or '"')
                {
                    quote = c;
                }
                else if (c is '[' or '(')
                {
                    depth++;
                }
                else if (c is ']' || (c == ')' && depth > 0))
                {
                    depth--;
                }
                else if (depth == 0 && c is ',' or ')')
                {
                    break;
                }

                Pos++;
            }

            return Text[start..Pos].TrimEnd();
        }


        protected override FormatException Error(string what) => new($"'{Text}' is not a valid intrinsic function call: {what}.");
    }
}
