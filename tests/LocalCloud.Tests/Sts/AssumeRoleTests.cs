using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using LocalCloud.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Sts;

/// <summary>
/// Follows the STS API reference, AssumeRole (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html)
/// and the IAM user guide on role trust policies and external ids
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html).
/// </summary>
public sealed class AssumeRoleTests
{
    private const string Hub = "111111111111";
    private const string Spoke = "222222222222";
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 6, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly EmulatedCloud _cloud;

    public AssumeRoleTests() => _cloud = new EmulatedCloud(_time);

    [Fact]
    public async Task A_role_trusting_the_callers_account_returns_credentials_that_act_as_the_role()
    {
        var role = Roles.Put(_cloud, Spoke, "PeeringAccepter", Roles.TrustAccount(Hub));
        using var sts = CloudClients.Sts(_cloud, Hub);

        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role.Arn, RoleSessionName = "accept" });
        using var asRole = CloudClients.Sts(_cloud, response.Credentials);
        var identity = await asRole.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal($"arn:aws:sts::{Spoke}:assumed-role/PeeringAccepter/accept", response.AssumedRoleUser.Arn);
        Assert.Equal($"{role.RoleId}:accept", response.AssumedRoleUser.AssumedRoleId);
        Assert.StartsWith("ASIA", response.Credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal(Start.AddHours(1).UtcDateTime, response.Credentials.Expiration!.Value.ToUniversalTime());
        Assert.Equal(Spoke, identity.Account);
        Assert.Equal(response.AssumedRoleUser.Arn, identity.Arn);
        Assert.Equal($"{role.RoleId}:accept", identity.UserId);
    }

    [Fact]
    public async Task An_external_id_condition_admits_only_the_matching_external_id()
    {
        var trust = Roles.Trust($$"""{ "AWS": "{{Hub}}" }""", """{ "StringEquals": { "sts:ExternalId": "peering-7f3a" } }""");
        var role = Roles.Put(_cloud, Spoke, "ThirdParty", trust);
        using var sts = CloudClients.Sts(_cloud, Hub);

        var missing = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role.Arn, RoleSessionName = "s1" }));
        var wrong = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role.Arn, RoleSessionName = "s2", ExternalId = "peering-0000" }));
        var granted = await sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = role.Arn, RoleSessionName = "s3", ExternalId = "peering-7f3a" });

        Assert.Equal("AccessDenied", missing.ErrorCode);
        Assert.Equal("AccessDenied", wrong.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.NotNull(granted.Credentials.SessionToken);
    }

    [Fact]
    public async Task A_caller_from_an_account_the_trust_policy_does_not_name_is_denied()
    {
        var role = Roles.Put(_cloud, Spoke, "PeeringAccepter", Roles.TrustAccount(Hub));
        using var sts = CloudClients.Sts(_cloud, "333333333333");

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role.Arn, RoleSessionName = "intruder" }));

        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.Equal(
            $"User: arn:aws:iam::333333333333:root is not authorized to perform: sts:AssumeRole on resource: {role.Arn}", error.Message);
    }

    [Fact]
    public async Task A_deny_statement_overrides_an_allow_for_the_same_principal()
    {
        var trust = $$"""
            {
              "Version": "2012-10-17",
              "Statement": [
                { "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole" },
                { "Effect": "Deny", "Principal": { "AWS": "arn:aws:iam::{{Hub}}:root" }, "Action": "sts:*" }
              ]
            }
            """;
        var role = Roles.Put(_cloud, Spoke, "Guarded", trust);
        using var hub = CloudClients.Sts(_cloud, Hub);
        using var other = CloudClients.Sts(_cloud, "333333333333");

        var denied = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            hub.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role.Arn, RoleSessionName = "hub" }));
        var allowed = await other.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role.Arn, RoleSessionName = "other" });

        Assert.Equal("AccessDenied", denied.ErrorCode);
        Assert.Equal($"arn:aws:sts::{Spoke}:assumed-role/Guarded/other", allowed.AssumedRoleUser.Arn);
    }

    [Fact]
    public async Task A_role_that_does_not_exist_is_access_denied_as_sts_answers()
    {
        using var sts = CloudClients.Sts(_cloud, Hub);

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{Spoke}:role/Missing", RoleSessionName = "s1" }));

        Assert.Equal("AccessDenied", error.ErrorCode);
    }

    [Theory]
    [InlineData(899, "Member must have value greater than or equal to 900")]
    [InlineData(7200, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")]
    public async Task A_duration_outside_the_roles_bounds_is_a_validation_error(int seconds, string message)
    {
        var role = Roles.Put(_cloud, Spoke, "PeeringAccepter", Roles.TrustAccount(Hub));
        using var sts = CloudClients.Sts(_cloud, Hub);

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role.Arn, RoleSessionName = "s1", DurationSeconds = seconds }));

        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_credentials_stop_working_when_they_expire_on_the_clouds_clock()
    {
        var role = Roles.Put(_cloud, Spoke, "PeeringAccepter", Roles.TrustAccount(Hub));
        using var sts = CloudClients.Sts(_cloud, Hub);
        var session = await sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = role.Arn, RoleSessionName = "s1", DurationSeconds = 900 });
        using var asRole = CloudClients.Sts(_cloud, session.Credentials);

        _time.Advance(TimeSpan.FromMinutes(15));
        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(
            () => asRole.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal("ExpiredToken", error.ErrorCode);
    }

    [Fact]
    public async Task A_trust_policy_naming_a_role_admits_that_roles_sessions_with_at_most_one_hour_when_chaining()
    {
        var hubRole = Roles.Put(_cloud, Hub, "Orchestrator", Roles.TrustAccount(Hub));
        var spokeRole = Roles.Put(_cloud, Spoke, "PeeringAccepter", Roles.Trust($$"""{ "AWS": "{{hubRole.Arn}}" }"""));
        using var root = CloudClients.Sts(_cloud, Hub);
        var first = await root.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = hubRole.Arn, RoleSessionName = "run" });
        using var asHubRole = CloudClients.Sts(_cloud, first.Credentials);

        var chained = await asHubRole.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = spokeRole.Arn, RoleSessionName = "accept" });
        var tooLong = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            asHubRole.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = spokeRole.Arn, RoleSessionName = "long", DurationSeconds = 3601 }));
        var rootDenied = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            root.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = spokeRole.Arn, RoleSessionName = "root" }));

        Assert.Equal($"arn:aws:sts::{Spoke}:assumed-role/PeeringAccepter/accept", chained.AssumedRoleUser.Arn);
        Assert.Contains("1 hour session limit for roles assumed by role chaining", tooLong.Message, StringComparison.Ordinal);
        Assert.Equal("AccessDenied", rootDenied.ErrorCode);
    }

    [Fact]
    public void A_service_principal_assumes_an_execution_role_only_when_the_trust_policy_names_that_service()
    {
        var role = Roles.Put(_cloud, Hub, "PeeringFunction", Roles.Trust("""{ "Service": "lambda.amazonaws.com" }"""));

        var session = _cloud.Sts.AssumeRoleAsService("lambda.amazonaws.com", role.Arn, "CreatePeering");
        var error = Assert.Throws<Core.AwsServiceException>(() => _cloud.Sts.AssumeRoleAsService("states.amazonaws.com", role.Arn, "Run"));

        Assert.Equal($"arn:aws:sts::{Hub}:assumed-role/PeeringFunction/CreatePeering", session.AssumedRoleArn);
        Assert.Equal(role.Arn, _cloud.Credentials.Resolve(session.Credentials.AccessKeyId)!.Principal.RoleArn);
        Assert.Equal("AccessDenied", error.Code);
    }

    [Fact]
    public async Task A_session_name_with_forbidden_characters_is_a_validation_error()
    {
        var role = Roles.Put(_cloud, Spoke, "PeeringAccepter", Roles.TrustAccount(Hub));
        var form = $"Action=AssumeRole&Version=2011-06-15&RoleArn={Uri.EscapeDataString(role.Arn)}&RoleSessionName=no%20spaces";

        var response = await _cloud.DispatchAsync(SignedRequests.Query(_cloud, Hub, "sts", form));

        Assert.Equal(("ValidationError", 400), (response.ErrorCode, response.StatusCode));
    }

    [Fact]
    public async Task With_identity_policies_enforced_a_role_session_also_needs_sts_AssumeRole_on_the_target()
    {
        _cloud.Iam.EnforceIdentityPolicies = true;
        var allowAssume = new LocalCloud.Iam.IamPolicy("assume", $$"""
            { "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::{{Spoke}}:role/Allowed*" }] }
            """);
        var hubRole = Roles.Put(_cloud, Hub, "Orchestrator", Roles.TrustAccount(Hub), allowAssume);
        var allowed = Roles.Put(_cloud, Spoke, "AllowedAccepter", Roles.TrustAccount(Hub));
        var other = Roles.Put(_cloud, Spoke, "OtherAccepter", Roles.TrustAccount(Hub));
        using var root = CloudClients.Sts(_cloud, Hub);
        var session = await root.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = hubRole.Arn, RoleSessionName = "run" });
        using var asHubRole = CloudClients.Sts(_cloud, session.Credentials);

        var granted = await asHubRole.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = allowed.Arn, RoleSessionName = "ok" });
        var denied = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            asHubRole.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = other.Arn, RoleSessionName = "no" }));

        Assert.Equal($"arn:aws:sts::{Spoke}:assumed-role/AllowedAccepter/ok", granted.AssumedRoleUser.Arn);
        Assert.Equal("AccessDenied", denied.ErrorCode);
    }

    [Fact]
    public async Task A_wildcard_principal_with_a_principal_account_condition_admits_only_that_account()
    {
        var trust = Roles.Trust("\"*\"", $$"""{ "StringEquals": { "aws:PrincipalAccount": "{{Hub}}" } }""");
        var role = Roles.Put(_cloud, Spoke, "Conditional", trust);
        using var hub = CloudClients.Sts(_cloud, Hub);
        using var other = CloudClients.Sts(_cloud, "333333333333");

        await hub.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role.Arn, RoleSessionName = "hub" });
        var denied = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            other.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role.Arn, RoleSessionName = "other" }));

        Assert.Equal("AccessDenied", denied.ErrorCode);
    }

    [Fact]
    public async Task Assumed_role_credentials_act_in_the_roles_account_for_other_services()
    {
        LocalCloud.Ec2.Ec2Service.AddTo(_cloud);
        var role = Roles.Put(_cloud, Spoke, "PeeringAccepter", Roles.TrustAccount(Hub));
        var credentials = await CloudClients.AssumeRoleAsync(_cloud, Hub, role.Arn, "accept");
        using var ec2AsRole = CloudClients.Ec2(_cloud, credentials);
        using var ec2AsSpoke = CloudClients.Ec2(_cloud, Spoke);

        var created = await ec2AsRole.CreateVpcAsync(new Amazon.EC2.Model.CreateVpcRequest { CidrBlock = "10.2.0.0/16" });
        var seenBySpoke = await ec2AsSpoke.DescribeVpcsAsync(new Amazon.EC2.Model.DescribeVpcsRequest { VpcIds = [created.Vpc.VpcId] });

        Assert.Equal(Spoke, created.Vpc.OwnerId);
        Assert.Single(seenBySpoke.Vpcs);
        var logged = _cloud.RequestLog.For("ec2", "CreateVpc").Single();
        Assert.Equal((Spoke, role.Arn, $"arn:aws:sts::{Spoke}:assumed-role/PeeringAccepter/accept"),
            (logged.AccountId, logged.RoleArn, logged.CallerArn));
    }
}
