using System.Text.Json.Nodes;
using Amazon.EC2;
using Amazon.EC2.Model;
using LocalCloud.Tests.Ec2;
using LocalCloud.Topology;
using static LocalCloud.Tests.Ec2.Ec2TestCloud;

namespace LocalCloud.Tests.Topology;

/// <summary>Topology files seed the emulated cloud through the EC2 state model and the IAM role store.</summary>
public sealed class TopologyLoaderTests : IDisposable
{
    private readonly Ec2TestCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Fact]
    public async Task The_demo_topology_creates_every_named_resource()
    {
        var ids = LoadExample("demo-topology.yaml");

        var vpc = (await _cloud.Client().DescribeVpcsAsync(new DescribeVpcsRequest { VpcIds = [ids["requester-app"]] })).Vpcs.Single();
        Assert.Equal(["10.0.0.0/16", "10.2.0.0/16"], vpc.CidrBlockAssociationSet.Select(c => c.CidrBlock));
        Assert.Single(vpc.Ipv6CidrBlockAssociationSet);
        Assert.Contains(vpc.Tags, t => t.Key == "Name" && t.Value == "requester-app");
        var hostnames = await _cloud.Client().DescribeVpcAttributeAsync(new DescribeVpcAttributeRequest
        {
            VpcId = vpc.VpcId,
            Attribute = VpcAttributeName.EnableDnsHostnames,
        });
        Assert.True(hostnames.EnableDnsHostnames);
        var accepterTables = (await _cloud.Client(Accepter, West).DescribeRouteTablesAsync(new DescribeRouteTablesRequest
        {
            Filters = [new Filter("vpc-id", [ids["accepter-data"]])],
        })).RouteTables;
        Assert.Equal(4, accepterTables.Count);
        var requesterGroups = (await _cloud.Client().DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters = [new Filter("vpc-id", [ids["requester-app"]])],
        })).SecurityGroups;
        Assert.Equal(3, requesterGroups.Count);
        Assert.Equal(ids["requester-web-sg"], requesterGroups.Single(g => g.GroupId == ids["requester-app-sg"])
            .IpPermissions.Single().UserIdGroupPairs.Single().GroupId);
    }

    [Fact]
    public async Task A_subnet_with_an_ipv6_index_gets_that_64_of_the_vpcs_56()
    {
        var ids = LoadExample("demo-topology.yaml");

        var vpc = (await _cloud.Client().DescribeVpcsAsync(new DescribeVpcsRequest { VpcIds = [ids["requester-app"]] })).Vpcs.Single();
        var subnet = (await _cloud.Client().DescribeSubnetsAsync(new DescribeSubnetsRequest { SubnetIds = [ids["requester-app-b"]] })).Subnets.Single();

        var block = System.Net.IPNetwork.Parse(vpc.Ipv6CidrBlockAssociationSet.Single().Ipv6CidrBlock);
        var sixtyFour = System.Net.IPNetwork.Parse(subnet.Ipv6CidrBlockAssociationSet.Single().Ipv6CidrBlock);
        Assert.Equal(64, sixtyFour.PrefixLength);
        Assert.True(block.Contains(sixtyFour.BaseAddress));
        Assert.Equal(2, sixtyFour.BaseAddress.GetAddressBytes()[7]);
    }

    [Fact]
    public async Task Subnets_are_associated_with_their_route_tables()
    {
        var ids = LoadExample("demo-topology.yaml");

        var table = (await _cloud.Client().DescribeRouteTablesAsync(new DescribeRouteTablesRequest
        {
            Filters = [new Filter("association.subnet-id", [ids["requester-app-b"]])],
        })).RouteTables.Single();

        Assert.Equal(ids["requester-private-b"], table.RouteTableId);
        Assert.Contains(table.Routes, r => r.DestinationCidrBlock == "0.0.0.0/0" && r.NatGatewayId == "nat-0a1b2c3d4e5f60002");
    }

    [Fact]
    public async Task The_accepter_nacl_lacks_the_ephemeral_return_path_from_the_requester()
    {
        var ids = LoadExample("demo-topology.yaml");

        var acl = (await _cloud.Client(Accepter, West).DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest
        {
            NetworkAclIds = [ids["accepter-data-acl"]],
        })).NetworkAcls.Single();

        Assert.Equal(2, acl.Associations.Count);
        var inbound = acl.Entries.Where(e => e.Egress == false && e.RuleAction == RuleAction.Allow).ToList();
        Assert.DoesNotContain(inbound, e => e.CidrBlock == "10.0.0.0/16" && e.PortRange?.To == 65535);
        Assert.Contains(acl.Entries, e => e.Egress == true && e.CidrBlock == "10.0.0.0/16" && e.PortRange?.From == 1024);
    }

    [Fact]
    public void The_accepter_role_trusts_the_requester_account_with_an_external_id()
    {
        var ids = LoadExample("demo-topology.yaml");

        var role = _cloud.Cloud.Iam.Get(ids["VpcPeeringAccessRole"]);

        Assert.Equal("arn:aws:iam::222222222222:role/VpcPeeringAccessRole", role.Arn);
        var statement = JsonNode.Parse(role.AssumeRolePolicyDocument)!["Statement"]![0]!;
        Assert.Equal("arn:aws:iam::111111111111:root", statement["Principal"]!["AWS"]![0]!.GetValue<string>());
        Assert.Equal("vpc-peering-demo", statement["Condition"]!["StringEquals"]!["sts:ExternalId"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_demo_peering_becomes_active_across_accounts_and_regions()
    {
        var ids = LoadExample("demo-topology.yaml");

        var pcx = await _cloud.RequestPeeringAsync(ids["requester-app"], ids["accepter-data"], peerAccount: Accepter, peerRegion: West);
        _cloud.Advance(TimeSpan.FromSeconds(2));
        await _cloud.Client(Accepter, West).AcceptVpcPeeringConnectionAsync(new AcceptVpcPeeringConnectionRequest
        {
            VpcPeeringConnectionId = pcx.VpcPeeringConnectionId,
        });
        _cloud.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(VpcPeeringConnectionStateReasonCode.Active, (await _cloud.DescribePeeringAsync(pcx.VpcPeeringConnectionId)).Status.Code);
    }

    [Fact] // Unsupported VPC peering configurations: overlapping secondary blocks
    public async Task The_overlapping_topology_fails_its_peering()
    {
        var ids = LoadExample("overlapping-topology.yaml");

        var pcx = await _cloud.RequestPeeringAsync(ids["overlap-left"], ids["overlap-right"], peerAccount: Accepter);
        _cloud.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(VpcPeeringConnectionStateReasonCode.Failed, (await _cloud.DescribePeeringAsync(pcx.VpcPeeringConnectionId)).Status.Code);
    }

    [Fact]
    public async Task The_same_account_topology_has_two_vpcs_in_one_account()
    {
        var ids = LoadExample("same-account-topology.yaml");

        var vpcs = (await _cloud.Client().DescribeVpcsAsync(new DescribeVpcsRequest())).Vpcs;

        Assert.Equal([ids["frontend"], ids["backend"]], vpcs.Select(v => v.VpcId));
    }

    [Fact]
    public void A_bad_cidr_is_reported_with_its_yaml_path()
    {
        var yaml = OneVpc("""
                        subnets:
                          - { name: a, cidr: 10.9.0.0/24 }
            """);

        var error = Assert.Throws<TopologyException>(() => TopologyLoader.Load(_cloud.Cloud, _cloud.Model, yaml, "bad.yaml"));

        Assert.StartsWith("bad.yaml: accounts[0].regions[0].vpcs[0].subnets[0].cidr: InvalidSubnet.Range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_is_reported_with_its_line()
    {
        const string yaml = """
            accounts:
              - id: "111111111111"
                colour: blue
            """;

        var error = Assert.Throws<TopologyException>(() => TopologyLoader.Load(_cloud.Cloud, _cloud.Model, yaml, "bad.yaml"));

        Assert.Contains("bad.yaml (line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("colour", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_must_be_unique()
    {
        const string yaml = """
            accounts:
              - id: "111111111111"
                regions:
                  - name: us-east-1
                    vpcs:
                      - { name: app, cidr: 10.0.0.0/16 }
                      - { name: app, cidr: 10.1.0.0/16 }
            """;

        var error = Assert.Throws<TopologyException>(() => TopologyLoader.Load(_cloud.Cloud, _cloud.Model, yaml, "dup.yaml"));

        Assert.Contains("accounts[0].regions[0].vpcs[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_subnet_reference_names_the_route_table()
    {
        var yaml = OneVpc("""
                        routeTables:
                          - { name: rt, subnets: [nowhere] }
            """);

        var error = Assert.Throws<TopologyException>(() => TopologyLoader.Load(_cloud.Cloud, _cloud.Model, yaml));

        Assert.Contains("routeTables[0].subnets[0]", error.Message, StringComparison.Ordinal);
        Assert.Contains("nowhere", error.Message, StringComparison.Ordinal);
    }

    /// <summary>One account, one region, one VPC named app (10.0.0.0/16), followed by the given VPC keys.</summary>
    private static string OneVpc(string vpcKeys) => $"""
        accounts:
          - id: "111111111111"
            regions:
              - name: us-east-1
                vpcs:
                  - name: app
                    cidr: 10.0.0.0/16
        {vpcKeys}
        """;

    private TopologyResult LoadExample(string file) =>
        TopologyLoader.LoadFile(_cloud.Cloud, _cloud.Model, Path.Combine(ExamplesDirectory(), file));

    private static string ExamplesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var examples = Path.Combine(dir.FullName, "examples");
            if (File.Exists(Path.Combine(examples, "demo-topology.yaml")))
            {
                return examples;
            }
        }

        throw new DirectoryNotFoundException("examples/demo-topology.yaml not found above the test output directory.");
    }
}
