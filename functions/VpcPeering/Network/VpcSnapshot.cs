namespace VpcPeering.Network;

/// <summary>Everything the peering needs to know about one VPC at one moment.</summary>
public sealed record VpcSnapshot(
    Vpc Vpc,
    IReadOnlyList<Subnet> Subnets,
    IReadOnlyList<RouteTable> RouteTables,
    IReadOnlyList<SecurityGroup> SecurityGroups,
    IReadOnlyList<NetworkAcl> NetworkAcls)
{
    /// <summary>The route table a subnet uses: its explicit association, else the main table.</summary>
    public RouteTable? RouteTableFor(string subnetId) =>
        RouteTables.FirstOrDefault(table => table.SubnetIds.Contains(subnetId))
        ?? RouteTables.FirstOrDefault(table => table.IsMain);

    /// <summary>The network ACL a subnet uses: its explicit association, else the default ACL.</summary>
    public NetworkAcl? NetworkAclFor(string subnetId) =>
        NetworkAcls.FirstOrDefault(acl => acl.SubnetIds.Contains(subnetId))
        ?? NetworkAcls.FirstOrDefault(acl => acl.IsDefault);
}
