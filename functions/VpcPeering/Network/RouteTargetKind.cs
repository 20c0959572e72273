namespace VpcPeering.Network;

/// <summary>The kind of a route's target, as the field of the EC2 Route that is set.</summary>
public enum RouteTargetKind
{
    Local,
    Gateway,
    NatGateway,
    TransitGateway,
    PeeringConnection,
    NetworkInterface,
    Instance,
    EgressOnlyInternetGateway,
    Other,
}
