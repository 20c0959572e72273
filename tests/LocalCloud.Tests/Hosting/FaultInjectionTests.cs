using System.Text;
using Amazon.SecurityToken.Model;
using LocalCloud.Hosting;
using LocalCloud.Tests.Support;

namespace LocalCloud.Tests.Hosting;

/// <summary>
/// Injected faults use the target service's documented error shapes: EC2 error codes
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html) and STS errors
/// (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html).
/// </summary>
public sealed class FaultInjectionTests
{
    [Fact]
    public async Task A_seeded_rule_fails_the_same_calls_on_every_run()
    {
        var first = await OutcomesAsync(seed: 42);
        var second = await OutcomesAsync(seed: 42);
        var other = await OutcomesAsync(seed: 7);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Contains("InternalError", first);
        Assert.Contains("ok", first);
    }

    [Fact]
    public async Task A_fault_is_rendered_in_the_target_services_error_format()
    {
        var cloud = new EmulatedCloud();
        cloud.AddService(new StubQueryService("ec2", StubQueryService.Ok));
        cloud.Faults.Add(new FaultRule("ec2", "CreateVpcPeeringConnection", "VpcPeeringConnectionAlreadyExists", 400));
        using var sts = CloudClients.Sts(cloud, "111111111111");
        cloud.Faults.Add(
            new FaultRule("sts", "AssumeRole", "RegionDisabledException", 403) { Message = "STS is not activated in this region." });

        var ec2 = await cloud.DispatchAsync(SignedRequests.Query(cloud, "111111111111", "ec2", "Action=CreateVpcPeeringConnection"));
        var stsError = await Assert.ThrowsAsync<Amazon.SecurityToken.Model.RegionDisabledException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::111111111111:role/Any", RoleSessionName = "s1" }));

        Assert.Equal(400, ec2.StatusCode);
        Assert.StartsWith("<Response><Errors><Error><Code>VpcPeeringConnectionAlreadyExists</Code>", Encoding.UTF8.GetString(ec2.Body.Span),
            StringComparison.Ordinal);
        Assert.Equal("STS is not activated in this region.", stsError.Message);
    }

    [Fact]
    public async Task A_rule_stops_after_its_maximum_count_and_can_be_removed()
    {
        var cloud = new EmulatedCloud();
        using var sts = CloudClients.Sts(cloud, "111111111111");
        var rule = cloud.Faults.Add(new FaultRule("sts", "Get*", "InternalFailure") { MaxCount = 2 });
        var outcomes = new List<string>();

        for (var i = 0; i < 4; i++)
        {
            outcomes.Add(await OutcomeAsync(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest())));
        }

        rule.Dispose();

        Assert.Equal(["InternalFailure", "InternalFailure", "ok", "ok"], outcomes);
        Assert.Equal((4, 2), (rule.Matched, rule.Injected));
    }

    private static async Task<List<string>> OutcomesAsync(int seed)
    {
        var cloud = new EmulatedCloud();
        cloud.AddService(new StubQueryService("ec2", StubQueryService.Ok));
        cloud.Faults.Add(new FaultRule("ec2", "Describe*", "InternalError", 500, Rate: 0.5, Seed: seed));
        var outcomes = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            var response = await cloud.DispatchAsync(SignedRequests.Query(cloud, "111111111111", "ec2", "Action=DescribeVpcs"));
            outcomes.Add(response.ErrorCode ?? "ok");
        }

        return outcomes;
    }

    private static async Task<string> OutcomeAsync(Func<Task> call)
    {
        try
        {
            await call();
            return "ok";
        }
        catch (Amazon.Runtime.AmazonServiceException error)
        {
            return error.ErrorCode;
        }
    }
}
