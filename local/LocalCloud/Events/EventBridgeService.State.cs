using System.Text.Json.Nodes;
using LocalCloud.Core;
using LocalCloud.Protocols;

namespace LocalCloud.Events;

/// <summary>The state file part of EventBridge: organisations, buses with their policies, rules and targets (not the logs).</summary>
public sealed partial class EventBridgeService
{
    /// <inheritdoc />
    public string StateName => "events";

    /// <inheritdoc />
    public void Export(Stream destination)
    {
        var buses = new JsonArray();
        lock (_gate)
        {
            foreach (var bus in _buses.Values.OrderBy(b => (b.AccountId, b.Region, b.Name)))
            {
                var json = new JsonObject { ["Account"] = bus.AccountId, ["Region"] = bus.Region, ["Name"] = bus.Name };
                EventBridgeShapes.AddIfSet(json, "Description", bus.Description);
                EventBridgeShapes.AddIfSet(json, "Policy", bus.Policy.ToJson());
                json["Rules"] = new JsonArray([.. bus.Rules.Values.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => (JsonNode)ExportRule(r))]);
                buses.Add(json);
            }
        }

        var organizations = new JsonObject();
        foreach (var (account, organization) in _organizations.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            organizations[account] = organization;
        }

        using var writer = new System.Text.Json.Utf8JsonWriter(destination, new System.Text.Json.JsonWriterOptions { Indented = true });
        new JsonObject { ["Organizations"] = organizations, ["Buses"] = buses }.WriteTo(writer);
    }

    /// <inheritdoc />
    public void Import(Stream source)
    {
        var state = JsonNode.Parse(source) as JsonObject ?? throw new FormatException("The events state is not a JSON object.");
        lock (_gate)
        {
            foreach (var rule in _buses.Values.SelectMany(b => b.Rules.Values))
            {
                rule.Timer?.Dispose();
            }

            _buses.Clear();
        }

        _organizations.Clear();
        foreach (var (account, organization) in state["Organizations"] as JsonObject ?? [])
        {
            SetOrganization(account, organization!.GetValue<string>());
        }

        foreach (var bus in (state["Buses"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var (account, region, name) = (Text(bus, "Account")!, Text(bus, "Region")!, Text(bus, "Name")!);
            var created = name == EventBus.DefaultName
                ? GetEventBus(account, region, name)
                : CreateEventBus(account, region, name, Text(bus, "Description"));
            if (Text(bus, "Policy") is { } policy)
            {
                created.Policy.Replace(policy);
            }

            foreach (var rule in (bus["Rules"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var ruleName = Text(rule, "Name")!;
                PutRule(account, region, ruleName, Text(rule, "EventPattern"), Text(rule, "ScheduleExpression"),
                    Text(rule, "State") == "DISABLED" ? EventRuleState.Disabled : EventRuleState.Enabled, name,
                    Text(rule, "Description"), Text(rule, "RoleArn"));
                var targets = (rule["Targets"] as JsonArray ?? []).OfType<JsonObject>().Select(EventBridgeShapes.Parse).ToList();
                if (targets.Count > 0)
                {
                    PutTargets(account, region, ruleName, targets, name);
                }
            }
        }
    }

    private static JsonObject ExportRule(EventRule rule)
    {
        var json = EventBridgeShapes.RenderRule(rule);
        json["Targets"] = new JsonArray([.. rule.Targets.Select(t => (JsonNode)EventBridgeShapes.Render(t))]);
        return json;
    }

    private static string? Text(JsonObject json, string name) => AwsJson.OptionalString(json, name);
}
