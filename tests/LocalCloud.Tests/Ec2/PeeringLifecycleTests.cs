using Amazon.EC2;
using Amazon.EC2.Model;
using static LocalCloud.Tests.Ec2.Ec2TestCloud;

namespace LocalCloud.Tests.Ec2;

/// <summary>Amazon VPC Peering Guide: "VPC peering connection lifecycle", and the API Reference pages of the peering actions.</summary>
public sealed class PeeringLifecycleTests : IDisposable
{
    private readonly Ec2TestCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Fact] // VPC peering connection lifecycle: Initiating-request → Pending-acceptance
    public async Task A_request_starts_initiating_then_waits_pending_acceptance()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16", Accepter);

        var pcx = await _cloud.RequestPeeringAsync(requester.VpcId, accepter.VpcId, peerAccount: Accepter);
        Assert.Equal(VpcPeeringConnectionStateReasonCode.InitiatingRequest, pcx.Status.Code);
        Assert.Matches("^pcx-[0-9a-f]{17}$", pcx.VpcPeeringConnectionId);

        _cloud.Advance(TimeSpan.FromSeconds(2));
        var pending = await _cloud.DescribePeeringAsync(pcx.VpcPeeringConnectionId);

        Assert.Equal(VpcPeeringConnectionStateReasonCode.PendingAcceptance, pending.Status.Code);
        Assert.Equal($"Pending Acceptance by {Accepter}", pending.Status.Message);
        Assert.Equal(new DateTime(2026, 12, 3, 6, 0, 0, DateTimeKind.Utc), pending.ExpirationTime!.Value.ToUniversalTime());
        Assert.Equal(Requester, pending.RequesterVpcInfo.OwnerId);
        Assert.Equal("10.0.0.0/16", pending.RequesterVpcInfo.CidrBlock);
        Assert.Equal(accepter.VpcId, pending.AccepterVpcInfo.VpcId);
        Assert.Equal(East, pending.AccepterVpcInfo.Region);
    }

    [Fact] // VPC peering connection lifecycle: Provisioning → Active
    public async Task An_accepted_request_provisions_then_becomes_active()
    {
        var (_, _, pcx) = await _cloud.PendingPeeringAsync();

        var accepted = (await _cloud.Client(Accepter).AcceptVpcPeeringConnectionAsync(new AcceptVpcPeeringConnectionRequest
        {
            VpcPeeringConnectionId = pcx.VpcPeeringConnectionId,
        })).VpcPeeringConnection;
        Assert.Equal(VpcPeeringConnectionStateReasonCode.Provisioning, accepted.Status.Code);

        _cloud.Advance(TimeSpan.FromSeconds(5));
        var active = await _cloud.DescribePeeringAsync(pcx.VpcPeeringConnectionId, Accepter);

        Assert.Equal(VpcPeeringConnectionStateReasonCode.Active, active.Status.Code);
        Assert.Equal("10.1.0.0/16", active.AccepterVpcInfo.CidrBlock);
        Assert.False(active.AccepterVpcInfo.PeeringOptions.AllowDnsResolutionFromRemoteVpc);
    }

    [Fact] // VPC peering connection lifecycle: Failed — overlapping IPv4 CIDR blocks
    public async Task Overlapping_ipv4_blocks_fail_the_request()
    {
        var (_, _, pcx) = await _cloud.PendingPeeringAsync(accepterCidr: "10.0.0.0/16");

        var failed = await _cloud.DescribePeeringAsync(pcx.VpcPeeringConnectionId);
        Assert.Equal(VpcPeeringConnectionStateReasonCode.Failed, failed.Status.Code);
        Assert.Equal("Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range", failed.Status.Message);
    }

    [Fact] // Unsupported VPC peering configurations: overlapping secondary CIDR blocks
    public async Task Overlapping_secondary_cidr_fails_the_peering()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        await _cloud.Client().AssociateVpcCidrBlockAsync(new AssociateVpcCidrBlockRequest { VpcId = requester.VpcId, CidrBlock = "10.3.0.0/16" });
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16", Accepter);
        await _cloud.Client(Accepter).AssociateVpcCidrBlockAsync(new AssociateVpcCidrBlockRequest { VpcId = accepter.VpcId, CidrBlock = "10.3.128.0/17" });

        var pcx = await _cloud.RequestPeeringAsync(requester.VpcId, accepter.VpcId, peerAccount: Accepter);
        _cloud.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(VpcPeeringConnectionStateReasonCode.Failed, (await _cloud.DescribePeeringAsync(pcx.VpcPeeringConnectionId)).Status.Code);
    }

    [Fact] // VPC peering connection lifecycle: Failed — incorrect VPC ID or account ID
    public async Task A_peer_vpc_that_does_not_exist_fails_the_request()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");

        var pcx = await _cloud.RequestPeeringAsync(requester.VpcId, "vpc-0123456789abcdef0", peerAccount: Accepter);
        _cloud.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(VpcPeeringConnectionStateReasonCode.Failed, (await _cloud.DescribePeeringAsync(pcx.VpcPeeringConnectionId)).Status.Code);
    }

    [Fact] // VPC peering connection lifecycle: Failed — visible to the requester for 2 hours
    public async Task A_failed_request_stays_visible_to_the_requester_for_two_hours()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.0.0.0/16", Accepter);
        var pcx = await _cloud.RequestPeeringAsync(requester.VpcId, accepter.VpcId, peerAccount: Accepter);

        _cloud.Advance(TimeSpan.FromMinutes(119));
        Assert.Single((await _cloud.Client().DescribeVpcPeeringConnectionsAsync(new DescribeVpcPeeringConnectionsRequest())).VpcPeeringConnections);
        _cloud.Advance(TimeSpan.FromMinutes(2));

        Assert.Empty((await _cloud.Client().DescribeVpcPeeringConnectionsAsync(new DescribeVpcPeeringConnectionsRequest())).VpcPeeringConnections ?? []);
        await FailsAsync("InvalidVpcPeeringConnectionID.NotFound", () => _cloud.DescribePeeringAsync(pcx.VpcPeeringConnectionId));
    }

    [Fact] // VPC peering connection lifecycle: Expired — after 7 days pending, cannot be accepted
    public async Task An_unaccepted_request_expires_after_seven_days()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16", Accepter);
        var pcx = await _cloud.RequestPeeringAsync(requester.VpcId, accepter.VpcId, peerAccount: Accepter);

        _cloud.Advance(TimeSpan.FromDays(7));

        Assert.Equal(VpcPeeringConnectionStateReasonCode.Expired, (await _cloud.DescribePeeringAsync(pcx.VpcPeeringConnectionId)).Status.Code);
        await FailsAsync("InvalidStateTransition", () => _cloud.Client(Accepter).AcceptVpcPeeringConnectionAsync(
            new AcceptVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcx.VpcPeeringConnectionId }));
    }

    [Fact] // API Reference: RejectVpcPeeringConnection; lifecycle: Rejected
    public async Task The_accepter_can_reject_a_pending_request()
    {
        var (_, _, pcx) = await _cloud.PendingPeeringAsync();

        await _cloud.Client(Accepter).RejectVpcPeeringConnectionAsync(new RejectVpcPeeringConnectionRequest
        {
            VpcPeeringConnectionId = pcx.VpcPeeringConnectionId,
        });

        var rejected = await _cloud.DescribePeeringAsync(pcx.VpcPeeringConnectionId);
        Assert.Equal(VpcPeeringConnectionStateReasonCode.Rejected, rejected.Status.Code);
        await FailsAsync("InvalidStateTransition", () => _cloud.Client().DeleteVpcPeeringConnectionAsync(
            new DeleteVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcx.VpcPeeringConnectionId }));
    }

    [Fact] // API Reference: DeleteVpcPeeringConnection; lifecycle: Deleting → Deleted, visible for a while
    public async Task Deleting_an_active_peering_goes_deleting_then_deleted_and_stays_describable()
    {
        var (_, _, pcxId) = await _cloud.ActivePeeringAsync();

        await _cloud.Client(Accepter).DeleteVpcPeeringConnectionAsync(new DeleteVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcxId });
        Assert.Equal(VpcPeeringConnectionStateReasonCode.Deleting, (await _cloud.DescribePeeringAsync(pcxId)).Status.Code);
        _cloud.Advance(TimeSpan.FromSeconds(5));

        var deleted = await _cloud.DescribePeeringAsync(pcxId);
        Assert.Equal(VpcPeeringConnectionStateReasonCode.Deleted, deleted.Status.Code);
        Assert.Equal($"Deleted by {Accepter}", deleted.Status.Message);
        _cloud.Advance(TimeSpan.FromDays(2));
        await FailsAsync("InvalidVpcPeeringConnectionID.NotFound", () => _cloud.DescribePeeringAsync(pcxId));
    }

    [Fact] // API Reference: DeleteVpcPeeringConnection — the requester may delete a pending-acceptance request
    public async Task The_requester_can_delete_a_pending_request_but_the_accepter_must_reject_it()
    {
        var (_, _, pcx) = await _cloud.PendingPeeringAsync();

        await FailsAsync("OperationNotPermitted", () => _cloud.Client(Accepter).DeleteVpcPeeringConnectionAsync(
            new DeleteVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcx.VpcPeeringConnectionId }));
        await _cloud.Client().DeleteVpcPeeringConnectionAsync(new DeleteVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcx.VpcPeeringConnectionId });

        Assert.Equal(VpcPeeringConnectionStateReasonCode.Deleting, (await _cloud.DescribePeeringAsync(pcx.VpcPeeringConnectionId)).Status.Code);
    }

    [Fact] // API Reference: AcceptVpcPeeringConnection — only the accepter account may accept
    public async Task The_requester_cannot_accept_its_own_cross_account_request()
    {
        var (_, _, pcx) = await _cloud.PendingPeeringAsync();

        await FailsAsync("OperationNotPermitted", () => _cloud.Client().AcceptVpcPeeringConnectionAsync(
            new AcceptVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcx.VpcPeeringConnectionId }));
    }

    [Fact] // API Reference: AcceptVpcPeeringConnection — inter-Region requests are accepted in the accepter VPC's Region
    public async Task An_inter_region_request_is_accepted_only_in_the_accepter_region()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16", Accepter, West);
        var pcx = await _cloud.RequestPeeringAsync(requester.VpcId, accepter.VpcId, peerAccount: Accepter, peerRegion: West);
        _cloud.Advance(TimeSpan.FromSeconds(2));

        await FailsAsync("InvalidVpcPeeringConnectionID.NotFound", () => _cloud.Client(Accepter, East).AcceptVpcPeeringConnectionAsync(
            new AcceptVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcx.VpcPeeringConnectionId }));
        await _cloud.Client(Accepter, West).AcceptVpcPeeringConnectionAsync(
            new AcceptVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcx.VpcPeeringConnectionId });
        _cloud.Advance(TimeSpan.FromSeconds(5));

        var seenByRequester = await _cloud.DescribePeeringAsync(pcx.VpcPeeringConnectionId);
        Assert.Equal(VpcPeeringConnectionStateReasonCode.Active, seenByRequester.Status.Code);
        Assert.Equal(West, seenByRequester.AccepterVpcInfo.Region);
    }

    [Fact] // API Reference: AcceptVpcPeeringConnection — same account, same Region
    public async Task A_same_account_request_is_accepted_by_the_same_account()
    {
        var a = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var b = await _cloud.CreateVpcAsync("10.1.0.0/16");
        var pcx = await _cloud.RequestPeeringAsync(a.VpcId, b.VpcId);
        _cloud.Advance(TimeSpan.FromSeconds(2));

        await _cloud.Client().AcceptVpcPeeringConnectionAsync(new AcceptVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcx.VpcPeeringConnectionId });
        _cloud.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(VpcPeeringConnectionStateReasonCode.Active, (await _cloud.DescribePeeringAsync(pcx.VpcPeeringConnectionId)).Status.Code);
    }

    [Fact] // API Reference: AcceptVpcPeeringConnection — nothing to accept while still initiating
    public async Task Accepting_while_initiating_is_an_invalid_state_transition()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16", Accepter);
        var pcx = await _cloud.RequestPeeringAsync(requester.VpcId, accepter.VpcId, peerAccount: Accepter);

        await FailsAsync("InvalidStateTransition", () => _cloud.Client(Accepter).AcceptVpcPeeringConnectionAsync(
            new AcceptVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcx.VpcPeeringConnectionId }));
    }

    [Fact] // API Reference: CreateVpcPeeringConnection — VpcPeeringConnectionAlreadyExists
    public async Task A_second_live_request_for_the_same_pair_is_refused()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16", Accepter);
        await _cloud.RequestPeeringAsync(requester.VpcId, accepter.VpcId, peerAccount: Accepter);

        await FailsAsync("VpcPeeringConnectionAlreadyExists",
            () => _cloud.RequestPeeringAsync(requester.VpcId, accepter.VpcId, peerAccount: Accepter));
    }

    [Fact] // API Reference: CreateVpcPeeringConnection — a rejected request does not block a new one
    public async Task A_new_request_is_allowed_after_the_previous_was_rejected()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16", Accepter);
        var first = await _cloud.RequestPeeringAsync(requester.VpcId, accepter.VpcId, peerAccount: Accepter);
        _cloud.Advance(TimeSpan.FromSeconds(2));
        await _cloud.Client(Accepter).RejectVpcPeeringConnectionAsync(new RejectVpcPeeringConnectionRequest { VpcPeeringConnectionId = first.VpcPeeringConnectionId });

        var second = await _cloud.RequestPeeringAsync(requester.VpcId, accepter.VpcId, peerAccount: Accepter);

        Assert.NotEqual(first.VpcPeeringConnectionId, second.VpcPeeringConnectionId);
    }

    [Fact] // Amazon VPC quotas: outstanding VPC peering connection requests
    public async Task Outstanding_requests_are_limited_per_account()
    {
        using var cloud = new Ec2TestCloud(new LocalCloud.Ec2.Ec2Options { OutstandingPeeringRequests = 1 });
        var requester = await cloud.CreateVpcAsync("10.0.0.0/16");
        var first = await cloud.CreateVpcAsync("10.1.0.0/16", Accepter);
        var second = await cloud.CreateVpcAsync("10.2.0.0/16", Accepter);
        await cloud.RequestPeeringAsync(requester.VpcId, first.VpcId, peerAccount: Accepter);

        await FailsAsync("OutstandingVpcPeeringConnectionLimitExceeded",
            () => cloud.RequestPeeringAsync(requester.VpcId, second.VpcId, peerAccount: Accepter));
    }

    [Fact] // Amazon VPC quotas: active VPC peering connections per VPC
    public async Task Active_peerings_are_limited_per_vpc()
    {
        using var cloud = new Ec2TestCloud(new LocalCloud.Ec2.Ec2Options { ActivePeeringsPerVpc = 1 });
        var hub = await cloud.CreateVpcAsync("10.0.0.0/16", Accepter);
        var a = await cloud.CreateVpcAsync("10.1.0.0/16");
        var b = await cloud.CreateVpcAsync("10.2.0.0/16");
        var first = await cloud.RequestPeeringAsync(a.VpcId, hub.VpcId, peerAccount: Accepter);
        var second = await cloud.RequestPeeringAsync(b.VpcId, hub.VpcId, peerAccount: Accepter);
        cloud.Advance(TimeSpan.FromSeconds(2));
        await cloud.Client(Accepter).AcceptVpcPeeringConnectionAsync(new AcceptVpcPeeringConnectionRequest { VpcPeeringConnectionId = first.VpcPeeringConnectionId });

        await FailsAsync("ActiveVpcPeeringConnectionPerVpcLimitExceeded", () => cloud.Client(Accepter).AcceptVpcPeeringConnectionAsync(
            new AcceptVpcPeeringConnectionRequest { VpcPeeringConnectionId = second.VpcPeeringConnectionId }));
    }

    [Fact] // API Reference: DescribeVpcPeeringConnections — malformed and unknown ids
    public async Task Malformed_and_unknown_peering_ids_are_answered_as_ec2_does()
    {
        await FailsAsync("InvalidVpcPeeringConnectionID.Malformed", () => _cloud.DescribePeeringAsync("pcx-nope"));
        await FailsAsync("InvalidVpcPeeringConnectionID.NotFound", () => _cloud.DescribePeeringAsync("pcx-0123456789abcdef0"));
    }

    [Fact] // VPC peering guide: "Enable DNS resolution for a VPC peering connection"; API Reference: ModifyVpcPeeringConnectionOptions
    public async Task Dns_resolution_needs_dns_support_and_hostnames_on_both_vpcs_and_each_side_is_changed_by_its_owner()
    {
        var (requester, accepter, pcxId) = await _cloud.ActivePeeringAsync();
        var request = new ModifyVpcPeeringConnectionOptionsRequest
        {
            VpcPeeringConnectionId = pcxId,
            RequesterPeeringConnectionOptions = new PeeringConnectionOptionsRequest { AllowDnsResolutionFromRemoteVpc = true },
        };

        await FailsAsync("InvalidVpcPeeringConnectionState.DnsHostnamesDisabled", () => _cloud.Client().ModifyVpcPeeringConnectionOptionsAsync(request));
        await _cloud.Client().ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = requester.VpcId, EnableDnsHostnames = true });
        await _cloud.Client(Accepter).ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = accepter.VpcId, EnableDnsHostnames = true });
        var response = await _cloud.Client().ModifyVpcPeeringConnectionOptionsAsync(request);
        await FailsAsync("OperationNotPermitted", () => _cloud.Client(Accepter).ModifyVpcPeeringConnectionOptionsAsync(request));

        Assert.True(response.RequesterPeeringConnectionOptions.AllowDnsResolutionFromRemoteVpc);
        var described = await _cloud.DescribePeeringAsync(pcxId, Accepter);
        Assert.True(described.RequesterVpcInfo.PeeringOptions.AllowDnsResolutionFromRemoteVpc);
        Assert.False(described.AccepterVpcInfo.PeeringOptions.AllowDnsResolutionFromRemoteVpc);
    }

    [Fact] // API Reference: ModifyVpcPeeringConnectionOptions — only on an active connection
    public async Task Peering_options_cannot_be_modified_before_the_connection_is_active()
    {
        var (_, _, pcx) = await _cloud.PendingPeeringAsync();

        await FailsAsync("OperationNotPermitted", () => _cloud.Client().ModifyVpcPeeringConnectionOptionsAsync(new ModifyVpcPeeringConnectionOptionsRequest
        {
            VpcPeeringConnectionId = pcx.VpcPeeringConnectionId,
            RequesterPeeringConnectionOptions = new PeeringConnectionOptionsRequest { AllowDnsResolutionFromRemoteVpc = true },
        }));
    }

    [Fact] // VPC peering guide: deleting a VPC deletes its active peering connections
    public async Task Deleting_a_vpc_deletes_its_active_peering()
    {
        var (requester, _, pcxId) = await _cloud.ActivePeeringAsync();

        await _cloud.Client().DeleteVpcAsync(new DeleteVpcRequest { VpcId = requester.VpcId });

        Assert.Equal(VpcPeeringConnectionStateReasonCode.Deleting, (await _cloud.DescribePeeringAsync(pcxId, Accepter)).Status.Code);
    }

    [Fact] // Unsupported VPC peering configurations: overlapping IPv6 CIDR blocks
    public async Task Overlapping_ipv6_blocks_fail_the_request()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16", ipv6: true);
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16", Accepter, ipv6: true);
        // Amazon's pool never hands out the same /56 twice; give both VPCs one block as overlapping BYOIP pools would.
        using var snapshot = new MemoryStream();
        _cloud.Model.Export(snapshot);
        var state = System.Text.Json.Nodes.JsonNode.Parse(snapshot.ToArray())!;
        state["vpcs"]![1]!["ipv6CidrBlocks"]![0]!["cidrBlock"] = requester.Ipv6CidrBlockAssociationSet[0].Ipv6CidrBlock;
        _cloud.Model.Import(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(state.ToJsonString())));

        var pcx = await _cloud.RequestPeeringAsync(requester.VpcId, accepter.VpcId, peerAccount: Accepter);
        _cloud.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(VpcPeeringConnectionStateReasonCode.Failed, (await _cloud.DescribePeeringAsync(pcx.VpcPeeringConnectionId)).Status.Code);
    }

    [Fact] // VPC peering connection lifecycle: Rejected — visible to the requester for 2 days, to the accepter for 2 hours
    public async Task A_rejected_request_stays_visible_longer_to_the_requester()
    {
        var (_, _, pcx) = await _cloud.PendingPeeringAsync();
        await _cloud.Client(Accepter).RejectVpcPeeringConnectionAsync(new RejectVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcx.VpcPeeringConnectionId });

        _cloud.Advance(TimeSpan.FromHours(3));

        await FailsAsync("InvalidVpcPeeringConnectionID.NotFound", () => _cloud.DescribePeeringAsync(pcx.VpcPeeringConnectionId, Accepter));
        Assert.Equal(VpcPeeringConnectionStateReasonCode.Rejected, (await _cloud.DescribePeeringAsync(pcx.VpcPeeringConnectionId)).Status.Code);
    }
}
