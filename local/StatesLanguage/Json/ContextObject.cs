using System.Text.Json.Nodes;

namespace StatesLanguage.Json;

/// <summary>The execution-wide part of the context object <c>$$</c>.</summary>
internal sealed record ExecutionContextInfo(
    string ExecutionArn,
    string Name,
    string? RoleArn,
    DateTimeOffset StartTime,
    JsonNode? Input,
    string StateMachineArn,
    string StateMachineName);

/// <summary>The context object <c>$$</c> for one state, built only when a path reads it.</summary>
internal sealed class ContextObject(ExecutionContextInfo execution, string stateName, DateTimeOffset enteredTime)
{
    private JsonObject? _node;
    private int _retryCount;
    private string? _taskToken;
    private (int Index, JsonNode? Value)? _mapItem;

    public int RetryCount
    {
        get => _retryCount;
        set
        {
            _retryCount = value;
            _node = null;
        }
    }

    public string? TaskToken
    {
        get => _taskToken;
        set
        {
            _taskToken = value;
            _node = null;
        }
    }

    public (int Index, JsonNode? Value)? MapItem
    {
        get => _mapItem;
        set
        {
            _mapItem = value;
            _node = null;
        }
    }

    public JsonObject Node => _node ??= Build();

    private JsonObject Build()
    {
        var node = new JsonObject
        {
            ["Execution"] = new JsonObject
            {
                ["Id"] = execution.ExecutionArn,
                ["Input"] = execution.Input?.DeepClone(),
                ["Name"] = execution.Name,
                ["RoleArn"] = execution.RoleArn,
                ["StartTime"] = JsonText.Timestamp(execution.StartTime),
                ["RedriveCount"] = 0,
            },
            ["State"] = new JsonObject
            {
                ["EnteredTime"] = JsonText.Timestamp(enteredTime),
                ["Name"] = stateName,
                ["RetryCount"] = _retryCount,
            },
            ["StateMachine"] = new JsonObject
            {
                ["Id"] = execution.StateMachineArn,
                ["Name"] = execution.StateMachineName,
            },
        };
        if (_taskToken is not null)
        {
            node["Task"] = new JsonObject { ["Token"] = _taskToken };
        }

        if (_mapItem is { } item)
        {
            node["Map"] = new JsonObject
            {
                ["Item"] = new JsonObject { ["Index"] = item.Index, ["Value"] = item.Value?.DeepClone() },
            };
        }

        return node;
    }
}
