using VpcPeering.Cidrs;
using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Planning;

/// <summary>Plans a peering from both VPCs' state and a validated request. Pure: the same inputs give the same plan.</summary>
public static class PeeringPlanner
{
    /// <summary>The id routes show before the peering connection exists.</summary>
    public const string PendingPeeringId = "pcx-(pending)";

    /// <param name="peeringConnectionId">The peering to route to; defaults to the snapshot's, else <see cref="PendingPeeringId"/>.</param>
    public static PeeringPlan Plan(NetworkSnapshot snapshot, PeeringRequest request, string? peeringConnectionId = null)
    {
        var id = peeringConnectionId ?? snapshot.Peering?.PeeringConnectionId ?? PendingPeeringId;
        var context = new PlanningContext(snapshot, request, id);
        CheckVpcs(context);
        var routes = RoutePlanner.Plan(context, Side.Requester).Concat(RoutePlanner.Plan(context, Side.Accepter)).ToList();
        var rules = SecurityGroupPlanner.Plan(context).ToList();
        var (findings, entries) = NetworkAclPlanner.Plan(context);
        var dns = DnsPlanner.Plan(context).ToList();
        return new PeeringPlan(
            id,
            snapshot.Requester.Vpc.VpcId,
            snapshot.Accepter.Vpc.VpcId,
            CidrOverlaps.Find(snapshot.Requester.Vpc.AllCidrBlocks, snapshot.Accepter.Vpc.AllCidrBlocks),
            routes,
            rules,
            findings,
            entries,
            dns,
            context.Problems.All,
            context.Notes.Distinct().ToList());
    }

    private static void CheckVpcs(PlanningContext context)
    {
        var (request, snapshot) = (context.Request, context.Snapshot);
        if (request.Requester.VpcId != snapshot.Requester.Vpc.VpcId)
        {
            context.Problems.Add("$.requester.vpcId", $"the snapshot describes {snapshot.Requester.Vpc.VpcId}",
                "the VPC that was described");
        }

        if (request.Accepter.VpcId != snapshot.Accepter.Vpc.VpcId)
        {
            context.Problems.Add("$.accepter.vpcId", $"the snapshot describes {snapshot.Accepter.Vpc.VpcId}", "the VPC that was described");
        }
    }
}
