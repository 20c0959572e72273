using System.Text.Json.Nodes;
using LocalCloud.Protocols;

namespace LocalCloud.Events;

/// <summary>The JSON shapes of targets (PutTargets) and rules (DescribeRule), shared by the wire protocol and the state file.</summary>
internal static class EventBridgeShapes
{
    public static EventTarget Parse(JsonObject json) => new(
        AwsJson.RequiredString(json, "Id"),
        AwsJson.RequiredString(json, "Arn"),
        AwsJson.OptionalString(json, "RoleArn"),
        AwsJson.OptionalString(json, "Input"),
        AwsJson.OptionalString(json, "InputPath"),
        json["InputTransformer"] is JsonObject transformer
            ? new InputTransformer(
                (transformer["InputPathsMap"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? string.Empty),
                AwsJson.RequiredString(transformer, "InputTemplate"))
            : null);

    public static JsonObject Render(EventTarget target)
    {
        var json = new JsonObject { ["Id"] = target.Id, ["Arn"] = target.Arn };
        AddIfSet(json, "RoleArn", target.RoleArn);
        AddIfSet(json, "Input", target.Input);
        AddIfSet(json, "InputPath", target.InputPath);
        if (target.InputTransformer is { } transformer)
        {
            var paths = new JsonObject();
            foreach (var (name, path) in transformer.InputPathsMap)
            {
                paths[name] = path;
            }

            json["InputTransformer"] = new JsonObject { ["InputPathsMap"] = paths, ["InputTemplate"] = transformer.InputTemplate };
        }

        return json;
    }

    public static JsonObject RenderRule(EventRule rule)
    {
        var json = new JsonObject { ["Name"] = rule.Name, ["Arn"] = rule.Arn };
        AddIfSet(json, "EventPattern", rule.Pattern?.Text);
        AddIfSet(json, "ScheduleExpression", rule.Schedule?.Text);
        json["State"] = rule.State == EventRuleState.Enabled ? "ENABLED" : "DISABLED";
        AddIfSet(json, "Description", rule.Description);
        AddIfSet(json, "RoleArn", rule.RoleArn);
        json["EventBusName"] = rule.Bus.Name;
        json["CreatedBy"] = rule.Bus.AccountId;
        return json;
    }

    public static void AddIfSet(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
