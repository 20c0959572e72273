using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalCloud.Core;
using LocalCloud.Protocols;

namespace LocalCloud.Events;

/// <summary>A rule's target, as PutTargets takes it. At most one of Input, InputPath and InputTransformer is set.</summary>
/// <param name="Id">The target id, unique within the rule.</param>
/// <param name="Arn">The target's ARN (event bus, Lambda function, state machine).</param>
/// <param name="RoleArn">The role EventBridge uses to invoke the target, when required.</param>
/// <param name="Input">Constant JSON text sent instead of the event.</param>
/// <param name="InputPath">A JSON path selecting the part of the event to send.</param>
/// <param name="InputTransformer">Variables extracted from the event and a template they fill.</param>
public sealed record EventTarget(
    string Id,
    string Arn,
    string? RoleArn = null,
    string? Input = null,
    string? InputPath = null,
    InputTransformer? InputTransformer = null)
{
    /// <summary>Checks the target the way PutTargets does.</summary>
    public void Validate()
    {
        if ((Input is null ? 0 : 1) + (InputPath is null ? 0 : 1) + (InputTransformer is null ? 0 : 1) > 1)
        {
            throw new AwsServiceException("ValidationException",
                $"Target {Id}: only one of Input, InputPath or InputTransformer may be specified.");
        }

        if (Input is not null)
        {
            try
            {
                JsonNode.Parse(Input);
            }
            catch (JsonException)
            {
                throw new AwsServiceException("ValidationException", $"Target {Id}: Input is not valid JSON text.");
            }
        }

        if (InputPath is not null)
        {
            EventJsonPath.Validate(InputPath, "InputPath");
        }

        InputTransformer?.Validate();
    }

    /// <summary>The text the target receives for an event, following Input / InputPath / InputTransformer.</summary>
    public string RenderInput(JsonObject eventJson, EventRule rule, DateTimeOffset ingestionTime)
    {
        if (Input is not null)
        {
            return Input;
        }

        if (InputPath is not null)
        {
            var selected = EventJsonPath.Select(eventJson, InputPath, out _);
            return selected?.ToJsonString() ?? "null";
        }

        return InputTransformer is null ? eventJson.ToJsonString() : InputTransformer.Apply(eventJson, rule, ingestionTime);
    }
}

/// <summary>
/// InputPathsMap + InputTemplate. Placeholders <c>&lt;name&gt;</c> are replaced following the documented quoting rules:
/// inside a JSON string a value is inserted escaped and without quotes; outside one a string value is quoted
/// (in a JSON template) while numbers, booleans, objects and arrays go in as JSON; the reserved
/// <c>aws.events.event</c> and <c>aws.events.event.json</c> are inserted unescaped.
/// </summary>
/// <param name="InputPathsMap">Variable name → JSON path into the event.</param>
/// <param name="InputTemplate">The template.</param>
public sealed record InputTransformer(IReadOnlyDictionary<string, string> InputPathsMap, string InputTemplate)
{
    private const string RuleArnVariable = "aws.events.rule-arn";
    private const string RuleNameVariable = "aws.events.rule-name";
    private const string IngestionTimeVariable = "aws.events.event.ingestion-time";
    private const string EventVariable = "aws.events.event";
    private const string EventJsonVariable = "aws.events.event.json";

    private static readonly string[] ReservedVariables =
        [RuleArnVariable, RuleNameVariable, IngestionTimeVariable, EventVariable, EventJsonVariable];

    /// <summary>Checks the transformer the way PutTargets does.</summary>
    public void Validate()
    {
        if (InputPathsMap.Count > 100)
        {
            throw new AwsServiceException("ValidationException", "InputPathsMap can contain at most 100 variables.");
        }

        foreach (var (name, path) in InputPathsMap)
        {
            if (ReservedVariables.Contains(name) || name.StartsWith("aws.", StringComparison.Ordinal))
            {
                throw new AwsServiceException("ValidationException", $"InputPathsMap key {name} is reserved.");
            }

            EventJsonPath.Validate(path, $"InputPathsMap value for {name}");
        }
    }

    /// <summary>Fills the template from the event.</summary>
    public string Apply(JsonObject eventJson, EventRule rule, DateTimeOffset ingestionTime)
    {
        var values = new Dictionary<string, (JsonNode? Value, bool Raw)>(StringComparer.Ordinal)
        {
            [RuleArnVariable] = (JsonValue.Create(rule.Arn), false),
            [RuleNameVariable] = (JsonValue.Create(rule.Name), false),
            [IngestionTimeVariable] = (JsonValue.Create(AwsJson.FormatTime(ingestionTime)), false),
            [EventJsonVariable] = (eventJson, true),
        };
        var withoutDetail = (JsonObject)eventJson.DeepClone();
        withoutDetail.Remove("detail");
        values[EventVariable] = (withoutDetail, true);
        foreach (var (name, path) in InputPathsMap)
        {
            values[name] = (EventJsonPath.Select(eventJson, path, out _), false);
        }

        var trimmed = InputTemplate.TrimStart();
        var jsonTemplate = trimmed.StartsWith('{') || trimmed.StartsWith('[') || trimmed.StartsWith('"');
        var output = new StringBuilder(InputTemplate.Length);
        var inString = false;
        for (var i = 0; i < InputTemplate.Length; i++)
        {
            var c = InputTemplate[i];
            if (c == '\\' && i + 1 < InputTemplate.Length)
            {
                output.Append(c).Append(InputTemplate[++i]);
                continue;
            }

            if (c == '"')
            {
                inString = !inString;
            }

            var close = c == '<' ? InputTemplate.IndexOf('>', i + 1) : -1;
            if (close > 0 && values.TryGetValue(InputTemplate[(i + 1)..close], out var variable))
            {
                output.Append(Render(variable.Value, variable.Raw, inString, jsonTemplate));
                i = close;
                continue;
            }

            output.Append(c);
        }

        return output.ToString();
    }

    private static string Render(JsonNode? value, bool raw, bool inString, bool jsonTemplate)
    {
        if (raw)
        {
            return value!.ToJsonString();
        }

        var isString = ValueMatcher.IsString(value);
        if (inString)
        {
            var text = isString ? value!.GetValue<string>() : value?.ToJsonString() ?? string.Empty;
            var escaped = JsonSerializer.Serialize(text, AwsJson.Relaxed);
            return escaped[1..^1];
        }

        if (isString)
        {
            return jsonTemplate ? value!.ToJsonString(AwsJson.Relaxed) : value!.GetValue<string>();
        }

        return value?.ToJsonString(AwsJson.Relaxed) ?? "null";
    }
}
