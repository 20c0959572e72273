using System.Text.Json.Nodes;
using LocalCloud.Core;
using LocalCloud.Protocols;
using LocalCloud.Events;

namespace LocalCloud.Lambda;

/// <summary>
/// The Lambda REST API subset: <c>POST /2015-03-31/functions/{name}/invocations</c> (Invoke, with
/// <c>X-Amz-Invocation-Type</c>), <c>GET /2015-03-31/functions/{name}</c> (GetFunction),
/// <c>GET …/{name}/configuration</c> and <c>GET /2015-03-31/functions/</c> (ListFunctions). Errors carry
/// <c>x-amzn-ErrorType</c> and a <c>{"Type": "User", "message": …}</c> body.
/// </summary>
public sealed class LambdaProtocol(LambdaService lambda) : IAwsServiceProtocol
{
    private const string JsonType = "application/json";
    private const string Prefix = "/2015-03-31/functions";

    /// <summary>The state model behind the protocol.</summary>
    public LambdaService Lambda { get; } = lambda;

    /// <inheritdoc />
    public string SigningName => "lambda";

    /// <inheritdoc />
    public string? ResolveAction(AwsServiceRequest request) => Route(request).Action;

    /// <inheritdoc />
    public async Task<AwsServiceResponse> HandleAsync(AwsServiceRequest request, AwsCallContext context, CancellationToken cancellationToken)
    {
        var (action, name) = Route(request);
        switch (action)
        {
            case "Invoke":
                return await InvokeAsync(request, context, name!, cancellationToken);
            case "GetFunction":
                var function = Lambda.Get(context.AccountId, context.Region, name!);
                return AwsJson.Response(new JsonObject
                {
                    ["Configuration"] = Describe(function),
                    ["Code"] = new JsonObject { ["RepositoryType"] = "S3", ["Location"] = $"file://local-cloud/{function.FunctionName}.zip" },
                }, JsonType);
            case "GetFunctionConfiguration":
                return AwsJson.Response(Describe(Lambda.Get(context.AccountId, context.Region, name!)), JsonType);
            case "ListFunctions":
                return AwsJson.Response(new JsonObject
                {
                    ["Functions"] = new JsonArray([.. Lambda.List(context.AccountId, context.Region).Select(f => (JsonNode)Describe(f))]),
                }, JsonType);
            default:
                throw new AwsServiceException("UnknownOperationException",
                    $"The local cloud does not implement {request.Method} {request.Path} for Lambda.", 404);
        }
    }

    /// <inheritdoc />
    public AwsServiceResponse RenderError(AwsServiceException error, AwsCallContext context) =>
        AwsJson.Response(new JsonObject { ["Type"] = "User", ["message"] = error.Message }, JsonType, error.StatusCode) with
        {
            Headers = new Dictionary<string, string> { ["x-amzn-ErrorType"] = error.Code, ["x-amzn-RequestId"] = context.RequestId },
        };

    private async Task<AwsServiceResponse> InvokeAsync(
        AwsServiceRequest request, AwsCallContext context, string name, CancellationToken cancellationToken)
    {
        var type = request.Header("X-Amz-Invocation-Type") switch
        {
            null or "" or "RequestResponse" => LambdaInvocationType.RequestResponse,
            "Event" => LambdaInvocationType.Event,
            "DryRun" => LambdaInvocationType.DryRun,
            var other => throw new AwsServiceException("InvalidParameterValueException",
                $"1 validation error detected: Value '{other}' at 'invocationType' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [Event, RequestResponse, DryRun]"),
        };
        var result = await Lambda.InvokeAsync(context.AccountId, context.Region, name, request.Body, type, cancellationToken);
        var headers = new Dictionary<string, string>
        {
            ["X-Amz-Executed-Version"] = result.ExecutedVersion,
            ["x-amzn-RequestId"] = result.RequestId,
        };
        if (result.FunctionError is { } functionError)
        {
            headers["X-Amz-Function-Error"] = functionError;
        }

        return new AwsServiceResponse(result.StatusCode, JsonType, result.Payload) { Headers = headers };
    }

    private static JsonObject Describe(LambdaFunctionConfiguration function)
    {
        var variables = new JsonObject();
        foreach (var (key, value) in function.Variables)
        {
            variables[key] = value;
        }

        return new JsonObject
        {
            ["FunctionName"] = function.FunctionName,
            ["FunctionArn"] = function.FunctionArn,
            ["Runtime"] = function.Runtime,
            ["Role"] = function.Role,
            ["Handler"] = function.Handler,
            ["Timeout"] = function.TimeoutSeconds,
            ["MemorySize"] = function.MemorySize,
            ["Environment"] = new JsonObject { ["Variables"] = variables },
            ["Version"] = "$LATEST",
            ["PackageType"] = "Zip",
            ["State"] = "Active",
            ["LastUpdateStatus"] = "Successful",
        };
    }

    private static (string? Action, string? Name) Route(AwsServiceRequest request)
    {
        var path = request.Path.TrimEnd('/');
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return (null, null);
        }

        var segments = path[Prefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        return (request.Method, segments) switch
        {
            ("GET", []) => ("ListFunctions", null),
            ("GET", [var name]) => ("GetFunction", name),
            ("GET", [var name, "configuration"]) => ("GetFunctionConfiguration", name),
            ("POST", [var name, "invocations"]) => ("Invoke", name),
            _ => (null, null),
        };
    }
}
