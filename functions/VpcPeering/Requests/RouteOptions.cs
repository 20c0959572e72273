namespace VpcPeering.Requests;

/// <summary>Which route tables get routes to which peer blocks.</summary>
/// <param name="Cidrs">Peer blocks to route to: all of the peer's blocks, or a list within them.</param>
/// <param name="Exclude">Blocks never routed; a block partly excluded is split around the exclusion.</param>
public sealed record RouteOptions(
    RouteTableSelection RequesterRouteTables,
    RouteTableSelection AccepterRouteTables,
    CidrSelection Cidrs,
    IReadOnlyList<string> Exclude)
{
    public static RouteOptions Default { get; } = new(RouteTableSelection.All, RouteTableSelection.All, CidrSelection.All, []);
}
