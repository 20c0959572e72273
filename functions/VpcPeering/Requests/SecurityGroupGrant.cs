using VpcPeering.Network;

namespace VpcPeering.Requests;

/// <summary>Open the chosen groups on one side to the peer, on the given ports.</summary>
/// <param name="Side">The side whose groups accept the traffic.</param>
/// <param name="PeerGroupIds">
/// When set, rules reference these peer groups instead of the peer's blocks (same-region peerings only).
/// </param>
/// <param name="Description">The rule description; also how the tool recognises its own rules.</param>
public sealed record SecurityGroupGrant(
    Side Side,
    SecurityGroupSelection Groups,
    IReadOnlyList<PortSpec> Ports,
    IReadOnlyList<string> PeerGroupIds,
    string Description);
