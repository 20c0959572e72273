using System.Text;
using System.Text.Json.Nodes;
using StatesLanguage;
using StatesLanguage.Runtime;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Tests.Support;
using static VpcPeering.Functions.Tests.Support.FunctionsCloud;

namespace VpcPeering.Functions.Tests;

/// <summary>
/// statemachine/peering.asl.json run by the ASL runtime on a virtual clock, its Lambda tasks served by the handlers in-process
/// (errors as the managed runtime reports them: the exception type name), the same clock driving the EC2 emulator.
/// </summary>
public sealed class PeeringStateMachineTests : IDisposable
{
    private const string Arn = "arn:aws:lambda:us-east-1:111111111111:function:";
    private readonly VirtualClock _clock = new(new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero));
    private readonly FunctionsCloud _cloud;
    private readonly StateMachineEngine _engine;
    private readonly List<JsonNode?> _events = [];

    public PeeringStateMachineTests()
    {
        _cloud = new FunctionsCloud(_clock);
        _engine = new StateMachineEngine(new StateMachineEngineOptions { Time = _clock, AccountId = AccountA, RandomSeed = 7 });
        var services = _cloud.Services();
        Register("ResolveRequest", new ResolveRequestFunction(services).Handle);
        Register("Preflight", new PreflightFunction(services).Handle);
        Register("RequestPeering", new RequestPeeringFunction(services).Handle);
        Register("AcceptPeering", new AcceptPeeringFunction(services).Handle);
        Register("DescribePeering", new DescribePeeringFunction(services).Handle);
        Register("ConfigureRoutes", new ConfigureRoutesFunction(services).Handle);
        Register("ConfigureSecurityGroups", new ConfigureSecurityGroupsFunction(services).Handle);
        Register("ConfigureNetworkAcls", new ConfigureNetworkAclsFunction(services).Handle);
        Register("ConfigureDns", new ConfigureDnsFunction(services).Handle);
        Register("VerifyConnectivity", new VerifyConnectivityFunction(services).Handle);
        Register("Rollback", new RollbackFunction(services).Handle);
        _engine.Handlers.Register("arn:aws:states:::events:putEvents", (invocation, _) =>
        {
            _events.Add(invocation.Input?.DeepClone());
            return Task.FromResult<JsonNode?>(new JsonObject { ["FailedEntryCount"] = 0 });
        });
    }

    public void Dispose() => _cloud.Dispose();

    [Fact]
    public async Task A_same_account_peering_succeeds_within_40_state_transitions_and_announces_itself()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16");

        var (result, history) = await RunAsync(Request(requester.VpcId, accepter.VpcId));

        Assert.True(result.Status == ExecutionStatus.Succeeded, $"{result.Error}: {result.Cause}");
        Assert.Equal("active", result.Output!["status"]!.GetValue<string>());
        var transitions = history.Count(type => type.EndsWith("StateEntered", StringComparison.Ordinal));
        Assert.True(transitions <= 40, $"{transitions} state transitions");
        Assert.Contains(_events, entry => entry!["Entries"]![0]!["DetailType"]!.GetValue<string>() == "VPC Peering Established");
        Assert.Contains((await _cloud.RouteTablesAsync(accepter.VpcId)).SelectMany(table => table.Routes),
            route => route.DestinationCidrBlock == "10.0.0.0/16" && route.VpcPeeringConnectionId is not null);
    }

    [Fact]
    public async Task A_failure_after_the_request_rolls_back_and_fails_with_the_original_error_name()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16");
        Register("ConfigureSecurityGroups", _ => throw new LimitExceeded("RulesPerSecurityGroupLimitExceeded (test)"));

        var (result, history) = await RunAsync(Request(requester.VpcId, accepter.VpcId));

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal(nameof(LimitExceeded), result.Error);
        Assert.Contains("TaskStateEntered", history);
        Assert.DoesNotContain((await _cloud.RouteTablesAsync(requester.VpcId)).SelectMany(table => table.Routes),
            route => route.VpcPeeringConnectionId is not null);
        Assert.All(await _cloud.PeeringsAsync(), peering => Assert.Contains(peering.Status.Code.Value, new[] { "deleting", "deleted" }));
    }

    [Fact]
    public async Task A_dry_run_returns_the_plan_and_changes_nothing()
    {
        var requester = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var accepter = await _cloud.CreateVpcAsync("10.1.0.0/16");
        _cloud.Cloud.RequestLog.Clear();

        var (result, _) = await RunAsync(Request(requester.VpcId, accepter.VpcId, extra: ", \"dryRun\": true"));

        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.True(result.Output!["dryRun"]!.GetValue<bool>());
        Assert.Empty(await _cloud.PeeringsAsync());
        Assert.DoesNotContain(_cloud.Cloud.RequestLog.Entries, entry => !entry.IsReadOnly);
    }

    private async Task<(ExecutionResult Result, List<string> History)> RunAsync(JsonNode input)
    {
        var definition = StateMachineDefinition.Load(
            File.ReadAllText(Path.Combine(Root(), "statemachine", "peering.asl.json")),
            new Dictionary<string, string>
            {
                ["PeeringBusName"] = "vpc-peering",
                ["PeeringBusArn"] = "arn:aws:events:us-east-1:111111111111:event-bus/vpc-peering",
                ["TeardownStateMachineArn"] = "arn:aws:states:us-east-1:111111111111:stateMachine:teardown",
            }.Concat(Functions().Select(name => KeyValuePair.Create($"{name}FunctionArn", Arn + name))).ToDictionary());
        var execution = _engine.StartExecution(definition, input, new ExecutionStartOptions { Name = "exec-1", StateMachineName = "peering" });
        var result = await execution.WaitAsync();
        return (result, [.. execution.GetHistory().Select(entry => entry.Type)]);
    }

    private void Register(string name, Func<Stream, Task<Stream>> handle) =>
        _engine.Handlers.Register(Arn + name, async (invocation, _) =>
        {
            try
            {
                using var request = new MemoryStream(Encoding.UTF8.GetBytes(invocation.Input?.ToJsonString() ?? "null"));
                using var response = await handle(request);
                return await JsonNode.ParseAsync(response);
            }
            catch (PeeringError error)
            {
                throw new StatesErrorException(error.ErrorName, error.Message);
            }
        });

    private static IEnumerable<string> Functions() =>
    [
        "ResolveRequest", "Preflight", "RequestPeering", "AcceptPeering", "DescribePeering", "ConfigureRoutes", "ConfigureSecurityGroups",
        "ConfigureNetworkAcls", "ConfigureDns", "VerifyConnectivity", "Rollback",
    ];

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "template.yaml")))
        {
            directory = directory.Parent;
        }

        return directory.FullName;
    }
}
