using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalCloud.Core;
using LocalCloud.Lambda;
using StatesLanguage;
using StatesLanguage.Tasks;

namespace LocalCloud.StepFunctions.Integrations;

/// <summary>
/// <c>arn:aws:states:::lambda:invoke</c> (the optimized integration: the response envelope with <c>Payload</c>,
/// <c>StatusCode</c>, <c>ExecutedVersion</c>, <c>SdkHttpMetadata</c>) and a plain function ARN as Resource (the payload
/// itself). Both run the function in-process through the Lambda service. A function error fails the task with the
/// function's <c>errorType</c> as the error name and the error document as the cause; a Lambda API error is
/// <c>Lambda.&lt;Code&gt;</c>.
/// </summary>
internal sealed class LambdaIntegration(StepFunctionsService service)
{
    public async Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var function = ServiceIntegrations.Required(invocation, "FunctionName");
        var parameters = (JsonObject)invocation.Input!;
        var type = ServiceIntegrations.Optional(invocation, "InvocationType") switch
        {
            null or "RequestResponse" => LambdaInvocationType.RequestResponse,
            "Event" => LambdaInvocationType.Event,
            "DryRun" => LambdaInvocationType.DryRun,
            var other => throw new StatesErrorException("Lambda.InvalidParameterValueException", $"Invalid InvocationType: {other}"),
        };
        var result = await RunAsync(invocation, function, parameters["Payload"], type, cancellationToken);
        return new JsonObject
        {
            ["ExecutedVersion"] = result.ExecutedVersion,
            ["Payload"] = PayloadJson(result.Payload),
            ["SdkHttpMetadata"] = new JsonObject
            {
                ["AllHttpHeaders"] = new JsonObject
                {
                    ["X-Amz-Executed-Version"] = new JsonArray(result.ExecutedVersion),
                    ["x-amzn-RequestId"] = new JsonArray(result.RequestId),
                    ["Content-Type"] = new JsonArray("application/json"),
                },
                ["HttpHeaders"] = new JsonObject
                {
                    ["X-Amz-Executed-Version"] = result.ExecutedVersion,
                    ["x-amzn-RequestId"] = result.RequestId,
                    ["Content-Type"] = "application/json",
                },
                ["HttpStatusCode"] = result.StatusCode,
            },
            ["SdkResponseMetadata"] = new JsonObject { ["RequestId"] = result.RequestId },
            ["StatusCode"] = result.StatusCode,
        };
    }

    public async Task<JsonNode?> InvokeFunctionArnAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var result = await RunAsync(invocation, invocation.BaseResource, invocation.Input, LambdaInvocationType.RequestResponse, cancellationToken);
        return PayloadJson(result.Payload);
    }

    private async Task<LambdaInvocationResult> RunAsync(TaskInvocation invocation, string function, JsonNode? payload,
        LambdaInvocationType type, CancellationToken cancellationToken)
    {
        var lambda = service.Cloud.Lambda()
            ?? throw new StatesErrorException("Lambda.ServiceException", "The local cloud has no Lambda service registered.");
        var caller = service.Principals.Resolve(invocation).Principal;
        LambdaInvocationResult result;
        try
        {
            var configuration = lambda.Get(invocation.AccountId, invocation.Region, function);
            if (!service.Cloud.Iam.Permits(caller, "lambda:InvokeFunction", configuration.FunctionArn))
            {
                throw new StatesErrorException("Lambda.AWSLambdaException",
                    $"User: {caller.Arn} is not authorized to perform: lambda:InvokeFunction on resource: {configuration.FunctionArn} "
                    + "(Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException)");
            }

            var bytes = payload is null ? [] : Encoding.UTF8.GetBytes(payload.ToJsonString());
            result = await lambda.InvokeAsync(invocation.AccountId, invocation.Region, function, bytes, type, cancellationToken);
        }
        catch (AwsServiceException e)
        {
            throw new StatesErrorException($"Lambda.{e.Code}",
                $"{e.Message} (Service: AWSLambda; Status Code: {e.StatusCode}; Error Code: {e.Code})");
        }

        if (result.FunctionError is not null)
        {
            throw new StatesErrorException(ErrorType(result.Payload), result.PayloadText);
        }

        return result;
    }

    /// <summary>The function's response as JSON; text that is not JSON becomes a string, an empty response null.</summary>
    private static JsonNode? PayloadJson(byte[] payload)
    {
        if (payload.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(payload);
        }
        catch (JsonException)
        {
            return JsonValue.Create(Encoding.UTF8.GetString(payload));
        }
    }

    private static string ErrorType(byte[] errorDocument)
    {
        try
        {
            return JsonNode.Parse(errorDocument)?["errorType"]?.GetValue<string>() is { Length: > 0 } type ? type : "Lambda.Unknown";
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return "Lambda.Unknown";
        }
    }
}
