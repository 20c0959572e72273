using System.Text.Json.Nodes;
using StatesLanguage;
using StatesLanguage.Tasks;

namespace LocalCloud.StepFunctions.Integrations;

/// <summary>
/// Registers the service integrations the product's state machines use as task handlers:
/// <c>lambda:invoke</c> and plain function ARNs, <c>events:putEvents</c>, <c>aws-sdk:sfn:sendTask*</c>,
/// <c>states:startExecution</c> (<c>.sync</c>, <c>.sync:2</c>) and <c>aws-sdk:ec2:*</c>.
/// A <c>.waitForTaskToken</c> variant falls back to its base handler (the runtime's rule).
/// </summary>
internal static class ServiceIntegrations
{
    public const string Prefix = "arn:aws:states:::";

    public static void Register(StepFunctionsService service, TaskHandlerRegistry handlers)
    {
        var lambda = new LambdaIntegration(service);
        Add(handlers, service, Prefix + "lambda:invoke", lambda.InvokeAsync);
        handlers.RegisterPattern("arn:aws:lambda:*:function:*", Tracked(service, lambda.InvokeFunctionArnAsync));
        Add(handlers, service, Prefix + "events:putEvents", new EventBridgeIntegration(service).PutEventsAsync);

        var sfn = new StepFunctionsIntegration(service);
        Add(handlers, service, Prefix + "aws-sdk:sfn:sendTaskSuccess", sfn.SendTaskSuccessAsync);
        Add(handlers, service, Prefix + "aws-sdk:sfn:sendTaskFailure", sfn.SendTaskFailureAsync);
        Add(handlers, service, Prefix + "aws-sdk:sfn:sendTaskHeartbeat", sfn.SendTaskHeartbeatAsync);
        Add(handlers, service, Prefix + "states:startExecution", sfn.StartExecutionAsync);
        Add(handlers, service, Prefix + "states:startExecution.sync", sfn.StartExecutionAsync);
        Add(handlers, service, Prefix + "states:startExecution.sync:2", sfn.StartExecutionAsync);

        handlers.RegisterPattern(Prefix + "aws-sdk:ec2:*", Tracked(service, new Ec2SdkIntegration(service).InvokeAsync));
    }

    /// <summary>A string parameter, or a <c>States.Runtime</c> error naming the state and the field.</summary>
    public static string Required(TaskInvocation invocation, string name) =>
        invocation.Input is JsonObject parameters && parameters[name] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new StatesErrorException(ErrorNames.Runtime,
                $"The Task state '{invocation.StateName}' ({invocation.BaseResource}) needs a string '{name}' in its Parameters.");

    /// <summary>An optional string parameter.</summary>
    public static string? Optional(TaskInvocation invocation, string name) =>
        invocation.Input is JsonObject parameters && parameters[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A JSON parameter given either as JSON text (the API's type) or as a JSON value, as text; null when absent.</summary>
    public static string? JsonText(TaskInvocation invocation, string name) => invocation.Input is JsonObject parameters
        ? parameters[name] switch
        {
            null => null,
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            var node => node.ToJsonString(),
        }
        : null;

    private static void Add(TaskHandlerRegistry handlers, StepFunctionsService service, string resource,
        Func<TaskInvocation, CancellationToken, Task<JsonNode?>> handler) => handlers.Register(resource, Tracked(service, handler));

    private static Func<TaskInvocation, CancellationToken, Task<JsonNode?>> Tracked(StepFunctionsService service,
        Func<TaskInvocation, CancellationToken, Task<JsonNode?>> handler) => (invocation, cancellationToken) =>
        {
            service.RecordToken(invocation);
            return handler(invocation, cancellationToken);
        };
}
