using VpcPeering.Cidrs;
using VpcPeering.Requests;

namespace VpcPeering.Planning;

/// <summary>Everything a peering would change, and everything in its way. Render it with <see cref="PlanRenderer"/>.</summary>
/// <param name="PeeringConnectionId">The peering, or <see cref="PeeringPlanner.PendingPeeringId"/> before it exists.</param>
/// <param name="Overlaps">Overlapping blocks: the VPCs cannot peer at all.</param>
/// <param name="Problems">Request parts that do not fit the VPCs (unknown route tables, groups, blocks), with their paths.</param>
/// <param name="Notes">Things worth knowing that change nothing, e.g. how an exclusion split a block.</param>
public sealed record PeeringPlan(
    string PeeringConnectionId,
    string RequesterVpcId,
    string AccepterVpcId,
    IReadOnlyList<CidrOverlap> Overlaps,
    IReadOnlyList<RouteChange> Routes,
    IReadOnlyList<SecurityGroupRuleChange> SecurityGroupRules,
    IReadOnlyList<NetworkAclFinding> NetworkAclFindings,
    IReadOnlyList<NetworkAclEntryChange> NetworkAclEntries,
    IReadOnlyList<DnsChange> Dns,
    IReadOnlyList<Problem> Problems,
    IReadOnlyList<string> Notes)
{
    /// <summary>Whether applying the plan would change anything.</summary>
    public bool HasChanges =>
        Routes.Any(route => route.Kind == ChangeKind.Add)
        || SecurityGroupRules.Any(rule => rule.Kind == ChangeKind.Add)
        || NetworkAclEntries.Count > 0
        || Dns.Count > 0;

    public IEnumerable<RouteChange> RouteConflicts => Routes.Where(route => route.Kind == ChangeKind.Conflict);

    /// <summary>Whether the plan can be carried out: no overlap, no problem, no conflicting route.</summary>
    public bool CanApply => Overlaps.Count == 0 && Problems.Count == 0 && !RouteConflicts.Any();
}
