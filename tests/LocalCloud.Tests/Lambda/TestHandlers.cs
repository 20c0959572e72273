using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using LocalCloud.Lambda;

namespace LocalCloud.Tests.Lambda;

/// <summary>Returns its input unchanged.</summary>
public sealed class EchoHandler
{
    public async Task<Stream> HandleAsync(Stream input)
    {
        var output = new MemoryStream();
        await input.CopyToAsync(output);
        output.Position = 0;
        return output;
    }

    public static Task<Stream> StaticHandleAsync(Stream input) => new EchoHandler().HandleAsync(input);

    public string WrongSignature(string input) => input;
}

/// <summary>Fails the way a domain handler does: a named exception with an inner cause.</summary>
public sealed class FailingHandler
{
    public Task<Stream> HandleAsync(Stream input) =>
        throw new PeeringConflictException("The peering pcx-1 is already active.", new InvalidOperationException("inner cause"));

    public async Task<Stream> FailLaterAsync(Stream input)
    {
        await Task.Yield();
        throw new PeeringConflictException("async failure", null);
    }
}

public sealed class PeeringConflictException(string message, Exception? inner) : Exception(message, inner);

/// <summary>Never finishes: used to hit the function timeout on virtual time.</summary>
public sealed class HangingHandler
{
    private readonly TaskCompletionSource<Stream> _never = new();

    public Task<Stream> HandleAsync(Stream input) => _never.Task;
}

/// <summary>Built by an activator with the invocation environment; reports what its container sees.</summary>
public sealed class EnvironmentHandler(LambdaInvocationEnvironment environment)
{
    private int _invocations;

    public Task<Stream> HandleAsync(Stream input)
    {
        var body = new JsonObject
        {
            ["account"] = environment.AccountId,
            ["region"] = environment.Region,
            ["table"] = environment.Variables.GetValueOrDefault("TABLE"),
            ["functionName"] = environment.Variables.GetValueOrDefault("AWS_LAMBDA_FUNCTION_NAME"),
            ["accessKeyId"] = environment.Credentials.AccessKeyId,
            ["invocation"] = Interlocked.Increment(ref _invocations),
        };
        return Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(body.ToJsonString())));
    }
}

/// <summary>Calls STS GetCallerIdentity with a real SDK client built from the container's credentials.</summary>
public sealed class WhoAmIHandler(LambdaInvocationEnvironment environment)
{
    private readonly AmazonSecurityTokenServiceClient _sts = new(
        new SessionAWSCredentials(environment.Credentials.AccessKeyId, environment.Credentials.SecretAccessKey, environment.Credentials.SessionToken),
        new AmazonSecurityTokenServiceConfig
        {
            RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(environment.Region),
            ServiceURL = "http://localcloud.internal",
            AuthenticationRegion = environment.Region,
            HttpClientFactory = new HandlerFactory(environment.CreateHttpMessageHandler),
            MaxErrorRetry = 0,
        });

    public async Task<Stream> HandleAsync(Stream input)
    {
        var identity = await _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        return new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { arn = identity.Arn })));
    }

    private sealed class HandlerFactory(Func<HttpMessageHandler> create) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(create());

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
    }
}

/// <summary>Builds the handlers that need the environment; counts containers.</summary>
public sealed class TestActivator : ILambdaHandlerActivator
{
    private int _created;

    public int Created => _created;

    public List<LambdaInvocationEnvironment> Environments { get; } = [];

    public object CreateInstance(Type handlerType, LambdaFunctionConfiguration function, LambdaInvocationEnvironment environment)
    {
        Interlocked.Increment(ref _created);
        lock (Environments)
        {
            Environments.Add(environment);
        }

        if (handlerType == typeof(EnvironmentHandler))
        {
            return new EnvironmentHandler(environment);
        }

        return handlerType == typeof(WhoAmIHandler)
            ? new WhoAmIHandler(environment)
            : DefaultLambdaHandlerActivator.Instance.CreateInstance(handlerType, function, environment);
    }
}

internal static class Handlers
{
    public const string Assembly = "LocalCloud.Tests";

    public static string Of<T>(string method = "HandleAsync") => $"{Assembly}::{typeof(T).FullName}::{method}";
}
