using VpcPeering.Network;

namespace VpcPeering.Requests;

/// <summary>A validated peering request: what to peer, which routes, rules, NACL entries and DNS options to set.</summary>
/// <param name="RequestId">An id for tags and idempotency; optional.</param>
/// <param name="Name">The Name tag for the peering connection; optional.</param>
/// <param name="AllowAllTraffic">Whether the <c>all</c> port spec was explicitly allowed.</param>
public sealed record PeeringRequest(
    string? RequestId,
    string? Name,
    RequesterVpc Requester,
    AccepterVpc Accepter,
    RouteOptions Routes,
    IReadOnlyList<SecurityGroupGrant> SecurityGroups,
    bool AllowAllTraffic,
    NetworkAclMode NetworkAcls,
    DnsOptions Dns,
    bool DryRun)
{
    /// <summary>The traffic each side must accept from the other: the union of the grants' ports on that side.</summary>
    public IReadOnlyList<PortSpec> PortsInto(Side side) =>
        SecurityGroups.Where(grant => grant.Side == side).SelectMany(grant => grant.Ports).Distinct().ToList();
}
