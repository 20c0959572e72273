namespace VpcPeering.Network;

/// <summary>A subnet. IPv6-only subnets have no IPv4 block; most have no IPv6 block.</summary>
public sealed record Subnet(string SubnetId, string? Ipv4Cidr, string? Ipv6Cidr, string AvailabilityZone);
