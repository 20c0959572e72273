using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using LocalCloud.Core;
using LocalCloud.Protocols;
using LocalCloud.Events;

namespace LocalCloud.Lambda;

/// <summary>
/// The Lambda state model: a function registry and in-process invocation. Each function has one container: its handler
/// object is created once (through the <see cref="ILambdaHandlerActivator"/>) and every invocation calls the handler
/// method on a fresh Stream. Errors are reported as the managed .NET runtime reports them; a handler that runs longer
/// than the timeout (on the cloud's clock) fails with <c>Task timed out after N.00 seconds</c> and loses its container.
/// Event invocations run before Invoke returns (deterministic), and report their outcome only in <see cref="Invocations"/>.
/// </summary>
public sealed class LambdaService : IStatefulService
{
    /// <summary>The service principal that assumes execution roles.</summary>
    public const string ServicePrincipal = "lambda.amazonaws.com";

    private readonly EmulatedCloud _cloud;
    private readonly ConcurrentDictionary<string, Function> _functions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<LambdaInvocationRecord> _invocations = new();
    private readonly List<string> _probingDirectories = [];
    private static readonly System.Text.Json.JsonSerializerOptions StateJson = new() { WriteIndented = true };

    private readonly LambdaHandlerLoader _loader;
    private long _requestCounter;

    /// <summary>Creates the service for a cloud (its clock, STS and in-process transport).</summary>
    public LambdaService(EmulatedCloud cloud, ILambdaHandlerActivator? activator = null)
    {
        _cloud = cloud;
        Activator = activator ?? DefaultLambdaHandlerActivator.Instance;
        _loader = new LambdaHandlerLoader(_probingDirectories);
    }

    /// <summary>Creates handler objects; set it before the first invocation of a function.</summary>
    public ILambdaHandlerActivator Activator { get; set; }

    /// <summary>An endpoint URL given to containers as <c>AWS_ENDPOINT_URL</c> (for example the loopback server), or null.</summary>
    public string? EndpointUrl { get; set; }

    /// <summary>Every finished invocation, in order (for tests).</summary>
    public IReadOnlyList<LambdaInvocationRecord> Invocations => [.. _invocations];

    /// <summary>Adds a directory searched for handler assemblies the app does not already load.</summary>
    public void AddProbingDirectory(string directory)
    {
        lock (_probingDirectories)
        {
            _probingDirectories.Add(directory);
        }
    }

    /// <summary>Creates or replaces a function (replacing discards its container).</summary>
    public LambdaFunctionConfiguration Register(LambdaFunctionConfiguration configuration)
    {
        if (configuration.TimeoutSeconds is < 1 or > 900)
        {
            throw new AwsServiceException("InvalidParameterValueException", "Timeout must be between 1 and 900 seconds.");
        }

        _functions[configuration.FunctionArn] = new Function(configuration);
        return configuration;
    }

    /// <summary>Deletes a function.</summary>
    public void Delete(string accountId, string region, string nameOrArn) =>
        _functions.TryRemove(Get(accountId, region, nameOrArn).FunctionArn, out _);

    /// <summary>A function by name, full or partial ARN, or <c>ResourceNotFoundException</c>.</summary>
    public LambdaFunctionConfiguration Get(string accountId, string region, string nameOrArn)
    {
        var arn = ToArn(accountId, region, nameOrArn);
        return _functions.TryGetValue(arn, out var function)
            ? function.Configuration
            : throw new AwsServiceException("ResourceNotFoundException", $"Function not found: {arn}", 404);
    }

    /// <summary>The functions of an account and region, by name.</summary>
    public IReadOnlyList<LambdaFunctionConfiguration> List(string accountId, string region) =>
        [.. _functions.Values.Select(f => f.Configuration).Where(c => c.AccountId == accountId && c.Region == region)
            .OrderBy(c => c.FunctionName, StringComparer.Ordinal)];

    /// <inheritdoc />
    public string StateName => "lambda";

    /// <summary>Writes every function configuration (containers and the invocation log are not state).</summary>
    public void Export(Stream destination) =>
        System.Text.Json.JsonSerializer.Serialize(destination, _functions.Values.Select(f => f.Configuration)
            .OrderBy(c => c.FunctionArn, StringComparer.Ordinal).ToList(), StateJson);

    /// <summary>Replaces every function with those written by <see cref="Export"/>.</summary>
    public void Import(Stream source)
    {
        var functions = System.Text.Json.JsonSerializer.Deserialize<List<LambdaFunctionConfiguration>>(source, StateJson) ?? [];
        _functions.Clear();
        foreach (var function in functions)
        {
            Register(function);
        }
    }

    /// <summary>
    /// Invokes a function by ARN (also what Step Functions calls for <c>lambda:invoke</c>). Function errors are not
    /// exceptions: they come back in the result with <see cref="LambdaInvocationResult.FunctionError"/> set.
    /// </summary>
    public Task<LambdaInvocationResult> InvokeAsync(
        string functionArn, ReadOnlyMemory<byte> payload, LambdaInvocationType invocationType = LambdaInvocationType.RequestResponse,
        CancellationToken cancellationToken = default)
    {
        var (account, region) = ArnScope(functionArn);
        return InvokeAsync(account, region, functionArn, payload, invocationType, cancellationToken);
    }

    /// <summary>Invokes a function by name or ARN as seen from an account and region.</summary>
    public async Task<LambdaInvocationResult> InvokeAsync(
        string accountId, string region, string nameOrArn, ReadOnlyMemory<byte> payload, LambdaInvocationType invocationType,
        CancellationToken cancellationToken = default)
    {
        var configuration = Get(accountId, region, nameOrArn);
        var function = _functions[configuration.FunctionArn];
        var requestId = NextRequestId();
        if (payload.Length > 0 && !IsJson(payload))
        {
            throw new AwsServiceException("InvalidRequestContentException", "Could not parse request body into json: Unexpected character.");
        }

        if (invocationType == LambdaInvocationType.DryRun)
        {
            return new LambdaInvocationResult(204, [], null, requestId);
        }

        var result = await RunAsync(function, payload, requestId, cancellationToken);
        _invocations.Enqueue(new LambdaInvocationRecord(configuration.FunctionArn, invocationType, Encoding.UTF8.GetString(payload.Span), result));
        return invocationType == LambdaInvocationType.Event ? new LambdaInvocationResult(202, [], null, requestId) : result;
    }

    private async Task<LambdaInvocationResult> RunAsync(Function function, ReadOnlyMemory<byte> payload, string requestId, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(function.Configuration.TimeoutSeconds);
        try
        {
            var container = await function.GetContainerAsync(CreateContainer);
            using var input = new MemoryStream(payload.ToArray(), writable: false);
            var invocation = container.Handler(input) ?? throw new InvalidOperationException("The handler returned a null Task.");
            var output = await invocation.WaitAsync(timeout, _cloud.Time, cancellationToken);
            using var buffer = new MemoryStream();
            if (output is not null)
            {
                await using (output)
                {
                    await output.CopyToAsync(buffer, cancellationToken);
                }
            }

            return new LambdaInvocationResult(200, buffer.ToArray(), null, requestId);
        }
        catch (TimeoutException)
        {
            // The runtime is restarted after a timeout: the next invocation gets a new container.
            function.DiscardContainer();
            var message = string.Create(CultureInfo.InvariantCulture,
                $"RequestId: {requestId} Error: Task timed out after {function.Configuration.TimeoutSeconds:0.00} seconds");
            var body = new JsonObject { ["errorType"] = "Sandbox.Timedout", ["errorMessage"] = message };
            return new LambdaInvocationResult(200, Encoding.UTF8.GetBytes(body.ToJsonString(AwsJson.Relaxed)), "Unhandled", requestId);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var body = LambdaErrorDocument.From(error).ToJsonString(AwsJson.Relaxed);
            return new LambdaInvocationResult(200, Encoding.UTF8.GetBytes(body), "Unhandled", requestId);
        }
    }

    private Container CreateContainer(LambdaFunctionConfiguration configuration)
    {
        var (type, method) = _loader.Resolve(configuration.Handler);
        var credentials = SessionCredentials(configuration);
        var environment = new LambdaInvocationEnvironment(
            configuration.AccountId,
            configuration.Region,
            ContainerVariables(configuration, credentials),
            credentials,
            () => credentials.Expiration is { } expires && expires - _cloud.Time.GetUtcNow() < TimeSpan.FromMinutes(5)
                ? credentials = SessionCredentials(configuration)
                : credentials,
            _cloud.CreateHttpMessageHandler);
        // A delegate, not MethodInfo.Invoke: exceptions surface unwrapped and without reflection frames, as in the runtime.
        return new Container(method.IsStatic
            ? method.CreateDelegate<Func<Stream, Task<Stream>>>()
            : method.CreateDelegate<Func<Stream, Task<Stream>>>(Activator.CreateInstance(type, configuration, environment)));
    }

    /// <summary>A session of the execution role for the function (session name = function name), registered in the cloud.</summary>
    private LambdaCredentials SessionCredentials(LambdaFunctionConfiguration configuration)
    {
        if (configuration.Role is null)
        {
            return new LambdaCredentials(configuration.AccountId, Hosting.CredentialStore.DefaultSecret, null, null);
        }

        var session = _cloud.Sts.AssumeRoleAsService(ServicePrincipal, configuration.Role, configuration.FunctionName);
        var issued = session.Credentials;
        return new LambdaCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken, issued.Expiration);
    }

    private Dictionary<string, string> ContainerVariables(LambdaFunctionConfiguration configuration, LambdaCredentials credentials)
    {
        var variables = new Dictionary<string, string>(configuration.Variables, StringComparer.Ordinal)
        {
            ["AWS_REGION"] = configuration.Region,
            ["AWS_DEFAULT_REGION"] = configuration.Region,
            ["AWS_LAMBDA_FUNCTION_NAME"] = configuration.FunctionName,
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = configuration.MemorySize.ToString(CultureInfo.InvariantCulture),
            ["AWS_EXECUTION_ENV"] = $"AWS_Lambda_{configuration.Runtime}",
            ["_HANDLER"] = configuration.Handler,
            ["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey,
        };
        if (credentials.SessionToken is not null)
        {
            variables["AWS_SESSION_TOKEN"] = credentials.SessionToken;
        }

        if (EndpointUrl is not null)
        {
            variables["AWS_ENDPOINT_URL"] = EndpointUrl;
        }

        return variables;
    }

    private static bool IsJson(ReadOnlyMemory<byte> payload)
    {
        try
        {
            JsonNode.Parse(payload.Span);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>Accepts a name, <c>ACCOUNT:function:NAME</c>, or a full ARN, each optionally with a <c>:qualifier</c>.</summary>
    private static string ToArn(string accountId, string region, string nameOrArn)
    {
        var parts = nameOrArn.Split(':');
        return parts switch
        {
            ["arn", "aws", "lambda", var r, var a, "function", var name, ..] => $"arn:aws:lambda:{r}:{a}:function:{name}",
            [var a, "function", var name, ..] => $"arn:aws:lambda:{region}:{a}:function:{name}",
            [var name, ..] => $"arn:aws:lambda:{region}:{accountId}:function:{name}",
            _ => nameOrArn,
        };
    }

    private static (string Account, string Region) ArnScope(string functionArn) =>
        functionArn.Split(':') is ["arn", "aws", "lambda", var region, var account, "function", ..]
            ? (account, region)
            : throw new AwsServiceException("ValidationException", $"{functionArn} is not a Lambda function ARN.");

    private string NextRequestId()
    {
        var n = Interlocked.Increment(ref _requestCounter);
        return string.Create(CultureInfo.InvariantCulture, $"1a3b0000-0000-4000-8000-{n:x12}");
    }

    private sealed record Container(Func<Stream, Task<Stream>> Handler);

    private sealed class Function(LambdaFunctionConfiguration configuration)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private Container? _container;

        public LambdaFunctionConfiguration Configuration { get; } = configuration;

        public async Task<Container> GetContainerAsync(Func<LambdaFunctionConfiguration, Container> create)
        {
            await _gate.WaitAsync();
            try
            {
                return _container ??= create(Configuration);
            }
            finally
            {
                _gate.Release();
            }
        }

        public void DiscardContainer() => _container = null;
    }
}

/// <summary>The error document of the managed .NET runtime: errorType (type name, no namespace), errorMessage, stackTrace, cause.</summary>
public static class LambdaErrorDocument
{
    /// <summary>Builds the document for an exception thrown by a handler (reflection wrappers removed).</summary>
    public static JsonObject From(Exception error)
    {
        while (error is TargetInvocationException { InnerException: { } inner })
        {
            error = inner;
        }

        var document = new JsonObject
        {
            ["errorType"] = error.GetType().Name,
            ["errorMessage"] = error.Message,
            ["stackTrace"] = new JsonArray([.. (error.StackTrace ?? string.Empty)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => (JsonNode?)JsonValue.Create(line))]),
        };
        if (error.InnerException is { } cause)
        {
            document["cause"] = From(cause);
        }

        return document;
    }
}
