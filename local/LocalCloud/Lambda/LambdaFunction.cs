namespace LocalCloud.Lambda;

/// <summary>A function's configuration, as CreateFunction (or a template's AWS::Serverless::Function) declares it.</summary>
/// <param name="AccountId">The owner account.</param>
/// <param name="Region">The region.</param>
/// <param name="FunctionName">The function name.</param>
/// <param name="Handler">The .NET handler string <c>Assembly::Namespace.Type::Method</c>.</param>
/// <param name="Role">The execution role ARN; null runs the handler with the account's root credentials.</param>
/// <param name="Environment">The function's environment variables.</param>
/// <param name="TimeoutSeconds">The timeout (1–900 s, default 3).</param>
/// <param name="MemorySize">Memory in MB (informational, default 128).</param>
/// <param name="Runtime">The runtime identifier.</param>
public sealed record LambdaFunctionConfiguration(
    string AccountId,
    string Region,
    string FunctionName,
    string Handler,
    string? Role = null,
    IReadOnlyDictionary<string, string>? Environment = null,
    int TimeoutSeconds = 3,
    int MemorySize = 128,
    string Runtime = "dotnet10")
{
    /// <summary><c>arn:aws:lambda:REGION:ACCOUNT:function:NAME</c>.</summary>
    public string FunctionArn => $"arn:aws:lambda:{Region}:{AccountId}:function:{FunctionName}";

    /// <summary>The environment variables (never null).</summary>
    public IReadOnlyDictionary<string, string> Variables => Environment ?? new Dictionary<string, string>();
}

/// <summary>How Invoke runs a function.</summary>
public enum LambdaInvocationType
{
    /// <summary>Synchronous: the caller gets the payload or the function error.</summary>
    RequestResponse,

    /// <summary>Asynchronous: accepted with 202; the result is only logged.</summary>
    Event,

    /// <summary>Validates the call without running the function (204).</summary>
    DryRun,
}

/// <summary>The outcome of one invocation.</summary>
/// <param name="StatusCode">200 (RequestResponse), 202 (Event) or 204 (DryRun).</param>
/// <param name="Payload">The handler's response, or the error document when <paramref name="FunctionError"/> is set.</param>
/// <param name="FunctionError"><c>Unhandled</c> when the handler failed or timed out; otherwise null.</param>
/// <param name="RequestId">The invocation's request id.</param>
public sealed record LambdaInvocationResult(int StatusCode, byte[] Payload, string? FunctionError, string RequestId)
{
    /// <summary>The executed version (always <c>$LATEST</c>).</summary>
    public string ExecutedVersion => "$LATEST";

    /// <summary>The payload as UTF-8 text.</summary>
    public string PayloadText => System.Text.Encoding.UTF8.GetString(Payload);
}

/// <summary>One finished invocation, kept for tests (asynchronous invocations report their outcome only here).</summary>
/// <param name="FunctionArn">The function.</param>
/// <param name="InvocationType">How it was invoked.</param>
/// <param name="Payload">The request payload text.</param>
/// <param name="Result">The outcome.</param>
public sealed record LambdaInvocationRecord(string FunctionArn, LambdaInvocationType InvocationType, string Payload, LambdaInvocationResult Result);
