using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using LocalCloud;
using Ec2Service = LocalCloud.Ec2.Ec2Service;
using Microsoft.Extensions.Time.Testing;
using VpcPeering.Functions.Hosting;

namespace VpcPeering.Functions.Tests.Support;

/// <summary>The in-process EC2 emulator on a virtual clock, handlers wired to it, and SDK clients to arrange and assert with.</summary>
internal sealed class FunctionsCloud : IDisposable
{
    public const string AccountA = "111111111111";
    public const string AccountB = "222222222222";
    public const string East = "us-east-1";
    public const string West = "eu-west-1";

    private readonly Dictionary<(string, string), AmazonEC2Client> _clients = [];

    /// <param name="clock">The cloud's clock; a <see cref="FakeTimeProvider"/> that tests advance when null.</param>
    public FunctionsCloud(TimeProvider? clock = null)
    {
        Clock = clock ?? Time;
        Cloud = new EmulatedCloud(Clock);
        Ec2Service.AddTo(Cloud);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero));

    public TimeProvider Clock { get; }

    public EmulatedCloud Cloud { get; }

    public StringWriter Log { get; } = new();

    /// <summary>What a host hands a handler: in-process clients as <paramref name="account"/>, the function's variables.</summary>
    public FunctionServices Services(string account = AccountA, IReadOnlyDictionary<string, string>? variables = null)
    {
        var configuration = new Dictionary<string, string>(StringComparer.Ordinal) { ["AWS_REGION"] = East };
        foreach (var (key, value) in variables ?? new Dictionary<string, string>())
        {
            configuration[key] = value;
        }

        return FunctionServices.InProcess(Cloud.CreateHttpMessageHandler, new BasicAWSCredentials(account, "test"), configuration, Clock, Log);
    }

    public AmazonEC2Client Ec2(string account = AccountA, string region = East)
    {
        if (!_clients.TryGetValue((account, region), out var client))
        {
            client = new AmazonEC2Client(new BasicAWSCredentials(account, "test"), new AmazonEC2Config
            {
                RegionEndpoint = RegionEndpoint.GetBySystemName(region),
                ServiceURL = "http://localcloud.internal",
                AuthenticationRegion = region,
                HttpClientFactory = new InProcessFactory(Cloud),
                MaxErrorRetry = 0,
            });
            _clients[(account, region)] = client;
        }

        return client;
    }

    public async Task<Vpc> CreateVpcAsync(string cidr, string account = AccountA, string region = East)
    {
        var vpc = (await Ec2(account, region).CreateVpcAsync(new CreateVpcRequest { CidrBlock = cidr })).Vpc;
        await Ec2(account, region).CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc.VpcId, CidrBlock = cidr.Replace(".0.0/16", ".1.0/24", StringComparison.Ordinal) });
        return vpc;
    }

    public async Task<List<Amazon.EC2.Model.RouteTable>> RouteTablesAsync(string vpcId, string account = AccountA, string region = East) =>
        (await Ec2(account, region).DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = [new Filter("vpc-id", [vpcId])] })).RouteTables;

    public async Task<List<VpcPeeringConnection>> PeeringsAsync(string account = AccountA, string region = East) =>
        (await Ec2(account, region).DescribeVpcPeeringConnectionsAsync(new DescribeVpcPeeringConnectionsRequest())).VpcPeeringConnections ?? [];

    public void Advance(int seconds) => Time.Advance(TimeSpan.FromSeconds(seconds));

    /// <summary>Calls a handler the way the runtime does: JSON bytes in, JSON bytes out.</summary>
    public static async Task<JsonNode> InvokeAsync(Func<Stream, Task<Stream>> handle, JsonNode input)
    {
        using var request = new MemoryStream(Encoding.UTF8.GetBytes(input.ToJsonString()));
        using var response = await handle(request);
        return (await JsonNode.ParseAsync(response))!;
    }

    public static JsonNode Json(string text) => JsonNode.Parse(text)!;

    public static JsonNode Request(string requesterVpc, string accepterVpc, string accepterAccount = AccountA, string extra = "") =>
        Json($$"""
            {
              "requester": { "vpcId": "{{requesterVpc}}", "region": "us-east-1" },
              "accepter": { "vpcId": "{{accepterVpc}}", "region": "us-east-1", "accountId": "{{accepterAccount}}" }{{extra}}
            }
            """);

    public IReadOnlyList<JsonElement> LogLines() =>
        [.. Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private sealed class InProcessFactory(EmulatedCloud cloud) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(cloud.CreateHttpMessageHandler());

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
    }
}
