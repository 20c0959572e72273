using System.Text.Json.Nodes;
using StatesLanguage.Json;

namespace StatesLanguage.Definition;

/// <summary>A state as loaded from the definition, with its paths and templates compiled once.</summary>
internal abstract class StateNode
{
    public required string Name { get; init; }

    public required string Type { get; init; }

    /// <summary>The JSON pointer of this state in the definition, for messages.</summary>
    public required string Pointer { get; init; }

    public string? Next { get; init; }

    public bool End { get; init; }

    /// <summary>Null means the field was given as JSON null: the state's input is <c>{}</c>.</summary>
    public JsonPath? InputPath { get; init; }

    public bool DiscardInput { get; init; }

    public JsonPath? OutputPath { get; init; }

    public bool DiscardOutput { get; init; }

    public PayloadTemplate? Assign { get; init; }
}

/// <summary>Pass, Task, Parallel and Map: states that produce a result placed by ResultPath.</summary>
internal abstract class ResultState : StateNode
{
    public JsonPath? ResultPath { get; init; }

    public bool DiscardResult { get; init; }

    public PayloadTemplate? Parameters { get; init; }

    public PayloadTemplate? ResultSelector { get; init; }

    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    public IReadOnlyList<Catcher> Catch { get; init; } = [];
}

internal sealed class PassState : ResultState
{
    public bool HasResult { get; init; }

    public JsonNode? Result { get; init; }
}

internal sealed class TaskState : ResultState
{
    public required string Resource { get; init; }

    public int? TimeoutSeconds { get; init; }

    public JsonPath? TimeoutSecondsPath { get; init; }

    public int? HeartbeatSeconds { get; init; }

    public JsonPath? HeartbeatSecondsPath { get; init; }

    public PayloadTemplate? Credentials { get; init; }
}

internal sealed class ChoiceState : StateNode
{
    public required IReadOnlyList<ChoiceRule> Choices { get; init; }

    public string? Default { get; init; }
}

internal sealed class WaitState : StateNode
{
    public double? Seconds { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public JsonPath? SecondsPath { get; init; }

    public JsonPath? TimestampPath { get; init; }
}

internal sealed class SucceedState : StateNode;

internal sealed class FailState : StateNode
{
    public string? Error { get; init; }

    public string? Cause { get; init; }

    public PayloadTemplate? ErrorPath { get; init; }

    public PayloadTemplate? CausePath { get; init; }
}

internal sealed class ParallelState : ResultState
{
    public required IReadOnlyList<StateGraph> Branches { get; init; }
}

internal sealed class MapState : ResultState
{
    public JsonPath? ItemsPath { get; init; }

    public PayloadTemplate? ItemSelector { get; init; }

    public required StateGraph Processor { get; init; }

    public int MaxConcurrency { get; init; }

    public JsonPath? MaxConcurrencyPath { get; init; }

    public int? ToleratedFailureCount { get; init; }

    public double? ToleratedFailurePercentage { get; init; }

    public JsonPath? ToleratedFailureCountPath { get; init; }

    public JsonPath? ToleratedFailurePercentagePath { get; init; }
}

/// <summary>A StartAt plus States: the top level, a Parallel branch or a Map's ItemProcessor.</summary>
internal sealed class StateGraph(string startAt, IReadOnlyDictionary<string, StateNode> states)
{
    public string StartAt => startAt;

    public IReadOnlyDictionary<string, StateNode> States => states;
}

internal sealed record Retrier(
    IReadOnlyList<string> ErrorEquals,
    double IntervalSeconds,
    int MaxAttempts,
    double BackoffRate,
    double? MaxDelaySeconds,
    bool FullJitter);

internal sealed record Catcher(
    IReadOnlyList<string> ErrorEquals,
    string Next,
    JsonPath? ResultPath,
    bool DiscardResult,
    PayloadTemplate? Assign);
