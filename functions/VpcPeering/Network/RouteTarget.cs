namespace VpcPeering.Network;

/// <summary>Where a route sends traffic.</summary>
/// <param name="Id">The target's id (<c>pcx-…</c>, <c>igw-…</c>); <c>local</c> for the local route.</param>
public sealed record RouteTarget(RouteTargetKind Kind, string Id)
{
    public static RouteTarget Local { get; } = new(RouteTargetKind.Local, "local");

    public static RouteTarget Peering(string peeringConnectionId) => new(RouteTargetKind.PeeringConnection, peeringConnectionId);

    public override string ToString() => Id;
}
