using LocalCloud.Core;

namespace LocalCloud.Ec2;

/// <summary>A peering connection's status code and message, as of the cloud's current time.</summary>
/// <param name="Code">initiating-request, pending-acceptance, provisioning, active, failed, expired, rejected, deleting or deleted.</param>
/// <param name="Message">AWS's status message.</param>
public sealed record PeeringStatus(string Code, string Message);

public sealed partial class Ec2Model
{
    private const string FailedMessage = "Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range";
    private static readonly TimeSpan ShortVisibility = TimeSpan.FromHours(2);
    private static readonly TimeSpan LongVisibility = TimeSpan.FromDays(2);

    /// <summary>
    /// CreateVpcPeeringConnection. The request starts <c>initiating-request</c>; it becomes <c>failed</c> when any IPv4 or IPv6
    /// block of the two VPCs overlaps or the peer VPC does not exist in that account and region, else <c>pending-acceptance</c>.
    /// </summary>
    public VpcPeeringConnection CreateVpcPeeringConnection(
        Ec2Scope scope,
        string vpcId,
        string peerVpcId,
        string? peerOwnerId = null,
        string? peerRegion = null,
        IReadOnlyList<KeyValuePair<string, string>>? tags = null) => Locked(() =>
    {
        var vpc = FindVpc(scope, vpcId);
        Ec2IdKind.Vpc.Validate(peerVpcId);
        var accepter = new PeeringSide { OwnerId = peerOwnerId ?? scope.AccountId, VpcId = peerVpcId, Region = peerRegion ?? scope.Region };
        if (accepter.VpcId == vpcId && accepter.OwnerId == scope.AccountId && accepter.Region == scope.Region)
        {
            throw Error("InvalidParameterValue", $"The requester VPC {vpcId} and the accepter VPC cannot be the same VPC.");
        }

        var peer = VpcOf(accepter);
        if (peer is null && accepter.OwnerId == scope.AccountId)
        {
            throw Ec2IdKind.Vpc.NotFound(peerVpcId);
        }

        var live = _state.PeeringConnections.FirstOrDefault(p => p.Involves(vpcId) && p.Involves(peerVpcId) && IsLive(StatusOf(p).Code));
        if (live is not null)
        {
            throw Error("VpcPeeringConnectionAlreadyExists",
                $"A VPC peering connection already exists between {vpcId} and {peerVpcId}: {live.Id} ({StatusOf(live).Code}).");
        }

        var outstanding = _state.PeeringConnections.Count(p => p.Requester.OwnerId == scope.AccountId
            && StatusOf(p).Code is "initiating-request" or "pending-acceptance");
        if (outstanding >= Options.OutstandingPeeringRequests)
        {
            throw Error("OutstandingVpcPeeringConnectionLimitExceeded",
                $"You have reached the limit of {Options.OutstandingPeeringRequests} outstanding VPC peering connection requests.");
        }

        var overlaps = peer is not null && vpc.AllCidrs.Any(a => peer.AllCidrs.Any(b => Cidr.Overlaps(a, b)));
        var pcx = new VpcPeeringConnection
        {
            Id = NewId("pcx"),
            Requester = new PeeringSide { OwnerId = scope.AccountId, VpcId = vpcId, Region = scope.Region },
            Accepter = accepter,
            CreatedAt = Now,
            ExpirationTime = Now + Options.RequestExpiry,
            FailureMessage = peer is null || overlaps ? FailedMessage : null,
        };
        _state.PeeringConnections.Add(pcx);
        ApplyCreationTags(scope, pcx.Id, tags);
        return pcx;
    });

    /// <summary>DescribeVpcPeeringConnections with AWS's filters (status-code, requester-vpc-info.*, accepter-vpc-info.*, tags, …).</summary>
    public Ec2Page<VpcPeeringConnection> DescribeVpcPeeringConnections(Ec2Scope scope, DescribeQuery query) => Locked(() =>
    {
        var visible = _state.PeeringConnections.Where(p => IsVisible(p, scope));
        return Describe(visible, query, Ec2IdKind.Peering, p => p.Id, scope, PeeringFilters);
    });

    /// <summary>The peering connection as that account sees it in that region, or <c>InvalidVpcPeeringConnectionID.NotFound</c>.</summary>
    public VpcPeeringConnection GetVpcPeeringConnection(Ec2Scope scope, string id) => Locked(() => FindPeering(scope, id));

    /// <summary>
    /// AcceptVpcPeeringConnection: only by the accepter account, in the accepter VPC's region, while <c>pending-acceptance</c>.
    /// The connection is <c>provisioning</c>, then <c>active</c> after <see cref="Ec2Options.ProvisioningDuration"/>.
    /// </summary>
    public VpcPeeringConnection AcceptVpcPeeringConnection(Ec2Scope scope, string id) => Locked(() =>
    {
        var pcx = FindPeering(scope, id);
        if (pcx.Accepter.OwnerId != scope.AccountId || pcx.Accepter.Region != scope.Region)
        {
            throw Error("OperationNotPermitted",
                $"User {scope.AccountId} cannot accept peering {id}: only the owner of the accepter VPC can accept it, in the accepter VPC's region ({pcx.Accepter.Region}).");
        }

        RequireTransition(pcx, "active", "pending-acceptance");
        var accepterVpc = VpcOf(pcx.Accepter)!;
        foreach (var vpcId in new[] { pcx.Requester.VpcId, pcx.Accepter.VpcId })
        {
            var active = _state.PeeringConnections.Count(p => p.Involves(vpcId) && StatusOf(p).Code is "active" or "provisioning");
            if (active >= Options.ActivePeeringsPerVpc)
            {
                throw Error("ActiveVpcPeeringConnectionPerVpcLimitExceeded",
                    $"The VPC {vpcId} has reached the limit of {Options.ActivePeeringsPerVpc} active VPC peering connections.");
            }
        }

        _ = accepterVpc;
        pcx.AcceptedAt = Now;
        return pcx;
    });

    /// <summary>RejectVpcPeeringConnection: only by the accepter, while <c>pending-acceptance</c>.</summary>
    public void RejectVpcPeeringConnection(Ec2Scope scope, string id) => Locked(() =>
    {
        var pcx = FindPeering(scope, id);
        if (pcx.Accepter.OwnerId != scope.AccountId || pcx.Accepter.Region != scope.Region)
        {
            throw Error("OperationNotPermitted", $"User {scope.AccountId} cannot reject peering {id}: only the owner of the accepter VPC can reject it.");
        }

        RequireTransition(pcx, "rejected", "pending-acceptance");
        pcx.RejectedAt = Now;
    });

    /// <summary>
    /// DeleteVpcPeeringConnection: either side when <c>active</c> (or <c>provisioning</c>); only the requester while
    /// <c>pending-acceptance</c> (the accepter rejects instead). Goes <c>deleting</c>, then <c>deleted</c>.
    /// </summary>
    public void DeleteVpcPeeringConnection(Ec2Scope scope, string id) => Locked(() =>
    {
        var pcx = FindPeering(scope, id);
        var status = StatusOf(pcx).Code;
        if (status is "pending-acceptance" or "initiating-request" && pcx.SideOf(scope) != pcx.Requester)
        {
            throw Error("OperationNotPermitted",
                $"User {scope.AccountId} cannot delete peering {id} while it is {status}: the accepter must reject the request instead.");
        }

        RequireTransition(pcx, "deleted", "active", "provisioning", "pending-acceptance", "initiating-request");
        pcx.DeletedAt = Now;
        pcx.DeletedBy = scope.AccountId;
    });

    /// <summary>
    /// ModifyVpcPeeringConnectionOptions: only on an active connection whose VPCs both have DNS support and DNS hostnames
    /// on; each side's options only by that side's owner (in its region).
    /// </summary>
    public VpcPeeringConnection ModifyVpcPeeringConnectionOptions(
        Ec2Scope scope, string id, bool? requesterAllowDnsResolution, bool? accepterAllowDnsResolution) => Locked(() =>
    {
        var pcx = FindPeering(scope, id);
        if (StatusOf(pcx).Code != "active")
        {
            throw Error("OperationNotPermitted", $"The VPC peering connection {id} is not active; its options can be modified only when it is active.");
        }

        var changes = new[] { (Side: pcx.Requester, Value: requesterAllowDnsResolution), (Side: pcx.Accepter, Value: accepterAllowDnsResolution) };
        foreach (var (side, value) in changes.Where(c => c.Value is not null))
        {
            if (side.OwnerId != scope.AccountId || side.Region != scope.Region)
            {
                throw Error("OperationNotPermitted",
                    $"User {scope.AccountId} cannot modify the {(side == pcx.Requester ? "requester" : "accepter")} options of {id}: only the owner of that VPC can, in its region.");
            }
        }

        var vpcs = new[] { VpcOf(pcx.Requester), VpcOf(pcx.Accepter) };
        if (vpcs.Any(v => v is null || !v.EnableDnsSupport || !v.EnableDnsHostnames))
        {
            throw Error("InvalidVpcPeeringConnectionState.DnsHostnamesDisabled",
                "To enable DNS resolution over a VPC peering connection, both VPCs must have DNS hostnames and DNS resolution enabled.");
        }

        foreach (var (side, value) in changes.Where(c => c.Value is not null))
        {
            side.AllowDnsResolutionFromRemoteVpc = value!.Value;
        }

        return pcx;
    });

    /// <summary>The status right now, computed from the connection's timestamps and <see cref="Ec2Options"/>.</summary>
    public PeeringStatus StatusOf(VpcPeeringConnection pcx)
    {
        var now = Now;
        if (pcx.DeletedAt is { } deleted)
        {
            return now < deleted + Options.DeletingDuration
                ? new PeeringStatus("deleting", "Deleting")
                : new PeeringStatus("deleted", $"Deleted by {pcx.DeletedBy}");
        }

        if (pcx.RejectedAt is not null)
        {
            return new PeeringStatus("rejected", $"Rejected by {pcx.Accepter.OwnerId}");
        }

        if (now < pcx.CreatedAt + Options.InitiatingRequestDuration)
        {
            return new PeeringStatus("initiating-request", $"Initiating Request to {pcx.Accepter.OwnerId}");
        }

        if (pcx.FailureMessage is { } failure)
        {
            return new PeeringStatus("failed", failure);
        }

        if (pcx.AcceptedAt is { } accepted)
        {
            return now < accepted + Options.ProvisioningDuration
                ? new PeeringStatus("provisioning", "Provisioning")
                : new PeeringStatus("active", "Active");
        }

        return now >= pcx.ExpirationTime
            ? new PeeringStatus("expired", "Expired")
            : new PeeringStatus("pending-acceptance", $"Pending Acceptance by {pcx.Accepter.OwnerId}");
    }

    /// <summary>The peer VPC CIDRs reported for one side: the requester's always, the accepter's once accepted.</summary>
    public IReadOnlyList<string> CidrsOf(VpcPeeringConnection pcx, PeeringSide side, bool ipv6 = false) => Locked(() =>
    {
        if (side == pcx.Accepter && pcx.AcceptedAt is null)
        {
            return (IReadOnlyList<string>)[];
        }

        var vpc = VpcOf(side);
        return vpc is null ? [] : [.. (ipv6 ? vpc.Ipv6CidrBlocks : vpc.CidrBlocks).Select(c => c.CidrBlock)];
    });

    private static bool IsLive(string status) => status is "initiating-request" or "pending-acceptance" or "provisioning" or "active";

    private VpcPeeringConnection FindPeering(Ec2Scope scope, string id)
    {
        Ec2IdKind.Peering.Validate(id);
        return _state.PeeringConnections.FirstOrDefault(p => p.Id == id && IsVisible(p, scope)) ?? throw Ec2IdKind.Peering.NotFound(id);
    }

    /// <summary>Who sees a connection, and for how long after it ends ("VPC peering connection lifecycle").</summary>
    private bool IsVisible(VpcPeeringConnection pcx, Ec2Scope scope)
    {
        var side = pcx.SideOf(scope);
        if (side is null)
        {
            return false;
        }

        var isRequester = side == pcx.Requester;
        var now = Now;
        var status = StatusOf(pcx).Code;
        return status switch
        {
            "failed" => isRequester && now < pcx.CreatedAt + Options.InitiatingRequestDuration + ShortVisibility,
            "expired" => now < pcx.ExpirationTime + LongVisibility,
            "rejected" => now < pcx.RejectedAt!.Value + (isRequester ? LongVisibility : ShortVisibility),
            "deleted" => now < pcx.DeletedAt!.Value + Options.DeletingDuration
                + (pcx.DeletedBy == scope.AccountId || pcx.Requester.OwnerId == pcx.Accepter.OwnerId ? ShortVisibility : LongVisibility),
            _ => true,
        };
    }

    private void RequireTransition(VpcPeeringConnection pcx, string target, params string[] allowedFrom)
    {
        var status = StatusOf(pcx).Code;
        if (!allowedFrom.Contains(status))
        {
            throw Error("InvalidStateTransition", $"Invalid state transition for {pcx.Id}, attempted to transition from {status} to {target}");
        }
    }

    private FilterSet<VpcPeeringConnection> PeeringFilters => new()
    {
        ["accepter-vpc-info.cidr-block"] = p => CidrsOf(p, p.Accepter),
        ["accepter-vpc-info.owner-id"] = p => [p.Accepter.OwnerId],
        ["accepter-vpc-info.vpc-id"] = p => [p.Accepter.VpcId],
        ["requester-vpc-info.cidr-block"] = p => CidrsOf(p, p.Requester),
        ["requester-vpc-info.owner-id"] = p => [p.Requester.OwnerId],
        ["requester-vpc-info.vpc-id"] = p => [p.Requester.VpcId],
        ["expiration-time"] = p => [p.ExpirationTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture)],
        ["status-code"] = p => [StatusOf(p).Code],
        ["status-message"] = p => [StatusOf(p).Message],
        ["vpc-peering-connection-id"] = p => [p.Id],
    };
}
