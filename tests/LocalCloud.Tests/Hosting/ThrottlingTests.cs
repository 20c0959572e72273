using Amazon.SecurityToken.Model;
using LocalCloud.Core;
using LocalCloud.Hosting;
using LocalCloud.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Hosting;

/// <summary>
/// Follows "Request throttling for the Amazon EC2 API" (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html):
/// token buckets per account, Region and API action, sized by action class, refilled every second.
/// </summary>
public sealed class ThrottlingTests
{
    [Fact]
    public async Task Throttling_is_off_unless_enabled()
    {
        var cloud = new EmulatedCloud();
        cloud.Throttling.Limits["sts"] = new TokenBucketLimit(1, 0);
        using var sts = CloudClients.Sts(cloud, "111111111111");

        for (var i = 0; i < 3; i++)
        {
            await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        }

        Assert.All(cloud.RequestLog.Entries, e => Assert.True(e.Succeeded));
    }

    [Fact]
    public async Task An_empty_bucket_answers_Throttling_until_the_clouds_clock_refills_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero));
        var cloud = new EmulatedCloud(time);
        cloud.Throttling.Limits["sts"] = new TokenBucketLimit(2, 1);
        cloud.Throttling.Enable();
        using var sts = CloudClients.Sts(cloud, "111111111111");

        await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        var throttled = await Assert.ThrowsAnyAsync<Amazon.Runtime.AmazonServiceException>(
            () => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        time.Advance(TimeSpan.FromSeconds(1));
        await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal("Throttling", throttled.ErrorCode);
    }

    [Fact]
    public async Task Ec2_throttles_each_action_in_its_own_bucket_and_answers_RequestLimitExceeded()
    {
        var cloud = new EmulatedCloud(new FakeTimeProvider());
        cloud.AddService(new StubQueryService("ec2", StubQueryService.Ok));
        cloud.Throttling.Limits[RequestThrottler.Ec2Mutating] = new TokenBucketLimit(2, 5);
        cloud.Throttling.Enable();
        var send = (string action, string account) =>
            cloud.DispatchAsync(SignedRequests.Query(cloud, account, "ec2", $"Action={action}&Version=2016-11-15"));

        var outcomes = new List<string?>();
        foreach (var (action, account) in new[]
                 {
                     ("CreateVpc", "111111111111"), ("CreateVpc", "111111111111"), ("CreateVpc", "111111111111"),
                     ("CreateRoute", "111111111111"), ("CreateVpc", "222222222222"),
                 })
        {
            outcomes.Add((await send(action, account)).ErrorCode);
        }

        Assert.Equal([null, null, "RequestLimitExceeded", null, null], outcomes);
    }

    [Theory]
    [InlineData("CreateVpcPeeringConnection", "", RequestThrottler.Ec2Mutating)]
    [InlineData("DescribeVpcs", "&Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-1", RequestThrottler.Ec2NonMutating)]
    [InlineData("DescribeVpcs", "", RequestThrottler.Ec2Unfiltered)]
    public void Ec2_actions_fall_into_the_documented_classes(string action, string extra, string expected)
    {
        var request = new AwsServiceRequest("POST", "/", $"Action={action}{extra}",
            new Dictionary<string, string>(), ReadOnlyMemory<byte>.Empty);

        Assert.Equal(expected, RequestThrottler.Classify("ec2", action, request));
    }
}
