namespace LocalCloud.Lambda;

/// <summary>
/// Creates the handler object of a function's container. The host supplies one to build handlers with clients wired
/// to the cloud (the environment's credentials and HTTP handler); the default calls the parameterless constructor.
/// </summary>
public interface ILambdaHandlerActivator
{
    /// <summary>Creates the instance of <paramref name="handlerType"/> for one container of <paramref name="function"/>.</summary>
    object CreateInstance(Type handlerType, LambdaFunctionConfiguration function, LambdaInvocationEnvironment environment);
}

/// <summary>The default activator: the handler's public parameterless constructor, as the managed runtime does.</summary>
public sealed class DefaultLambdaHandlerActivator : ILambdaHandlerActivator
{
    /// <summary>The shared instance.</summary>
    public static DefaultLambdaHandlerActivator Instance { get; } = new();

    /// <inheritdoc />
    public object CreateInstance(Type handlerType, LambdaFunctionConfiguration function, LambdaInvocationEnvironment environment) =>
        Activator.CreateInstance(handlerType)
        ?? throw new InvalidOperationException($"Could not create an instance of {handlerType.FullName}.");
}

/// <summary>Credentials of the function's execution role session.</summary>
/// <param name="AccessKeyId">The access key id registered in the cloud's credential store.</param>
/// <param name="SecretAccessKey">The secret.</param>
/// <param name="SessionToken">The session token, or null for root credentials.</param>
/// <param name="Expiration">When the session expires (cloud time), or null.</param>
public sealed record LambdaCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken, DateTimeOffset? Expiration);

/// <summary>
/// What a container sees instead of process-wide state: its account and region, its environment variables (the function's
/// plus the runtime's <c>AWS_*</c> ones, never written to the process environment), credentials of its execution role and
/// an <see cref="HttpMessageHandler"/> into the cloud.
/// </summary>
/// <param name="AccountId">The function's account.</param>
/// <param name="Region">The function's region.</param>
/// <param name="Variables">The environment variables of the container.</param>
/// <param name="Credentials">The role session's credentials at container start.</param>
/// <param name="RefreshCredentials">Returns valid credentials, assuming the role again when the session is about to expire.</param>
/// <param name="CreateHttpMessageHandler">Creates an HTTP handler that serves AWS SDK clients from the cloud in-process.</param>
public sealed record LambdaInvocationEnvironment(
    string AccountId,
    string Region,
    IReadOnlyDictionary<string, string> Variables,
    LambdaCredentials Credentials,
    Func<LambdaCredentials> RefreshCredentials,
    Func<HttpMessageHandler> CreateHttpMessageHandler);
