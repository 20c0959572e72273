using System.Text.Json.Nodes;
using LocalCloud.Core;

namespace LocalCloud.Protocols;

/// <summary>
/// The AWS JSON protocol shared by Step Functions (1.0) and EventBridge (1.1): the action in
/// <c>X-Amz-Target: Prefix.Action</c>, a JSON object in and out, errors as <c>{"__type": code, "message": text}</c>.
/// </summary>
/// <param name="signingName">The SigV4 signing name.</param>
/// <param name="targetPrefix">The X-Amz-Target prefix including the dot, e.g. <c>AWSEvents.</c>.</param>
/// <param name="contentType">The response content type, e.g. <c>application/x-amz-json-1.1</c>.</param>
public abstract class AwsJsonProtocol(string signingName, string targetPrefix, string contentType) : IAwsServiceProtocol
{
    /// <inheritdoc />
    public string SigningName => signingName;

    /// <inheritdoc />
    public string? ResolveAction(AwsServiceRequest request) =>
        request.Header("X-Amz-Target") is { } target && target.StartsWith(targetPrefix, StringComparison.Ordinal)
            ? target[targetPrefix.Length..]
            : null;

    /// <inheritdoc />
    public async Task<AwsServiceResponse> HandleAsync(AwsServiceRequest request, AwsCallContext context, CancellationToken cancellationToken)
    {
        var result = await DispatchAsync(ResolveAction(request), AwsJson.ParseBody(request.Body), context, cancellationToken);
        return AwsJson.Response(result, contentType);
    }

    /// <inheritdoc />
    public AwsServiceResponse RenderError(AwsServiceException error, AwsCallContext context) =>
        AwsJson.Response(new JsonObject { ["__type"] = error.Code, ["message"] = error.Message }, contentType, error.StatusCode);

    /// <summary>Runs one action on the parsed request body; returns the response body.</summary>
    protected abstract Task<JsonObject> DispatchAsync(string? action, JsonObject body, AwsCallContext context, CancellationToken cancellationToken);

    /// <summary>A required string member, or the service's validation error.</summary>
    protected static string Required(JsonObject body, string name) => AwsJson.RequiredString(body, name);

    /// <summary>An optional string member.</summary>
    protected static string? Optional(JsonObject body, string name) => AwsJson.OptionalString(body, name);

    /// <summary>Runs an action whose response is an empty object.</summary>
    protected static JsonObject Empty(Action action)
    {
        action();
        return [];
    }
}
