namespace VpcPeering.Network;

/// <summary>A route is blackholed when its target is gone (e.g. a deleted peering).</summary>
public enum RouteState
{
    Active,
    Blackhole,
}
