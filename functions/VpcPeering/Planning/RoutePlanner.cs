using VpcPeering.Cidrs;
using VpcPeering.Network;

namespace VpcPeering.Planning;

/// <summary>Routes to every routed peer block in every selected route table; an existing route elsewhere is a conflict.</summary>
internal static class RoutePlanner
{
    public static IEnumerable<RouteChange> Plan(PlanningContext context, Side side)
    {
        foreach (var table in context.RouteTables(side))
        {
            foreach (var destination in context.RoutedBlocks(side.Peer()).Blocks)
            {
                var existing = table.Routes.FirstOrDefault(route =>
                    Cidr.TryParse(route.DestinationCidr, out var block, out _) && block == destination);
                var kind = existing switch
                {
                    null => ChangeKind.Add,
                    { State: RouteState.Active,
                        Target.Kind: RouteTargetKind.PeeringConnection } when existing.Target.Id == context.PeeringConnectionId
                        => ChangeKind.Present,
                    _ => ChangeKind.Conflict,
                };
                NoteShadowingRoutes(context, table, destination);
                yield return new RouteChange(side, table.RouteTableId, destination.ToString(), kind, existing?.Target);
            }
        }
    }

    /// <summary>A more specific route elsewhere keeps part of the peer block off the peering; worth saying, not an error.</summary>
    private static void NoteShadowingRoutes(PlanningContext context, RouteTable table, System.Net.IPNetwork destination)
    {
        foreach (var route in table.Routes)
        {
            if (Cidr.TryParse(route.DestinationCidr, out var block, out _) && block != destination && destination.ContainsNetwork(block)
                && route.Target.Id != context.PeeringConnectionId)
            {
                context.Notes.Add($"{table.RouteTableId} sends {block} (within {destination}) to {route.Target.Id}, not to the peering");
            }
        }
    }
}
