using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Ec2;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Hosting;
using VpcPeering.Network;
using VpcPeering.Planning;
using VpcPeering.Requests;

namespace VpcPeering.Functions.Steps;

/// <summary>
/// The plan for one side, from that side's described parts and the peer as the peering connection shows it
/// (its blocks). Request problems were reported by Preflight; a Configure step only applies its side's changes.
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
        var own = await client.Reader.DescribeAsync(PeeringViews.Outline(peering[side]).Vpc, parts);
        var peer = PeeringViews.Outline(peering[side.Peer()], PeeringViews.ReferencedPeerGroups(request, side.Peer()));
        var snapshot = side == Side.Requester ? new NetworkSnapshot(own, peer, peering) : new NetworkSnapshot(peer, own, peering);
        return new SidePlan(request, side, peering.PeeringConnectionId, client, PeeringPlanner.Plan(snapshot, request, peering.PeeringConnectionId));
    }

    public ConfigureResult Result(IReadOnlyList<string> changed, int present, IReadOnlyList<string>? findings = null) =>
        new(Side.Name(), PeeringConnectionId, changed, present, findings ?? []);
}
