using VpcPeering.Network;

namespace VpcPeering.Planning;

/// <summary>A route to a peer block in one route table.</summary>
/// <param name="ExistingTarget">For <see cref="ChangeKind.Present"/> and <see cref="ChangeKind.Conflict"/>: what the table already routes
/// there.</param>
public sealed record RouteChange(Side Side, string RouteTableId, string DestinationCidr, ChangeKind Kind, RouteTarget? ExistingTarget);
