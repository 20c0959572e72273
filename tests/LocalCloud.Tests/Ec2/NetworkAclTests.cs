using Amazon.EC2;
using Amazon.EC2.Model;
using static LocalCloud.Tests.Ec2.Ec2TestCloud;

namespace LocalCloud.Tests.Ec2;

/// <summary>EC2 API Reference: CreateNetworkAcl, Create/Replace/DeleteNetworkAclEntry, ReplaceNetworkAclAssociation, DescribeNetworkAcls.</summary>
public sealed class NetworkAclTests : IDisposable
{
    private readonly Ec2TestCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Fact] // Amazon VPC User Guide: "Custom network ACLs" — deny everything until rules are added
    public async Task A_custom_network_acl_holds_only_the_deny_all_rules()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");

        var acl = (await _cloud.Client().CreateNetworkAclAsync(new CreateNetworkAclRequest { VpcId = vpc.VpcId })).NetworkAcl;

        Assert.Matches("^acl-[0-9a-f]{17}$", acl.NetworkAclId);
        Assert.False(acl.IsDefault);
        Assert.All(acl.Entries, e => Assert.Equal(RuleAction.Deny, e.RuleAction));
        Assert.Equal(2, acl.Entries.Count);
    }

    [Fact] // API Reference: CreateNetworkAclEntry — NetworkAclEntryAlreadyExists per rule number and direction
    public async Task A_rule_number_is_unique_per_direction()
    {
        var aclId = await AclAsync();
        var entry = Entry(aclId, 100, egress: false, "10.1.0.0/16", 443, 443);

        await _cloud.Client().CreateNetworkAclEntryAsync(entry);
        await _cloud.Client().CreateNetworkAclEntryAsync(Entry(aclId, 100, egress: true, "10.1.0.0/16", 1024, 65535));

        await FailsAsync("NetworkAclEntryAlreadyExists", () => _cloud.Client().CreateNetworkAclEntryAsync(entry));
        var acl = (await _cloud.Client().DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest { NetworkAclIds = [aclId] })).NetworkAcls.Single();
        var inbound = acl.Entries.Single(e => e.RuleNumber == 100 && e.Egress == false);
        Assert.Equal("6", inbound.Protocol);
        Assert.Equal(443, inbound.PortRange.From);
    }

    [Fact] // API Reference: ReplaceNetworkAclEntry and DeleteNetworkAclEntry
    public async Task Entries_can_be_replaced_and_deleted()
    {
        var aclId = await AclAsync();
        await _cloud.Client().CreateNetworkAclEntryAsync(Entry(aclId, 100, egress: false, "10.1.0.0/16", 443, 443));

        await _cloud.Client().ReplaceNetworkAclEntryAsync(new ReplaceNetworkAclEntryRequest
        {
            NetworkAclId = aclId, RuleNumber = 100, Egress = false, Protocol = "6", RuleAction = RuleAction.Deny,
            CidrBlock = "10.1.0.0/16", PortRange = new PortRange { From = 443, To = 443 },
        });
        var replaced = (await _cloud.Client().DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest { NetworkAclIds = [aclId] })).NetworkAcls.Single();
        await _cloud.Client().DeleteNetworkAclEntryAsync(new DeleteNetworkAclEntryRequest { NetworkAclId = aclId, RuleNumber = 100, Egress = false });

        Assert.Equal(RuleAction.Deny, replaced.Entries.Single(e => e.RuleNumber == 100).RuleAction);
        await FailsAsync("InvalidNetworkAclEntry.NotFound", () => _cloud.Client().DeleteNetworkAclEntryAsync(
            new DeleteNetworkAclEntryRequest { NetworkAclId = aclId, RuleNumber = 100, Egress = false }));
    }

    [Fact] // API Reference: ReplaceNetworkAclAssociation — a new subnet starts on the default ACL
    public async Task A_subnet_moves_from_the_default_acl_to_a_custom_one()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var subnet = (await _cloud.Client().CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc.VpcId, CidrBlock = "10.0.1.0/24" })).Subnet;
        var custom = (await _cloud.Client().CreateNetworkAclAsync(new CreateNetworkAclRequest { VpcId = vpc.VpcId })).NetworkAcl.NetworkAclId;
        var current = (await _cloud.Client().DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest
        {
            Filters = [new Filter("association.subnet-id", [subnet.SubnetId])],
        })).NetworkAcls.Single();

        var moved = await _cloud.Client().ReplaceNetworkAclAssociationAsync(new ReplaceNetworkAclAssociationRequest
        {
            AssociationId = current.Associations.Single().NetworkAclAssociationId,
            NetworkAclId = custom,
        });

        Assert.True(current.IsDefault);
        Assert.Matches("^aclassoc-[0-9a-f]{17}$", moved.NewAssociationId);
        var now = (await _cloud.Client().DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest
        {
            Filters = [new Filter("association.subnet-id", [subnet.SubnetId])],
        })).NetworkAcls.Single();
        Assert.Equal(custom, now.NetworkAclId);
    }

    [Fact] // API Reference: CreateNetworkAclEntry — rule numbers 1 to 32766
    public async Task A_rule_number_out_of_range_is_invalid()
    {
        var aclId = await AclAsync();

        await FailsAsync("InvalidParameterValue", () => _cloud.Client().CreateNetworkAclEntryAsync(Entry(aclId, 32767, false, "10.1.0.0/16", 443, 443)));
    }

    [Fact] // API Reference: DescribeNetworkAcls — entry.* filters
    public async Task DescribeNetworkAcls_filters_on_entries()
    {
        var aclId = await AclAsync();
        await _cloud.Client().CreateNetworkAclEntryAsync(Entry(aclId, 120, egress: false, "10.1.0.0/16", 1024, 65535));

        var acls = (await _cloud.Client().DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest
        {
            Filters = [new Filter("entry.port-range.from", ["1024"]), new Filter("entry.egress", ["false"]), new Filter("entry.cidr", ["10.1.0.0/16"])],
        })).NetworkAcls;

        Assert.Equal(aclId, Assert.Single(acls).NetworkAclId);
    }

    private async Task<string> AclAsync()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");
        return (await _cloud.Client().CreateNetworkAclAsync(new CreateNetworkAclRequest { VpcId = vpc.VpcId })).NetworkAcl.NetworkAclId;
    }

    private static CreateNetworkAclEntryRequest Entry(string aclId, int rule, bool egress, string cidr, int from, int to) => new()
    {
        NetworkAclId = aclId,
        RuleNumber = rule,
        Egress = egress,
        Protocol = "6",
        RuleAction = RuleAction.Allow,
        CidrBlock = cidr,
        PortRange = new PortRange { From = from, To = to },
    };
}
