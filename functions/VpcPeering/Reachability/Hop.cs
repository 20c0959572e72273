namespace VpcPeering.Reachability;

/// <summary>Where along the path a flow is checked, in the order a packet (then its reply) meets them.</summary>
public enum Hop
{
    Subnet,
    Route,
    SourceSecurityGroup,
    SourceNetworkAcl,
    DestinationNetworkAcl,
    DestinationSecurityGroup,
    ReturnRoute,
    ReturnDestinationNetworkAcl,
    ReturnSourceNetworkAcl,
}
