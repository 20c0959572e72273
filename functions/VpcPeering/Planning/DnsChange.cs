using VpcPeering.Network;

namespace VpcPeering.Planning;

/// <summary>
/// Sets one side's <c>AllowDnsResolutionFromRemoteVpc</c> peering option (that side's hostnames resolve privately from the peer).
/// </summary>
public sealed record DnsChange(Side Side, bool AllowDnsResolutionFromRemoteVpc);
