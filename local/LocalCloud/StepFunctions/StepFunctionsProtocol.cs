using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalCloud.Core;
using LocalCloud.Events;
using LocalCloud.Protocols;
using StatesLanguage.Runtime;

namespace LocalCloud.StepFunctions;

/// <summary>
/// The Step Functions wire protocol: AWS JSON 1.0 (<c>application/x-amz-json-1.0</c>), the action in
/// <c>X-Amz-Target: AWSStepFunctions.Action</c>, timestamps as epoch seconds, errors as <c>{"__type", "message"}</c>.
/// </summary>
public sealed class StepFunctionsProtocol(StepFunctionsService service)
    : AwsJsonProtocol("states", "AWSStepFunctions.", "application/x-amz-json-1.0")
{
    /// <summary>The state model behind the protocol.</summary>
    public StepFunctionsService Service { get; } = service;

    /// <inheritdoc />
    protected override async Task<JsonObject> DispatchAsync(string? action, JsonObject body, AwsCallContext context, CancellationToken cancellationToken)
    {
        var (account, region) = (context.AccountId, context.Region);
        JsonObject result = action switch
        {
            "CreateStateMachine" => Created(Service.CreateStateMachine(account, region, Required(body, "name"), Required(body, "definition"),
                Required(body, "roleArn"), Type(Optional(body, "type")))),
            "DescribeStateMachine" => Describe(Service.GetStateMachine(account, region, Required(body, "stateMachineArn"))),
            "ListStateMachines" => Page(body, "stateMachines", Service.ListStateMachines(account, region).Select(m => (JsonNode)new JsonObject
            {
                ["stateMachineArn"] = m.Arn,
                ["name"] = m.Name,
                ["type"] = m.TypeName,
                ["creationDate"] = Epoch(m.CreationDate),
            }).ToList()),
            "DeleteStateMachine" => Empty(() => Service.DeleteStateMachine(account, region, Required(body, "stateMachineArn"))),
            "StartExecution" => Started(Service.StartExecution(account, region, Required(body, "stateMachineArn"), Optional(body, "name"),
                Optional(body, "input"))),
            "StartSyncExecution" => SyncResult(await Service.StartSyncExecutionAsync(account, region, Required(body, "stateMachineArn"),
                Optional(body, "name"), Optional(body, "input"), cancellationToken)),
            "DescribeExecution" => Describe(Standard(Service.GetExecution(account, region, Required(body, "executionArn")))),
            "ListExecutions" => Page(body, "executions", Service.ListExecutions(account, region, Required(body, "stateMachineArn"),
                Optional(body, "statusFilter")).Select(e => (JsonNode)Summary(e)).ToList()),
            "GetExecutionHistory" => History(body, Standard(Service.GetExecution(account, region, Required(body, "executionArn")))),
            "StopExecution" => new JsonObject
            {
                ["stopDate"] = Epoch(Service.StopExecution(account, region, Required(body, "executionArn"), Optional(body, "error"),
                    Optional(body, "cause")).Execution.StopDate ?? context.Time),
            },
            "SendTaskSuccess" => Empty(() => Service.SendTaskSuccess(account, region, Required(body, "taskToken"), Required(body, "output"))),
            "SendTaskFailure" => Empty(() => Service.SendTaskFailure(account, region, Required(body, "taskToken"), Optional(body, "error"),
                Optional(body, "cause"))),
            "SendTaskHeartbeat" => Empty(() => Service.SendTaskHeartbeat(account, region, Required(body, "taskToken"))),
            _ => throw new AwsServiceException("UnknownOperationException",
                $"The local cloud does not implement the Step Functions action {action ?? "(none)"}."),
        };
        return result;
    }

    private static JsonObject Created(StateMachine machine) =>
        new() { ["stateMachineArn"] = machine.Arn, ["creationDate"] = Epoch(machine.CreationDate) };

    private static JsonObject Describe(StateMachine machine)
    {
        var description = new JsonObject
        {
            ["stateMachineArn"] = machine.Arn,
            ["name"] = machine.Name,
            ["status"] = "ACTIVE",
            ["definition"] = machine.DefinitionText,
            ["type"] = machine.TypeName,
            ["creationDate"] = Epoch(machine.CreationDate),
        };
        if (machine.RoleArn is not null)
        {
            description["roleArn"] = machine.RoleArn;
        }

        return description;
    }

    private static JsonObject Started(StateMachineExecution execution) =>
        new() { ["executionArn"] = execution.ExecutionArn, ["startDate"] = Epoch(execution.Execution.StartDate) };

    private static JsonObject Summary(StateMachineExecution execution)
    {
        var summary = new JsonObject
        {
            ["executionArn"] = execution.ExecutionArn,
            ["stateMachineArn"] = execution.StateMachine.Arn,
            ["name"] = execution.Name,
            ["status"] = execution.StatusName,
            ["startDate"] = Epoch(execution.Execution.StartDate),
        };
        if (execution.Execution.StopDate is { } stop)
        {
            summary["stopDate"] = Epoch(stop);
        }

        return summary;
    }

    private static JsonObject Describe(StateMachineExecution execution)
    {
        var description = Summary(execution);
        description["input"] = execution.InputText;
        description["inputDetails"] = new JsonObject { ["included"] = true };
        if (execution.Execution.Result is { } result)
        {
            if (result.Status == ExecutionStatus.Succeeded)
            {
                description["output"] = result.OutputJson;
                description["outputDetails"] = new JsonObject { ["included"] = true };
            }

            if (result.Error is not null)
            {
                description["error"] = result.Error;
            }

            if (result.Cause is not null)
            {
                description["cause"] = result.Cause;
            }
        }

        return description;
    }

    private static JsonObject SyncResult(StateMachineExecution execution)
    {
        var description = Describe(execution);
        var start = execution.Execution.StartDate;
        var stop = execution.Execution.StopDate ?? start;
        description["billingDetails"] = new JsonObject
        {
            ["billedDurationInMilliseconds"] = Math.Max(100, (long)Math.Ceiling((stop - start).TotalMilliseconds / 100) * 100),
            ["billedMemoryUsedInMB"] = 64,
        };
        return description;
    }

    private static JsonObject History(JsonObject body, StateMachineExecution execution)
    {
        var events = execution.Execution.GetHistoryJson().Select(e => (JsonNode)WireEvent((JsonObject)e!)).ToList();
        if (body["reverseOrder"] is JsonValue reverse && reverse.GetValueKind() == JsonValueKind.True)
        {
            events.Reverse();
        }

        if (body["includeExecutionData"] is JsonValue include && include.GetValueKind() == JsonValueKind.False)
        {
            foreach (var entry in events.OfType<JsonObject>())
            {
                foreach (var (_, details) in entry.Where(p => p.Value is JsonObject).ToList())
                {
                    var detailsObject = (JsonObject)details!;
                    foreach (var payload in new[] { "input", "output", "parameters" })
                    {
                        detailsObject.Remove(payload);
                    }
                }
            }
        }

        return Page(body, "events", events);
    }

    /// <summary>The runtime writes ISO timestamps; the JSON 1.0 wire carries epoch seconds.</summary>
    private static JsonObject WireEvent(JsonObject entry)
    {
        if (entry["timestamp"] is JsonValue value && value.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            entry["timestamp"] = Epoch(time);
        }

        return entry;
    }

    /// <summary>Pages a list with <c>maxResults</c> (default 100, as the API) and an opaque <c>nextToken</c>.</summary>
    private static JsonObject Page(JsonObject body, string member, IReadOnlyList<JsonNode> items)
    {
        var max = body["maxResults"] is JsonValue m && m.TryGetValue<int>(out var requested) && requested > 0 ? Math.Min(requested, 1000) : 100;
        var start = 0;
        if (Optional(body, "nextToken") is { } token)
        {
            if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start > items.Count)
            {
                throw new AwsServiceException("InvalidToken", "Invalid Token: 'The nextToken is not valid.'");
            }
        }

        var page = new JsonObject { [member] = new JsonArray([.. items.Skip(start).Take(max).Select(i => i.DeepClone())]) };
        if (start + max < items.Count)
        {
            page["nextToken"] = (start + max).ToString(CultureInfo.InvariantCulture);
        }

        return page;
    }

    private static StateMachineExecution Standard(StateMachineExecution execution) =>
        execution.StateMachine.Type == StateMachineType.Standard
            ? execution
            : throw new AwsServiceException("InvalidArn",
                $"Invalid Arn: 'Resource type not valid in this context: {execution.ExecutionArn}' (EXPRESS executions are not described).");

    private static StateMachineType Type(string? type) => type switch
    {
        null or "STANDARD" => StateMachineType.Standard,
        "EXPRESS" => StateMachineType.Express,
        _ => throw new AwsServiceException("ValidationException",
            $"1 validation error detected: Value '{type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]"),
    };

    private static JsonNode Epoch(DateTimeOffset time) => JsonValue.Create(Math.Round(time.ToUnixTimeMilliseconds() / 1000.0, 3));

}
