using Amazon.EC2;
using Amazon.EC2.Model;
using static LocalCloud.Tests.Ec2.Ec2TestCloud;

namespace LocalCloud.Tests.Ec2;

/// <summary>EC2 API Reference: CreateVpc, DescribeVpcs, DeleteVpc, Associate/DisassociateVpcCidrBlock, Modify/DescribeVpcAttribute.</summary>
public sealed class VpcTests : IDisposable
{
    private readonly Ec2TestCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Fact] // API Reference: CreateVpc
    public async Task CreateVpc_returns_an_available_vpc_with_its_primary_cidr_association()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");

        Assert.Matches("^vpc-[0-9a-f]{17}$", vpc.VpcId);
        Assert.Equal("10.0.0.0/16", vpc.CidrBlock);
        Assert.Equal(VpcState.Available, vpc.State);
        Assert.Equal(Requester, vpc.OwnerId);
        Assert.Equal("10.0.0.0/16", Assert.Single(vpc.CidrBlockAssociationSet).CidrBlock);
        Assert.False(vpc.IsDefault);
    }

    [Fact] // Amazon VPC User Guide: "Main route table" — a new VPC gets a main route table with its local routes
    public async Task A_new_vpc_gets_a_main_route_table_with_ipv4_and_ipv6_local_routes()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16", ipv6: true);

        var tables = (await _cloud.Client().DescribeRouteTablesAsync(new DescribeRouteTablesRequest
        {
            Filters = [new Filter("vpc-id", [vpc.VpcId]), new Filter("association.main", ["true"])],
        })).RouteTables;

        var main = Assert.Single(tables);
        Assert.True(Assert.Single(main.Associations).Main);
        var ipv6 = Assert.Single(vpc.Ipv6CidrBlockAssociationSet).Ipv6CidrBlock;
        Assert.EndsWith("/56", ipv6, StringComparison.Ordinal);
        Assert.Contains(main.Routes, r => r.DestinationCidrBlock == "10.0.0.0/16" && r.GatewayId == "local" && r.State == RouteState.Active);
        Assert.Contains(main.Routes, r => r.DestinationIpv6CidrBlock == ipv6 && r.GatewayId == "local" && r.Origin == RouteOrigin.CreateRouteTable);
    }

    [Fact] // Amazon VPC User Guide: "Default security groups for your VPCs"
    public async Task A_new_vpc_gets_a_default_security_group_allowing_itself_in_and_everything_out()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");

        var groups = (await _cloud.Client().DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters = [new Filter("vpc-id", [vpc.VpcId]), new Filter("group-name", ["default"])],
        })).SecurityGroups;

        var group = Assert.Single(groups);
        var inbound = Assert.Single(group.IpPermissions);
        Assert.Equal("-1", inbound.IpProtocol);
        Assert.Equal(group.GroupId, Assert.Single(inbound.UserIdGroupPairs).GroupId);
        var outbound = Assert.Single(group.IpPermissionsEgress);
        Assert.Equal("0.0.0.0/0", Assert.Single(outbound.Ipv4Ranges).CidrIp);
    }

    [Fact] // Amazon VPC User Guide: "Default network ACL" — rule 100 allows all, * denies, both directions
    public async Task A_new_vpc_gets_a_default_network_acl_with_rule_100_allow_and_the_deny_all_rule()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");

        var acl = Assert.Single((await _cloud.Client().DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest
        {
            Filters = [new Filter("vpc-id", [vpc.VpcId]), new Filter("default", ["true"])],
        })).NetworkAcls);

        foreach (var egress in new[] { false, true })
        {
            var entries = acl.Entries.Where(e => e.Egress == egress).OrderBy(e => e.RuleNumber).ToList();
            Assert.Equal([100, 32767], entries.Select(e => e.RuleNumber!.Value));
            Assert.Equal(RuleAction.Allow, entries[0].RuleAction);
            Assert.Equal(RuleAction.Deny, entries[1].RuleAction);
            Assert.All(entries, e => Assert.Equal("-1", e.Protocol));
        }
    }

    [Fact] // API Reference: CreateVpc — the netmask must be between /16 and /28
    public async Task CreateVpc_rejects_a_block_larger_than_a_16()
    {
        await FailsAsync("InvalidVpc.Range", () => _cloud.CreateVpcAsync("10.0.0.0/8"));
    }

    [Fact] // API Reference: Common client errors — InvalidParameterValue
    public async Task CreateVpc_rejects_a_malformed_cidr()
    {
        await FailsAsync("InvalidParameterValue", () => _cloud.CreateVpcAsync("10.0.0.300/16"));
        await FailsAsync("InvalidParameterValue", () => _cloud.CreateVpcAsync("10.0.0.1/16"));
    }

    [Fact] // Amazon VPC quotas: VPCs per Region (5)
    public async Task The_sixth_vpc_in_a_region_exceeds_the_quota()
    {
        for (var i = 0; i < 5; i++)
        {
            await _cloud.CreateVpcAsync($"10.{i}.0.0/16");
        }

        await FailsAsync("VpcLimitExceeded", () => _cloud.CreateVpcAsync("10.9.0.0/16"));
        await _cloud.CreateVpcAsync("10.9.0.0/16", region: West);
    }

    [Fact] // API Reference: DescribeVpcs — another account's VPC id answers InvalidVpcID.NotFound
    public async Task Another_accounts_vpc_is_not_found()
    {
        var theirs = await _cloud.CreateVpcAsync("10.0.0.0/16", Accepter);

        var error = await FailsAsync("InvalidVpcID.NotFound", () => _cloud.Client().DescribeVpcsAsync(new DescribeVpcsRequest { VpcIds = [theirs.VpcId] }));

        Assert.Contains(theirs.VpcId, error.Message, StringComparison.Ordinal);
    }

    [Fact] // API Reference: DescribeVpcs — a region sees only its own VPCs
    public async Task Regions_are_isolated()
    {
        await _cloud.CreateVpcAsync("10.0.0.0/16", region: West);

        var vpcs = (await _cloud.Client().DescribeVpcsAsync(new DescribeVpcsRequest())).Vpcs ?? [];

        Assert.Empty(vpcs);
    }

    [Fact] // API Reference: DescribeVpcs — malformed ids
    public async Task A_malformed_vpc_id_answers_InvalidVpcID_Malformed()
    {
        await FailsAsync("InvalidVpcID.Malformed", () => _cloud.Client().DescribeVpcsAsync(new DescribeVpcsRequest { VpcIds = ["vpc-xyz"] }));
    }

    [Fact] // API Reference: AssociateVpcCidrBlock — a secondary IPv4 block gets local routes in every route table
    public async Task AssociateVpcCidrBlock_adds_a_secondary_block_and_its_local_route()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");

        var response = await _cloud.Client().AssociateVpcCidrBlockAsync(new AssociateVpcCidrBlockRequest { VpcId = vpc.VpcId, CidrBlock = "10.2.0.0/16" });

        Assert.Equal("10.2.0.0/16", response.CidrBlockAssociation.CidrBlock);
        Assert.Equal(VpcCidrBlockStateCode.Associating, response.CidrBlockAssociation.CidrBlockState.State);
        var described = (await _cloud.Client().DescribeVpcsAsync(new DescribeVpcsRequest { VpcIds = [vpc.VpcId] })).Vpcs.Single();
        Assert.Equal(["10.0.0.0/16", "10.2.0.0/16"], described.CidrBlockAssociationSet.Select(c => c.CidrBlock));
        var main = (await _cloud.Client().DescribeRouteTablesAsync(new DescribeRouteTablesRequest
        {
            Filters = [new Filter("vpc-id", [vpc.VpcId])],
        })).RouteTables.Single();
        Assert.Contains(main.Routes, r => r.DestinationCidrBlock == "10.2.0.0/16" && r.GatewayId == "local");
    }

    [Fact] // Amazon VPC User Guide: "IPv4 CIDR block association restrictions"
    public async Task A_secondary_block_from_another_rfc1918_range_is_restricted()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");

        await FailsAsync("InvalidVpc.Range", () => _cloud.Client().AssociateVpcCidrBlockAsync(
            new AssociateVpcCidrBlockRequest { VpcId = vpc.VpcId, CidrBlock = "192.168.0.0/16" }));
        await FailsAsync("InvalidVpc.Range", () => _cloud.Client().AssociateVpcCidrBlockAsync(
            new AssociateVpcCidrBlockRequest { VpcId = vpc.VpcId, CidrBlock = "10.0.128.0/17" }));
    }

    [Fact] // Amazon VPC User Guide: "IPv4 CIDR block association restrictions" — a route's destination
    public async Task A_secondary_block_covering_an_existing_route_destination_is_rejected()
    {
        var (requester, _, pcxId) = await _cloud.ActivePeeringAsync();
        var main = (await _cloud.Client().DescribeRouteTablesAsync(new DescribeRouteTablesRequest
        {
            Filters = [new Filter("vpc-id", [requester.VpcId])],
        })).RouteTables.Single();
        await _cloud.Client().CreateRouteAsync(new CreateRouteRequest
        {
            RouteTableId = main.RouteTableId,
            DestinationCidrBlock = "10.5.0.0/24",
            VpcPeeringConnectionId = pcxId,
        });

        await FailsAsync("InvalidVpc.Range", () => _cloud.Client().AssociateVpcCidrBlockAsync(
            new AssociateVpcCidrBlockRequest { VpcId = requester.VpcId, CidrBlock = "10.5.0.0/16" }));
    }

    [Fact] // Amazon VPC quotas: IPv4 CIDR blocks per VPC (5)
    public async Task A_sixth_ipv4_block_exceeds_the_quota()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");
        for (var i = 1; i < 5; i++)
        {
            await _cloud.Client().AssociateVpcCidrBlockAsync(new AssociateVpcCidrBlockRequest { VpcId = vpc.VpcId, CidrBlock = $"10.{i}.0.0/16" });
        }

        await FailsAsync("CidrLimitExceeded", () => _cloud.Client().AssociateVpcCidrBlockAsync(
            new AssociateVpcCidrBlockRequest { VpcId = vpc.VpcId, CidrBlock = "10.9.0.0/16" }));
    }

    [Fact] // API Reference: AssociateVpcCidrBlock — AmazonProvidedIpv6CidrBlock gives a /56
    public async Task AssociateVpcCidrBlock_with_AmazonProvidedIpv6CidrBlock_adds_a_56()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");

        var response = await _cloud.Client().AssociateVpcCidrBlockAsync(new AssociateVpcCidrBlockRequest
        {
            VpcId = vpc.VpcId,
            AmazonProvidedIpv6CidrBlock = true,
        });

        Assert.EndsWith("/56", response.Ipv6CidrBlockAssociation.Ipv6CidrBlock, StringComparison.Ordinal);
        Assert.Equal(East, response.Ipv6CidrBlockAssociation.NetworkBorderGroup);
    }

    [Fact] // API Reference: DisassociateVpcCidrBlock — not the primary block
    public async Task DisassociateVpcCidrBlock_removes_a_secondary_block_but_not_the_primary_one()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var secondary = await _cloud.Client().AssociateVpcCidrBlockAsync(new AssociateVpcCidrBlockRequest { VpcId = vpc.VpcId, CidrBlock = "10.2.0.0/16" });

        await _cloud.Client().DisassociateVpcCidrBlockAsync(new DisassociateVpcCidrBlockRequest
        {
            AssociationId = secondary.CidrBlockAssociation.AssociationId,
        });
        await FailsAsync("OperationNotPermitted", () => _cloud.Client().DisassociateVpcCidrBlockAsync(new DisassociateVpcCidrBlockRequest
        {
            AssociationId = vpc.CidrBlockAssociationSet[0].AssociationId,
        }));

        var described = (await _cloud.Client().DescribeVpcsAsync(new DescribeVpcsRequest { VpcIds = [vpc.VpcId] })).Vpcs.Single();
        Assert.Single(described.CidrBlockAssociationSet);
    }

    [Fact] // API Reference: ModifyVpcAttribute / DescribeVpcAttribute
    public async Task Dns_attributes_default_to_support_on_hostnames_off_and_can_be_modified()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var client = _cloud.Client();

        var support = await client.DescribeVpcAttributeAsync(new DescribeVpcAttributeRequest { VpcId = vpc.VpcId, Attribute = VpcAttributeName.EnableDnsSupport });
        var hostnames = await client.DescribeVpcAttributeAsync(new DescribeVpcAttributeRequest { VpcId = vpc.VpcId, Attribute = VpcAttributeName.EnableDnsHostnames });
        await client.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = vpc.VpcId, EnableDnsHostnames = true });
        var modified = await client.DescribeVpcAttributeAsync(new DescribeVpcAttributeRequest { VpcId = vpc.VpcId, Attribute = VpcAttributeName.EnableDnsHostnames });

        Assert.True(support.EnableDnsSupport);
        Assert.False(hostnames.EnableDnsHostnames);
        Assert.True(modified.EnableDnsHostnames);
        Assert.Equal(vpc.VpcId, modified.VpcId);
    }

    [Fact] // API Reference: DeleteVpc — DependencyViolation while subnets exist
    public async Task DeleteVpc_fails_with_DependencyViolation_while_a_subnet_exists()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var subnet = (await _cloud.Client().CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc.VpcId, CidrBlock = "10.0.1.0/24" })).Subnet;

        await FailsAsync("DependencyViolation", () => _cloud.Client().DeleteVpcAsync(new DeleteVpcRequest { VpcId = vpc.VpcId }));
        await _cloud.Client().DeleteSubnetAsync(new DeleteSubnetRequest { SubnetId = subnet.SubnetId });
        await _cloud.Client().DeleteVpcAsync(new DeleteVpcRequest { VpcId = vpc.VpcId });

        Assert.Empty((await _cloud.Client().DescribeVpcsAsync(new DescribeVpcsRequest())).Vpcs ?? []);
    }

    [Fact] // Amazon VPC User Guide: "Migrate to IPv6" — the default network ACL gets IPv6 allow rules (101) and the IPv6 * rule
    public async Task Associating_ipv6_adds_the_ipv6_rules_to_the_default_network_acl()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");

        await _cloud.Client().AssociateVpcCidrBlockAsync(new AssociateVpcCidrBlockRequest { VpcId = vpc.VpcId, AmazonProvidedIpv6CidrBlock = true });

        var acl = (await _cloud.Client().DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest
        {
            Filters = [new Filter("vpc-id", [vpc.VpcId]), new Filter("default", ["true"])],
        })).NetworkAcls.Single();
        var inbound = acl.Entries.Where(e => e.Egress == false).OrderBy(e => e.RuleNumber).ToList();
        Assert.Equal([100, 101, 32767, 32768], inbound.Select(e => e.RuleNumber!.Value));
        Assert.Equal("::/0", inbound[1].Ipv6CidrBlock);
    }

    [Fact] // API Reference: DeleteSecurityGroup — the default group cannot be deleted
    public async Task The_default_security_group_cannot_be_deleted()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var group = (await _cloud.Client().DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters = [new Filter("vpc-id", [vpc.VpcId])],
        })).SecurityGroups.Single();

        await FailsAsync("CannotDelete", () => _cloud.Client().DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = group.GroupId }));
    }

    [Fact]
    public void The_registered_model_is_reachable_from_the_cloud()
    {
        Assert.Same(_cloud.Model, LocalCloud.Ec2.Ec2Service.Ec2Model(_cloud.Cloud));
    }
}
