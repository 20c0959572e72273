using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Planning;

internal static class RouteTableSelector
{
    public static IReadOnlyList<RouteTable> Select(VpcSnapshot vpc, RouteTableSelection selection, string path, ProblemList problems)
    {
        var selector = new ResourceSelector<RouteTable>(vpc.RouteTables, table => table.RouteTableId, table => table.Tags, "route table",
            vpc.Vpc.VpcId);
        return selection switch
        {
            RouteTableSelection.ByIds ids => selector.ByIds(ids.RouteTableIds, path, problems),
            RouteTableSelection.ByTags byTags => selector.ByTags(byTags.Tags, $"{path}.tags", problems),
            _ => vpc.RouteTables,
        };
    }
}
