using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Planning;

/// <summary>A NACL entry that would stop peer traffic (or its replies) at some subnets.</summary>
/// <param name="Egress">True when the traffic leaves the subnets.</param>
/// <param name="Ports">The destination ports of the stopped packets (the ephemeral range for replies).</param>
/// <param name="RemoteCidr">The peer block the packets come from or go to.</param>
/// <param name="BlockingRule">The rule number, or <c>*</c> for the final deny-all.</param>
/// <param name="IsReturnPath">Whether these are replies (NACLs are stateless, so replies need their own entries).</param>
public sealed record NetworkAclFinding(
    Side Side,
    string NetworkAclId,
    IReadOnlyList<string> SubnetIds,
    bool Egress,
    IpProtocol Protocol,
    PortRange Ports,
    string RemoteCidr,
    string BlockingRule,
    bool IsReturnPath);
