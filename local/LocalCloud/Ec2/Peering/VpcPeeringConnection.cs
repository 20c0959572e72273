namespace LocalCloud.Ec2;

/// <summary>
/// A VPC peering connection, shared by both sides. Its status is computed from timestamps and the cloud's
/// clock (<see cref="Ec2Model.StatusOf"/>), so transitions need no timers and follow virtual time.
/// </summary>
public sealed class VpcPeeringConnection
{
    /// <summary><c>pcx-…</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The requester side.</summary>
    public PeeringSide Requester { get; set; } = new();

    /// <summary>The accepter side.</summary>
    public PeeringSide Accepter { get; set; } = new();

    /// <summary>When the request was made.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Why the request fails once initiated (overlap, unknown peer VPC), or null.</summary>
    public string? FailureMessage { get; set; }

    /// <summary>When the accepter accepted.</summary>
    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>When the accepter rejected.</summary>
    public DateTimeOffset? RejectedAt { get; set; }

    /// <summary>When either side deleted it.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>The account that deleted it.</summary>
    public string? DeletedBy { get; set; }

    /// <summary>The time an unaccepted request expires.</summary>
    public DateTimeOffset ExpirationTime { get; set; }

    /// <summary>The side owned by that account in that region, or null.</summary>
    public PeeringSide? SideOf(Ec2Scope scope) =>
        Requester.OwnerId == scope.AccountId && Requester.Region == scope.Region ? Requester
        : Accepter.OwnerId == scope.AccountId && Accepter.Region == scope.Region ? Accepter
        : null;

    /// <summary>True when the connection joins that VPC.</summary>
    public bool Involves(string vpcId) => Requester.VpcId == vpcId || Accepter.VpcId == vpcId;

    /// <summary>The other side's VPC.</summary>
    public PeeringSide PeerOf(string vpcId) => Requester.VpcId == vpcId ? Accepter : Requester;
}

/// <summary>One side of a peering connection.</summary>
public sealed class PeeringSide
{
    /// <summary>The VPC owner.</summary>
    public string OwnerId { get; set; } = "";

    /// <summary>The VPC.</summary>
    public string VpcId { get; set; } = "";

    /// <summary>The VPC's region.</summary>
    public string Region { get; set; } = "";

    /// <summary>Whether this side's VPC resolves the peer's public DNS hostnames to private IPs.</summary>
    public bool AllowDnsResolutionFromRemoteVpc { get; set; }
}
