using System.Net.Http.Headers;
using System.Text;
using LocalCloud.Core;
using LocalCloud.Ec2;
using LocalCloud.Hosting;
using LocalCloud.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Hosting;

/// <summary>
/// The Kestrel transport on 127.0.0.1, driven by awscli with <c>--endpoint-url</c>
/// (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-endpoints.html) and by raw HTTP.
/// </summary>
public sealed class LoopbackServerTests(AwsCli aws) : IClassFixture<AwsCli>
{
    [AwsCliFact]
    public async Task Awscli_gets_its_identity_and_assumes_a_role_over_loopback()
    {
        var cloud = new EmulatedCloud();
        var role = Roles.Put(cloud, "222222222222", "PeeringAccepter", Roles.TrustAccount("111111111111"));
        await using var server = await CloudServer.StartAsync(cloud, port: 0);
        var endpoint = server.Endpoint;
        var root = new AwsCliCredentials("111111111111");

        var identity = await aws.JsonAsync(endpoint, root, "us-east-1", "sts", "get-caller-identity");
        var assumed = await aws.JsonAsync(endpoint, root, "us-east-1",
            "sts", "assume-role", "--role-arn", role.Arn, "--role-session-name", "cli", "--external-id", "unused-id");
        var credentials = assumed["Credentials"]!;
        var asRole = await aws.JsonAsync(
            endpoint,
            new AwsCliCredentials(
                (string)credentials["AccessKeyId"]!, (string)credentials["SecretAccessKey"]!, (string)credentials["SessionToken"]!),
            "eu-west-1", "sts", "get-caller-identity");
        var badSecret = await aws.RunAsync(endpoint, root with { SecretAccessKey = "wrong" }, "us-east-1", "sts", "get-caller-identity");

        Assert.Equal("arn:aws:iam::111111111111:root", (string)identity["Arn"]!);
        Assert.Equal("arn:aws:sts::222222222222:assumed-role/PeeringAccepter/cli", (string)asRole["Arn"]!);
        Assert.Equal("222222222222", (string)asRole["Account"]!);
        Assert.NotEqual(0, badSecret.ExitCode);
        Assert.Contains("SignatureDoesNotMatch", badSecret.Stderr, StringComparison.Ordinal);
        Assert.Equal("eu-west-1", cloud.RequestLog.Entries.Single(e => e.RoleArn == role.Arn).Region);
    }

    /// <summary>Follows the VPC peering guide, "Create a VPC peering connection with a VPC in another account and Region"
    /// (https://docs.aws.amazon.com/vpc/latest/peering/create-vpc-peering-connection.html) and the lifecycle it documents.</summary>
    [AwsCliFact]
    public async Task Awscli_peers_vpcs_across_accounts_and_regions_until_the_connection_is_active()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero));
        var cloud = new EmulatedCloud(time);
        Ec2Service.AddTo(cloud);
        await using var server = await CloudServer.StartAsync(cloud, port: 0);
        var endpoint = server.Endpoint;
        var (requester, accepter) = (new AwsCliCredentials("111111111111"), new AwsCliCredentials("222222222222"));

        var requesterVpc = await aws.JsonAsync(endpoint, requester, "us-east-1", "ec2", "create-vpc", "--cidr-block", "10.0.0.0/16");
        var accepterVpc = await aws.JsonAsync(endpoint, accepter, "eu-west-1", "ec2", "create-vpc", "--cidr-block", "10.1.0.0/16");
        var (requesterVpcId, accepterVpcId) = ((string)requesterVpc["Vpc"]!["VpcId"]!, (string)accepterVpc["Vpc"]!["VpcId"]!);
        var created = await aws.JsonAsync(endpoint, requester, "us-east-1", "ec2", "create-vpc-peering-connection",
            "--vpc-id", requesterVpcId, "--peer-vpc-id", accepterVpcId, "--peer-owner-id", "222222222222", "--peer-region", "eu-west-1");
        var peeringId = (string)created["VpcPeeringConnection"]!["VpcPeeringConnectionId"]!;
        await WaitForStatusAsync(endpoint, time, accepter, "eu-west-1", peeringId, "pending-acceptance");
        await aws.JsonAsync(
            endpoint, accepter, "eu-west-1", "ec2", "accept-vpc-peering-connection", "--vpc-peering-connection-id", peeringId);
        var active = await WaitForStatusAsync(endpoint, time, requester, "us-east-1", peeringId, "active");

        Assert.Equal(("111111111111", "us-east-1", requesterVpcId), VpcInfo(active["RequesterVpcInfo"]!));
        Assert.Equal(("222222222222", "eu-west-1", accepterVpcId), VpcInfo(active["AccepterVpcInfo"]!));
        Assert.Equal(
            new Dictionary<string, int> { ["CreateVpc"] = 2, ["CreateVpcPeeringConnection"] = 1, ["AcceptVpcPeeringConnection"] = 1 },
            cloud.RequestLog.CountByAction("ec2", e => !e.IsReadOnly));
    }

    [Fact]
    public async Task A_service_that_throws_gets_a_500_in_its_format_and_the_server_keeps_serving()
    {
        var cloud = new EmulatedCloud();
        cloud.AddService(new StubQueryService("ec2", action =>
            action == "Explode" ? throw new InvalidOperationException("boom") : StubQueryService.Ok(action)));
        await using var server = await CloudServer.StartAsync(cloud, port: 0);
        using var http = new HttpClient { BaseAddress = server.Endpoint };

        var failed = await http.SendAsync(Signed(server.Endpoint, "Action=Explode&Version=2016-11-15"));
        var next = await http.SendAsync(Signed(server.Endpoint, "Action=DescribeVpcs&Version=2016-11-15"));

        Assert.Equal(500, (int)failed.StatusCode);
        var body = await failed.Content.ReadAsStringAsync();
        Assert.StartsWith("<Response><Errors><Error><Code>InternalError</Code>", body, StringComparison.Ordinal);
        Assert.Equal(200, (int)next.StatusCode);
    }

    [Fact]
    public async Task Port_zero_binds_a_free_loopback_port_and_reports_it()
    {
        await using var server = await CloudServer.StartAsync(new EmulatedCloud(), port: 0);

        Assert.Equal("127.0.0.1", server.Endpoint.Host);
        Assert.NotEqual(0, server.Endpoint.Port);
    }

    private static (string Owner, string Region, string VpcId) VpcInfo(System.Text.Json.Nodes.JsonNode info) =>
        ((string)info["OwnerId"]!, (string)info["Region"]!, (string)info["VpcId"]!);

    private async Task<System.Text.Json.Nodes.JsonNode> WaitForStatusAsync(
        Uri endpoint, FakeTimeProvider time, AwsCliCredentials credentials, string region, string peeringId, string status)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var described = await aws.JsonAsync(endpoint, credentials, region, "ec2", "describe-vpc-peering-connections",
                "--vpc-peering-connection-ids", peeringId);
            var connection = described["VpcPeeringConnections"]![0]!;
            if ((string)connection["Status"]!["Code"]! == status)
            {
                return connection;
            }

            time.Advance(TimeSpan.FromSeconds(1));
        }

        throw new Xunit.Sdk.XunitException($"{peeringId} never reached {status}.");
    }

    private static HttpRequestMessage Signed(Uri endpoint, string form)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = endpoint.Authority,
            ["Content-Type"] = "application/x-www-form-urlencoded",
        };
        var signed = LocalCloud.Hosting.SigV4Signature.Sign(
            new AwsServiceRequest("POST", "/", string.Empty, headers, Encoding.UTF8.GetBytes(form)),
            "111111111111", "test", "us-east-1", "ec2", DateTimeOffset.UtcNow);
        var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(signed.Body.ToArray()) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
        foreach (var (name, value) in signed.Headers)
        {
            if (name is not ("Host" or "Content-Type"))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }
}
