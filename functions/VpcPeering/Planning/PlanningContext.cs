using System.Net;
using VpcPeering.Cidrs;
using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Planning;

/// <summary>What every part of planning needs: the snapshot, the request, and the selections made from them once.</summary>
internal sealed class PlanningContext
{
    private readonly Dictionary<Side, IReadOnlyList<RouteTable>> _routeTables = [];
    private readonly Dictionary<Side, CidrSet> _routedBlocks = [];

    public PlanningContext(NetworkSnapshot snapshot, PeeringRequest request, string peeringConnectionId)
    {
        Snapshot = snapshot;
        Request = request;
        PeeringConnectionId = peeringConnectionId;
        foreach (var side in new[] { Side.Requester, Side.Accepter })
        {
            _routeTables[side] = RouteTableSelector.Select(snapshot[side], RouteTableSelectionFor(side),
                $"$.routes.{side.Name()}RouteTables", Problems);
            _routedBlocks[side] = ComputeRoutedBlocks(side);
        }

        CheckListedCidrs();
    }

    public NetworkSnapshot Snapshot { get; }

    public PeeringRequest Request { get; }

    public string PeeringConnectionId { get; }

    public ProblemList Problems { get; } = new();

    public List<string> Notes { get; } = [];

    /// <summary>The route tables on a side that get routes to the peer.</summary>
    public IReadOnlyList<RouteTable> RouteTables(Side side) => _routeTables[side];

    /// <summary>The blocks of a side's VPC that the peer routes to (and opens to): selected, minus exclusions.</summary>
    public CidrSet RoutedBlocks(Side side) => _routedBlocks[side];

    /// <summary>Subnets on a side served by its selected route tables: the subnets that talk to the peer.</summary>
    public IEnumerable<Subnet> PeeredSubnets(Side side) =>
        Snapshot[side].Subnets.Where(subnet => Snapshot[side].RouteTableFor(subnet.SubnetId) is { } table
            && _routeTables[side].Any(selected => selected.RouteTableId == table.RouteTableId));

    private RouteTableSelection RouteTableSelectionFor(Side side) =>
        side == Side.Requester ? Request.Routes.RequesterRouteTables : Request.Routes.AccepterRouteTables;

    private static List<IPNetwork> Blocks(VpcSnapshot vpc) => [.. vpc.Vpc.AllCidrBlocks.Select(Cidr.Parse)];

    private CidrSet ComputeRoutedBlocks(Side side)
    {
        var blocks = Blocks(Snapshot[side]);
        var selected = Request.Routes.Cidrs is CidrSelection.List list
            ? list.Cidrs.Select(Cidr.Parse).Where(cidr => blocks.Any(block => block.ContainsNetwork(cidr)))
            : blocks;
        var excluded = Request.Routes.Exclude.Select(Cidr.Parse).ToList();
        var routed = CidrSet.Of(selected);
        foreach (var block in routed.Blocks)
        {
            var cuts = excluded.Where(cut => block.Overlaps(cut) && !cut.ContainsNetwork(block)).ToList();
            if (cuts.Count > 0)
            {
                Notes.Add($"{block} minus {string.Join(", ", cuts)} is routed as {CidrSet.Of(block).Subtract(cuts)}");
            }
        }

        return routed.Subtract(excluded);
    }

    private void CheckListedCidrs()
    {
        if (Request.Routes.Cidrs is not CidrSelection.List list)
        {
            return;
        }

        var blocks = Blocks(Snapshot.Requester).Concat(Blocks(Snapshot.Accepter)).ToList();
        for (var i = 0; i < list.Cidrs.Count; i++)
        {
            var cidr = Cidr.Parse(list.Cidrs[i]);
            if (!blocks.Any(block => block.ContainsNetwork(cidr)))
            {
                Problems.Add($"$.routes.cidrs[{i}]", $"{cidr} is not within either VPC's blocks",
                    $"a block within {string.Join(", ", blocks)}");
            }
        }
    }
}
