using System.Text.Json.Nodes;
using Amazon.EC2.Model;
using LocalCloud.Iam;
using VpcPeering.Functions.Tests.Support;
using static VpcPeering.Functions.Tests.Support.FunctionsCloud;

namespace VpcPeering.Functions.Tests;

/// <summary>
/// ResolveRequest on a CloudTrail CIDR association for a VPC without peering tags: each managed peering's request is rebuilt
/// from what the tool created (route tables, blocks, rules, NACL tag, DNS options) and returned as <c>peer-each</c>.
/// </summary>
public sealed class CidrAssociationTests : IDisposable
{
    private const string ExternalId = "shared-secret-1";
    private readonly FunctionsCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Fact]
    public async Task A_peering_from_a_request_routing_every_table_comes_back_with_all_blocks_and_those_tables()
    {
        var (requester, accepter) = (await _cloud.CreateVpcAsync("10.0.0.0/16"), await _cloud.CreateVpcAsync("10.1.0.0/16"));
        var extra = await RouteTableAsync(requester.VpcId);
        var run = await PeerAsync(Request(requester.VpcId, accepter.VpcId));
        await AssociateAsync(accepter.VpcId, "10.2.0.0/16");

        var result = await ResolveAsync(accepter.VpcId, "10.2.0.0/16");

        Assert.Equal("peer-each", result["action"]!.GetValue<string>());
        var start = Assert.Single(result["requests"]!.AsArray())!;
        Assert.Equal($"{run.PeeringConnectionId}-cidr-1", start["name"]!.GetValue<string>());
        var request = start["request"]!;
        Assert.Equal((requester.VpcId, AccountA), (Text(request["requester"]!["vpcId"]), Text(request["requester"]!["accountId"])));
        Assert.Equal((accepter.VpcId, AccountA), (Text(request["accepter"]!["vpcId"]), Text(request["accepter"]!["accountId"])));
        Assert.Null(request["accepter"]!["roleArn"]);
        Assert.Equal("run-1", Text(request["requestId"]));
        Assert.Equal("all", Text(request["routes"]!["cidrs"]));
        Assert.Equal((await TableIdsAsync(requester.VpcId)).Order(StringComparer.Ordinal), Texts(request["routes"]!["requesterRouteTables"]));
        Assert.Contains(extra, Texts(request["routes"]!["requesterRouteTables"]));
        Assert.Equal(await TableIdsAsync(accepter.VpcId), Texts(request["routes"]!["accepterRouteTables"]));
        var grant = Assert.Single(request["securityGroups"]!.AsArray())!;
        Assert.Equal(("accepter", $"vpc-peering from {requester.VpcId}"), (Text(grant["side"]), Text(grant["description"])));
        Assert.Equal([await DefaultGroupAsync(accepter.VpcId)], Texts(grant["groupIds"]));
        Assert.Equal(["tcp/443"], Texts(grant["ports"]));
        Assert.Equal("verify", Text(request["networkAcls"]));
        Assert.Contains("so 10.2.0.0/16 too", Text(result["reason"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subset_of_route_tables_stays_that_subset()
    {
        var (requester, accepter) = (await _cloud.CreateVpcAsync("10.0.0.0/16"), await _cloud.CreateVpcAsync("10.1.0.0/16"));
        var chosen = await RouteTableAsync(requester.VpcId);
        await PeerAsync(Request(requester.VpcId, accepter.VpcId, extra: $$""", "routes": {"requesterRouteTables": ["{{chosen}}"]}"""));
        await AssociateAsync(requester.VpcId, "10.5.0.0/16");

        var request = Single(await ResolveAsync(requester.VpcId, "10.5.0.0/16"));

        Assert.Equal([chosen], Texts(request["routes"]!["requesterRouteTables"]));
        Assert.Equal(await TableIdsAsync(accepter.VpcId), Texts(request["routes"]!["accepterRouteTables"]));
        Assert.Equal("all", Text(request["routes"]!["cidrs"]));
    }

    [Fact]
    public async Task Listed_blocks_stay_listed_so_the_new_block_is_not_routed_and_the_reason_says_so()
    {
        var (requester, accepter) = (await _cloud.CreateVpcAsync("10.0.0.0/16"), await _cloud.CreateVpcAsync("10.1.0.0/16"));
        await AssociateAsync(accepter.VpcId, "10.2.0.0/16");
        await PeerAsync(Request(requester.VpcId, accepter.VpcId, extra: """, "routes": {"cidrs": ["10.1.0.0/16", "10.0.0.0/16"]}"""));
        await AssociateAsync(accepter.VpcId, "10.3.0.0/16");

        var result = await ResolveAsync(accepter.VpcId, "10.3.0.0/16");

        Assert.Equal(["10.0.0.0/16", "10.1.0.0/16"], Texts(Single(result)["routes"]!["cidrs"]));
        Assert.Contains("so 10.3.0.0/16 is not routed", Text(result["reason"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Security_groups_come_back_per_side_with_the_ports_of_their_managed_rules()
    {
        var (requester, accepter) = (await _cloud.CreateVpcAsync("10.0.0.0/16"), await _cloud.CreateVpcAsync("10.1.0.0/16"));
        var (app, db) = (await GroupAsync(accepter.VpcId, "app"), await GroupAsync(accepter.VpcId, "db"));
        var web = await GroupAsync(requester.VpcId, "web");
        await PeerAsync(Request(requester.VpcId, accepter.VpcId, extra: $$"""
            , "securityGroups": [
              {"side": "accepter", "groupIds": ["{{app}}", "{{db}}"], "ports": ["tcp/443"], "description": "to the services"},
              {"side": "accepter", "groupIds": ["{{db}}"], "ports": ["tcp/5432-5433", "icmp"], "description": "to the services"},
              {"side": "requester", "groupIds": ["{{web}}"], "ports": ["udp/53"]}
            ]
            """));
        await AssociateAsync(requester.VpcId, "10.5.0.0/16");

        var request = Single(await ResolveAsync(requester.VpcId, "10.5.0.0/16"));

        var grants = request["securityGroups"]!.AsArray().Select(grant =>
            $"{Text(grant!["side"])} {string.Join(",", Texts(grant["groupIds"]))} {string.Join(",", Texts(grant["ports"]))} {Text(grant["description"])}");
        Assert.Equal(
            new[]
            {
                $"accepter {app} tcp/443 to the services",
                $"accepter {db} icmp,tcp/443,tcp/5432-5433 to the services",
                $"requester {web} udp/53 vpc-peering",
            }.Order(StringComparer.Ordinal),
            grants.Order(StringComparer.Ordinal));
        Assert.Equal("verify", Text(request["networkAcls"]));
    }

    [Fact]
    public async Task Nacl_entries_the_tool_added_for_the_peering_bring_back_update()
    {
        var (requester, accepter) = (await _cloud.CreateVpcAsync("10.0.0.0/16"), await _cloud.CreateVpcAsync("10.1.0.0/16"));
        await DenyAllNaclAsync(accepter.VpcId);
        await PeerAsync(Request(requester.VpcId, accepter.VpcId, extra: """, "networkAcls": "update" """));
        await AssociateAsync(requester.VpcId, "10.5.0.0/16");

        var request = Single(await ResolveAsync(requester.VpcId, "10.5.0.0/16"));

        Assert.Equal("update", Text(request["networkAcls"]));
    }

    [Fact]
    public async Task Role_mode_reads_the_accepter_side_through_the_role_its_tag_names()
    {
        var role = _cloud.Cloud.Iam.Put(new IamRole(AccountB, "vpc-peering-access", Trust(), [])).Arn;
        var (requester, accepter) = (await _cloud.CreateVpcAsync("10.0.0.0/16"), await _cloud.CreateVpcAsync("10.1.0.0/16", AccountB));
        var extraAccepterTable = await RouteTableAsync(accepter.VpcId, AccountB);
        await DnsHostnamesAsync(requester.VpcId, AccountA);
        await DnsHostnamesAsync(accepter.VpcId, AccountB);
        var request = Request(requester.VpcId, accepter.VpcId, AccountB,
            extra: $$""", "routes": {"accepterRouteTables": ["{{extraAccepterTable}}"]}, "dns": {"requesterResolvesAccepter": true}""");
        request["accepter"]!["roleArn"] = role;
        request["accepter"]!["externalId"] = ExternalId;
        await PeerAsync(request);
        await AssociateAsync(requester.VpcId, "10.5.0.0/16");

        var rebuilt = Single(await ResolveAsync(requester.VpcId, "10.5.0.0/16"));

        Assert.Equal((role, null), (Text(rebuilt["accepter"]!["roleArn"]), rebuilt["accepter"]!["externalId"]));
        Assert.Equal([extraAccepterTable], Texts(rebuilt["routes"]!["accepterRouteTables"]));
        Assert.Equal(await DefaultGroupAsync(accepter.VpcId, AccountB), Texts(rebuilt["securityGroups"]![0]!["groupIds"]).Single());
        Assert.True(rebuilt["dns"]!["requesterResolvesAccepter"]!.GetValue<bool>());
        Assert.False(rebuilt["dns"]!["accepterResolvesRequester"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_vpc_without_tags_or_managed_peerings_is_ignored()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");
        await AssociateAsync(vpc.VpcId, "10.5.0.0/16");

        var result = await ResolveAsync(vpc.VpcId, "10.5.0.0/16");

        Assert.Equal("ignore", result["action"]!.GetValue<string>());
        Assert.Contains("no active peering managed here", Text(result["reason"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_peering_made_by_hand_is_not_run_again()
    {
        var (requester, accepter) = (await _cloud.CreateVpcAsync("10.0.0.0/16"), await _cloud.CreateVpcAsync("10.1.0.0/16"));
        var pcx = (await _cloud.Ec2().CreateVpcPeeringConnectionAsync(new CreateVpcPeeringConnectionRequest { VpcId = requester.VpcId, PeerVpcId = accepter.VpcId }))
            .VpcPeeringConnection.VpcPeeringConnectionId;
        _cloud.Advance(2);
        await _cloud.Ec2().AcceptVpcPeeringConnectionAsync(new AcceptVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcx });
        _cloud.Advance(5);

        var result = await ResolveAsync(accepter.VpcId, "10.2.0.0/16");

        Assert.Equal("ignore", result["action"]!.GetValue<string>());
        Assert.Contains($"{pcx}: not created by vpc-peering", Text(result["reason"]), StringComparison.Ordinal);
    }

    /// <summary>The peering workflow's steps up to a configured, active peering (both sides, as same-account and role mode do).</summary>
    private async Task<PeeringRun> PeerAsync(JsonNode request)
    {
        var run = new PeeringRun(_cloud);
        await run.ActivateAsync(request);
        foreach (var side in new[] { "requester", "accepter" })
        {
            await run.ConfigureAsync(new ConfigureRoutesFunction(_cloud.Services()).Handle, side);
            await run.ConfigureAsync(new ConfigureSecurityGroupsFunction(_cloud.Services()).Handle, side);
            await run.ConfigureAsync(new ConfigureNetworkAclsFunction(_cloud.Services()).Handle, side);
            await run.ConfigureAsync(new ConfigureDnsFunction(_cloud.Services()).Handle, side);
        }

        return run;
    }

    /// <summary>ResolveRequest on the CloudTrail event AssociateVpcCidrBlock emits (the parts it reads), as execution <c>cidr-1</c>.</summary>
    private async Task<JsonNode> ResolveAsync(string vpcId, string cidr)
    {
        var trail = Json($$"""
            {
              "source": "aws.ec2", "detail-type": "AWS API Call via CloudTrail", "account": "{{AccountA}}", "region": "us-east-1",
              "detail": {
                "eventSource": "ec2.amazonaws.com", "eventName": "AssociateVpcCidrBlock", "awsRegion": "us-east-1",
                "requestParameters": {"vpcId": "{{vpcId}}", "cidrBlock": "{{cidr}}"},
                "responseElements": {"vpcId": "{{vpcId}}", "cidrBlockAssociation": {"cidrBlock": "{{cidr}}"} }
              }
            }
            """);
        var services = _cloud.Services(AccountA, new Dictionary<string, string> { ["EXTERNAL_ID"] = ExternalId });
        return await InvokeAsync(new ResolveRequestFunction(services).Handle, new JsonObject { ["input"] = trail, ["executionName"] = "cidr-1" });
    }

    private static JsonNode Single(JsonNode result) => Assert.Single(result["requests"]!.AsArray())!["request"]!;

    private Task AssociateAsync(string vpcId, string cidr, string account = AccountA) =>
        _cloud.Ec2(account).AssociateVpcCidrBlockAsync(new AssociateVpcCidrBlockRequest { VpcId = vpcId, CidrBlock = cidr });

    /// <summary>A new NACL (it denies everything until entries are added) in place of the default on the VPC's subnets.</summary>
    private async Task DenyAllNaclAsync(string vpcId)
    {
        var acl = (await _cloud.Ec2().CreateNetworkAclAsync(new CreateNetworkAclRequest { VpcId = vpcId })).NetworkAcl.NetworkAclId;
        var current = await _cloud.Ec2().DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest
        {
            Filters = [new Filter("vpc-id", [vpcId]), new Filter("default", ["true"])],
        });
        foreach (var association in current.NetworkAcls.Single().Associations)
        {
            await _cloud.Ec2().ReplaceNetworkAclAssociationAsync(new ReplaceNetworkAclAssociationRequest
            {
                AssociationId = association.NetworkAclAssociationId,
                NetworkAclId = acl,
            });
        }
    }

    private Task DnsHostnamesAsync(string vpcId, string account) =>
        _cloud.Ec2(account).ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = vpcId, EnableDnsHostnames = true });

    private async Task<string> RouteTableAsync(string vpcId, string account = AccountA) =>
        (await _cloud.Ec2(account).CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = vpcId })).RouteTable.RouteTableId;

    private async Task<string> GroupAsync(string vpcId, string name) =>
        (await _cloud.Ec2().CreateSecurityGroupAsync(new CreateSecurityGroupRequest { VpcId = vpcId, GroupName = name, Description = name })).GroupId;

    private async Task<List<string>> TableIdsAsync(string vpcId, string account = AccountA) =>
        [.. (await _cloud.RouteTablesAsync(vpcId, account)).Select(table => table.RouteTableId).Order(StringComparer.Ordinal)];

    private async Task<string> DefaultGroupAsync(string vpcId, string account = AccountA) =>
        (await _cloud.Ec2(account).DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters = [new Filter("vpc-id", [vpcId]), new Filter("group-name", ["default"])],
        })).SecurityGroups.Single().GroupId;

    private static string Trust() =>
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::" + AccountA
        + ":root\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"" + ExternalId + "\"}}}]}";

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    private static List<string> Texts(JsonNode? node) => [.. node!.AsArray().Select(Text)];
}
