using System.Text.Json.Nodes;
using LocalCloud.Iam;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Tests.Support;
using static VpcPeering.Functions.Tests.Support.FunctionsCloud;

namespace VpcPeering.Functions.Tests;

public sealed class CrossAccountTests : IDisposable
{
    private const string ExternalId = "shared-secret-1";
    private readonly FunctionsCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Fact]
    public async Task Role_mode_accepts_and_configures_the_accepter_side_through_the_assumed_role()
    {
        var (run, accepter) = await RoleModeRunAsync(ExternalId);

        var plan = await run.PreflightAsync();
        await run.RequestPeeringAsync();
        _cloud.Advance(2);
        await run.AcceptAsync();
        _cloud.Advance(5);
        await run.DescribeAsync();
        await run.ConfigureAsync(new ConfigureRoutesFunction(_cloud.Services()).Handle, "accepter");

        Assert.Equal("role", plan["acceptMode"]!.GetValue<string>());
        Assert.Equal("active", run.Peering!["status"]!.GetValue<string>());
        Assert.Contains((await _cloud.RouteTablesAsync(accepter.VpcId, AccountB)).SelectMany(table => table.Routes),
            route => route.DestinationCidrBlock == "10.0.0.0/16" && route.VpcPeeringConnectionId == run.PeeringConnectionId);
    }

    [Fact]
    public async Task A_wrong_external_id_is_AccessDenied()
    {
        var (run, _) = await RoleModeRunAsync("not-the-secret");

        await Assert.ThrowsAsync<AccessDenied>(run.PreflightAsync);
    }

    [Fact]
    public async Task Event_mode_without_a_role_plans_the_requester_side_only()
    {
        var run = await ResolvedEventModeRunAsync();

        var plan = await run.PreflightAsync();

        Assert.Equal("event", plan["acceptMode"]!.GetValue<string>());
        Assert.Empty(plan["plan"]!["problems"]!.AsArray());
    }

    [Fact]
    public async Task The_accepter_rejects_a_requester_account_outside_its_allow_list()
    {
        var run = await PendingEventModeRunAsync();

        var decision = await Decide(run, allowedAccounts: "333333333333");

        Assert.Equal("reject", decision["decision"]!.GetValue<string>());
        Assert.Equal(nameof(RequesterNotAllowed), decision["error"]!.GetValue<string>());
        Assert.Equal("rejected", (await _cloud.PeeringsAsync(AccountB)).Single().Status.Code.Value);
    }

    [Fact]
    public async Task The_accepter_accepts_an_allowed_requester_and_configures_its_own_side()
    {
        var run = await PendingEventModeRunAsync();

        var decision = await Decide(run, allowedAccounts: AccountA);
        var accepted = await run.InvokeAsync(new AcceptPeeringFunction(_cloud.Services(AccountB)).Handle,
            ("peeringConnectionId", run.PeeringConnectionId));
        _cloud.Advance(5);
        var described = await run.InvokeAsync(new DescribePeeringFunction(_cloud.Services(AccountB)).Handle,
            ("peeringConnectionId", run.PeeringConnectionId), ("side", "accepter"));
        var rules = await run.InvokeAsync(new ConfigureSecurityGroupsFunction(_cloud.Services(AccountB)).Handle,
            ("side", "accepter"), ("peering", described.DeepClone()));

        Assert.Equal("accept", decision["decision"]!.GetValue<string>());
        Assert.Equal("provisioning", accepted["status"]!.GetValue<string>());
        Assert.True(described["active"]!.GetValue<bool>());
        Assert.Single(rules["changed"]!.AsArray());
    }

    /// <summary>A resolved role-mode request from account A's VPC to account B's, through B's access role.</summary>
    private async Task<(PeeringRun Run, Amazon.EC2.Model.Vpc Accepter)> RoleModeRunAsync(string externalId)
    {
        var role = AccessRole();
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16", AccountB);
        var request = Request(requester.VpcId, accepter.VpcId, AccountB);
        request["accepter"]!["roleArn"] = role;
        request["accepter"]!["externalId"] = externalId;
        var run = new PeeringRun(_cloud);
        await run.ResolveAsync(request);
        return (run, accepter);
    }

    /// <summary>A cross-account request with no role (event mode), resolved in account A.</summary>
    private async Task<PeeringRun> ResolvedEventModeRunAsync()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16", AccountB);
        var run = new PeeringRun(_cloud);
        await run.ResolveAsync(Request(requester.VpcId, accepter.VpcId, AccountB));
        return run;
    }

    /// <summary>The same request with its peering created and pending acceptance in account B.</summary>
    private async Task<PeeringRun> PendingEventModeRunAsync()
    {
        var run = await ResolvedEventModeRunAsync();
        await run.RequestPeeringAsync();
        _cloud.Advance(2);
        return run;
    }

    private Task<JsonNode> Decide(PeeringRun run, string allowedAccounts) =>
        run.InvokeAsync(
            new DecideIncomingFunction(_cloud.Services(AccountB, new Dictionary<string, string> { ["ALLOWED_REQUESTER_ACCOUNTS"] = allowedAccounts }))
                .Handle,
            ("peeringConnectionId", run.PeeringConnectionId));

    private string AccessRole()
    {
        var trust = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::"
            + AccountA + ":root\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \""
            + ExternalId + "\"}}}]}";
        return _cloud.Cloud.Iam.Put(new IamRole(AccountB, "vpc-peering-access", trust, [])).Arn;
    }
}
