using Amazon.SecurityToken.Model;
using LocalCloud.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Hosting;

/// <summary>
/// The request log records what CloudTrail would for each call (event time, account, region, event source and
/// name, user identity, error code, request id:
/// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html).
/// </summary>
public sealed class RequestLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Each_call_is_logged_with_account_region_action_caller_outcome_time_and_request_id()
    {
        var time = new FakeTimeProvider(Start);
        var cloud = new EmulatedCloud(time);
        var role = Roles.Put(cloud, "222222222222", "Accepter", Roles.TrustAccount("111111111111"));
        using var root = CloudClients.Sts(cloud, "111111111111", "eu-west-1");

        var session = await root.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role.Arn, RoleSessionName = "accept" });
        time.Advance(TimeSpan.FromSeconds(30));
        using var asRole = CloudClients.Sts(cloud, session.Credentials, "us-west-2");
        var identity = await asRole.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        await Assert.ThrowsAnyAsync<Amazon.Runtime.AmazonServiceException>(() =>
            root.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::222222222222:role/Nope", RoleSessionName = "xx" }));

        var log = cloud.RequestLog.Entries;
        Assert.Equal(3, log.Count);
        Assert.Equal(("111111111111", "eu-west-1", "sts", "AssumeRole", "arn:aws:iam::111111111111:root", "ok", Start),
            (log[0].AccountId, log[0].Region, log[0].Service, log[0].Action, log[0].CallerArn, log[0].Outcome, log[0].Time));
        Assert.Equal(session.ResponseMetadata.RequestId, log[0].RequestId);
        Assert.Equal(("222222222222", "us-west-2", "GetCallerIdentity", identity.Arn, role.Arn, Start.AddSeconds(30)),
            (log[1].AccountId, log[1].Region, log[1].Action, log[1].CallerArn, log[1].RoleArn, log[1].Time));
        Assert.Equal(("AccessDenied", 403), (log[2].Outcome, log[2].StatusCode));
    }

    [Fact]
    public async Task Calls_can_be_counted_by_action_and_failures_are_logged_with_their_error_code()
    {
        var cloud = new EmulatedCloud();
        cloud.AddService(new StubQueryService("ec2", StubQueryService.Ok));
        var send = (string action) =>
            cloud.DispatchAsync(SignedRequests.Query(cloud, "111111111111", "ec2", $"Action={action}&Version=2016-11-15"));

        await send("CreateVpc");
        await send("CreateVpc");
        await send("DescribeVpcs");
        await send("AcceptVpcPeeringConnection");
        await cloud.DispatchAsync(SignedRequests.Query(cloud, "111111111111", "ec2", "Action=CreateVpc", secret: "wrong"));

        var mutations = cloud.RequestLog.CountByAction("ec2", e => !e.IsReadOnly && e.Succeeded);
        Assert.Equal(new Dictionary<string, int> { ["CreateVpc"] = 2, ["AcceptVpcPeeringConnection"] = 1 }, mutations);
        Assert.Equal("SignatureDoesNotMatch", cloud.RequestLog.For("ec2").Last().Outcome);
    }
}
