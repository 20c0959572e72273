using Amazon.EC2;
using Amazon.EC2.Model;
using LocalCloud.Core;
using LocalCloud.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Ec2Model = LocalCloud.Ec2.Ec2Model;
using Ec2Options = LocalCloud.Ec2.Ec2Options;
using Ec2Service = LocalCloud.Ec2.Ec2Service;

namespace LocalCloud.Tests.Ec2;

/// <summary>An emulated cloud with EC2 on a virtual clock, real SDK clients per account and region, and recorded events.</summary>
internal sealed class Ec2TestCloud : IDisposable
{
    public const string Requester = "111111111111";
    public const string Accepter = "222222222222";
    public const string East = "us-east-1";
    public const string West = "eu-west-1";

    private readonly Dictionary<(string, string), AmazonEC2Client> _clients = [];

    public Ec2TestCloud(Ec2Options? options = null)
    {
        Cloud = new EmulatedCloud(Time);
        Model = Ec2Service.AddTo(Cloud, Events, options);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero));

    public RecordingEventSink Events { get; } = new();

    public EmulatedCloud Cloud { get; }

    public Ec2Model Model { get; }

    public AmazonEC2Client Client(string account = Requester, string region = East)
    {
        if (!_clients.TryGetValue((account, region), out var client))
        {
            client = CloudClients.Ec2(Cloud, account, region);
            _clients[(account, region)] = client;
        }

        return client;
    }

    public async Task<Vpc> CreateVpcAsync(string cidr, string account = Requester, string region = East, bool ipv6 = false) =>
        (await Client(account, region).CreateVpcAsync(new CreateVpcRequest { CidrBlock = cidr, AmazonProvidedIpv6CidrBlock = ipv6 })).Vpc;

    public async Task<VpcPeeringConnection> RequestPeeringAsync(
        string vpcId, string peerVpcId, string account = Requester, string region = East, string? peerAccount = null, string? peerRegion = null) =>
        (await Client(account, region).CreateVpcPeeringConnectionAsync(new CreateVpcPeeringConnectionRequest
        {
            VpcId = vpcId,
            PeerVpcId = peerVpcId,
            PeerOwnerId = peerAccount,
            PeerRegion = peerRegion,
        })).VpcPeeringConnection;

    public async Task<VpcPeeringConnection> DescribePeeringAsync(string pcxId, string account = Requester, string region = East) =>
        (await Client(account, region).DescribeVpcPeeringConnectionsAsync(new DescribeVpcPeeringConnectionsRequest
        {
            VpcPeeringConnectionIds = [pcxId],
        })).VpcPeeringConnections.Single();

    /// <summary>A cross-account request between two new VPCs, past initiating-request (so pending-acceptance or failed).</summary>
    public async Task<(Vpc Requester, Vpc Accepter, VpcPeeringConnection Pcx)> PendingPeeringAsync(
        string requesterCidr = "10.0.0.0/16", string accepterCidr = "10.1.0.0/16", string accepterRegion = East)
    {
        var requester = await CreateVpcAsync(requesterCidr);
        var accepter = await CreateVpcAsync(accepterCidr, Accepter, accepterRegion);
        var pcx = await RequestPeeringAsync(requester.VpcId, accepter.VpcId, peerAccount: Accepter, peerRegion: accepterRegion);
        Advance(TimeSpan.FromSeconds(2));
        return (requester, accepter, pcx);
    }

    /// <summary>A cross-account peering, accepted and past provisioning.</summary>
    public async Task<(Vpc Requester, Vpc Accepter, string PcxId)> ActivePeeringAsync(
        string requesterCidr = "10.0.0.0/16", string accepterCidr = "10.1.0.0/16", string accepterRegion = East)
    {
        var (requester, accepter, pcx) = await PendingPeeringAsync(requesterCidr, accepterCidr, accepterRegion);
        await Client(Accepter, accepterRegion).AcceptVpcPeeringConnectionAsync(new AcceptVpcPeeringConnectionRequest
        {
            VpcPeeringConnectionId = pcx.VpcPeeringConnectionId,
        });
        Advance(TimeSpan.FromSeconds(10));
        return (requester, accepter, pcx.VpcPeeringConnectionId);
    }

    public void Advance(TimeSpan by) => Time.Advance(by);

    public static async Task<AmazonEC2Exception> FailsAsync(string errorCode, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(call);
        Assert.Equal(errorCode, error.ErrorCode);
        return error;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}

internal sealed class RecordingEventSink : ICloudEventSink
{
    private readonly List<CloudEvent> _events = [];

    public IReadOnlyList<CloudEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public void Publish(CloudEvent cloudEvent)
    {
        lock (_events)
        {
            _events.Add(cloudEvent);
        }
    }
}
