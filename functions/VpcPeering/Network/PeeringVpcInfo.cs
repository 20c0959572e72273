namespace VpcPeering.Network;

/// <summary>One side of a peering connection.</summary>
/// <param name="AllowDnsResolutionFromRemoteVpc">
/// This side's peering option: when true, the remote VPC resolves this VPC's public DNS hostnames to private IPs.
/// </param>
public sealed record PeeringVpcInfo(
    string AccountId,
    string Region,
    string VpcId,
    IReadOnlyList<string> Ipv4CidrBlocks,
    IReadOnlyList<string> Ipv6CidrBlocks,
    bool AllowDnsResolutionFromRemoteVpc);
