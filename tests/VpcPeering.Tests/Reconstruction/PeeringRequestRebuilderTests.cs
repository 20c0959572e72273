using VpcPeering.Network;
using VpcPeering.Planning;
using VpcPeering.Reconstruction;
using VpcPeering.Requests;
using static VpcPeering.Tests.Topology;

namespace VpcPeering.Tests.Reconstruction;

public sealed class PeeringRequestRebuilderTests
{
    private const string Role = "arn:aws:iam::222222222222:role/vpc-peering-access";
    private const string NewBlock = "10.3.0.0/16";

    [Fact]
    public void Every_block_routed_but_the_new_one_rebuilds_all_and_planning_it_again_adds_only_what_the_new_block_needs()
    {
        var snapshot = WithAccepterBlock(Peered(), NewBlock);

        var rebuilt = Rebuild(snapshot);

        var request = Assert.IsType<PeeringRequest>(rebuilt.Request);
        Assert.Equal(CidrSelection.All, request.Routes.Cidrs);
        Assert.Equal(Role, request.Accepter.RoleArn);
        Assert.Equal("req-1", request.RequestId);
        Assert.Contains($"so {NewBlock} too", rebuilt.Reason, StringComparison.Ordinal);
        var plan = PeeringPlanner.Plan(snapshot, request);
        Assert.True(plan.CanApply, string.Join("; ", plan.Problems));
        Assert.Equal([$"requester {RequesterTableId} {NewBlock}"],
            plan.Routes.Where(route => route.Kind == ChangeKind.Add).Select(route => $"{route.Side.Name()} {route.RouteTableId} {route.DestinationCidr}"));
        Assert.Equal([$"{RequesterGroupId} {NewBlock}"],
            plan.SecurityGroupRules.Where(rule => rule.Kind == ChangeKind.Add).Select(rule => $"{rule.GroupId} {string.Join(",", rule.Rule.Peers)}"));
    }

    [Fact]
    public void The_tables_that_route_to_the_peering_come_back_by_id_and_a_table_without_a_route_stays_out()
    {
        var snapshot = Peered();
        var other = new RouteTable("rtb-33333333", false, [], [], NoTags);
        snapshot = snapshot with { Requester = snapshot.Requester with { RouteTables = [.. snapshot.Requester.RouteTables, other] } };

        var request = Rebuild(snapshot).Request!;

        Assert.Equal([RequesterTableId], Assert.IsType<RouteTableSelection.ByIds>(request.Routes.RequesterRouteTables).RouteTableIds);
        Assert.Equal([AccepterTableId], Assert.IsType<RouteTableSelection.ByIds>(request.Routes.AccepterRouteTables).RouteTableIds);
    }

    [Fact]
    public void A_block_that_was_not_routed_keeps_the_routed_blocks_listed_and_leaves_the_new_block_out()
    {
        var snapshot = WithAccepterBlock(WithAccepterBlock(Peered(), "10.4.0.0/16"), NewBlock);

        var rebuilt = Rebuild(snapshot);

        var listed = Assert.IsType<CidrSelection.List>(rebuilt.Request!.Routes.Cidrs);
        Assert.Equal(["10.1.0.0/16", "10.2.0.0/16"], listed.Cidrs);
        Assert.Contains($"routes only 10.1.0.0/16, 10.2.0.0/16 as before, so {NewBlock} is not routed", rebuilt.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(PeeringPlanner.Plan(snapshot, rebuilt.Request).Routes, route => route.Kind == ChangeKind.Add);
    }

    [Fact]
    public void Rules_give_back_their_groups_ports_protocols_descriptions_and_peer_groups()
    {
        var rules = new[]
        {
            new ManagedRule("sg-aaaaaaaa", new SecurityGroupRule("tcp", 8000, 8100, ["10.1.0.0/16"], [], [], null), "api"),
            new ManagedRule("sg-aaaaaaaa", new SecurityGroupRule("udp", null, null, ["10.1.0.0/16"], [], [], null), "api"),
            new ManagedRule("sg-bbbbbbbb", new SecurityGroupRule("icmp", -1, -1, ["10.1.0.0/16"], [], [], null), "api"),
            new ManagedRule("sg-bbbbbbbb", new SecurityGroupRule("-1", null, null, ["10.1.0.0/16"], [], [], null), "api"),
            new ManagedRule("sg-cccccccc", new SecurityGroupRule("tcp", 443, 443, [], [], ["sg-11111111"], null), null),
        };
        var managed = Managed(Peered()) with { Accepter = new ManagedSide(Peered().Accepter.RouteTables, rules, false) };

        var request = PeeringRequestRebuilder.Rebuild(managed, []).Request!;

        Assert.True(request.AllowAllTraffic);
        Assert.Equal(
            [
                "accepter sg-cccccccc tcp/443 from sg-11111111: vpc-peering",
                "accepter sg-bbbbbbbb all,icmp from blocks: api",
                "accepter sg-aaaaaaaa tcp/8000-8100,udp/0-65535 from blocks: api",
            ],
            request.SecurityGroups.Where(grant => grant.Side == Side.Accepter).Select(grant => $"{grant.Side.Name()} {string.Join(",", ((SecurityGroupSelection.ByIds)grant.Groups).GroupIds)} "
                + $"{string.Join(",", grant.Ports)} from {(grant.PeerGroupIds.Count > 0 ? string.Join(",", grant.PeerGroupIds) : "blocks")}: {grant.Description}"));
    }

    [Fact]
    public void Dns_comes_from_the_peering_options_and_nacls_update_when_the_tool_added_entries()
    {
        var managed = Managed(Peered());
        managed = managed with
        {
            Peering = managed.Peering with { Accepter = managed.Peering.Accepter with { AllowDnsResolutionFromRemoteVpc = true } },
            Requester = managed.Requester! with { HasNetworkAclEntries = true },
        };

        var request = PeeringRequestRebuilder.Rebuild(managed, []).Request!;

        Assert.Equal(new DnsOptions(RequesterResolvesAccepter: true, AccepterResolvesRequester: false), request.Dns);
        Assert.Equal(NetworkAclMode.Update, request.NetworkAcls);
    }

    [Fact]
    public void A_side_out_of_reach_keeps_all_its_tables_and_only_the_reachable_side_counts()
    {
        var managed = Managed(Peered()) with { Accepter = null, AccepterRoleArn = null };

        var request = PeeringRequestRebuilder.Rebuild(managed, []).Request!;

        Assert.Equal(RouteTableSelection.All, request.Routes.AccepterRouteTables);
        Assert.All(request.SecurityGroups, grant => Assert.Equal(Side.Requester, grant.Side));
        Assert.Null(request.Accepter.RoleArn);
    }

    [Fact]
    public void A_role_tag_on_a_same_account_peering_is_not_a_role_request()
    {
        var managed = Managed(Peered());
        managed = managed with { Peering = managed.Peering with { Accepter = managed.Peering.Accepter with { AccountId = RequesterAccount } } };

        Assert.Null(PeeringRequestRebuilder.Rebuild(managed, []).Request!.Accepter.RoleArn);
    }

    [Fact]
    public void A_side_without_a_route_to_the_peering_is_skipped_with_the_reason()
    {
        var managed = Managed(Unpeered() with { Peering = Peering(PeeringStatus.Active) });

        var rebuilt = PeeringRequestRebuilder.Rebuild(managed, [NewBlock]);

        Assert.Null(rebuilt.Request);
        Assert.Contains($"no route table of the requester VPC {RequesterVpcId} routes to it", rebuilt.Reason, StringComparison.Ordinal);
    }

    private static RebuiltRequest Rebuild(NetworkSnapshot snapshot) =>
        PeeringRequestRebuilder.Rebuild(Managed(snapshot), [NewBlock]);

    /// <summary>What the tool finds of a peered snapshot: its tables, and its groups' rules marked for the peering (the tcp/443 ones).</summary>
    private static ManagedPeering Managed(NetworkSnapshot snapshot) => new(
        snapshot.Peering! with { Tags = new Dictionary<string, string> { ["Name"] = "app-to-data" } },
        Found(snapshot.Requester),
        Found(snapshot.Accepter),
        Role,
        "req-1");

    private static ManagedSide Found(VpcSnapshot vpc) => new(
        vpc.RouteTables,
        [.. vpc.SecurityGroups.SelectMany(group => group.Ingress.Where(rule => rule.Protocol == "tcp")
            .Select(rule => new ManagedRule(group.GroupId, rule, "vpc-peering")))],
        false);

    /// <summary>A block associated on the accepter since: in its VPC and on the peering connection, routed nowhere.</summary>
    private static NetworkSnapshot WithAccepterBlock(NetworkSnapshot snapshot, string block) => snapshot with
    {
        Accepter = snapshot.Accepter with { Vpc = snapshot.Accepter.Vpc with { Ipv4CidrBlocks = [.. snapshot.Accepter.Vpc.Ipv4CidrBlocks, block] } },
        Peering = snapshot.Peering! with { Accepter = snapshot.Peering.Accepter with { Ipv4CidrBlocks = [.. snapshot.Peering.Accepter.Ipv4CidrBlocks, block] } },
    };
}
