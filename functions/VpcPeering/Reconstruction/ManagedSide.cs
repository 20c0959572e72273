using VpcPeering.Network;

namespace VpcPeering.Reconstruction;

/// <summary>One side of a peering as the tool left it: what it needs to rebuild the request that configured that side.</summary>
/// <param name="RouteTables">The side VPC's route tables; those with a route to the peering are the ones the request selected.</param>
/// <param name="Rules">The ingress rules carrying the peering's marker, on the side's security groups.</param>
/// <param name="HasNetworkAclEntries">Whether a NACL of the side lists entries the tool added for the peering (networkAcls: update).</param>
public sealed record ManagedSide(IReadOnlyList<RouteTable> RouteTables, IReadOnlyList<ManagedRule> Rules, bool HasNetworkAclEntries);
