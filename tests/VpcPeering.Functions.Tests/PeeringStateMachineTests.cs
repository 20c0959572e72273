using System.Text.Json.Nodes;
using StatesLanguage;
using StatesLanguage.Runtime;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Tests.Support;
using static VpcPeering.Functions.Tests.Support.FunctionsCloud;

namespace VpcPeering.Functions.Tests;

/// <summary>statemachine/peering.asl.json and accept-incoming.asl.json run by the ASL runtime against the handlers.</summary>
public sealed class PeeringStateMachineTests : IDisposable
{
    private static readonly string[] PeeringFunctions =
    [
        "ResolveRequest", "Preflight", "RequestPeering", "AcceptPeering", "DescribePeering", "ConfigureRoutes", "ConfigureSecurityGroups",
        "ConfigureNetworkAcls", "ConfigureDns", "VerifyConnectivity", "Rollback", "DecideIncoming",
    ];

    private readonly VirtualClock _clock = new(new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero));
    private readonly FunctionsCloud _cloud;

    public PeeringStateMachineTests() => _cloud = new FunctionsCloud(_clock);

    public void Dispose() => _cloud.Dispose();

    [Fact]
    public async Task A_same_account_peering_succeeds_within_40_state_transitions_and_announces_itself()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16");
        var host = Host(AccountA);

        var (result, history) = await host.RunAsync("peering", Request(requester.VpcId, accepter.VpcId), PeeringFunctions);

        Assert.True(result.Status == ExecutionStatus.Succeeded, $"{result.Error}: {result.Cause}");
        Assert.Equal("active", result.Output!["status"]!.GetValue<string>());
        var transitions = history.Count(type => type.EndsWith("StateEntered", StringComparison.Ordinal));
        Assert.True(transitions <= 40, $"{transitions} state transitions");
        Assert.Contains(host.Events, entry => entry["DetailType"]!.GetValue<string>() == "VPC Peering Established");
        Assert.Contains((await _cloud.RouteTablesAsync(accepter.VpcId)).SelectMany(table => table.Routes),
            route => route.DestinationCidrBlock == "10.0.0.0/16" && route.VpcPeeringConnectionId is not null);
    }

    [Fact]
    public async Task A_failure_after_the_request_rolls_back_and_fails_with_the_original_error_name()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16");
        var host = Host(AccountA);
        host.Register("ConfigureSecurityGroups", _ => throw new LimitExceeded("RulesPerSecurityGroupLimitExceeded (test)"));

        var (result, history) = await host.RunAsync("peering", Request(requester.VpcId, accepter.VpcId), PeeringFunctions);

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal(nameof(LimitExceeded), result.Error);
        Assert.Contains(host.Events, entry => entry["DetailType"]!.GetValue<string>() == "VPC Peering Failed");
        Assert.DoesNotContain((await _cloud.RouteTablesAsync(requester.VpcId)).SelectMany(table => table.Routes),
            route => route.VpcPeeringConnectionId is not null);
        Assert.All(await _cloud.PeeringsAsync(), peering => Assert.Contains(peering.Status.Code.Value, new[] { "deleting", "deleted" }));
        Assert.NotEmpty(history);
    }

    [Fact]
    public async Task A_dry_run_returns_the_plan_and_changes_nothing()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16");
        _cloud.Cloud.RequestLog.Clear();

        var (result, _) = await Host(AccountA).RunAsync("peering",
            Request(requester.VpcId, accepter.VpcId, extra: ", \"dryRun\": true"), PeeringFunctions);

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.True(result.Output!["dryRun"]!.GetValue<bool>());
        Assert.Empty(await _cloud.PeeringsAsync());
        Assert.DoesNotContain(_cloud.Cloud.RequestLog.Entries, entry => !entry.IsReadOnly);
    }

    [Fact]
    public async Task The_accepter_stack_accepts_an_allowed_request_configures_its_side_and_answers_on_the_requester_bus()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16", AccountB);
        var run = new PeeringRun(_cloud);
        await run.ResolveAsync(Request(requester.VpcId, accepter.VpcId, AccountB));
        await run.RequestPeeringAsync();
        var incoming = new JsonObject
        {
            ["source"] = "vpc-peering",
            ["detail-type"] = "VPC Peering Acceptance Requested",
            ["account"] = AccountA,
            ["detail"] = new JsonObject
            {
                ["taskToken"] = "token-1",
                ["request"] = run.Request!.DeepClone(),
                ["peeringConnectionId"] = run.PeeringConnectionId,
                ["replyTo"] = "arn:aws:events:us-east-1:111111111111:event-bus/vpc-peering",
            },
        };
        var host = Host(AccountB, new Dictionary<string, string> { ["ALLOWED_REQUESTER_ACCOUNTS"] = AccountA });

        var (result, _) = await host.RunAsync("accept-incoming", incoming, PeeringFunctions);

        Assert.True(result.Status == ExecutionStatus.Succeeded, $"{result.Error}: {result.Cause}");
        var reply = Assert.Single(host.Events);
        Assert.Equal("VPC Peering Acceptance Decided", reply["DetailType"]!.GetValue<string>());
        Assert.Equal("arn:aws:events:us-east-1:111111111111:event-bus/vpc-peering", reply["EventBusName"]!.GetValue<string>());
        Assert.True(reply["Detail"]!["accepted"]!.GetValue<bool>());
        Assert.Contains((await _cloud.RouteTablesAsync(accepter.VpcId, AccountB)).SelectMany(table => table.Routes),
            route => route.DestinationCidrBlock == "10.0.0.0/16" && route.VpcPeeringConnectionId == run.PeeringConnectionId);
    }

    private AslHost Host(string account, IReadOnlyDictionary<string, string>? variables = null)
    {
        var host = new AslHost(_clock, account);
        var services = _cloud.Services(account, variables);
        host.Register("ResolveRequest", new ResolveRequestFunction(services).Handle);
        host.Register("Preflight", new PreflightFunction(services).Handle);
        host.Register("RequestPeering", new RequestPeeringFunction(services).Handle);
        host.Register("AcceptPeering", new AcceptPeeringFunction(services).Handle);
        host.Register("DescribePeering", new DescribePeeringFunction(services).Handle);
        host.Register("ConfigureRoutes", new ConfigureRoutesFunction(services).Handle);
        host.Register("ConfigureSecurityGroups", new ConfigureSecurityGroupsFunction(services).Handle);
        host.Register("ConfigureNetworkAcls", new ConfigureNetworkAclsFunction(services).Handle);
        host.Register("ConfigureDns", new ConfigureDnsFunction(services).Handle);
        host.Register("VerifyConnectivity", new VerifyConnectivityFunction(services).Handle);
        host.Register("Rollback", new RollbackFunction(services).Handle);
        host.Register("DecideIncoming", new DecideIncomingFunction(services).Handle);
        return host;
    }
}
