using System.Text.Json.Nodes;
using Amazon.EC2;
using Amazon.EC2.Model;
using static LocalCloud.Tests.Ec2.Ec2TestCloud;

namespace LocalCloud.Tests.Ec2;

/// <summary>
/// EventBridge User Guide: "Tag Change on Resource" events (source aws.tag) and "AWS API Call via CloudTrail" events
/// (source aws.ec2); plus the state snapshot used by <c>serve --state</c>.
/// </summary>
public sealed class EventAndSnapshotTests : IDisposable
{
    private readonly Ec2TestCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Fact] // Tagging resources — "Tag Change on Resource" events on the default bus
    public async Task Tagging_a_vpc_emits_a_tag_change_event_with_the_full_tag_set()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");
        await _cloud.Client().CreateTagsAsync(new CreateTagsRequest { Resources = [vpc.VpcId], Tags = [new Tag("Name", "app")] });

        await _cloud.Client().CreateTagsAsync(new CreateTagsRequest { Resources = [vpc.VpcId], Tags = [new Tag("peering:peer-vpc", "vpc-0123456789abcdef0")] });

        var events = _cloud.Events.Events.Where(e => e.Source == "aws.tag").ToList();
        Assert.Equal(2, events.Count);
        var last = events[^1];
        Assert.Equal("Tag Change on Resource", last.DetailType);
        Assert.Equal(Requester, last.AccountId);
        Assert.Equal(East, last.Region);
        Assert.Equal($"arn:aws:ec2:{East}:{Requester}:vpc/{vpc.VpcId}", Assert.Single(last.Resources));
        Assert.Equal(["peering:peer-vpc"], last.Detail["changed-tag-keys"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal("ec2", last.Detail["service"]!.GetValue<string>());
        Assert.Equal("vpc", last.Detail["resource-type"]!.GetValue<string>());
        Assert.Equal(2, last.Detail["version"]!.GetValue<int>());
        Assert.Equal("app", last.Detail["tags"]!["Name"]!.GetValue<string>());
        Assert.Equal("vpc-0123456789abcdef0", last.Detail["tags"]!["peering:peer-vpc"]!.GetValue<string>());
    }

    [Fact] // Tagging resources — removing a tag is a tag change too
    public async Task Deleting_a_tag_emits_a_tag_change_event_without_the_key()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");
        await _cloud.Client().CreateTagsAsync(new CreateTagsRequest { Resources = [vpc.VpcId], Tags = [new Tag("peering:peer-vpc", "vpc-0123456789abcdef0")] });

        await _cloud.Client().DeleteTagsAsync(new DeleteTagsRequest { Resources = [vpc.VpcId], Tags = [new Tag { Key = "peering:peer-vpc" }] });

        var last = _cloud.Events.Events.Last(e => e.Source == "aws.tag");
        Assert.Equal("peering:peer-vpc", last.Detail["changed-tag-keys"]![0]!.GetValue<string>());
        Assert.Empty(last.Detail["tags"]!.AsObject());
    }

    [Fact] // CloudTrail: "AWS API Call via CloudTrail" for a mutating EC2 call, none for Describe calls
    public async Task A_mutating_call_emits_a_cloudtrail_event()
    {
        var vpc = await _cloud.CreateVpcAsync("10.0.0.0/16");
        await _cloud.Client().DescribeVpcsAsync(new DescribeVpcsRequest());

        var association = await _cloud.Client().AssociateVpcCidrBlockAsync(new AssociateVpcCidrBlockRequest { VpcId = vpc.VpcId, CidrBlock = "10.2.0.0/16" });

        var trail = _cloud.Events.Events.Where(e => e.Source == "aws.ec2").ToList();
        Assert.Equal(["CreateVpc", "AssociateVpcCidrBlock"], trail.Select(e => e.Detail["eventName"]!.GetValue<string>()));
        var detail = trail[^1].Detail;
        Assert.Equal("AWS API Call via CloudTrail", trail[^1].DetailType);
        Assert.Equal("ec2.amazonaws.com", detail["eventSource"]!.GetValue<string>());
        Assert.Equal(East, detail["awsRegion"]!.GetValue<string>());
        Assert.Equal(Requester, detail["userIdentity"]!["accountId"]!.GetValue<string>());
        Assert.Equal(vpc.VpcId, detail["requestParameters"]!["vpcId"]!.GetValue<string>());
        Assert.Equal("10.2.0.0/16", detail["requestParameters"]!["cidrBlock"]!.GetValue<string>());
        Assert.Equal(association.CidrBlockAssociation.AssociationId,
            detail["responseElements"]!["cidrBlockAssociation"]!["associationId"]!.GetValue<string>());
    }

    [Fact] // CloudTrail: failed calls are recorded with errorCode
    public async Task A_failed_mutating_call_is_recorded_with_its_error_code()
    {
        await FailsAsync("InvalidVpcID.NotFound", () => _cloud.Client().CreateSubnetAsync(
            new CreateSubnetRequest { VpcId = "vpc-0123456789abcdef0", CidrBlock = "10.0.0.0/24" }));

        var detail = _cloud.Events.Events.Single(e => e.Source == "aws.ec2").Detail;
        Assert.Equal("InvalidVpcID.NotFound", detail["errorCode"]!.GetValue<string>());
        Assert.Null(detail["responseElements"]);
    }

    [Fact] // serve --state: the whole EC2 state survives an export and an import
    public async Task The_state_round_trips_through_a_snapshot()
    {
        var (requester, _, pcxId) = await _cloud.ActivePeeringAsync();
        await _cloud.Client().CreateTagsAsync(new CreateTagsRequest { Resources = [requester.VpcId], Tags = [new Tag("Name", "app")] });
        using var snapshot = new MemoryStream();
        _cloud.Model.Export(snapshot);

        using var restored = new Ec2TestCloud();
        snapshot.Position = 0;
        restored.Model.Import(snapshot);
        restored.Advance(TimeSpan.FromSeconds(12));

        var vpc = (await restored.Client().DescribeVpcsAsync(new DescribeVpcsRequest { Filters = [new Filter("tag:Name", ["app"])] })).Vpcs.Single();
        Assert.Equal(requester.VpcId, vpc.VpcId);
        Assert.Equal(VpcPeeringConnectionStateReasonCode.Active.Value, (await restored.DescribePeeringAsync(pcxId, Accepter)).Status.Code.Value);
        var next = await restored.CreateVpcAsync("10.9.0.0/16");
        var original = await _cloud.CreateVpcAsync("10.9.0.0/16");
        Assert.Equal(original.VpcId, next.VpcId);
    }

    [Fact] // serve --state: the snapshot is plain JSON
    public async Task The_snapshot_is_json()
    {
        await _cloud.CreateVpcAsync("10.0.0.0/16");
        using var snapshot = new MemoryStream();

        _cloud.Model.Export(snapshot);

        var json = JsonNode.Parse(snapshot.ToArray())!;
        Assert.Single(json["vpcs"]!.AsArray());
    }
}
