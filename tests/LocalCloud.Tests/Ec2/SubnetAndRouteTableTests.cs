using Amazon.EC2;
using Amazon.EC2.Model;
using static LocalCloud.Tests.Ec2.Ec2TestCloud;

namespace LocalCloud.Tests.Ec2;

/// <summary>EC2 API Reference: CreateSubnet, DescribeSubnets, CreateRouteTable, AssociateRouteTable, CreateRoute, ReplaceRoute, DeleteRoute.</summary>
public sealed class SubnetAndRouteTableTests : IDisposable
{
    private readonly Ec2TestCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Fact] // API Reference: CreateSubnet
    public async Task CreateSubnet_returns_the_subnet_with_its_zone_and_free_addresses()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");

        var subnet = (await _cloud.Client().CreateSubnetAsync(new CreateSubnetRequest
        {
            VpcId = vpc.VpcId,
            CidrBlock = "10.0.1.0/24",
            AvailabilityZone = "us-east-1b",
        })).Subnet;

        Assert.Matches("^subnet-[0-9a-f]{17}$", subnet.SubnetId);
        Assert.Equal("us-east-1b", subnet.AvailabilityZone);
        Assert.Equal("use1-az2", subnet.AvailabilityZoneId);
        Assert.Equal(251, subnet.AvailableIpAddressCount);
        Assert.Equal(SubnetState.Available, subnet.State);
    }

    [Fact] // API Reference: CreateSubnet — InvalidSubnet.Range outside the VPC, InvalidSubnet.Conflict on overlap
    public async Task A_subnet_must_lie_inside_the_vpc_and_not_overlap_another()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");
        await _cloud.Client().CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc.VpcId, CidrBlock = "10.0.1.0/24" });

        await FailsAsync("InvalidSubnet.Range", () => _cloud.Client().CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc.VpcId, CidrBlock = "10.1.0.0/24" }));
        await FailsAsync("InvalidSubnet.Conflict", () => _cloud.Client().CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc.VpcId, CidrBlock = "10.0.1.128/25" }));
    }

    [Fact] // API Reference: DescribeSubnets — filters vpc-id and availability-zone
    public async Task DescribeSubnets_filters_by_vpc_and_zone()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var other = await _cloud.CreateVpcAsync("10.1.0.0/16");
        await _cloud.Client().CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc.VpcId, CidrBlock = "10.0.1.0/24", AvailabilityZone = "us-east-1a" });
        var b = (await _cloud.Client().CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc.VpcId, CidrBlock = "10.0.2.0/24", AvailabilityZone = "us-east-1b" })).Subnet;
        await _cloud.Client().CreateSubnetAsync(new CreateSubnetRequest { VpcId = other.VpcId, CidrBlock = "10.1.2.0/24", AvailabilityZone = "us-east-1b" });

        var subnets = (await _cloud.Client().DescribeSubnetsAsync(new DescribeSubnetsRequest
        {
            Filters = [new Filter("vpc-id", [vpc.VpcId]), new Filter("availability-zone", ["us-east-1b"])],
        })).Subnets;

        Assert.Equal(b.SubnetId, Assert.Single(subnets).SubnetId);
    }

    [Fact] // API Reference: CreateRouteTable — a new table holds the local routes and no association
    public async Task CreateRouteTable_has_the_local_route_and_is_not_main()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");

        var table = (await _cloud.Client().CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = vpc.VpcId })).RouteTable;

        Assert.Matches("^rtb-[0-9a-f]{17}$", table.RouteTableId);
        var local = Assert.Single(table.Routes);
        Assert.Equal("local", local.GatewayId);
        Assert.Empty(table.Associations ?? []);
    }

    [Fact] // API Reference: AssociateRouteTable; DescribeRouteTables filter association.subnet-id
    public async Task AssociateRouteTable_links_a_subnet_once()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var subnet = (await _cloud.Client().CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc.VpcId, CidrBlock = "10.0.1.0/24" })).Subnet;
        var table = (await _cloud.Client().CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = vpc.VpcId })).RouteTable;
        var other = (await _cloud.Client().CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = vpc.VpcId })).RouteTable;

        var association = await _cloud.Client().AssociateRouteTableAsync(new AssociateRouteTableRequest { RouteTableId = table.RouteTableId, SubnetId = subnet.SubnetId });

        Assert.Matches("^rtbassoc-[0-9a-f]{17}$", association.AssociationId);
        Assert.Equal(RouteTableAssociationStateCode.Associated, association.AssociationState.State);
        await FailsAsync("Resource.AlreadyAssociated", () => _cloud.Client().AssociateRouteTableAsync(
            new AssociateRouteTableRequest { RouteTableId = other.RouteTableId, SubnetId = subnet.SubnetId }));
        var found = (await _cloud.Client().DescribeRouteTablesAsync(new DescribeRouteTablesRequest
        {
            Filters = [new Filter("association.subnet-id", [subnet.SubnetId])],
        })).RouteTables;
        Assert.Equal(table.RouteTableId, Assert.Single(found).RouteTableId);
    }

    [Fact] // API Reference: CreateRoute — RouteAlreadyExists
    public async Task A_second_route_to_the_same_destination_is_refused()
    {
        var (requester, _, pcxId) = await _cloud.ActivePeeringAsync();
        var table = (await _cloud.Client().CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = requester.VpcId })).RouteTable;
        var route = new CreateRouteRequest { RouteTableId = table.RouteTableId, DestinationCidrBlock = "10.1.0.0/16", VpcPeeringConnectionId = pcxId };

        await _cloud.Client().CreateRouteAsync(route);

        await FailsAsync("RouteAlreadyExists", () => _cloud.Client().CreateRouteAsync(route));
    }

    [Fact] // API Reference: CreateRoute — a destination inside the VPC's own CIDR is refused
    public async Task A_route_into_the_vpcs_own_cidr_is_refused()
    {
        var (requester, _, pcxId) = await _cloud.ActivePeeringAsync();
        var table = (await _cloud.Client().CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = requester.VpcId })).RouteTable;

        await FailsAsync("InvalidParameterValue", () => _cloud.Client().CreateRouteAsync(new CreateRouteRequest
        {
            RouteTableId = table.RouteTableId,
            DestinationCidrBlock = "10.0.5.0/24",
            VpcPeeringConnectionId = pcxId,
        }));
    }

    [Fact] // API Reference: CreateRoute — the peering connection must involve the table's VPC
    public async Task A_route_to_a_peering_that_does_not_involve_the_vpc_is_refused()
    {
        var (_, _, pcxId) = await _cloud.ActivePeeringAsync();
        var stranger = await _cloud.CreateVpcAsync("10.7.0.0/16");
        var table = (await _cloud.Client().CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = stranger.VpcId })).RouteTable;

        await FailsAsync("InvalidParameterValue", () => _cloud.Client().CreateRouteAsync(new CreateRouteRequest
        {
            RouteTableId = table.RouteTableId,
            DestinationCidrBlock = "10.1.0.0/16",
            VpcPeeringConnectionId = pcxId,
        }));
    }

    [Fact] // API Reference: RouteState — blackhole while the peering is not active, and after it is deleted
    public async Task A_peering_route_is_blackhole_until_active_and_after_deletion()
    {
        var (requester, _, created) = await _cloud.PendingPeeringAsync();
        var pcx = created.VpcPeeringConnectionId;
        var table = (await _cloud.Client().CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = requester.VpcId })).RouteTable;
        await _cloud.Client().CreateRouteAsync(new CreateRouteRequest { RouteTableId = table.RouteTableId, DestinationCidrBlock = "10.1.0.0/16", VpcPeeringConnectionId = pcx });

        var pending = await RouteStateAsync(table.RouteTableId, "10.1.0.0/16");
        await _cloud.Client(Accepter).AcceptVpcPeeringConnectionAsync(new AcceptVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcx });
        _cloud.Advance(TimeSpan.FromSeconds(5));
        var active = await RouteStateAsync(table.RouteTableId, "10.1.0.0/16");
        await _cloud.Client().DeleteVpcPeeringConnectionAsync(new DeleteVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcx });
        var deleted = await RouteStateAsync(table.RouteTableId, "10.1.0.0/16");

        Assert.Equal(RouteState.Blackhole, pending);
        Assert.Equal(RouteState.Active, active);
        Assert.Equal(RouteState.Blackhole, deleted);
    }

    [Fact] // API Reference: ReplaceRoute and DeleteRoute
    public async Task ReplaceRoute_and_DeleteRoute_need_an_existing_route_and_spare_the_local_one()
    {
        var (requester, _, pcxId) = await _cloud.ActivePeeringAsync();
        var table = (await _cloud.Client().CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = requester.VpcId })).RouteTable;

        await FailsAsync("InvalidRoute.NotFound", () => _cloud.Client().ReplaceRouteAsync(new ReplaceRouteRequest
        {
            RouteTableId = table.RouteTableId,
            DestinationCidrBlock = "10.1.0.0/16",
            VpcPeeringConnectionId = pcxId,
        }));
        await _cloud.Client().CreateRouteAsync(new CreateRouteRequest { RouteTableId = table.RouteTableId, DestinationCidrBlock = "10.1.0.0/16", TransitGatewayId = "tgw-0123456789abcdef0" });
        await _cloud.Client().ReplaceRouteAsync(new ReplaceRouteRequest { RouteTableId = table.RouteTableId, DestinationCidrBlock = "10.1.0.0/16", VpcPeeringConnectionId = pcxId });
        var replaced = (await _cloud.Client().DescribeRouteTablesAsync(new DescribeRouteTablesRequest
        {
            Filters = [new Filter("route.vpc-peering-connection-id", [pcxId])],
        })).RouteTables.Single();
        await FailsAsync("InvalidParameterValue", () => _cloud.Client().DeleteRouteAsync(new DeleteRouteRequest { RouteTableId = table.RouteTableId, DestinationCidrBlock = "10.0.0.0/16" }));
        await _cloud.Client().DeleteRouteAsync(new DeleteRouteRequest { RouteTableId = table.RouteTableId, DestinationCidrBlock = "10.1.0.0/16" });

        Assert.Equal(table.RouteTableId, replaced.RouteTableId);
        Assert.Single((await _cloud.Client().DescribeRouteTablesAsync(new DescribeRouteTablesRequest { RouteTableIds = [table.RouteTableId] })).RouteTables.Single().Routes);
    }

    [Fact] // Amazon VPC quotas: routes per route table
    public async Task Routes_per_table_are_limited()
    {
        using var cloud = new Ec2TestCloud(new LocalCloud.Ec2.Ec2Options { RoutesPerRouteTable = 1 });
        var vpc = await cloud.CreateVpcAsync("10.0.0.0/16");
        var table = (await cloud.Client().CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = vpc.VpcId })).RouteTable;
        await cloud.Client().CreateRouteAsync(new CreateRouteRequest { RouteTableId = table.RouteTableId, DestinationCidrBlock = "10.1.0.0/16", TransitGatewayId = "tgw-0123456789abcdef0" });

        await FailsAsync("RouteLimitExceeded", () => cloud.Client().CreateRouteAsync(
            new CreateRouteRequest { RouteTableId = table.RouteTableId, DestinationCidrBlock = "10.2.0.0/16", TransitGatewayId = "tgw-0123456789abcdef0" }));
    }

    [Fact] // API Reference: DescribeRouteTables — malformed ids
    public async Task A_malformed_route_table_id_answers_InvalidRouteTableID_Malformed()
    {
        await FailsAsync("InvalidRouteTableID.Malformed", () => _cloud.Client().DescribeRouteTablesAsync(new DescribeRouteTablesRequest { RouteTableIds = ["rtb-1"] }));
        await FailsAsync("InvalidRouteTableID.NotFound", () => _cloud.Client().DescribeRouteTablesAsync(new DescribeRouteTablesRequest { RouteTableIds = ["rtb-0123456789abcdef0"] }));
    }

    [Fact] // API Reference: DescribeRouteTables — route.state and route.destination-cidr-block filters
    public async Task DescribeRouteTables_filters_on_route_state()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16", Accepter);
        var pcx = (await _cloud.RequestPeeringAsync(requester.VpcId, accepter.VpcId, peerAccount: Accepter)).VpcPeeringConnectionId;
        var table = (await _cloud.Client().CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = requester.VpcId })).RouteTable;
        await _cloud.Client().CreateRouteAsync(new CreateRouteRequest { RouteTableId = table.RouteTableId, DestinationCidrBlock = "10.1.0.0/16", VpcPeeringConnectionId = pcx });

        var blackholed = (await _cloud.Client().DescribeRouteTablesAsync(new DescribeRouteTablesRequest
        {
            Filters = [new Filter("route.state", ["blackhole"]), new Filter("route.destination-cidr-block", ["10.1.*"])],
        })).RouteTables;

        Assert.Equal(table.RouteTableId, Assert.Single(blackholed).RouteTableId);
    }

    private async Task<RouteState> RouteStateAsync(string tableId, string destination) =>
        (await _cloud.Client().DescribeRouteTablesAsync(new DescribeRouteTablesRequest { RouteTableIds = [tableId] }))
        .RouteTables.Single().Routes.Single(r => r.DestinationCidrBlock == destination).State;
}
