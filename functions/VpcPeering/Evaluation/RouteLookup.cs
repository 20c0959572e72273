using VpcPeering.Cidrs;
using VpcPeering.Network;

namespace VpcPeering.Evaluation;

/// <summary>Longest-prefix match over a route table, for a whole set of destination addresses at once.</summary>
public static class RouteLookup
{
    /// <summary>Splits <paramref name="destination"/> by the route each address takes.</summary>
    public static IReadOnlyList<RoutedPart> Resolve(RouteTable table, CidrSet destination)
    {
        var parts = new List<RoutedPart>();
        var unrouted = destination;
        var routes = table.Routes
            .Select(route => (Route: route, Parsed: Cidr.TryParse(route.DestinationCidr, out var block, out _), Block: block))
            .Where(route => route.Parsed)
            .OrderByDescending(route => route.Block.PrefixLength);
        foreach (var (route, _, block) in routes)
        {
            var part = unrouted.Intersect(block);
            if (!part.IsEmpty)
            {
                parts.Add(new RoutedPart(part, route));
                unrouted = unrouted.Subtract(block);
            }
        }

        if (!unrouted.IsEmpty)
        {
            parts.Add(new RoutedPart(unrouted, null));
        }

        return parts;
    }
}
