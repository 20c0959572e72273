using System.Text.Json;
using System.Text.Json.Nodes;
using StatesLanguage.Json;

namespace StatesLanguage.Definition;

/// <summary>Reads a definition into a <see cref="StateGraph"/>, collecting every problem rather than stopping at the first.</summary>
internal sealed class DefinitionParser
{
    private static readonly string[] Common = ["Type", "Comment", "QueryLanguage"];
    private static readonly string[] Flow = ["Next", "End"];
    private static readonly string[] InOut = ["InputPath", "OutputPath"];
    private static readonly string[] Result = ["ResultPath", "Parameters", "ResultSelector", "Retry", "Catch", "Assign"];

    private static readonly Dictionary<string, HashSet<string>> AllowedFields = new()
    {
        ["Pass"] = Fields(Flow, InOut, ["ResultPath", "Parameters", "Result", "Assign"]),
        ["Task"] = Fields(Flow, InOut, Result, ["Resource", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds",
            "HeartbeatSecondsPath", "Credentials"]),
        ["Choice"] = Fields(InOut, ["Choices", "Default", "Assign"]),
        ["Wait"] = Fields(Flow, InOut, ["Seconds", "Timestamp", "SecondsPath", "TimestampPath", "Assign"]),
        ["Succeed"] = Fields(InOut),
        ["Fail"] = Fields(["Error", "Cause", "ErrorPath", "CausePath"]),
        ["Parallel"] = Fields(Flow, InOut, Result, ["Branches"]),
        ["Map"] = Fields(Flow, InOut, Result, ["ItemsPath", "ItemSelector", "ItemProcessor", "Iterator", "MaxConcurrency",
            "MaxConcurrencyPath", "ToleratedFailureCount", "ToleratedFailurePercentage", "ToleratedFailureCountPath",
            "ToleratedFailurePercentagePath", "ItemReader", "ItemBatcher", "ResultWriter", "Label"]),
    };

    private readonly List<(string Pointer, string Message)> _problems = [];

    public IReadOnlyList<(string Pointer, string Message)> Problems => _problems;

    private static HashSet<string> Fields(params string[][] groups) => [.. Common, .. groups.SelectMany(g => g)];

    public StateGraph? ParseTopLevel(JsonNode? root)
    {
        if (root is not JsonObject obj)
        {
            Problem("", "A state machine definition must be a JSON object.");
            return null;
        }

        CheckQueryLanguage(obj, "");
        foreach (var (key, _) in obj)
        {
            if (key is not ("States" or "StartAt" or "Comment" or "Version" or "TimeoutSeconds" or "QueryLanguage"))
            {
                Problem($"/{Pointer.Escape(key)}", $"The field '{key}' is not allowed at the top level of a state machine.");
            }
        }

        if (obj["TimeoutSeconds"] is { } timeout)
        {
            PositiveInteger(timeout, "/TimeoutSeconds", allowZero: false);
        }

        return ParseGraph(obj, "");
    }

    private StateGraph? ParseGraph(JsonObject obj, string pointer)
    {
        var startAt = obj["StartAt"];
        if (!JsonText.TryGetString(startAt, out var start))
        {
            Problem($"{pointer}/StartAt", "StartAt is required and must be the name of a state.");
        }

        if (obj["States"] is not JsonObject statesJson || statesJson.Count == 0)
        {
            Problem($"{pointer}/States", "States is required and must be an object with at least one state.");
            return null;
        }

        var states = new Dictionary<string, StateNode>(StringComparer.Ordinal);
        foreach (var (name, value) in statesJson)
        {
            var statePointer = $"{pointer}/States/{Pointer.Escape(name)}";
            if (name.Length > 80)
            {
                Problem(statePointer, $"The state name '{name}' is longer than 80 characters.");
            }

            if (ParseState(name, value, statePointer) is { } state)
            {
                states[name] = state;
            }
        }

        if (start.Length > 0 && !statesJson.ContainsKey(start))
        {
            Problem($"{pointer}/StartAt", $"StartAt '{start}' is not the name of a state in States.");
        }

        CheckTransitions(states, statesJson, start, pointer);
        return new StateGraph(start, states);
    }

    private void CheckTransitions(Dictionary<string, StateNode> states, JsonObject statesJson, string start, string pointer)
    {
        foreach (var state in states.Values)
        {
            foreach (var (target, at) in Targets(state))
            {
                if (!statesJson.ContainsKey(target))
                {
                    Problem(at, $"'{target}' is not the name of a state in this scope.");
                }
            }
        }

        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        if (states.ContainsKey(start))
        {
            pending.Push(start);
        }

        while (pending.TryPop(out var name))
        {
            if (!reached.Add(name) || !states.TryGetValue(name, out var state))
            {
                continue;
            }

            foreach (var (target, _) in Targets(state))
            {
                pending.Push(target);
            }
        }

        foreach (var name in states.Keys.Where(n => !reached.Contains(n)))
        {
            Problem($"{pointer}/States/{Pointer.Escape(name)}", $"The state '{name}' is not reachable from StartAt.");
        }
    }

    private static IEnumerable<(string Target, string Pointer)> Targets(StateNode state)
    {
        if (state.Next is not null)
        {
            yield return (state.Next, $"{state.Pointer}/Next");
        }

        if (state is ChoiceState choice)
        {
            for (var i = 0; i < choice.Choices.Count; i++)
            {
                if (choice.Choices[i].Next is { } next)
                {
                    yield return (next, $"{state.Pointer}/Choices/{i}/Next");
                }
            }

            if (choice.Default is not null)
            {
                yield return (choice.Default, $"{state.Pointer}/Default");
            }
        }

        if (state is ResultState result)
        {
            for (var i = 0; i < result.Catch.Count; i++)
            {
                yield return (result.Catch[i].Next, $"{state.Pointer}/Catch/{i}/Next");
            }
        }
    }

    private StateNode? ParseState(string name, JsonNode? value, string pointer)
    {
        if (value is not JsonObject obj)
        {
            Problem(pointer, $"The state '{name}' must be an object.");
            return null;
        }

        if (!JsonText.TryGetString(obj["Type"], out var type) || !AllowedFields.TryGetValue(type, out var allowed))
        {
            Problem($"{pointer}/Type", "Type is required and must be one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map.");
            return null;
        }

        CheckQueryLanguage(obj, pointer);
        foreach (var (key, _) in obj)
        {
            if (!allowed.Contains(key))
            {
                Problem($"{pointer}/{Pointer.Escape(key)}", $"The field '{key}' is not allowed in a {type} state.");
            }
        }

        var s = new StateReader(this, obj, pointer, name, type);
        return type switch
        {
            "Pass" => ParsePass(s),
            "Task" => ParseTask(s),
            "Choice" => ParseChoice(s),
            "Wait" => ParseWait(s),
            "Succeed" => new SucceedState { Name = name, Type = type, Pointer = pointer, InputPath = s.Path("InputPath"),
                DiscardInput = s.IsNull("InputPath"), OutputPath = s.Path("OutputPath"), DiscardOutput = s.IsNull("OutputPath") },
            "Fail" => ParseFail(s),
            "Parallel" => ParseParallel(s),
            _ => ParseMap(s),
        };
    }

    private PassState ParsePass(StateReader s)
    {
        s.Flow(out var next, out var end);
        return new PassState
        {
            Name = s.Name, Type = s.Type, Pointer = s.At, Next = next, End = end,
            InputPath = s.Path("InputPath"), DiscardInput = s.IsNull("InputPath"),
            OutputPath = s.Path("OutputPath"), DiscardOutput = s.IsNull("OutputPath"),
            ResultPath = s.Path("ResultPath", reference: true), DiscardResult = s.IsNull("ResultPath"),
            Parameters = s.Template("Parameters"), Assign = s.Template("Assign"),
            HasResult = s.Obj.ContainsKey("Result"), Result = s.Obj["Result"]?.DeepClone(),
        };
    }

    private TaskState ParseTask(StateReader s)
    {
        s.Flow(out var next, out var end);
        if (!JsonText.TryGetString(s.Obj["Resource"], out var resource) || resource.Length == 0)
        {
            Problem($"{s.At}/Resource", "A Task state requires a Resource URI.");
        }

        s.Exclusive("TimeoutSeconds", "TimeoutSecondsPath");
        s.Exclusive("HeartbeatSeconds", "HeartbeatSecondsPath");
        var timeout = s.Integer("TimeoutSeconds");
        var heartbeat = s.Integer("HeartbeatSeconds");
        if (timeout is not null && heartbeat is not null && heartbeat >= timeout)
        {
            Problem($"{s.At}/HeartbeatSeconds", "HeartbeatSeconds must be smaller than TimeoutSeconds.");
        }

        return new TaskState
        {
            Name = s.Name, Type = s.Type, Pointer = s.At, Next = next, End = end, Resource = resource,
            InputPath = s.Path("InputPath"), DiscardInput = s.IsNull("InputPath"),
            OutputPath = s.Path("OutputPath"), DiscardOutput = s.IsNull("OutputPath"),
            ResultPath = s.Path("ResultPath", reference: true), DiscardResult = s.IsNull("ResultPath"),
            Parameters = s.Template("Parameters"), ResultSelector = s.Template("ResultSelector"), Assign = s.Template("Assign"),
            Retry = s.Retriers(), Catch = s.Catchers(),
            TimeoutSeconds = timeout, TimeoutSecondsPath = s.Path("TimeoutSecondsPath", reference: true),
            HeartbeatSeconds = heartbeat, HeartbeatSecondsPath = s.Path("HeartbeatSecondsPath", reference: true),
            Credentials = s.Template("Credentials"),
        };
    }

    private ChoiceState ParseChoice(StateReader s)
    {
        var rules = new List<ChoiceRule>();
        if (s.Obj["Choices"] is not JsonArray choices || choices.Count == 0)
        {
            Problem($"{s.At}/Choices", "A Choice state requires a non-empty Choices array.");
        }
        else
        {
            for (var i = 0; i < choices.Count; i++)
            {
                rules.Add(ParseRule(choices[i], $"{s.At}/Choices/{i}", topLevel: true));
            }
        }

        string? defaultState = null;
        if (s.Obj.ContainsKey("Default") && !JsonText.TryGetString(s.Obj["Default"], out defaultState!))
        {
            Problem($"{s.At}/Default", "Default must be the name of a state.");
        }

        return new ChoiceState
        {
            Name = s.Name, Type = s.Type, Pointer = s.At, Choices = rules, Default = defaultState,
            InputPath = s.Path("InputPath"), DiscardInput = s.IsNull("InputPath"),
            OutputPath = s.Path("OutputPath"), DiscardOutput = s.IsNull("OutputPath"), Assign = s.Template("Assign"),
        };
    }

    private ChoiceRule ParseRule(JsonNode? node, string pointer, bool topLevel)
    {
        if (node is not JsonObject obj)
        {
            Problem(pointer, "A choice rule must be an object.");
            return new ChoiceRule { Combinator = "And" };
        }

        string? next = null;
        if (topLevel && !JsonText.TryGetString(obj["Next"], out next!))
        {
            Problem($"{pointer}/Next", "A top-level choice rule requires Next.");
            next = null;
        }
        else if (!topLevel && obj.ContainsKey("Next"))
        {
            Problem($"{pointer}/Next", "Only top-level choice rules may have Next.");
        }

        if (!topLevel && obj.ContainsKey("Assign"))
        {
            Problem($"{pointer}/Assign", "Only top-level choice rules may have Assign.");
        }

        var assign = obj.ContainsKey("Assign") ? PayloadTemplate.Compile(obj["Assign"], $"{pointer}/Assign", _problems) : null;
        var combinators = obj.Where(p => p.Key is "And" or "Or" or "Not").ToList();
        var operators = obj.Where(p => ChoiceRule.Operators.Contains(p.Key)).ToList();
        foreach (var (key, _) in obj)
        {
            if (key is not ("Next" or "Assign" or "Variable" or "Comment" or "And" or "Or" or "Not") && !ChoiceRule.Operators.Contains(key))
            {
                Problem($"{pointer}/{Pointer.Escape(key)}", $"'{key}' is not a choice rule field or comparison operator.");
            }
        }

        if (combinators.Count + operators.Count != 1)
        {
            Problem(pointer, "A choice rule must have exactly one comparison operator, or one of And, Or, Not.");
            return new ChoiceRule { Next = next, Combinator = "And" };
        }

        if (combinators.Count == 1)
        {
            var (key, value) = combinators[0];
            if (obj.ContainsKey("Variable"))
            {
                Problem($"{pointer}/Variable", $"A rule with {key} must not have a Variable.");
            }

            var nested = new List<ChoiceRule>();
            if (key == "Not")
            {
                nested.Add(ParseRule(value, $"{pointer}/Not", topLevel: false));
            }
            else if (value is JsonArray array && array.Count > 0)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    nested.Add(ParseRule(array[i], $"{pointer}/{key}/{i}", topLevel: false));
                }
            }
            else
            {
                Problem($"{pointer}/{key}", $"{key} must be a non-empty array of choice rules.");
            }

            return new ChoiceRule { Next = next, Assign = assign, Combinator = key, Rules = nested };
        }

        var (op, operand) = operators[0];
        var variable = ParsePathField(obj["Variable"], $"{pointer}/Variable", reference: false, "Variable");
        if (!obj.ContainsKey("Variable"))
        {
            Problem($"{pointer}/Variable", "A comparison requires a Variable path.");
        }

        JsonPath? operandPath = null;
        if (op.EndsWith("Path", StringComparison.Ordinal))
        {
            operandPath = ParsePathField(operand, $"{pointer}/{op}", reference: false, op);
        }
        else
        {
            CheckOperand(op, operand, $"{pointer}/{op}");
        }

        return new ChoiceRule
        {
            Next = next, Assign = assign, Variable = variable, Operator = op,
            Operand = operandPath is null ? operand?.DeepClone() : null, OperandPath = operandPath,
        };
    }

    private void CheckOperand(string op, JsonNode? operand, string pointer)
    {
        var ok = op switch
        {
            _ when op.StartsWith("Is", StringComparison.Ordinal) || op == "BooleanEquals" => JsonText.TryGetBoolean(operand, out _),
            _ when op.StartsWith("Numeric", StringComparison.Ordinal) => JsonText.TryGetNumber(operand, out _),
            _ when op.StartsWith("Timestamp", StringComparison.Ordinal) => ChoiceRule.TryTimestamp(operand, out _),
            _ => JsonText.TryGetString(operand, out _),
        };
        if (!ok)
        {
            Problem(pointer, $"The operand of {op} has the wrong type ({JsonText.Describe(operand)}).");
        }
    }

    private WaitState ParseWait(StateReader s)
    {
        s.Flow(out var next, out var end);
        var given = new[] { "Seconds", "Timestamp", "SecondsPath", "TimestampPath" }.Where(s.Obj.ContainsKey).ToList();
        if (given.Count != 1)
        {
            Problem(s.At, "A Wait state requires exactly one of Seconds, Timestamp, SecondsPath, TimestampPath.");
        }

        DateTimeOffset? timestamp = null;
        if (s.Obj.ContainsKey("Timestamp"))
        {
            if (ChoiceRule.TryTimestamp(s.Obj["Timestamp"], out var t))
            {
                timestamp = t;
            }
            else
            {
                Problem($"{s.At}/Timestamp", "Timestamp must be an RFC 3339 timestamp such as 2026-01-01T00:00:00Z.");
            }
        }

        return new WaitState
        {
            Name = s.Name, Type = s.Type, Pointer = s.At, Next = next, End = end,
            InputPath = s.Path("InputPath"), DiscardInput = s.IsNull("InputPath"),
            OutputPath = s.Path("OutputPath"), DiscardOutput = s.IsNull("OutputPath"), Assign = s.Template("Assign"),
            Seconds = s.Integer("Seconds", allowZero: true), Timestamp = timestamp,
            SecondsPath = s.Path("SecondsPath", reference: true), TimestampPath = s.Path("TimestampPath", reference: true),
        };
    }

    private FailState ParseFail(StateReader s)
    {
        s.Exclusive("Error", "ErrorPath");
        s.Exclusive("Cause", "CausePath");
        return new FailState
        {
            Name = s.Name, Type = s.Type, Pointer = s.At,
            Error = s.String("Error"), Cause = s.String("Cause"),
            ErrorPath = s.Expression("ErrorPath"), CausePath = s.Expression("CausePath"),
        };
    }

    private ParallelState ParseParallel(StateReader s)
    {
        s.Flow(out var next, out var end);
        var branches = new List<StateGraph>();
        if (s.Obj["Branches"] is not JsonArray array || array.Count == 0)
        {
            Problem($"{s.At}/Branches", "A Parallel state requires a non-empty Branches array.");
        }
        else
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (SubGraph(array[i], $"{s.At}/Branches/{i}") is { } graph)
                {
                    branches.Add(graph);
                }
            }
        }

        return new ParallelState
        {
            Name = s.Name, Type = s.Type, Pointer = s.At, Next = next, End = end, Branches = branches,
            InputPath = s.Path("InputPath"), DiscardInput = s.IsNull("InputPath"),
            OutputPath = s.Path("OutputPath"), DiscardOutput = s.IsNull("OutputPath"),
            ResultPath = s.Path("ResultPath", reference: true), DiscardResult = s.IsNull("ResultPath"),
            Parameters = s.Template("Parameters"), ResultSelector = s.Template("ResultSelector"), Assign = s.Template("Assign"),
            Retry = s.Retriers(), Catch = s.Catchers(),
        };
    }

    private MapState ParseMap(StateReader s)
    {
        s.Flow(out var next, out var end);
        s.Exclusive("ItemProcessor", "Iterator");
        s.Exclusive("ItemSelector", "Parameters");
        s.Exclusive("MaxConcurrency", "MaxConcurrencyPath");
        s.Exclusive("ToleratedFailureCount", "ToleratedFailureCountPath");
        s.Exclusive("ToleratedFailurePercentage", "ToleratedFailurePercentagePath");
        foreach (var unsupported in new[] { "ItemReader", "ItemBatcher", "ResultWriter" }.Where(s.Obj.ContainsKey))
        {
            Problem($"{s.At}/{unsupported}", $"{unsupported} (Distributed Map) is not supported by this runtime; use an inline Map.");
        }

        var processorField = s.Obj.ContainsKey("ItemProcessor") ? "ItemProcessor" : "Iterator";
        var processor = SubGraph(s.Obj[processorField], $"{s.At}/{processorField}", allowProcessorConfig: true);
        var percentage = s.Number("ToleratedFailurePercentage");
        if (percentage is < 0 or > 100)
        {
            Problem($"{s.At}/ToleratedFailurePercentage", "ToleratedFailurePercentage must be between 0 and 100.");
        }

        return new MapState
        {
            Name = s.Name, Type = s.Type, Pointer = s.At, Next = next, End = end,
            Processor = processor ?? new StateGraph("", new Dictionary<string, StateNode>()),
            InputPath = s.Path("InputPath"), DiscardInput = s.IsNull("InputPath"),
            OutputPath = s.Path("OutputPath"), DiscardOutput = s.IsNull("OutputPath"),
            ResultPath = s.Path("ResultPath", reference: true), DiscardResult = s.IsNull("ResultPath"),
            ResultSelector = s.Template("ResultSelector"), Assign = s.Template("Assign"),
            ItemSelector = s.Template("ItemSelector") ?? s.Template("Parameters"),
            ItemsPath = s.Path("ItemsPath", reference: true),
            MaxConcurrency = s.Integer("MaxConcurrency", allowZero: true) ?? 0,
            MaxConcurrencyPath = s.Path("MaxConcurrencyPath", reference: true),
            ToleratedFailureCount = s.Integer("ToleratedFailureCount", allowZero: true),
            ToleratedFailurePercentage = percentage,
            ToleratedFailureCountPath = s.Path("ToleratedFailureCountPath", reference: true),
            ToleratedFailurePercentagePath = s.Path("ToleratedFailurePercentagePath", reference: true),
            Retry = s.Retriers(), Catch = s.Catchers(),
        };
    }

    private StateGraph? SubGraph(JsonNode? node, string pointer, bool allowProcessorConfig = false)
    {
        if (node is not JsonObject obj)
        {
            Problem(pointer, "A branch or item processor must be an object with StartAt and States.");
            return null;
        }

        foreach (var (key, _) in obj)
        {
            if (key is not ("StartAt" or "States" or "Comment" or "QueryLanguage") && !(allowProcessorConfig && key == "ProcessorConfig"))
            {
                Problem($"{pointer}/{Pointer.Escape(key)}", $"The field '{key}' is not allowed here.");
            }
        }

        CheckQueryLanguage(obj, pointer);
        return ParseGraph(obj, pointer);
    }

    private void CheckQueryLanguage(JsonObject obj, string pointer)
    {
        if (!obj.TryGetPropertyValue("QueryLanguage", out var value))
        {
            return;
        }

        if (JsonText.TryGetString(value, out var language) && language == "JSONata")
        {
            Problem($"{pointer}/QueryLanguage",
                "QueryLanguage JSONata is not supported by this runtime; only JSONPath definitions can be run.");
        }
        else if (language != "JSONPath")
        {
            Problem($"{pointer}/QueryLanguage", "QueryLanguage must be JSONPath or JSONata.");
        }
    }

    internal JsonPath? ParsePathField(JsonNode? value, string pointer, bool reference, string field)
    {
        if (value is null)
        {
            return null;
        }

        if (!JsonText.TryGetString(value, out var text))
        {
            Problem(pointer, $"{field} must be a JSONPath string.");
            return null;
        }

        if (!JsonPath.TryParse(text, out var path, out var error))
        {
            Problem(pointer, error!);
            return null;
        }

        if (reference && !path!.IsReferencePath)
        {
            Problem(pointer, $"{field} must be a reference path (names and indexes only, no wildcards or filters).");
        }

        return path;
    }

    internal void PositiveInteger(JsonNode node, string pointer, bool allowZero)
    {
        if (!JsonText.TryGetInteger(node, out var n) || n < 0 || (n == 0 && !allowZero) || n > 99999999)
        {
            Problem(pointer, allowZero ? "Must be a non-negative integer." : "Must be a positive integer.");
        }
    }

    internal void Problem(string pointer, string message) => _problems.Add((pointer, message));

    internal List<(string Pointer, string Message)> ProblemList => _problems;

    /// <summary>Field readers for one state, reporting problems at the field's pointer.</summary>
    private sealed class StateReader(DefinitionParser parser, JsonObject obj, string at, string name, string type)
    {
        public JsonObject Obj => obj;

        public string At => at;

        public string Name => name;

        public string Type => type;

        public void Flow(out string? next, out bool end)
        {
            next = null;
            end = JsonText.TryGetBoolean(obj["End"], out var e) && e;
            var hasNext = obj.ContainsKey("Next");
            if (hasNext && !JsonText.TryGetString(obj["Next"], out next!))
            {
                parser.Problem($"{at}/Next", "Next must be the name of a state.");
                next = null;
            }

            if (obj.ContainsKey("End") && !JsonText.TryGetBoolean(obj["End"], out _))
            {
                parser.Problem($"{at}/End", "End must be true or false.");
            }

            if (hasNext == end)
            {
                parser.Problem(at, $"The {type} state '{name}' must have exactly one of Next or \"End\": true.");
            }
        }

        public bool IsNull(string field) => obj.TryGetPropertyValue(field, out var v) && v is null;

        public JsonPath? Path(string field, bool reference = false) =>
            parser.ParsePathField(obj[field], $"{at}/{field}", reference, field);

        public PayloadTemplate? Template(string field) =>
            obj.TryGetPropertyValue(field, out var v) ? PayloadTemplate.Compile(v, $"{at}/{field}", parser.ProblemList) : null;

        /// <summary>ErrorPath / CausePath: a path or an intrinsic function.</summary>
        public PayloadTemplate? Expression(string field) =>
            obj.ContainsKey(field)
                ? PayloadTemplate.Compile(new JsonObject { ["v.$"] = obj[field]?.DeepClone() }, $"{at}/{field}", parser.ProblemList)
                : null;

        public string? String(string field)
        {
            if (!obj.TryGetPropertyValue(field, out var v))
            {
                return null;
            }

            if (!JsonText.TryGetString(v, out var s))
            {
                parser.Problem($"{at}/{field}", $"{field} must be a string.");
            }

            return s;
        }

        public int? Integer(string field, bool allowZero = false)
        {
            if (!obj.TryGetPropertyValue(field, out var v))
            {
                return null;
            }

            if (v is null)
            {
                parser.Problem($"{at}/{field}", $"{field} must be an integer.");
                return null;
            }

            parser.PositiveInteger(v, $"{at}/{field}", allowZero);
            return JsonText.TryGetInteger(v, out var n) ? (int)Math.Clamp(n, 0, int.MaxValue) : null;
        }

        public double? Number(string field)
        {
            if (!obj.TryGetPropertyValue(field, out var v))
            {
                return null;
            }

            if (!JsonText.TryGetNumber(v, out var d))
            {
                parser.Problem($"{at}/{field}", $"{field} must be a number.");
                return null;
            }

            return d;
        }

        public void Exclusive(string a, string b)
        {
            if (obj.ContainsKey(a) && obj.ContainsKey(b))
            {
                parser.Problem($"{at}/{b}", $"{a} and {b} cannot both be given.");
            }
        }

        public IReadOnlyList<Retrier> Retriers()
        {
            var result = new List<Retrier>();
            if (!obj.TryGetPropertyValue("Retry", out var node))
            {
                return result;
            }

            if (node is not JsonArray array)
            {
                parser.Problem($"{at}/Retry", "Retry must be an array of retriers.");
                return result;
            }

            for (var i = 0; i < array.Count; i++)
            {
                var p = $"{at}/Retry/{i}";
                if (array[i] is not JsonObject r)
                {
                    parser.Problem(p, "A retrier must be an object.");
                    continue;
                }

                foreach (var (key, _) in r)
                {
                    if (key is not ("ErrorEquals" or "IntervalSeconds" or "MaxAttempts" or "BackoffRate" or "MaxDelaySeconds"
                        or "JitterStrategy" or "Comment"))
                    {
                        parser.Problem($"{p}/{Pointer.Escape(key)}", $"The field '{key}' is not allowed in a retrier.");
                    }
                }

                var errors = ErrorEquals(r, p, i == array.Count - 1, "retrier");
                var interval = Positive(r, "IntervalSeconds", p, 1, allowZero: false);
                var attempts = Positive(r, "MaxAttempts", p, 3, allowZero: true);
                var backoff = 2.0;
                if (r.ContainsKey("BackoffRate") && (!JsonText.TryGetNumber(r["BackoffRate"], out backoff) || backoff < 1))
                {
                    parser.Problem($"{p}/BackoffRate", "BackoffRate must be a number greater than or equal to 1.0.");
                }

                double? maxDelay = r.ContainsKey("MaxDelaySeconds") ? Positive(r, "MaxDelaySeconds", p, 1, allowZero: false) : null;
                var jitter = false;
                if (r.TryGetPropertyValue("JitterStrategy", out var j))
                {
                    jitter = JsonText.TryGetString(j, out var js) && js == "FULL";
                    if (js is not ("FULL" or "NONE"))
                    {
                        parser.Problem($"{p}/JitterStrategy", "JitterStrategy must be FULL or NONE.");
                    }
                }

                result.Add(new Retrier(errors, interval, (int)attempts, backoff, maxDelay, jitter));
            }

            return result;
        }

        public IReadOnlyList<Catcher> Catchers()
        {
            var result = new List<Catcher>();
            if (!obj.TryGetPropertyValue("Catch", out var node))
            {
                return result;
            }

            if (node is not JsonArray array)
            {
                parser.Problem($"{at}/Catch", "Catch must be an array of catchers.");
                return result;
            }

            for (var i = 0; i < array.Count; i++)
            {
                var p = $"{at}/Catch/{i}";
                if (array[i] is not JsonObject c)
                {
                    parser.Problem(p, "A catcher must be an object.");
                    continue;
                }

                foreach (var (key, _) in c)
                {
                    if (key is not ("ErrorEquals" or "Next" or "ResultPath" or "Assign" or "Comment"))
                    {
                        parser.Problem($"{p}/{Pointer.Escape(key)}", $"The field '{key}' is not allowed in a catcher.");
                    }
                }

                var errors = ErrorEquals(c, p, i == array.Count - 1, "catcher");
                if (!JsonText.TryGetString(c["Next"], out var next))
                {
                    parser.Problem($"{p}/Next", "A catcher requires Next.");
                }

                var resultPath = parser.ParsePathField(c["ResultPath"], $"{p}/ResultPath", reference: true, "ResultPath");
                var discard = c.TryGetPropertyValue("ResultPath", out var rp) && rp is null;
                var assign = c.ContainsKey("Assign") ? PayloadTemplate.Compile(c["Assign"], $"{p}/Assign", parser.ProblemList) : null;
                result.Add(new Catcher(errors, next, resultPath, discard, assign));
            }

            return result;
        }

        private List<string> ErrorEquals(JsonObject r, string p, bool isLast, string what)
        {
            var errors = new List<string>();
            if (r["ErrorEquals"] is not JsonArray array || array.Count == 0)
            {
                parser.Problem($"{p}/ErrorEquals", $"A {what} requires a non-empty ErrorEquals array of error names.");
                return errors;
            }

            foreach (var e in array)
            {
                if (JsonText.TryGetString(e, out var name))
                {
                    errors.Add(name);
                }
                else
                {
                    parser.Problem($"{p}/ErrorEquals", "ErrorEquals must contain only strings.");
                }
            }

            if (errors.Contains(ErrorNames.All) && (errors.Count > 1 || !isLast))
            {
                parser.Problem($"{p}/ErrorEquals", $"States.ALL must appear alone, in the last {what}.");
            }

            return errors;
        }

        private double Positive(JsonObject r, string field, string p, double fallback, bool allowZero)
        {
            if (!r.TryGetPropertyValue(field, out var v))
            {
                return fallback;
            }

            if (field == "MaxAttempts")
            {
                parser.PositiveInteger(v!, $"{p}/{field}", allowZero);
                return JsonText.TryGetInteger(v, out var n) ? n : fallback;
            }

            if (!JsonText.TryGetNumber(v, out var d) || d < 0 || (d == 0 && !allowZero))
            {
                parser.Problem($"{p}/{field}", $"{field} must be a positive number.");
                return fallback;
            }

            return d;
        }
    }
}
