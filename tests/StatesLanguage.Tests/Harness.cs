using System.Text.Json.Nodes;
using StatesLanguage.Runtime;
using StatesLanguage.Tasks;

namespace StatesLanguage.Tests;

/// <summary>An engine on a virtual clock with a fixed seed, and helpers to run definitions written inline.</summary>
internal sealed class Harness
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public Harness(int maxHistoryEvents = 25_000)
    {
        Engine = new StateMachineEngine(new StateMachineEngineOptions
        {
            Time = Clock, RandomSeed = 42, MaxHistoryEvents = maxHistoryEvents,
        });
    }

    public VirtualClock Clock { get; } = new(T0);

    public StateMachineEngine Engine { get; }

    public TaskHandlerRegistry Handlers => Engine.Handlers;

    public Execution Start(string definition, string input = "{}", IReadOnlyDictionary<string, string>? substitutions = null) =>
        Engine.StartExecution(StateMachineDefinition.Load(definition, substitutions), JsonNode.Parse(input),
            new ExecutionStartOptions { Name = "test", StateMachineName = "Machine", RoleArn = "arn:aws:iam::123456789012:role/Run" });

    public async Task<ExecutionResult> Run(string definition, string input = "{}")
    {
        return await Finish(Start(definition, input));
    }

    /// <summary>Awaits the end of an execution, failing the test instead of hanging if it never comes.</summary>
    public static Task<ExecutionResult> Finish(Execution execution) => execution.WaitAsync().WaitAsync(TimeSpan.FromSeconds(10));

    public Task Idle() => Engine.RunUntilIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

    public async Task<JsonNode?> Output(string definition, string input = "{}")
    {
        var result = await Run(definition, input);
        Assert.True(result.Status == ExecutionStatus.Succeeded, $"Expected success but got {result.Status}: {result.Error}: {result.Cause}");
        return result.Output;
    }

    public async Task<ExecutionResult> Failure(string definition, string input = "{}")
    {
        var result = await Run(definition, input);
        Assert.True(result.Status == ExecutionStatus.Failed, $"Expected failure but got {result.Status}: {result.OutputJson}");
        return result;
    }

    /// <summary>A one-state machine: the given state (named S, ending the execution).</summary>
    public static string Single(string state) => "{\"StartAt\":\"S\",\"States\":{\"S\":" + state + "}}";

    public void Function(string name, Func<JsonNode?, JsonNode?> body) =>
        Handlers.RegisterFunction($"arn:aws:lambda:us-east-1:123456789012:function:{name}", (call, _) => Task.FromResult(body(call.Input)));

    public static void Json(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"Expected {expected} but got {actual?.ToJsonString() ?? "null"}");
}
