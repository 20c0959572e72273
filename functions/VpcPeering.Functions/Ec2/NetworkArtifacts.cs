using VpcPeering.Network;

namespace VpcPeering.Functions.Ec2;

/// <summary>Route tables, security groups and network ACLs to search for what the tool manages: one VPC's, or a whole region's.</summary>
public sealed record NetworkArtifacts(
    IReadOnlyList<RouteTable> RouteTables,
    IReadOnlyList<SecurityGroup> SecurityGroups,
    IReadOnlyList<NetworkAcl> NetworkAcls)
{
    public static NetworkArtifacts Of(VpcSnapshot vpc) => new(vpc.RouteTables, vpc.SecurityGroups, vpc.NetworkAcls);
}
