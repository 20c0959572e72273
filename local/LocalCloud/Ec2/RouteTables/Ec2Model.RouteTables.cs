using System.Net;
using LocalCloud.Core;

namespace LocalCloud.Ec2;

/// <summary>A CreateRoute/ReplaceRoute request: one destination, one target.</summary>
/// <param name="DestinationCidrBlock">IPv4 destination.</param>
/// <param name="DestinationIpv6CidrBlock">IPv6 destination.</param>
/// <param name="GatewayId">Gateway target.</param>
/// <param name="VpcPeeringConnectionId">Peering target.</param>
/// <param name="TransitGatewayId">Transit gateway target.</param>
/// <param name="NatGatewayId">NAT gateway target.</param>
public sealed record RouteSpec(
    string? DestinationCidrBlock,
    string? DestinationIpv6CidrBlock,
    string? GatewayId = null,
    string? VpcPeeringConnectionId = null,
    string? TransitGatewayId = null,
    string? NatGatewayId = null);

public sealed partial class Ec2Model
{
    /// <summary>CreateRouteTable: a table with the VPC's local routes.</summary>
    public RouteTable CreateRouteTable(Ec2Scope scope, string vpcId, IReadOnlyList<KeyValuePair<string, string>>? tags = null) => Locked(() =>
    {
        var vpc = FindVpc(scope, vpcId);
        if (_state.RouteTables.Count(r => r.VpcId == vpcId) >= Options.RouteTablesPerVpc)
        {
            throw Error("RouteTableLimitExceeded", "The maximum number of route tables has been reached.");
        }

        var table = NewRouteTable(vpc);
        ApplyCreationTags(scope, table.Id, tags);
        return table;
    });

    /// <summary>DescribeRouteTables with AWS's filters (association.*, route.*, route-table-id, vpc-id, tags, …).</summary>
    public Ec2Page<RouteTable> DescribeRouteTables(Ec2Scope scope, DescribeQuery query) => Locked(() =>
        Describe(_state.RouteTables.Where(r => r.In(scope)), query, Ec2IdKind.RouteTable, r => r.Id, scope, RouteTableFilters));

    /// <summary><c>active</c>, or <c>blackhole</c> for a peering target that is not active (yet, or any more).</summary>
    public string RouteState(Route route) => Locked(() =>
    {
        if (route.VpcPeeringConnectionId is not { } pcxId)
        {
            return "active";
        }

        var pcx = _state.PeeringConnections.FirstOrDefault(p => p.Id == pcxId);
        return pcx is not null && StatusOf(pcx).Code == "active" ? "active" : "blackhole";
    });

    /// <summary>AssociateRouteTable: a subnet of the same VPC, not already explicitly associated.</summary>
    public RouteTableAssociation AssociateRouteTable(Ec2Scope scope, string routeTableId, string subnetId) => Locked(() =>
    {
        var table = FindRouteTable(scope, routeTableId);
        var subnet = FindSubnet(scope, subnetId);
        if (subnet.VpcId != table.VpcId)
        {
            throw Error("InvalidParameterValue", $"Route table {routeTableId} and subnet {subnetId} belong to different networks");
        }

        if (_state.RouteTables.Any(r => r.Associations.Any(a => a.SubnetId == subnetId)))
        {
            throw Error("Resource.AlreadyAssociated", $"the specified association for route table {routeTableId} conflicts with an existing association");
        }

        var association = new RouteTableAssociation { Id = NewId("rtbassoc"), SubnetId = subnetId };
        table.Associations.Add(association);
        return association;
    });

    /// <summary>DisassociateRouteTable: the subnet falls back to the main route table.</summary>
    public void DisassociateRouteTable(Ec2Scope scope, string associationId) => Locked(() =>
    {
        Ec2IdKind.RouteTableAssociation.Validate(associationId);
        var table = _state.RouteTables.FirstOrDefault(r => r.In(scope) && r.Associations.Any(a => a.Id == associationId && !a.Main))
            ?? throw Ec2IdKind.RouteTableAssociation.NotFound(associationId);
        table.Associations.RemoveAll(a => a.Id == associationId);
    });

    /// <summary>DeleteRouteTable: not the main table, not while associated.</summary>
    public void DeleteRouteTable(Ec2Scope scope, string routeTableId) => Locked(() =>
    {
        var table = FindRouteTable(scope, routeTableId);
        if (table.Associations.Count > 0)
        {
            throw Error("DependencyViolation", $"The routeTable '{routeTableId}' has dependencies and cannot be deleted.");
        }

        _state.RouteTables.Remove(table);
    });

    /// <summary>
    /// CreateRoute: <c>RouteAlreadyExists</c> for a taken destination; no destination inside the VPC's own CIDRs;
    /// a peering target must involve the table's VPC.
    /// </summary>
    public Route CreateRoute(Ec2Scope scope, string routeTableId, RouteSpec spec) => Locked(() =>
    {
        var table = FindRouteTable(scope, routeTableId);
        var route = BuildRoute(scope, table, spec);
        if (table.Routes.Any(r => r.Destination == route.Destination))
        {
            throw Error("RouteAlreadyExists", $"The route identified by {route.Destination} already exists.");
        }

        if (table.Routes.Count(r => !r.IsLocal) >= Options.RoutesPerRouteTable)
        {
            throw Error("RouteLimitExceeded", $"The maximum number of routes has been reached for route table '{routeTableId}'.");
        }

        table.Routes.Add(route);
        return route;
    });

    /// <summary>ReplaceRoute: the destination must already have a (non-local) route.</summary>
    public Route ReplaceRoute(Ec2Scope scope, string routeTableId, RouteSpec spec) => Locked(() =>
    {
        var table = FindRouteTable(scope, routeTableId);
        var route = BuildRoute(scope, table, spec);
        var index = ExistingRouteIndex(table, route.Destination);
        table.Routes[index] = route;
        return route;
    });

    /// <summary>DeleteRoute: any route but a local one.</summary>
    public void DeleteRoute(Ec2Scope scope, string routeTableId, string? destinationCidrBlock, string? destinationIpv6CidrBlock) => Locked(() =>
    {
        var table = FindRouteTable(scope, routeTableId);
        var destination = destinationCidrBlock ?? destinationIpv6CidrBlock
            ?? throw Error("MissingParameter", "The request must contain the parameter destinationCidrBlock or destinationIpv6CidrBlock");
        table.Routes.RemoveAt(ExistingRouteIndex(table, destination));
    });

    private static int ExistingRouteIndex(RouteTable table, string destination)
    {
        var index = table.Routes.FindIndex(r => r.Destination == destination);
        if (index < 0)
        {
            throw Error("InvalidRoute.NotFound", $"There is no route defined for '{destination}' in the route table. Use CreateRoute instead.");
        }

        if (table.Routes[index].IsLocal)
        {
            throw Error("InvalidParameterValue", $"cannot remove local route {destination} in route table {table.Id}");
        }

        return index;
    }

    private Route BuildRoute(Ec2Scope scope, RouteTable table, RouteSpec spec)
    {
        if (spec.DestinationCidrBlock is null == (spec.DestinationIpv6CidrBlock is null))
        {
            throw spec.DestinationCidrBlock is null
                ? Error("MissingParameter", "The request must contain the parameter destinationCidrBlock or destinationIpv6CidrBlock")
                : Error("InvalidParameterCombination", "Only one of destinationCidrBlock and destinationIpv6CidrBlock may be specified");
        }

        var destination = spec.DestinationCidrBlock is { } v4
            ? Cidr.ParseV4(v4, "destinationCidrBlock")
            : Cidr.ParseV6(spec.DestinationIpv6CidrBlock!, "destinationIpv6CidrBlock");
        var targets = new[] { spec.GatewayId, spec.VpcPeeringConnectionId, spec.TransitGatewayId, spec.NatGatewayId }.Count(t => t is not null);
        if (targets != 1)
        {
            throw targets == 0
                ? Error("MissingParameter",
                    "The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId, vpcPeeringConnectionId, transitGatewayId or instanceId")
                : Error("InvalidParameterCombination", "More than one target specified");
        }

        var vpc = _state.Vpcs.First(v => v.Id == table.VpcId);
        var ownBlock = vpc.AllCidrs.FirstOrDefault(c => Cidr.Within(destination, IPNetwork.Parse(c)));
        if (ownBlock is not null)
        {
            throw Error("InvalidParameterValue",
                $"The destination CIDR block {destination} is equal to or more specific than one of this VPC's CIDR blocks. This route can target only an interface or an instance.");
        }

        if (spec.GatewayId == "local")
        {
            throw Error("InvalidParameterValue", "The gateway ID 'local' can only be used for routes to the VPC's own CIDR blocks.");
        }

        if (spec.VpcPeeringConnectionId is { } pcxId)
        {
            var pcx = FindPeering(scope, pcxId);
            if (!pcx.Involves(table.VpcId))
            {
                throw Error("InvalidParameterValue", $"Route table {table.Id} and VPC peering connection {pcxId} belong to different networks");
            }

            if (StatusOf(pcx).Code is "failed" or "rejected" or "expired" or "deleted" or "deleting")
            {
                throw Error("InvalidVpcPeeringConnectionID.NotFound", $"The vpcPeeringConnection ID '{pcxId}' does not exist");
            }
        }

        return new Route
        {
            DestinationCidrBlock = spec.DestinationCidrBlock,
            DestinationIpv6CidrBlock = spec.DestinationIpv6CidrBlock,
            GatewayId = spec.GatewayId,
            VpcPeeringConnectionId = spec.VpcPeeringConnectionId,
            TransitGatewayId = spec.TransitGatewayId,
            NatGatewayId = spec.NatGatewayId,
        };
    }

    private void CreateMainRouteTable(Vpc vpc)
    {
        var table = NewRouteTable(vpc);
        table.Associations.Add(new RouteTableAssociation { Id = NewId("rtbassoc"), Main = true });
    }

    private RouteTable NewRouteTable(Vpc vpc)
    {
        var table = new RouteTable { Id = NewId("rtb"), OwnerId = vpc.OwnerId, Region = vpc.Region, VpcId = vpc.Id };
        table.Routes.AddRange(vpc.CidrBlocks.Select(c => LocalRoute(c.CidrBlock, ipv6: false)));
        table.Routes.AddRange(vpc.Ipv6CidrBlocks.Select(c => LocalRoute(c.CidrBlock, ipv6: true)));
        _state.RouteTables.Add(table);
        return table;
    }

    private static Route LocalRoute(string cidr, bool ipv6) => new()
    {
        DestinationCidrBlock = ipv6 ? null : cidr,
        DestinationIpv6CidrBlock = ipv6 ? cidr : null,
        GatewayId = "local",
        Origin = "CreateRouteTable",
    };

    private FilterSet<RouteTable> RouteTableFilters => new()
    {
        ["association.route-table-association-id"] = r => r.Associations.Select(a => a.Id),
        ["association.route-table-id"] = r => r.Associations.Select(_ => r.Id),
        ["association.subnet-id"] = r => r.Associations.Select(a => a.SubnetId),
        ["association.gateway-id"] = r => [],
        ["association.main"] = r => r.Associations.Select(a => FilterEngine.Bool(a.Main)).DefaultIfEmpty("false"),
        ["owner-id"] = r => [r.OwnerId],
        ["route-table-id"] = r => [r.Id],
        ["route.destination-cidr-block"] = r => r.Routes.Select(x => x.DestinationCidrBlock),
        ["route.destination-ipv6-cidr-block"] = r => r.Routes.Select(x => x.DestinationIpv6CidrBlock),
        ["route.destination-prefix-list-id"] = r => [],
        ["route.gateway-id"] = r => r.Routes.Select(x => x.GatewayId),
        ["route.nat-gateway-id"] = r => r.Routes.Select(x => x.NatGatewayId),
        ["route.transit-gateway-id"] = r => r.Routes.Select(x => x.TransitGatewayId),
        ["route.vpc-peering-connection-id"] = r => r.Routes.Select(x => x.VpcPeeringConnectionId),
        ["route.origin"] = r => r.Routes.Select(x => x.Origin),
        ["route.state"] = r => r.Routes.Select(RouteState),
        ["vpc-id"] = r => [r.VpcId],
    };
}
