using System.Text.Json.Nodes;
using LocalCloud.Events;
using LocalCloud.Lambda;
using StatesLanguage;
using StatesLanguage.Tasks;

namespace LocalCloud.StepFunctions.Integrations;

/// <summary>
/// <c>arn:aws:states:::events:putEvents</c> (and <c>.waitForTaskToken</c>): PutEvents as the task's principal, so a bus of
/// another account accepts the entries only where its policy allows this account. <c>Detail</c> may be a JSON object.
/// Returns <c>{Entries, FailedEntryCount}</c>; any failed entry fails the task with <c>EventBridge.FailedEntry</c>.
/// </summary>
internal sealed class EventBridgeIntegration(StepFunctionsService service)
{
    public async Task<JsonNode?> PutEventsAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var events = service.Cloud.EventBridge()
            ?? throw new StatesErrorException("EventBridge.InternalException", "The local cloud has no EventBridge service registered.");
        if (invocation.Input is not JsonObject parameters || parameters["Entries"] is not JsonArray entries)
        {
            throw new StatesErrorException(ErrorNames.Runtime, $"The Task state '{invocation.StateName}' needs an Entries array in its Parameters.");
        }

        var caller = service.Principals.Resolve(invocation).Principal;
        var requests = entries.Select(e => e as JsonObject ?? []).Select(e => new PutEventsEntry(
            Text(e["Source"]),
            Text(e["DetailType"]),
            e["Detail"] is JsonValue detail && detail.TryGetValue<string>(out var text) ? text : e["Detail"]?.ToJsonString(),
            e["Resources"] is JsonArray resources ? [.. resources.Select(r => Text(r) ?? "")] : null,
            Text(e["EventBusName"]))).ToList();
        foreach (var bus in requests.Select(r => r.EventBusName).Distinct())
        {
            var arn = events.FindEventBus(caller.AccountId, invocation.Region, bus)?.Arn ?? bus ?? "default";
            if (!service.Cloud.Iam.Permits(caller, "events:PutEvents", arn))
            {
                throw new StatesErrorException("EventBridge.AccessDeniedException",
                    $"User: {caller.Arn} is not authorized to perform: events:PutEvents on resource: {arn}");
            }
        }

        var results = await events.PutEventsAsync(caller, invocation.Region, requests, cancellationToken);
        var failed = results.Count(r => r.ErrorCode is not null);
        var response = new JsonObject
        {
            ["Entries"] = new JsonArray([.. results.Select(r => (JsonNode)(r.ErrorCode is null
                ? new JsonObject { ["EventId"] = r.EventId }
                : new JsonObject { ["ErrorCode"] = r.ErrorCode, ["ErrorMessage"] = r.ErrorMessage }))]),
            ["FailedEntryCount"] = failed,
        };
        return failed == 0
            ? response
            : throw new StatesErrorException("EventBridge.FailedEntry", response.ToJsonString());
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
