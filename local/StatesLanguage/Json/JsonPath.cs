using System.Globalization;
using System.Text.Json.Nodes;

namespace StatesLanguage.Json;

/// <summary>Where a path starts: the state's data (<c>$</c>), the context object (<c>$$</c>) or a variable (<c>$name</c>).</summary>
internal enum PathRoot
{
    Input,
    Context,
    Variable,
}

/// <summary>
/// A JSONPath as ASL uses it, evaluated directly over <see cref="JsonNode"/>.
/// </summary>
/// <remarks>
/// Why not Newtonsoft's SelectToken: the runtime's data and every public boundary are System.Text.Json nodes, so SelectToken
/// would mean converting every state's input to JToken and back (a second copy of the data per state), and its default parse turns ISO timestamps into DateTime and re-formats them, which changes user data. ASL's reference paths are a
/// small grammar (names, quoted names, indexes); the extra Path syntax allowed in <c>.$</c> fields (wildcards, slices, unions,
/// descent, simple filters) is implemented here too, returning an array of matches as Step Functions does.
/// </remarks>
internal sealed class JsonPath
{
    private readonly Segment[] _segments;

    private JsonPath(string text, PathRoot root, string? variable, Segment[] segments)
    {
        Text = text;
        Root = root;
        Variable = variable;
        _segments = segments;
        IsReferencePath = segments.All(s => s.Kind is SegmentKind.Name or SegmentKind.Index);
    }

    public string Text { get; }

    public PathRoot Root { get; }

    /// <summary>The variable name when <see cref="Root"/> is <see cref="PathRoot.Variable"/>.</summary>
    public string? Variable { get; }

    /// <summary>True when the path selects at most one node (only names and indexes).</summary>
    public bool IsReferencePath { get; }

    public bool IsRoot => _segments.Length == 0;

    public override string ToString() => Text;

    public static JsonPath Parse(string text) =>
        TryParse(text, out var path, out var error) ? path! : throw new FormatException(error);

    public static bool TryParse(string text, out JsonPath? path, out string? error)
    {
        path = null;
        var parser = new Parser(text);
        try
        {
            path = parser.ParsePath();
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>Selects from <paramref name="root"/>; a reference path yields the node, any other path an array of all matches.</summary>
    public bool TrySelect(JsonNode? root, out JsonNode? result)
    {
        if (IsReferencePath)
        {
            var current = root;
            foreach (var segment in _segments)
            {
                if (!segment.TryStep(current, out current))
                {
                    result = null;
                    return false;
                }
            }

            result = current;
            return true;
        }

        var matches = new List<JsonNode?> { root };
        foreach (var segment in _segments)
        {
            var next = new List<JsonNode?>();
            foreach (var node in matches)
            {
                segment.Collect(node, next);
            }

            matches = next;
        }

        var array = new JsonArray();
        foreach (var match in matches)
        {
            array.Add(match?.DeepClone());
        }

        result = array;
        return true;
    }

    /// <summary>Returns <paramref name="input"/> with <paramref name="value"/> placed at this reference path (ResultPath semantics).</summary>
    public JsonNode? Place(JsonNode? input, JsonNode? value, out string? error)
    {
        error = null;
        if (_segments.Length == 0)
        {
            return value;
        }

        var output = input?.DeepClone();
        if (output is not JsonObject and not JsonArray)
        {
            error = $"Unable to apply ResultPath '{Text}' to input {JsonText.Describe(input)}: the input is not an object.";
            return null;
        }

        var current = output;
        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            var last = i == _segments.Length - 1;
            switch (current, segment.Kind)
            {
                case (JsonObject obj, SegmentKind.Name):
                    if (last)
                    {
                        obj[segment.Name!] = value;
                        return output;
                    }

                    if (!obj.TryGetPropertyValue(segment.Name!, out var child) || child is null)
                    {
                        child = new JsonObject();
                        obj[segment.Name!] = child;
                    }

                    current = child;
                    break;
                case (JsonArray array, SegmentKind.Index) when segment.Index >= 0 && segment.Index < array.Count:
                    if (last)
                    {
                        array[segment.Index] = value;
                        return output;
                    }

                    current = array[segment.Index];
                    break;
                default:
                    error = $"Unable to apply ResultPath '{Text}': the value at step {i + 1} is {JsonText.Describe(current)}.";
                    return null;
            }
        }

        return output;
    }

    private enum SegmentKind
    {
        Name,
        Index,
        Wildcard,
        Descent,
        Slice,
        Union,
        Filter,
    }

    private sealed class Segment
    {
        public SegmentKind Kind { get; init; }

        public string? Name { get; init; }

        public int Index { get; init; }

        public int? Start { get; init; }

        public int? End { get; init; }

        public int Step { get; init; } = 1;

        public Segment[]? Members { get; init; }

        public Filter? Predicate { get; init; }

        public bool TryStep(JsonNode? node, out JsonNode? result)
        {
            result = null;
            if (Kind == SegmentKind.Name)
            {
                return node is JsonObject obj && obj.TryGetPropertyValue(Name!, out result);
            }

            if (node is not JsonArray array)
            {
                return false;
            }

            var index = Index < 0 ? array.Count + Index : Index;
            if (index < 0 || index >= array.Count)
            {
                return false;
            }

            result = array[index];
            return true;
        }

        public void Collect(JsonNode? node, List<JsonNode?> into)
        {
            switch (Kind)
            {
                case SegmentKind.Name or SegmentKind.Index:
                    if (TryStep(node, out var found))
                    {
                        into.Add(found);
                    }

                    break;
                case SegmentKind.Wildcard:
                    AddChildren(node, into);
                    break;
                case SegmentKind.Descent:
                    Descend(node, into);
                    break;
                case SegmentKind.Union:
                    foreach (var member in Members!)
                    {
                        member.Collect(node, into);
                    }

                    break;
                case SegmentKind.Slice when node is JsonArray array:
                    CollectSlice(array, into);
                    break;
                case SegmentKind.Filter:
                    var children = new List<JsonNode?>();
                    AddChildren(node, children);
                    into.AddRange(children.Where(c => Predicate!.Matches(c)));
                    break;
                default:
                    break;
            }
        }

        private void CollectSlice(JsonArray array, List<JsonNode?> into)
        {
            var count = array.Count;
            var start = Normalize(Start ?? 0, count);
            var end = Normalize(End ?? count, count);
            for (var i = start; i < end; i += Math.Max(Step, 1))
            {
                into.Add(array[i]);
            }
        }

        private static int Normalize(int index, int count) => Math.Clamp(index < 0 ? count + index : index, 0, count);

        private void Descend(JsonNode? node, List<JsonNode?> into)
        {
            if (Name is null)
            {
                AddChildren(node, into);
            }
            else if (node is JsonObject obj && obj.TryGetPropertyValue(Name, out var value))
            {
                into.Add(value);
            }

            var children = new List<JsonNode?>();
            AddChildren(node, children);
            foreach (var child in children)
            {
                Descend(child, into);
            }
        }

        private static void AddChildren(JsonNode? node, List<JsonNode?> into)
        {
            if (node is JsonObject obj)
            {
                into.AddRange(obj.Select(p => p.Value));
            }
            else if (node is JsonArray array)
            {
                into.AddRange(array);
            }
        }
    }

    /// <summary>A <c>[?(@.path op literal)]</c> or <c>[?(@.path)]</c> filter.</summary>
    private sealed class Filter(Segment[] path, string? op, JsonNode? literal)
    {
        public bool Matches(JsonNode? candidate)
        {
            var current = candidate;
            foreach (var segment in path)
            {
                if (!segment.TryStep(current, out current))
                {
                    return false;
                }
            }

            if (op is null)
            {
                return true;
            }

            if (op is "==" or "!=")
            {
                return JsonNode.DeepEquals(current, literal) == (op == "==");
            }

            int comparison;
            if (JsonText.TryGetNumber(current, out var left) && JsonText.TryGetNumber(literal, out var right))
            {
                comparison = left.CompareTo(right);
            }
            else if (JsonText.TryGetString(current, out var ls) && JsonText.TryGetString(literal, out var rs))
            {
                comparison = string.CompareOrdinal(ls, rs);
            }
            else
            {
                return false;
            }

            return op switch
            {
                "<" => comparison < 0,
                "<=" => comparison <= 0,
                ">" => comparison > 0,
                _ => comparison >= 0,
            };
        }
    }

    private sealed class Parser(string text) : TextScanner(text)
    {
        public JsonPath ParsePath()
        {
            if (!Text.StartsWith('$'))
            {
                throw Error("a path must start with '$'");
            }

            Pos = 1;
            var root = PathRoot.Input;
            string? variable = null;
            if (Peek() == '$')
            {
                Pos++;
                root = PathRoot.Context;
            }
            else if (Pos < Text.Length && IsNameStart(Text[Pos]))
            {
                root = PathRoot.Variable;
                variable = ReadName();
            }

            var segments = new List<Segment>();
            while (Pos < Text.Length)
            {
                segments.Add(ParseSegment());
            }

            return new JsonPath(Text, root, variable, [.. segments]);
        }

        private Segment ParseSegment()
        {
            var c = Text[Pos];
            if (c == '.')
            {
                Pos++;
                if (Peek() == '.')
                {
                    Pos++;
                    if (Peek() == '*')
                    {
                        Pos++;
                        return new Segment { Kind = SegmentKind.Descent };
                    }

                    return new Segment { Kind = SegmentKind.Descent, Name = ReadName() };
                }

                if (Peek() == '*')
                {
                    Pos++;
                    return new Segment { Kind = SegmentKind.Wildcard };
                }

                return new Segment { Kind = SegmentKind.Name, Name = ReadName() };
            }

            if (c == '[')
            {
                Pos++;
                var segment = ParseBracket();
                Expect(']');
                return segment;
            }

            throw Error($"unexpected '{c}'");
        }

        private Segment ParseBracket()
        {
            SkipSpaces();
            var c = Peek();
            if (c == '*')
            {
                Pos++;
                return new Segment { Kind = SegmentKind.Wildcard };
            }

            if (c == '?')
            {
                Pos++;
                return ParseFilter();
            }

            var members = new List<Segment>();
            do
            {
                SkipSpaces();
                if (Peek() is '\'' or '"')
                {
                    members.Add(new Segment { Kind = SegmentKind.Name, Name = ReadQuoted() });
                }
                else
                {
                    var start = ReadOptionalInt();
                    if (Peek() == ':')
                    {
                        Pos++;
                        var end = ReadOptionalInt();
                        var step = 1;
                        if (Peek() == ':')
                        {
                            Pos++;
                            step = ReadOptionalInt() ?? 1;
                        }

                        members.Add(new Segment { Kind = SegmentKind.Slice, Start = start, End = end, Step = step });
                    }
                    else
                    {
                        members.Add(new Segment { Kind = SegmentKind.Index, Index = start ?? throw Error("expected an index or a name") });
                    }
                }

                SkipSpaces();
            }
            while (Peek() == ',' && Pos++ >= 0);

            return members.Count == 1 ? members[0] : new Segment { Kind = SegmentKind.Union, Members = [.. members] };
        }

        private Segment ParseFilter()
        {
            Expect('(');
            SkipSpaces();
            Expect('@');
            var path = new List<Segment>();
            while (Peek() is '.' or '[')
            {
                path.Add(ParseSegment());
            }

            SkipSpaces();
            string? op = null;
            JsonNode? literal = null;
            foreach (var candidate in new[] { "==", "!=", "<=", ">=", "<", ">" })
            {
                if (string.CompareOrdinal(Text, Pos, candidate, 0, candidate.Length) == 0)
                {
                    op = candidate;
                    Pos += candidate.Length;
                    SkipSpaces();
                    literal = ReadLiteral();
                    SkipSpaces();
                    break;
                }
            }

            Expect(')');
            return new Segment { Kind = SegmentKind.Filter, Predicate = new Filter([.. path], op, literal) };
        }

        private JsonNode? ReadLiteral()
        {
            if (Peek() is '\'' or '"')
            {
                return JsonValue.Create(ReadQuoted());
            }

            var start = Pos;
            while (Pos < Text.Length && Text[Pos] != ')' && Text[Pos] != ' ')
            {
                Pos++;
            }

            var token = Text[start..Pos];
            try
            {
                return JsonNode.Parse(token);
            }
            catch (System.Text.Json.JsonException)
            {
                throw Error($"'{token}' is not a literal");
            }
        }

        private int? ReadOptionalInt()
        {
            var start = Pos;
            if (Peek() == '-')
            {
                Pos++;
            }

            while (Pos < Text.Length && char.IsAsciiDigit(Text[Pos]))
            {
                Pos++;
            }

            return Pos == start ? null : int.Parse(Text.AsSpan(start, Pos - start), CultureInfo.InvariantCulture);
        }

        private string ReadQuoted()
        {
            var quote = Text[Pos++];
            var builder = new System.Text.StringBuilder();
            while (Pos < Text.Length && Text[Pos] != quote)
            {
                if (Text[Pos] == '\\' && Pos + 1 < Text.Length)
                {
                    Pos++;
                }

                builder.Append(Text[Pos++]);
            }

            Expect(quote);
            return builder.ToString();
        }

        private string ReadName()
        {
            var start = Pos;
            while (Pos < Text.Length && !IsNameEnd(Text[Pos]))
            {
                Pos++;
            }

            if (Pos == start)
            {
                throw Error("expected a field name");
            }

            return Text[start..Pos];
        }

        private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_';

        private static bool IsNameEnd(char c) => c is '.' or '[' or ']' or ' ' or '(' or ')' or '=' or '!' or '<' or '>' or ',';


        protected override FormatException Error(string what) =>
            new($"'{Text}' is not a valid JSONPath: {what} at position {Pos}.");
    }
}
