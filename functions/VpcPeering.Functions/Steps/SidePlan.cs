using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Ec2;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Hosting;
using VpcPeering.Network;
using VpcPeering.Planning;
using VpcPeering.Requests;

namespace VpcPeering.Functions.Steps;

/// <summary>
/// The plan for one side. Preflight's plan while it holds (it described this side, and the peer's blocks on the peering
/// connection are the ones it planned with): no describe at all, and EC2's duplicate errors make applying it idempotent.
/// Otherwise (event mode's requester, the accepter's stack, a block associated since) from this side's described parts
/// and the peer as the peering connection shows it. Request problems were reported by Preflight.
/// </summary>
public sealed record SidePlan(PeeringRequest Request, Side Side, string PeeringConnectionId, SideClient Client, PeeringPlan Plan)
{
    public static async Task<SidePlan> CreateAsync(StepServices services, StepInput input, VpcParts parts, InvocationLog log)
    {
        var request = CanonicalRequest.Read(input.Request);
        var side = Sides.Parse(input.Side);
        var client = await services.SideAsync(request, side, log);
        var peering = input.Peering is { } known
            ? PeeringViews.ToDomain(known)
            : await client.Reader.DescribePeeringAsync(input.PeeringConnectionId
                ?? throw new InvalidPeeringRequest("A Configure step needs \"peering\" or \"peeringConnectionId\"; run RequestPeering first."))
              ?? throw new PeeringNotFound($"{input.PeeringConnectionId} does not exist in the {side.Name()}'s region. Run the peering again.");
        if (input.Plan is { } preflight && Holds(preflight, side, peering))
        {
            log.Debug("plan.reused", $"applying Preflight's plan for the {side.Name()}", peering.PeeringConnectionId);
            return new SidePlan(request, side, peering.PeeringConnectionId, client, preflight.Plan);
        }

        var own = await client.Reader.DescribeAsync(PeeringViews.Outline(peering[side]).Vpc, parts);
        var peer = PeeringViews.Outline(peering[side.Peer()], PeeringViews.ReferencedPeerGroups(request, side.Peer()));
        var snapshot = side == Side.Requester ? new NetworkSnapshot(own, peer, peering) : new NetworkSnapshot(peer, own, peering);
        return new SidePlan(request, side, peering.PeeringConnectionId, client, PeeringPlanner.Plan(snapshot, request, peering.PeeringConnectionId));
    }

    /// <summary>Whether Preflight's plan is still this side's plan.</summary>
    public static bool Holds(PreflightResult preflight, Side side, PeeringConnection peering)
    {
        if (preflight.Basis is not { } basis || !basis.DescribedSides.Contains(side.Name())
            || (preflight.Plan.PeeringConnectionId != PeeringPlanner.PendingPeeringId && preflight.Plan.PeeringConnectionId != peering.PeeringConnectionId))
        {
            return false;
        }

        var peer = peering[side.Peer()];
        var planned = side.Peer() == Side.Requester ? basis.RequesterBlocks : basis.AccepterBlocks;
        var now = peer.Ipv4CidrBlocks.Concat(peer.Ipv6CidrBlocks).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return now.Count > 0 && now.SetEquals(planned);
    }

    public ConfigureResult Result(IReadOnlyList<string> changed, int present, IReadOnlyList<string>? findings = null) =>
        new(Side.Name(), PeeringConnectionId, changed, present, findings ?? []);
}
