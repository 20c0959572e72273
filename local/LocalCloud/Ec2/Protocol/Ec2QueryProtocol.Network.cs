using LocalCloud.Protocols;
using static LocalCloud.Ec2.Protocol.Ec2RequestReader;
using static LocalCloud.Ec2.Protocol.Ec2Xml;

namespace LocalCloud.Ec2.Protocol;

public sealed partial class Ec2QueryProtocol
{
    private void RegisterNetworkActions()
    {
        Add("CreateVpc", (p, s) => [E("vpc", Vpc(s, _model.CreateVpc(s, p.Required("CidrBlock"), Bool(p, "AmazonProvidedIpv6CidrBlock"),
            p.Get("InstanceTenancy"), TagSpecifications(p, "vpc"))))]);
        Add("DescribeVpcs", (p, s) => Paged("vpcSet", _model.DescribeVpcs(s, Query(p, "VpcId")), v => Vpc(s, v)));
        Add("DeleteVpc", (p, s) =>
        {
            _model.DeleteVpc(s, p.Required("VpcId"));
            return Return();
        });
        Add("DescribeVpcAttribute", (p, s) =>
        {
            var attribute = p.Required("Attribute");
            var value = _model.DescribeVpcAttribute(s, p.Required("VpcId"), attribute);
            return [E("vpcId", p.Required("VpcId")), E(attribute, Bool("value", value))];
        });
        Add("ModifyVpcAttribute", (p, s) =>
        {
            _model.ModifyVpcAttribute(s, p.Required("VpcId"), p.GetBool("EnableDnsSupport.Value"), p.GetBool("EnableDnsHostnames.Value"));
            return Return();
        });
        Add("AssociateVpcCidrBlock", (p, s) =>
        {
            var (vpc, association, ipv6) = _model.AssociateVpcCidrBlock(s, p.Required("VpcId"), p.Get("CidrBlock"), Bool(p, "AmazonProvidedIpv6CidrBlock"));
            return [E("vpcId", vpc.Id), CidrAssociation(association, ipv6, ipv6 ? "ipv6CidrBlockAssociation" : "cidrBlockAssociation", "associating")];
        });
        Add("DisassociateVpcCidrBlock", (p, s) =>
        {
            var (vpc, association, ipv6) = _model.DisassociateVpcCidrBlock(s, p.Required("AssociationId"));
            return [E("vpcId", vpc.Id), CidrAssociation(association, ipv6, ipv6 ? "ipv6CidrBlockAssociation" : "cidrBlockAssociation", "disassociating")];
        });

        Add("CreateSubnet", (p, s) => [E("subnet", Subnet(s, _model.CreateSubnet(s, p.Required("VpcId"), p.Required("CidrBlock"),
            p.Get("AvailabilityZone"), p.Get("Ipv6CidrBlock"), TagSpecifications(p, "subnet"))))]);
        Add("DescribeSubnets", (p, s) => Paged("subnetSet", _model.DescribeSubnets(s, Query(p, "SubnetId")), x => Subnet(s, x)));
        Add("DeleteSubnet", (p, s) =>
        {
            _model.DeleteSubnet(s, p.Required("SubnetId"));
            return Return();
        });

        Add("CreateRouteTable", (p, s) => [E("routeTable", RouteTable(s, _model.CreateRouteTable(s, p.Required("VpcId"), TagSpecifications(p, "route-table"))))]);
        Add("DescribeRouteTables", (p, s) => Paged("routeTableSet", _model.DescribeRouteTables(s, Query(p, "RouteTableId")), r => RouteTable(s, r)));
        Add("DeleteRouteTable", (p, s) =>
        {
            _model.DeleteRouteTable(s, p.Required("RouteTableId"));
            return Return();
        });
        Add("AssociateRouteTable", (p, s) =>
        {
            var association = _model.AssociateRouteTable(s, p.Required("RouteTableId"), p.Required("SubnetId"));
            return [E("associationId", association.Id), E("associationState", E("state", "associated"))];
        });
        Add("DisassociateRouteTable", (p, s) =>
        {
            _model.DisassociateRouteTable(s, p.Required("AssociationId"));
            return Return();
        });
        Add("CreateRoute", (p, s) =>
        {
            _model.CreateRoute(s, p.Required("RouteTableId"), RouteSpecOf(p));
            return Return();
        });
        Add("ReplaceRoute", (p, s) =>
        {
            _model.ReplaceRoute(s, p.Required("RouteTableId"), RouteSpecOf(p));
            return Return();
        });
        Add("DeleteRoute", (p, s) =>
        {
            _model.DeleteRoute(s, p.Required("RouteTableId"), p.Get("DestinationCidrBlock"), p.Get("DestinationIpv6CidrBlock"));
            return Return();
        });
    }

    private static RouteSpec RouteSpecOf(QueryParameters p) => new(
        p.Get("DestinationCidrBlock"),
        p.Get("DestinationIpv6CidrBlock"),
        p.Get("GatewayId"),
        p.Get("VpcPeeringConnectionId"),
        p.Get("TransitGatewayId"),
        p.Get("NatGatewayId"));

    private IEnumerable<object?> Vpc(Ec2Scope scope, Vpc vpc) =>
    [
        E("vpcId", vpc.Id),
        E("ownerId", vpc.OwnerId),
        E("state", vpc.State),
        E("cidrBlock", vpc.CidrBlock),
        Set("cidrBlockAssociationSet", vpc.CidrBlocks, c => CidrAssociation(c, false, "item", c.State).Elements()),
        Set("ipv6CidrBlockAssociationSet", vpc.Ipv6CidrBlocks, c => CidrAssociation(c, true, "item", c.State).Elements()),
        E("dhcpOptionsId", vpc.DhcpOptionsId),
        E("instanceTenancy", vpc.InstanceTenancy),
        Bool("isDefault", false),
        TagSet(_model.TagsOf(scope.AccountId, vpc.Id)),
    ];

    private static System.Xml.Linq.XElement CidrAssociation(VpcCidrBlock block, bool ipv6, string name, string state) => ipv6
        ? E(name, E("associationId", block.AssociationId), E("ipv6CidrBlock", block.CidrBlock), E("ipv6CidrBlockState", E("state", state)),
            Opt("networkBorderGroup", block.NetworkBorderGroup), E("ipv6Pool", "Amazon"))
        : E(name, E("associationId", block.AssociationId), E("cidrBlock", block.CidrBlock), E("cidrBlockState", E("state", state)));

    private IEnumerable<object?> Subnet(Ec2Scope scope, Subnet subnet) =>
    [
        E("subnetId", subnet.Id),
        E("subnetArn", subnet.Arn),
        E("state", subnet.State),
        E("ownerId", subnet.OwnerId),
        E("vpcId", subnet.VpcId),
        E("cidrBlock", subnet.CidrBlock),
        Set("ipv6CidrBlockAssociationSet", subnet.Ipv6CidrBlock is { } b ? [b] : Array.Empty<VpcCidrBlock>(),
            c => [E("associationId", c.AssociationId), E("ipv6CidrBlock", c.CidrBlock), E("ipv6CidrBlockState", E("state", c.State))]),
        Int("availableIpAddressCount", subnet.AvailableIpAddressCount),
        E("availabilityZone", subnet.AvailabilityZone),
        E("availabilityZoneId", subnet.AvailabilityZoneId),
        Bool("defaultForAz", false),
        Bool("mapPublicIpOnLaunch", subnet.MapPublicIpOnLaunch),
        Bool("assignIpv6AddressOnCreation", false),
        TagSet(_model.TagsOf(scope.AccountId, subnet.Id)),
    ];

    private IEnumerable<object?> RouteTable(Ec2Scope scope, RouteTable table) =>
    [
        E("routeTableId", table.Id),
        E("vpcId", table.VpcId),
        E("ownerId", table.OwnerId),
        Set("routeSet", table.Routes, r => (IEnumerable<object?>)
        [
            Opt("destinationCidrBlock", r.DestinationCidrBlock),
            Opt("destinationIpv6CidrBlock", r.DestinationIpv6CidrBlock),
            Opt("gatewayId", r.GatewayId),
            Opt("vpcPeeringConnectionId", r.VpcPeeringConnectionId),
            Opt("transitGatewayId", r.TransitGatewayId),
            Opt("natGatewayId", r.NatGatewayId),
            E("state", _model.RouteState(r)),
            E("origin", r.Origin),
        ]),
        Set("associationSet", table.Associations, a => (IEnumerable<object?>)
        [
            E("routeTableAssociationId", a.Id),
            E("routeTableId", table.Id),
            Opt("subnetId", a.SubnetId),
            Bool("main", a.Main),
            E("associationState", E("state", "associated")),
        ]),
        E("propagatingVgwSet"),
        TagSet(_model.TagsOf(scope.AccountId, table.Id)),
    ];
}
