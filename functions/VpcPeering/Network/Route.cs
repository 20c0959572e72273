namespace VpcPeering.Network;

/// <summary>One route: an IPv4 or IPv6 destination block sent to a target.</summary>
/// <param name="DestinationCidr">The destination, IPv4 (<c>10.2.0.0/16</c>) or IPv6 (<c>2600:1f18::/56</c>).</param>
public sealed record Route(string DestinationCidr, RouteTarget Target, RouteState State);
