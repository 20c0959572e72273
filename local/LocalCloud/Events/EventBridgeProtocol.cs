using System.Text.Json.Nodes;
using LocalCloud.Core;
using LocalCloud.Protocols;

namespace LocalCloud.Events;

/// <summary>
/// The EventBridge wire protocol: AWS JSON 1.1, the action in <c>X-Amz-Target: AWSEvents.Action</c>, errors as
/// <c>{"__type": code, "message": text}</c>.
/// </summary>
public sealed class EventBridgeProtocol(EventBridgeService events)
    : AwsJsonProtocol("events", "AWSEvents.", "application/x-amz-json-1.1")
{
    /// <summary>The state model behind the protocol.</summary>
    public EventBridgeService Events { get; } = events;

    /// <inheritdoc />
    protected override async Task<JsonObject> DispatchAsync(string? action, JsonObject body, AwsCallContext context, CancellationToken cancellationToken)
    {
        var (account, region) = (context.AccountId, context.Region);
        JsonObject result = action switch
        {
            "PutEvents" => await PutEventsAsync(body, context, cancellationToken),
            "PutRule" => new JsonObject { ["RuleArn"] = PutRule(body, account, region).Arn },
            "PutTargets" => PutTargets(body, account, region),
            "RemoveTargets" => RemoveTargets(body, account, region),
            "DeleteRule" => Empty(() => Events.DeleteRule(account, region, Required(body, "Name"), Bus(body))),
            "DescribeRule" => EventBridgeShapes.RenderRule(Events.GetRule(account, region, Required(body, "Name"), Bus(body))),
            "EnableRule" => Empty(() => Events.SetRuleState(account, region, Required(body, "Name"), EventRuleState.Enabled, Bus(body))),
            "DisableRule" => Empty(() => Events.SetRuleState(account, region, Required(body, "Name"), EventRuleState.Disabled, Bus(body))),
            "ListRules" => new JsonObject
            {
                ["Rules"] = new JsonArray([.. Events.ListRules(account, region, Bus(body), Optional(body, "NamePrefix")).Select(r => (JsonNode)EventBridgeShapes.RenderRule(r))]),
            },
            "ListTargetsByRule" => new JsonObject
            {
                ["Targets"] = new JsonArray([.. Events.GetRule(account, region, Required(body, "Rule"), Bus(body)).Targets.Select(t => (JsonNode)EventBridgeShapes.Render(t))]),
            },
            "CreateEventBus" => new JsonObject
            {
                ["EventBusArn"] = Events.CreateEventBus(account, region, Required(body, "Name"), Optional(body, "Description")).Arn,
            },
            "DeleteEventBus" => Empty(() => Events.DeleteEventBus(account, region, Required(body, "Name"))),
            "DescribeEventBus" => Describe(Events.GetEventBus(account, region, Optional(body, "Name"))),
            "ListEventBuses" => new JsonObject
            {
                ["EventBuses"] = new JsonArray([.. Events.ListEventBuses(account, region, Optional(body, "NamePrefix")).Select(b => (JsonNode)Describe(b))]),
            },
            "PutPermission" => Empty(() => PutPermission(body, account, region)),
            "RemovePermission" => Empty(() => Events.GetEventBus(account, region, Bus(body)).Policy.RemovePermission(
                body["RemoveAllPermissions"]?.GetValue<bool>() == true ? null : Required(body, "StatementId"))),
            "TestEventPattern" => new JsonObject
            {
                ["Result"] = EventBridgeService.TestEventPattern(Required(body, "EventPattern"), Required(body, "Event")),
            },
            _ => throw new AwsServiceException("UnknownOperationException",
                $"The local cloud does not implement the EventBridge action {action ?? "(none)"}."),
        };
        return result;
    }

    private async Task<JsonObject> PutEventsAsync(JsonObject body, AwsCallContext context, CancellationToken cancellationToken)
    {
        var entries = (body["Entries"] as JsonArray ?? []).OfType<JsonObject>().Select(e => new PutEventsEntry(
            Optional(e, "Source"),
            Optional(e, "DetailType"),
            Optional(e, "Detail"),
            (e["Resources"] as JsonArray)?.Select(r => r?.GetValue<string>() ?? string.Empty).ToList(),
            Optional(e, "EventBusName"),
            e["Time"] is JsonValue time ? ParseTime(time) : null)).ToList();
        var results = await Events.PutEventsAsync(context.Caller, context.Region, entries, cancellationToken);
        return new JsonObject
        {
            ["FailedEntryCount"] = results.Count(r => r.ErrorCode is not null),
            ["Entries"] = new JsonArray([.. results.Select(r => (JsonNode)(r.ErrorCode is null
                ? new JsonObject { ["EventId"] = r.EventId }
                : new JsonObject { ["ErrorCode"] = r.ErrorCode, ["ErrorMessage"] = r.ErrorMessage }))]),
        };
    }

    private EventRule PutRule(JsonObject body, string account, string region)
    {
        var state = Optional(body, "State") switch
        {
            null or "ENABLED" => EventRuleState.Enabled,
            "DISABLED" => EventRuleState.Disabled,
            var other => throw new AwsServiceException("ValidationException", $"Value {other} at 'state' failed to satisfy constraint."),
        };
        return Events.PutRule(account, region, Required(body, "Name"), Optional(body, "EventPattern"), Optional(body, "ScheduleExpression"),
            state, Bus(body), Optional(body, "Description"), Optional(body, "RoleArn"));
    }

    private JsonObject PutTargets(JsonObject body, string account, string region)
    {
        var targets = (body["Targets"] as JsonArray ?? []).OfType<JsonObject>().Select(EventBridgeShapes.Parse).ToList();
        Events.PutTargets(account, region, Required(body, "Rule"), targets, Bus(body));
        return new JsonObject { ["FailedEntryCount"] = 0, ["FailedEntries"] = new JsonArray() };
    }

    private JsonObject RemoveTargets(JsonObject body, string account, string region)
    {
        var ids = (body["Ids"] as JsonArray ?? []).Select(id => id?.GetValue<string>() ?? string.Empty).ToList();
        Events.RemoveTargets(account, region, Required(body, "Rule"), ids, Bus(body));
        return new JsonObject { ["FailedEntryCount"] = 0, ["FailedEntries"] = new JsonArray() };
    }

    private void PutPermission(JsonObject body, string account, string region)
    {
        var bus = Events.GetEventBus(account, region, Bus(body));
        if (Optional(body, "Policy") is { } policy)
        {
            bus.Policy.Replace(policy);
            return;
        }

        bus.Policy.AddPermission(bus.Arn, Required(body, "StatementId"), Optional(body, "Action") ?? "events:PutEvents",
            Required(body, "Principal"), body["Condition"] as JsonObject);
    }

    private static JsonObject Describe(EventBus bus)
    {
        var json = new JsonObject { ["Name"] = bus.Name, ["Arn"] = bus.Arn };
        EventBridgeShapes.AddIfSet(json, "Description", bus.Description);
        EventBridgeShapes.AddIfSet(json, "Policy", bus.Policy.ToJson());
        return json;
    }

    private static DateTimeOffset? ParseTime(JsonValue time) => time.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.Number => DateTimeOffset.FromUnixTimeMilliseconds((long)(time.GetValue<double>() * 1000)),
        System.Text.Json.JsonValueKind.String when DateTimeOffset.TryParse(time.GetValue<string>(),
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
        _ => null,
    };

    private static string? Bus(JsonObject body) => Optional(body, "EventBusName");

}
