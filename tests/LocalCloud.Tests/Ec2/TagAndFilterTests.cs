using Amazon.EC2.Model;
using static LocalCloud.Tests.Ec2.Ec2TestCloud;

namespace LocalCloud.Tests.Ec2;

/// <summary>EC2 API Reference: CreateTags, DeleteTags, DescribeTags, and the Filter / MaxResults / NextToken conventions of Describe actions.</summary>
public sealed class TagAndFilterTests : IDisposable
{
    private readonly Ec2TestCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Fact] // API Reference: CreateTags / DescribeVpcs filters tag:key, tag-key
    public async Task Tags_are_added_and_found_by_tag_filters()
    {
        var tagged = await _cloud.CreateVpcAsync("10.0.0.0/16");
        await _cloud.CreateVpcAsync("10.1.0.0/16");

        await _cloud.Client().CreateTagsAsync(new CreateTagsRequest { Resources = [tagged.VpcId], Tags = [new Tag("peering:peer-vpc", "vpc-0123456789abcdef0"), new Tag("Name", "app")] });

        var byKeyValue = (await _cloud.Client().DescribeVpcsAsync(new DescribeVpcsRequest { Filters = [new Filter("tag:Name", ["app"])] })).Vpcs;
        var byKey = (await _cloud.Client().DescribeVpcsAsync(new DescribeVpcsRequest { Filters = [new Filter("tag-key", ["peering:*"])] })).Vpcs;
        Assert.Equal(tagged.VpcId, Assert.Single(byKeyValue).VpcId);
        Assert.Equal(tagged.VpcId, Assert.Single(byKey).VpcId);
        Assert.Equal(2, byKey.Single().Tags.Count);
    }

    [Fact] // API Reference: CreateVpc — TagSpecification
    public async Task Tags_can_be_given_at_creation()
    {
        var vpc = (await _cloud.Client().CreateVpcAsync(new CreateVpcRequest
        {
            CidrBlock = "10.0.0.0/16",
            TagSpecifications = [new TagSpecification { ResourceType = "vpc", Tags = [new Tag("Name", "app")] }],
        })).Vpc;

        Assert.Equal("app", vpc.Tags.Single().Value);
    }

    [Fact] // API Reference: DeleteTags — a value given deletes only when it matches
    public async Task DeleteTags_removes_a_key_only_when_the_given_value_matches()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");
        await _cloud.Client().CreateTagsAsync(new CreateTagsRequest { Resources = [vpc.VpcId], Tags = [new Tag("a", "1"), new Tag("b", "2")] });

        await _cloud.Client().DeleteTagsAsync(new DeleteTagsRequest { Resources = [vpc.VpcId], Tags = [new Tag("a", "other"), new Tag { Key = "b" }] });

        var tags = (await _cloud.Client().DescribeTagsAsync(new DescribeTagsRequest { Filters = [new Filter("resource-id", [vpc.VpcId])] })).Tags;
        var remaining = Assert.Single(tags);
        Assert.Equal("a", remaining.Key);
        Assert.Equal("vpc", remaining.ResourceType.Value);
    }

    [Fact] // API Reference: CreateTags — tags on a shared peering connection are per account
    public async Task Tags_on_a_peering_connection_are_per_account()
    {
        var (_, _, pcxId) = await _cloud.ActivePeeringAsync();

        await _cloud.Client().CreateTagsAsync(new CreateTagsRequest { Resources = [pcxId], Tags = [new Tag("Name", "mine")] });
        await _cloud.Client(Accepter).CreateTagsAsync(new CreateTagsRequest { Resources = [pcxId], Tags = [new Tag("Name", "theirs")] });

        Assert.Equal("mine", (await _cloud.DescribePeeringAsync(pcxId)).Tags.Single().Value);
        Assert.Equal("theirs", (await _cloud.DescribePeeringAsync(pcxId, Accepter)).Tags.Single().Value);
    }

    [Fact] // API Reference: CreateTags — another account's resource is not found
    public async Task Another_accounts_vpc_cannot_be_tagged()
    {
        var theirs = await _cloud.CreateVpcAsync("10.0.0.0/16", Accepter);

        await FailsAsync("InvalidVpcID.NotFound", () => _cloud.Client().CreateTagsAsync(new CreateTagsRequest { Resources = [theirs.VpcId], Tags = [new Tag("a", "b")] }));
    }

    [Fact] // Tag your Amazon EC2 resources — tag restrictions: the aws: prefix is reserved
    public async Task Keys_with_the_aws_prefix_are_reserved()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");

        await FailsAsync("InvalidParameterValue", () => _cloud.Client().CreateTagsAsync(new CreateTagsRequest { Resources = [vpc.VpcId], Tags = [new Tag("aws:x", "b")] }));
    }

    [Fact] // API Reference: DescribeVpcPeeringConnections — status-code, requester-vpc-info.*, accepter-vpc-info.* filters
    public async Task Peering_connections_are_found_by_status_and_side_filters()
    {
        var (requester, accepter, pcxId) = await _cloud.ActivePeeringAsync();
        var other = await _cloud.CreateVpcAsync("10.2.0.0/16");
        await _cloud.RequestPeeringAsync(other.VpcId, accepter.VpcId, peerAccount: Accepter);

        var active = (await _cloud.Client().DescribeVpcPeeringConnectionsAsync(new DescribeVpcPeeringConnectionsRequest
        {
            Filters =
            [
                new Filter("status-code", ["active", "pending-acceptance"]),
                new Filter("requester-vpc-info.vpc-id", [requester.VpcId]),
                new Filter("accepter-vpc-info.owner-id", [Accepter]),
                new Filter("accepter-vpc-info.cidr-block", ["10.1.0.0/16"]),
            ],
        })).VpcPeeringConnections;

        Assert.Equal(pcxId, Assert.Single(active).VpcPeeringConnectionId);
    }

    [Fact] // API Reference: DescribeVpcs — cidr-block-association.cidr-block filter finds secondary blocks
    public async Task Vpcs_are_found_by_a_secondary_cidr()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");
        await _cloud.Client().AssociateVpcCidrBlockAsync(new AssociateVpcCidrBlockRequest { VpcId = vpc.VpcId, CidrBlock = "10.2.0.0/16" });

        var byCidr = (await _cloud.Client().DescribeVpcsAsync(new DescribeVpcsRequest { Filters = [new Filter("cidr", ["10.2.0.0/16"])] })).Vpcs ?? [];
        var byAssociation = (await _cloud.Client().DescribeVpcsAsync(new DescribeVpcsRequest
        {
            Filters = [new Filter("cidr-block-association.cidr-block", ["10.2.0.0/16"])],
        })).Vpcs;

        Assert.Empty(byCidr);
        Assert.Equal(vpc.VpcId, Assert.Single(byAssociation).VpcId);
    }

    [Fact] // API Reference: DescribeVpcs — an unknown filter name is InvalidParameterValue
    public async Task An_unknown_filter_is_invalid_even_when_nothing_would_match()
    {
        await FailsAsync("InvalidParameterValue", () => _cloud.Client().DescribeVpcsAsync(new DescribeVpcsRequest { Filters = [new Filter("colour", ["blue"])] }));
        await FailsAsync("InvalidParameterValue", () => _cloud.Client().DescribeRouteTablesAsync(
            new DescribeRouteTablesRequest { Filters = [new Filter("route.colour", ["blue"])] }));
    }

    [Fact] // EC2 API Reference: Pagination — MaxResults and NextToken
    public async Task Describe_results_page_with_MaxResults_and_NextToken()
    {
        for (var i = 0; i < 5; i++)
        {
            await _cloud.CreateVpcAsync($"10.{i}.0.0/16");
        }

        var vpcId = (await _cloud.Client().DescribeVpcsAsync(new DescribeVpcsRequest())).Vpcs[0].VpcId;
        for (var i = 0; i < 3; i++)
        {
            await _cloud.Client().CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = $"g{i}", Description = "g", VpcId = vpcId });
        }

        var first = await _cloud.Client().DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { MaxResults = 5 });
        var second = await _cloud.Client().DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { MaxResults = 5, NextToken = first.NextToken });

        Assert.Equal(5, first.SecurityGroups.Count);
        Assert.NotNull(first.NextToken);
        Assert.Equal(3, second.SecurityGroups.Count);
        Assert.Null(second.NextToken);
        Assert.Empty(first.SecurityGroups.Select(g => g.GroupId).Intersect(second.SecurityGroups?.Select(g => g.GroupId) ?? []));
        await FailsAsync("InvalidPaginationToken", () => _cloud.Client().DescribeVpcsAsync(new DescribeVpcsRequest { NextToken = "not-a-token" }));
    }
}
