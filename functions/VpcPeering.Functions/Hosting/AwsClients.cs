using System.Collections.Concurrent;
using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SecurityToken;

namespace VpcPeering.Functions.Hosting;

/// <summary>The AWS clients a function uses: EC2 per region (own or assumed credentials) and STS.</summary>
public interface IAwsClients
{
    /// <summary>EC2 in <paramref name="region"/>; with <paramref name="credentials"/> (an assumed role), else the function's own.</summary>
    IAmazonEC2 Ec2(string region, AWSCredentials? credentials = null);

    /// <summary>STS in <paramref name="region"/> with the function's own credentials.</summary>
    IAmazonSecurityTokenService Sts(string region);
}

/// <summary>How <see cref="AwsClients"/> builds its clients.</summary>
public sealed record AwsClientOptions
{
    /// <summary>The function's own credentials; null uses the SDK's default chain (the Lambda runtime's role).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Serves every request in-process (an emulator); null uses the network.</summary>
    public Func<HttpMessageHandler>? HttpMessageHandler { get; init; }

    /// <summary>The endpoint with <see cref="HttpMessageHandler"/>; the region still signs the request.</summary>
    public string ServiceUrl { get; init; } = "http://localcloud.internal";

    /// <summary>SDK retries; null keeps the SDK default. In-process hosts use 0: the state machines retry with backoff.</summary>
    public int? MaxErrorRetry { get; init; }
}

/// <summary>
/// Creates each client once per region and credentials and keeps it for the container's lifetime.
/// Without an HTTP handler the clients come from the standard SDK configuration, so <c>AWS_ENDPOINT_URL</c> and
/// <c>AWS_ENDPOINT_URL_EC2</c> apply.
/// </summary>
public sealed class AwsClients(AwsClientOptions options) : IAwsClients, IDisposable
{
    private readonly ConcurrentDictionary<(string Region, AWSCredentials? Credentials), IAmazonEC2> _ec2 = new();
    private readonly ConcurrentDictionary<string, IAmazonSecurityTokenService> _sts = new(StringComparer.Ordinal);

    public AwsClients()
        : this(new AwsClientOptions())
    {
    }

    public IAmazonEC2 Ec2(string region, AWSCredentials? credentials = null) =>
        _ec2.GetOrAdd((region, credentials), key =>
        {
            var config = Configure(new AmazonEC2Config(), key.Region);
            var effective = key.Credentials ?? options.Credentials;
            return effective is null ? new AmazonEC2Client(config) : new AmazonEC2Client(effective, config);
        });

    public IAmazonSecurityTokenService Sts(string region) =>
        _sts.GetOrAdd(region, key =>
        {
            var config = Configure(new AmazonSecurityTokenServiceConfig(), key);
            return options.Credentials is null
                ? new AmazonSecurityTokenServiceClient(config)
                : new AmazonSecurityTokenServiceClient(options.Credentials, config);
        });

    public void Dispose()
    {
        foreach (var client in _ec2.Values)
        {
            client.Dispose();
        }

        foreach (var client in _sts.Values)
        {
            client.Dispose();
        }
    }

    private T Configure<T>(T config, string region)
        where T : ClientConfig
    {
        config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        if (options.HttpMessageHandler is { } handler)
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = region;
            config.HttpClientFactory = new InProcessHttpClientFactory(handler);
        }

        if (options.MaxErrorRetry is { } retries)
        {
            config.MaxErrorRetry = retries;
        }

        return config;
    }

    /// <summary>Hands the SDK an <see cref="HttpClient"/> over the host's handler (the emulator), never a socket.</summary>
    private sealed class InProcessHttpClientFactory(Func<HttpMessageHandler> handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler(), disposeHandler: true);

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
    }
}
