using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using StatesLanguage.Runtime;

namespace StatesLanguage.Benchmarks;

/// <summary>
/// One execution of a 20-state definition (Choice, a Map over 10 items, a Parallel with a Wait and two Tasks) in-process on a
/// virtual clock. Issue 3's goal: under 0.5 ms and modest allocations per execution.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class ExecutionBenchmark
{
    private const string Definition = """
        {
          "Comment": "20 states: 12 at the top level, 4 in the Map's processor, 4 in the Parallel's branches.",
          "StartAt": "Init",
          "States": {
            "Init": { "Type": "Pass", "Result": { "threshold": 5 }, "ResultPath": "$.config", "Next": "Classify" },
            "Classify": { "Type": "Choice", "Choices": [
                { "Variable": "$.items[0]", "NumericGreaterThan": 100, "Next": "Large" },
                { "And": [ { "Variable": "$.mode", "IsPresent": true }, { "Variable": "$.mode", "StringEquals": "small" } ], "Next": "Small" }
              ], "Default": "Large" },
            "Small": { "Type": "Pass", "Result": "small", "ResultPath": "$.size", "Next": "Prepare" },
            "Large": { "Type": "Pass", "Result": "large", "ResultPath": "$.size", "Next": "Prepare" },
            "Prepare": { "Type": "Pass", "Parameters": { "items.$": "$.items", "label.$": "States.Format('run-{}', $.size)",
                "threshold.$": "$.config.threshold" }, "Next": "FanOut" },
            "FanOut": { "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 0,
              "ItemSelector": { "value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index", "threshold.$": "$.threshold" },
              "ItemProcessor": { "StartAt": "Double", "States": {
                "Double": { "Type": "Pass", "Parameters": { "value.$": "States.MathAdd($.value, $.value)", "index.$": "$.index",
                    "threshold.$": "$.threshold" }, "Next": "Check" },
                "Check": { "Type": "Choice", "Choices": [ { "Variable": "$.value", "NumericGreaterThanPath": "$.threshold", "Next": "High" } ],
                  "Default": "Low" },
                "High": { "Type": "Pass", "Result": "high", "ResultPath": "$.band", "End": true },
                "Low": { "Type": "Pass", "Result": "low", "ResultPath": "$.band", "End": true } } },
              "ResultPath": "$.mapped", "Next": "Merge" },
            "Merge": { "Type": "Pass", "Parameters": { "count.$": "States.ArrayLength($.mapped)", "mapped.$": "$.mapped" }, "Next": "Branches" },
            "Branches": { "Type": "Parallel", "ResultPath": "$.branches", "Next": "Summarize", "Branches": [
                { "StartAt": "Score", "States": {
                  "Score": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Score",
                    "Retry": [ { "ErrorEquals": [ "States.TaskFailed" ], "MaxAttempts": 2 } ], "Next": "Scored" },
                  "Scored": { "Type": "Pass", "End": true } } },
                { "StartAt": "Pause", "States": {
                  "Pause": { "Type": "Wait", "Seconds": 1, "Next": "Paused" },
                  "Paused": { "Type": "Pass", "Result": "waited", "End": true } } } ] },
            "Summarize": { "Type": "Pass", "Parameters": { "count.$": "$.count", "score.$": "$.branches[0].score" }, "Next": "Audit" },
            "Audit": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": { "FunctionName": "Score", "Payload.$": "$" }, "ResultSelector": { "ok.$": "$.Payload.ok" },
              "ResultPath": "$.audit", "Next": "Decide" },
            "Decide": { "Type": "Choice", "Choices": [ { "Variable": "$.audit.ok", "BooleanEquals": true, "Next": "Done" } ], "Default": "Done" },
            "Done": { "Type": "Succeed" }
          }
        }
        """;

    private readonly StateMachineDefinition _definition = StateMachineDefinition.Load(Definition);
    private readonly JsonNode _input = JsonNode.Parse("""{"items":[1,2,3,4,5,6,7,8,9,10],"mode":"small"}""")!;
    private StateMachineEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new StateMachineEngine(new StateMachineEngineOptions { Time = new VirtualClock(), RandomSeed = 1 });
        _engine.Handlers.RegisterFunction("Score", (_, _) => Task.FromResult<JsonNode?>(new JsonObject { ["score"] = 7, ["ok"] = true }));
    }

    [Benchmark]
    public async Task<ExecutionStatus> RunExecution() => (await RunOnce()).Status;

    public async Task<ExecutionResult> RunOnce()
    {
        var execution = _engine.StartExecution(_definition, _input);
        var result = await execution.WaitAsync();
        _engine.RemoveExecution(execution.ExecutionArn);
        return result;
    }
}
