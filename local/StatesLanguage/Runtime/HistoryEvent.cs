using System.Text.Json.Nodes;
using StatesLanguage.Json;

namespace StatesLanguage.Runtime;

/// <summary>
/// One event of an execution's history, shaped like an entry of Step Functions' GetExecutionHistory: a type such as
/// <c>TaskStateEntered</c>, an id counting from 1, the id of the event that led to it, a timestamp, and type-specific details.
/// </summary>
public sealed class HistoryEvent
{
    private readonly (string Name, object? Value)[] _details;
    private JsonObject? _detailsJson;

    internal HistoryEvent(long id, long previousEventId, string type, DateTimeOffset timestamp, string? detailsName,
        (string Name, object? Value)[] details)
    {
        Id = id;
        PreviousEventId = previousEventId;
        Type = type;
        Timestamp = timestamp;
        DetailsName = detailsName;
        _details = details;
    }

    /// <summary>The event id, 1 for ExecutionStarted and increasing by one.</summary>
    public long Id { get; }

    /// <summary>The id of the event this one follows from (0 for the first).</summary>
    public long PreviousEventId { get; }

    /// <summary>The event type, e.g. <c>ExecutionStarted</c>, <c>PassStateEntered</c>, <c>TaskScheduled</c>, <c>MapIterationStarted</c>.</summary>
    public string Type { get; }

    /// <summary>When the event happened, on the engine's clock.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The name of the details member in GetExecutionHistory (e.g. <c>stateEnteredEventDetails</c>), or null for none.</summary>
    public string? DetailsName { get; }

    /// <summary>The details object; payloads (input, output, parameters) are JSON text as Step Functions returns them.</summary>
    public JsonObject? Details => DetailsName is null ? null : _detailsJson ??= BuildDetails();

    /// <summary>The event as GetExecutionHistory returns it.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["timestamp"] = JsonText.Timestamp(Timestamp),
            ["type"] = Type,
            ["id"] = Id,
            ["previousEventId"] = PreviousEventId,
        };
        if (DetailsName is not null)
        {
            json[DetailsName] = Details!.DeepClone();
        }

        return json;
    }

    private JsonObject BuildDetails()
    {
        var obj = new JsonObject();
        foreach (var (name, value) in _details)
        {
            obj[name] = value switch
            {
                null => null,
                string s => s,
                long l => l,
                int i => i,
                bool b => b,
                Payload p => JsonText.Serialize(p.Node),
                JsonNode n => n.DeepClone(),
                _ => value.ToString(),
            };
        }

        if (_details.Any(d => d.Name is "input" or "output"))
        {
            obj[_details.Any(d => d.Name == "input") ? "inputDetails" : "outputDetails"] = new JsonObject { ["truncated"] = false };
        }

        return obj;
    }

    /// <summary>A JSON payload kept as a node and written as text only when the history is read.</summary>
    internal sealed record Payload(JsonNode? Node);
}
