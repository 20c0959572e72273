using VpcPeering.Network;

namespace VpcPeering.Planning;

/// <summary>
/// The state a plan leaves behind, computed without any AWS call: what the workflow's Configure step should
/// produce, and what planning again should find nothing left to do in.
/// </summary>
public static class PlanApplier
{
    public static NetworkSnapshot Apply(NetworkSnapshot snapshot, PeeringPlan plan)
    {
        var result = snapshot with { Peering = ActivePeering(snapshot, plan) };
        foreach (var side in new[] { Side.Requester, Side.Accepter })
        {
            var vpc = result[side];
            result = result.With(side, vpc with
            {
                RouteTables = [.. vpc.RouteTables.Select(table => table with
                {
                    Routes = [.. table.Routes, .. plan.Routes
                        .Where(route => route.Side == side && route.RouteTableId == table.RouteTableId && route.Kind == ChangeKind.Add)
                        .Select(route => new Route(route.DestinationCidr, RouteTarget.Peering(plan.PeeringConnectionId),
                            RouteState.Active))],
                })],
                SecurityGroups = [.. vpc.SecurityGroups.Select(group => group with
                {
                    Ingress = [.. group.Ingress, .. plan.SecurityGroupRules
                        .Where(rule => rule.Side == side && rule.GroupId == group.GroupId && rule.Kind == ChangeKind.Add)
                        .Select(rule => rule.Rule)],
                })],
                NetworkAcls = [.. vpc.NetworkAcls.Select(acl => acl with
                {
                    Entries = [.. acl.Entries, .. plan.NetworkAclEntries
                        .Where(entry => entry.Side == side && entry.NetworkAclId == acl.NetworkAclId)
                        .Select(entry => entry.Entry)],
                })],
            });
        }

        return result;
    }

    /// <summary>The peering after the workflow: active, with the plan's DNS options switched on.</summary>
    private static PeeringConnection ActivePeering(NetworkSnapshot snapshot, PeeringPlan plan)
    {
        var existing = snapshot.Peering?.PeeringConnectionId == plan.PeeringConnectionId ? snapshot.Peering : null;
        return new PeeringConnection(plan.PeeringConnectionId, PeeringStatus.Active, SideInfo(Side.Requester), SideInfo(Side.Accepter),
            existing?.Tags ?? new Dictionary<string, string>());

        PeeringVpcInfo SideInfo(Side side)
        {
            var vpc = snapshot[side].Vpc;
            var info = existing?[side] ?? new PeeringVpcInfo(vpc.AccountId, vpc.Region, vpc.VpcId, vpc.Ipv4CidrBlocks, vpc.Ipv6CidrBlocks,
                false);
            return plan.Dns.FirstOrDefault(change => change.Side == side) is { } dns
                ? info with { AllowDnsResolutionFromRemoteVpc = dns.AllowDnsResolutionFromRemoteVpc }
                : info;
        }
    }
}
