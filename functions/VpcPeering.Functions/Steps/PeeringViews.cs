using Filter = Amazon.EC2.Model.Filter;
using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Errors;
using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Functions.Steps;

/// <summary>Conversions between the domain's peering records and the step contracts, and what each status means.</summary>
public static class PeeringViews
{
    private static readonly HashSet<string> LiveStatuses =
        new([PeeringStatus.InitiatingRequest, PeeringStatus.PendingAcceptance, PeeringStatus.Provisioning, PeeringStatus.Active],
            StringComparer.Ordinal);

    /// <summary>Statuses a peering can still become active from (reuse these; ignore failed, rejected, deleted, expired).</summary>
    public static bool IsLive(PeeringConnection peering) => LiveStatuses.Contains(peering.StatusCode);

    public static PeeringResult ToResult(PeeringConnection peering, bool created = false, int attempt = 0, IReadOnlyList<string>? deleted = null) =>
        new(peering.PeeringConnectionId, peering.StatusCode, peering.IsActive, created, attempt, peering.Requester, peering.Accepter, deleted ?? []);

    public static PeeringConnection ToDomain(PeeringResult peering) =>
        new(peering.PeeringConnectionId, peering.Status, peering.Requester ?? Unknown, peering.Accepter ?? Unknown, new Dictionary<string, string>());

    private static PeeringVpcInfo Unknown { get; } = new("", "", "", [], [], false);

    /// <summary>The order in which concurrent duplicates are kept: the lowest id wins.</summary>
    public static IOrderedEnumerable<PeeringConnection> LowestIdFirst(IEnumerable<PeeringConnection> peerings) =>
        peerings.OrderBy(peering => peering.PeeringConnectionId.Length).ThenBy(peering => peering.PeeringConnectionId, StringComparer.Ordinal);

    public static Filter[] PairFilters(string requesterVpcId, string accepterVpcId) =>
        [new("requester-vpc-info.vpc-id", [requesterVpcId]), new("accepter-vpc-info.vpc-id", [accepterVpcId])];

    /// <summary>Throws the named error for a status the peering cannot come back from.</summary>
    public static void ThrowIfDead(PeeringConnection peering)
    {
        var id = peering.PeeringConnectionId;
        switch (peering.StatusCode)
        {
            case PeeringStatus.Failed:
                throw new PeeringFailed($"EC2 marked {id} failed (overlapping CIDR blocks, a quota or a wrong accepter account/region). " +
                    "Check the peering's status message in the console, fix the cause and run again.");
            case PeeringStatus.Rejected:
                throw new PeeringRejected($"The accepter rejected {id}. Ask the accepter's owner to allow this account and VPC, then run again.");
            case PeeringStatus.Expired:
                throw new PeeringExpired($"{id} expired before anyone accepted it. Set up acceptance (role or event mode), then run again.");
            case PeeringStatus.Deleted or PeeringStatus.Deleting:
                throw new PeeringNotFound($"{id} was deleted while the workflow ran. Run the peering again to create a new one.");
        }
    }

    /// <summary>A VPC known only from the peering connection (or the request): its blocks, nothing inside it.</summary>
    public static VpcSnapshot Outline(PeeringVpcInfo info, IEnumerable<string>? securityGroupIds = null) =>
        new(
            new Vpc(info.AccountId, info.Region, info.VpcId, info.Ipv4CidrBlocks, info.Ipv6CidrBlocks, true, true, new Dictionary<string, string>()),
            [],
            [],
            [.. (securityGroupIds ?? []).Distinct().Select(id =>
                new SecurityGroup(id, id, [], [], new Dictionary<string, string>()))],
            []);

    /// <summary>The peer groups a side's grants reference, so an outline of the peer can stand in for it in planning.</summary>
    public static IEnumerable<string> ReferencedPeerGroups(PeeringRequest request, Side peer) =>
        request.SecurityGroups.Where(grant => grant.Side != peer)
            .SelectMany(grant => grant.PeerGroupIds)
            .Select(Evaluation.SecurityGroupEvaluator.GroupIdOf);
}
