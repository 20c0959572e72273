using System.Collections;
using Amazon.Runtime;

namespace VpcPeering.Functions.Hosting;

/// <summary>
/// Everything a handler needs from its host: AWS clients, its configuration (the function's environment
/// variables, passed in rather than read from the process, since hosts run functions side by side), a clock and a log.
/// </summary>
/// <param name="Clients">The AWS clients, created once per container.</param>
/// <param name="Configuration">The function's environment variables (TAG_PREFIX, ALLOWED_REQUESTER_ACCOUNTS, AWS_REGION, …).</param>
/// <param name="Time">The clock (virtual in tests).</param>
/// <param name="Log">Where the one-line JSON log events go (stdout in Lambda).</param>
public sealed record FunctionServices(
    IAwsClients Clients,
    IReadOnlyDictionary<string, string> Configuration,
    TimeProvider Time,
    TextWriter Log)
{
    /// <summary>The Lambda runtime path: the process environment, the SDK's default credentials and endpoints, stdout.</summary>
    public static FunctionServices FromEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string ?? "";
        }

        return new FunctionServices(new AwsClients(), variables, TimeProvider.System, Console.Out);
    }

    /// <summary>
    /// A host that serves AWS in-process (an emulator): every client sends through <paramref name="httpMessageHandler"/>
    /// with <paramref name="credentials"/> (e.g. <c>new BasicAWSCredentials("123456789012", "test")</c>) and no SDK retries.
    /// </summary>
    public static FunctionServices InProcess(
        Func<HttpMessageHandler> httpMessageHandler,
        AWSCredentials credentials,
        IReadOnlyDictionary<string, string> configuration,
        TimeProvider? time = null,
        TextWriter? log = null) =>
        new(
            new AwsClients(new AwsClientOptions { Credentials = credentials, HttpMessageHandler = httpMessageHandler, MaxErrorRetry = 0 }),
            configuration,
            time ?? TimeProvider.System,
            log ?? TextWriter.Null);
}
