using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SecurityToken;
using LocalCloud;

namespace LocalCloud.Tests.Support;

/// <summary>Real AWS SDK clients wired to an in-process <see cref="EmulatedCloud"/>: no sockets, real signing.</summary>
internal static class CloudClients
{
    public static AmazonEC2Client Ec2(EmulatedCloud cloud, string accountId, string region = "us-east-1") =>
        Ec2(cloud, new BasicAWSCredentials(accountId, "test"), region);

    public static AmazonEC2Client Ec2(EmulatedCloud cloud, AWSCredentials credentials, string region = "us-east-1") =>
        new(credentials, Configure(new AmazonEC2Config(), cloud, region));

    public static AmazonSecurityTokenServiceClient Sts(EmulatedCloud cloud, string accountId, string region = "us-east-1") =>
        Sts(cloud, new BasicAWSCredentials(accountId, "test"), region);

    public static AmazonSecurityTokenServiceClient Sts(EmulatedCloud cloud, AWSCredentials credentials, string region = "us-east-1") =>
        new(credentials, Configure(new AmazonSecurityTokenServiceConfig(), cloud, region));

    /// <summary>AssumeRole as <paramref name="callerAccountId"/>'s root through the real STS client; the session's credentials.</summary>
    public static async Task<AWSCredentials> AssumeRoleAsync(
        EmulatedCloud cloud, string callerAccountId, string roleArn, string sessionName = "tests", string? externalId = null)
    {
        using var sts = Sts(cloud, callerAccountId);
        var response = await sts.AssumeRoleAsync(
            new Amazon.SecurityToken.Model.AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName, ExternalId = externalId });
        return response.Credentials;
    }

    private static T Configure<T>(T config, EmulatedCloud cloud, string region)
        where T : ClientConfig
    {
        config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        config.ServiceURL = "http://localcloud.internal";
        config.AuthenticationRegion = region;
        config.HttpClientFactory = new InProcessHttpClientFactory(cloud);
        config.MaxErrorRetry = 0;
        return config;
    }

    private sealed class InProcessHttpClientFactory(EmulatedCloud cloud) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(cloud.CreateHttpMessageHandler());

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
    }
}
