using Amazon.EC2.Model;
using static LocalCloud.Tests.Ec2.Ec2TestCloud;

namespace LocalCloud.Tests.Ec2;

/// <summary>EC2 API Reference: CreateSecurityGroup, Authorize/RevokeSecurityGroupIngress/Egress, DescribeSecurityGroupRules, DescribeStaleSecurityGroups.</summary>
public sealed class SecurityGroupTests : IDisposable
{
    private readonly Ec2TestCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Fact] // API Reference: CreateSecurityGroup — a new group allows all outbound traffic
    public async Task CreateSecurityGroup_gets_the_default_egress_rule()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");

        var created = await _cloud.Client().CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = "web", Description = "web", VpcId = vpc.VpcId });
        var group = (await _cloud.Client().DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [created.GroupId] })).SecurityGroups.Single();

        Assert.Matches("^sg-[0-9a-f]{17}$", created.GroupId);
        Assert.Empty(group.IpPermissions ?? []);
        Assert.Equal("0.0.0.0/0", group.IpPermissionsEgress.Single().Ipv4Ranges.Single().CidrIp);
        await FailsAsync("InvalidGroup.Duplicate", () => _cloud.Client().CreateSecurityGroupAsync(
            new CreateSecurityGroupRequest { GroupName = "web", Description = "again", VpcId = vpc.VpcId }));
    }

    [Fact] // API Reference: AuthorizeSecurityGroupIngress — returns the new rules with sgr- ids
    public async Task AuthorizeSecurityGroupIngress_returns_rule_ids()
    {
        var groupId = await GroupAsync();

        var response = await _cloud.Client().AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = groupId,
            IpPermissions = [Tcp(443, "10.1.0.0/16"), Tcp(5432, "10.1.0.0/16")],
        });

        Assert.True(response.Return);
        Assert.Equal(2, response.SecurityGroupRules.Count);
        Assert.All(response.SecurityGroupRules, r => Assert.Matches("^sgr-[0-9a-f]{17}$", r.SecurityGroupRuleId));
        Assert.Equal([443, 5432], response.SecurityGroupRules.Select(r => r.FromPort!.Value));
    }

    [Fact] // API Reference: AuthorizeSecurityGroupIngress — InvalidPermission.Duplicate, and the call adds nothing
    public async Task A_duplicate_fails_the_whole_call_and_adds_nothing()
    {
        var groupId = await GroupAsync();
        await _cloud.Client().AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = groupId, IpPermissions = [Tcp(443, "10.1.0.0/16")] });

        await FailsAsync("InvalidPermission.Duplicate", () => _cloud.Client().AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = groupId,
            IpPermissions = [Tcp(22, "10.1.0.0/16"), Tcp(443, "10.1.0.0/16")],
        }));

        var rules = await IngressRulesAsync(groupId);
        Assert.Equal([443], rules.Select(r => r.FromPort!.Value));
    }

    [Fact] // API Reference: RevokeSecurityGroupIngress — InvalidPermission.NotFound
    public async Task Revoking_a_rule_that_does_not_exist_is_InvalidPermission_NotFound()
    {
        var groupId = await GroupAsync();
        await _cloud.Client().AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = groupId, IpPermissions = [Tcp(443, "10.1.0.0/16")] });

        await FailsAsync("InvalidPermission.NotFound", () => _cloud.Client().RevokeSecurityGroupIngressAsync(
            new RevokeSecurityGroupIngressRequest { GroupId = groupId, IpPermissions = [Tcp(444, "10.1.0.0/16")] }));
        await _cloud.Client().RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest { GroupId = groupId, IpPermissions = [Tcp(443, "10.1.0.0/16")] });

        Assert.Empty(await IngressRulesAsync(groupId));
    }

    [Fact] // API Reference: RevokeSecurityGroupEgress by SecurityGroupRuleId
    public async Task RevokeSecurityGroupEgress_by_rule_id_removes_the_default_egress()
    {
        var groupId = await GroupAsync();
        var egress = (await _cloud.Client().DescribeSecurityGroupRulesAsync(new DescribeSecurityGroupRulesRequest
        {
            Filters = [new Filter("group-id", [groupId])],
        })).SecurityGroupRules.Single(r => r.IsEgress == true);

        await _cloud.Client().RevokeSecurityGroupEgressAsync(new RevokeSecurityGroupEgressRequest { GroupId = groupId, SecurityGroupRuleIds = [egress.SecurityGroupRuleId] });

        var group = (await _cloud.Client().DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [groupId] })).SecurityGroups.Single();
        Assert.Empty(group.IpPermissionsEgress ?? []);
    }

    [Fact] // API Reference: DescribeSecurityGroupRules — filters group-id and security-group-rule-id
    public async Task DescribeSecurityGroupRules_lists_each_rule_with_its_peer()
    {
        var groupId = await GroupAsync();
        var added = (await _cloud.Client().AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = groupId,
            IpPermissions = [Tcp(443, "10.1.0.0/16")],
        })).SecurityGroupRules.Single();

        var rule = (await _cloud.Client().DescribeSecurityGroupRulesAsync(new DescribeSecurityGroupRulesRequest
        {
            Filters = [new Filter("security-group-rule-id", [added.SecurityGroupRuleId])],
        })).SecurityGroupRules.Single();

        Assert.Equal(groupId, rule.GroupId);
        Assert.Equal(Requester, rule.GroupOwnerId);
        Assert.False(rule.IsEgress);
        Assert.Equal("tcp", rule.IpProtocol);
        Assert.Equal("10.1.0.0/16", rule.CidrIpv4);
    }

    [Fact] // Update your security groups to reference peer security groups — across an active same-Region peering
    public async Task A_peer_security_group_can_be_referenced_across_an_active_same_region_peering()
    {
        var (requester, accepter, pcxId) = await _cloud.ActivePeeringAsync();
        var mine = await GroupAsync(requester.VpcId);
        var theirs = await PeerGroupAsync(accepter.VpcId);

        await _cloud.Client().AuthorizeSecurityGroupIngressAsync(ReferencePeer(mine, theirs, Accepter));

        var pair = (await IngressRulesAsync(mine)).Single();
        var group = (await _cloud.Client().DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [mine] })).SecurityGroups.Single();
        var reference = group.IpPermissions.Single().UserIdGroupPairs.Single();
        Assert.Equal(theirs, pair.ReferencedGroupInfo.GroupId);
        Assert.Equal(Accepter, reference.UserId);
        Assert.Equal(pcxId, reference.VpcPeeringConnectionId);
        Assert.Equal("active", reference.PeeringStatus);
    }

    [Fact] // Update your security groups to reference peer security groups — not across an inter-Region peering
    public async Task A_peer_security_group_cannot_be_referenced_across_regions()
    {
        var (requester, accepter, _) = await _cloud.ActivePeeringAsync(accepterRegion: West);
        var mine = await GroupAsync(requester.VpcId);
        var theirs = await PeerGroupAsync(accepter.VpcId, West);

        await FailsAsync("InvalidGroup.NotFound", () => _cloud.Client().AuthorizeSecurityGroupIngressAsync(ReferencePeer(mine, theirs, Accepter)));
    }

    [Fact] // Update your security groups to reference peer security groups — not without an active peering
    public async Task A_security_group_of_an_unpeered_vpc_cannot_be_referenced()
    {
        var mine = await GroupAsync();
        var other = await _cloud.CreateVpcAsync("10.1.0.0/16", Accepter);
        var theirs = await PeerGroupAsync(other.VpcId);

        await FailsAsync("InvalidGroup.NotFound", () => _cloud.Client().AuthorizeSecurityGroupIngressAsync(ReferencePeer(mine, $"{Accepter}/{theirs}", null)));
    }

    [Fact] // API Reference: DescribeStaleSecurityGroups — rules referencing a peer group after the peering is deleted
    public async Task Rules_referencing_a_peer_group_become_stale_when_the_peering_is_deleted()
    {
        var (requester, accepter, pcxId) = await _cloud.ActivePeeringAsync();
        var mine = await GroupAsync(requester.VpcId);
        var theirs = await PeerGroupAsync(accepter.VpcId);
        await _cloud.Client().AuthorizeSecurityGroupIngressAsync(ReferencePeer(mine, theirs, Accepter));
        var before = (await _cloud.Client().DescribeStaleSecurityGroupsAsync(new DescribeStaleSecurityGroupsRequest { VpcId = requester.VpcId })).StaleSecurityGroupSet;

        await _cloud.Client().DeleteVpcPeeringConnectionAsync(new DeleteVpcPeeringConnectionRequest { VpcPeeringConnectionId = pcxId });
        var stale = (await _cloud.Client().DescribeStaleSecurityGroupsAsync(new DescribeStaleSecurityGroupsRequest { VpcId = requester.VpcId })).StaleSecurityGroupSet;

        Assert.Empty(before ?? []);
        var group = Assert.Single(stale);
        Assert.Equal(mine, group.GroupId);
        var permission = Assert.Single(group.StaleIpPermissions);
        Assert.Equal(5432, permission.FromPort);
        Assert.Equal(theirs, permission.UserIdGroupPairs.Single().GroupId);
        Assert.Equal("deleted", permission.UserIdGroupPairs.Single().PeeringStatus);
    }

    [Fact] // Amazon VPC quotas: inbound rules per security group
    public async Task Rules_per_group_are_limited()
    {
        using var cloud = new Ec2TestCloud(new LocalCloud.Ec2.Ec2Options { RulesPerSecurityGroup = 2 });
        var vpc = await cloud.CreateVpcAsync("10.0.0.0/16");
        var groupId = (await cloud.Client().CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = "g", Description = "g", VpcId = vpc.VpcId })).GroupId;

        await FailsAsync("RulesPerSecurityGroupLimitExceeded", () => cloud.Client().AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = groupId,
            IpPermissions = [Tcp(1, "10.1.0.0/16"), Tcp(2, "10.1.0.0/16"), Tcp(3, "10.1.0.0/16")],
        }));
    }

    [Fact] // API Reference: DescribeSecurityGroups — ip-permission.* filters
    public async Task DescribeSecurityGroups_filters_on_ip_permissions()
    {
        var a = await GroupAsync();
        var vpc = await _cloud.CreateVpcAsync("10.5.0.0/16");
        var b = await GroupAsync(vpc.VpcId);
        await _cloud.Client().AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = a, IpPermissions = [Tcp(443, "10.1.0.0/16")] });
        await _cloud.Client().AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = b, IpPermissions = [Tcp(22, "10.1.0.0/16")] });

        var groups = (await _cloud.Client().DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters = [new Filter("ip-permission.from-port", ["443"]), new Filter("ip-permission.cidr", ["10.1.0.0/16"])],
        })).SecurityGroups;

        Assert.Equal(a, Assert.Single(groups).GroupId);
    }

    private async Task<string> GroupAsync(string? vpcId = null)
    {
        vpcId ??= (await _cloud.CreateVpcAsync("10.0.0.0/16")).VpcId;
        return (await _cloud.Client().CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = "app", Description = "app", VpcId = vpcId })).GroupId;
    }

    private async Task<List<SecurityGroupRule>> IngressRulesAsync(string groupId) =>
        [.. ((await _cloud.Client().DescribeSecurityGroupRulesAsync(new DescribeSecurityGroupRulesRequest
        {
            Filters = [new Filter("group-id", [groupId])],
        })).SecurityGroupRules ?? []).Where(r => r.IsEgress == false)];

    private async Task<string> PeerGroupAsync(string vpcId, string region = East) =>
        (await _cloud.Client(Accepter, region).CreateSecurityGroupAsync(
            new CreateSecurityGroupRequest { GroupName = "db", Description = "db", VpcId = vpcId })).GroupId;

    /// <summary>Ingress on tcp/5432 from a group in the peer VPC (<c>UserId</c> + <c>GroupId</c>, or <c>account/sg-id</c>).</summary>
    private static AuthorizeSecurityGroupIngressRequest ReferencePeer(string groupId, string peerGroupId, string? peerAccount) => new()
    {
        GroupId = groupId,
        IpPermissions = [new IpPermission
        {
            IpProtocol = "tcp",
            FromPort = 5432,
            ToPort = 5432,
            UserIdGroupPairs = [new UserIdGroupPair { GroupId = peerGroupId, UserId = peerAccount }],
        }],
    };

    private static IpPermission Tcp(int port, string cidr) => new()
    {
        IpProtocol = "tcp",
        FromPort = port,
        ToPort = port,
        Ipv4Ranges = [new IpRange { CidrIp = cidr }],
    };
}
