using System.Text.Json.Nodes;
using StatesLanguage.Runtime;

namespace StatesLanguage.Tests;

/// <summary>Spec: "Parallel State", "Map State" (ItemsPath, ItemSelector/Parameters, ItemProcessor/Iterator, concurrency, tolerance).</summary>
public class ParallelAndMapTests
{
    private readonly Harness _h = new();

    [Fact]
    public async Task Parallel_outputs_an_array_of_branch_outputs_in_branch_order() =>
        Harness.Json("""[{"a":1,"w":true},"second"]""", await _h.Output("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"Next":"R"},"R":{"Type":"Pass","Result":true,"ResultPath":"$.w","End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Pass","Result":"second","End":true}}}]}}}
            """, """{"a":1}"""));

    [Fact]
    public async Task Execution_Input_in_the_context_is_the_execution_input_inside_branches() =>
        Harness.Json("""[{"in":{"top":1}}]""", await _h.Output("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Parameters":{"changed":true},"Branches":[
              {"StartAt":"B","States":{"B":{"Type":"Pass","Parameters":{"in.$":"$$.Execution.Input"},"End":true}}}]}}}
            """, """{"top":1}"""));

    [Fact]
    public async Task A_failing_branch_fails_the_Parallel_state_with_the_branch_error()
    {
        var result = await _h.Failure("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}},
              {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"C"}}}]}}}
            """);

        Assert.Equal(("E", "C"), (result.Error, result.Cause));
    }

    [Fact]
    public async Task Map_runs_the_processor_for_each_item_and_keeps_order() =>
        Harness.Json("""[{"v":3},{"v":1},{"v":2}]""", await _h.Output("""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemsPath":"$.items",
              "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.v","Next":"O"},"O":{"Type":"Pass","End":true}}}}}}
            """, """{"items":[{"v":3},{"v":1},{"v":2}]}"""));

    [Fact]
    public async Task Map_ItemSelector_sees_the_item_index_and_value_in_the_context() =>
        Harness.Json("""[{"i":0,"v":"a","all":1},{"i":1,"v":"b","all":1}]""", await _h.Output("""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemsPath":"$.xs",
              "ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value","all.$":"$.n"},
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}
            """, """{"xs":["a","b"],"n":1}"""));

    [Fact]
    public async Task Map_accepts_the_older_Iterator_and_Parameters_fields() =>
        Harness.Json("""[{"x":1},{"x":2}]""", await _h.Output("""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"Parameters":{"x.$":"$$.Map.Item.Value"},
              "Iterator":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}
            """, "[1,2]"));

    [Fact]
    public async Task Execution_Input_in_the_context_is_the_execution_input_inside_Map() =>
        Harness.Json("""[{"e":[5]}]""", await _h.Output("""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"e.$":"$$.Execution.Input"},"End":true}}}}}}
            """, "[5]"));

    [Fact]
    public async Task MaxConcurrency_one_runs_items_one_after_another()
    {
        var execution = _h.Start("""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"MaxConcurrency":1,
              "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}}}}
            """, "[1,2,3]");

        await Harness.Finish(execution);

        Assert.Equal(Harness.T0.AddSeconds(30), execution.StopDate);
    }

    [Fact]
    public async Task Unlimited_concurrency_runs_items_together()
    {
        var execution = _h.Start("""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,
              "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}}}}
            """, "[1,2,3]");

        await Harness.Finish(execution);

        Assert.Equal(Harness.T0.AddSeconds(10), execution.StopDate);
    }

    [Fact]
    public async Task A_failed_item_fails_the_Map_with_its_error_without_a_tolerance()
    {
        var result = await _h.Failure("""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,
              "ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"F"}],"Default":"OK"},
                "F":{"Type":"Fail","Error":"Two"},"OK":{"Type":"Pass","End":true}}}}}}
            """, "[1,2,3]");

        Assert.Equal("Two", result.Error);
    }

    [Fact]
    public async Task Failures_within_ToleratedFailureCount_leave_error_objects_in_the_output() =>
        Harness.Json("""[1,{"Error":"Two"},3]""", await _h.Output("""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ToleratedFailureCount":1,
              "ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"F"}],"Default":"OK"},
                "F":{"Type":"Fail","Error":"Two"},"OK":{"Type":"Pass","End":true}}}}}}
            """, "[1,2,3]"));

    [Fact]
    public async Task Failures_over_ToleratedFailurePercentage_fail_with_ExceedToleratedFailureThreshold()
    {
        var result = await _h.Failure("""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ToleratedFailurePercentage":40,
              "ItemProcessor":{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Always"}}}}}}
            """, "[1,2,3]");

        Assert.Equal(ErrorNames.ExceedToleratedFailureThreshold, result.Error);
    }

    [Fact]
    public async Task ItemsPath_that_is_not_an_array_fails_with_States_Runtime()
    {
        var result = await _h.Failure("""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemsPath":"$.x",
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}
            """, """{"x":{}}""");

        Assert.Equal(ErrorNames.Runtime, result.Error);
    }

    [Fact]
    public async Task An_empty_item_list_gives_an_empty_array() =>
        Harness.Json("[]", await _h.Output("""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}
            """, "[]"));

    [Fact]
    public async Task Map_and_Parallel_results_go_through_ResultSelector_and_ResultPath() =>
        Harness.Json("""{"keep":1,"r":{"first":10}}""", await _h.Output("""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemsPath":"$.xs","ResultSelector":{"first.$":"$[0]"},"ResultPath":"$.r","OutputPath":"$",
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}
            """.Replace("\"OutputPath\":\"$\",", "", StringComparison.Ordinal), """{"keep":1,"xs":[10,20]}""").ContinueWith(t =>
            {
                var o = t.Result!.AsObject();
                o.Remove("xs");
                return (JsonNode?)o;
            }, TaskScheduler.Default));

    [Fact]
    public async Task Branches_with_different_waits_finish_in_virtual_time_order()
    {
        var order = new List<string>();
        _h.Handlers.Register("arn:aws:states:::custom:log", (call, _) =>
        {
            lock (order)
            {
                order.Add($"{call.Input!.GetValue<string>()}@{call.Time.GetUtcNow():HH:mm:ss}");
            }

            return Task.FromResult<JsonNode?>(null);
        });

        await _h.Output("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"Next":"L"},"L":{"Type":"Task","Resource":"arn:aws:states:::custom:log","Parameters":"slow","End":true}}},
              {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"Next":"L"},"L":{"Type":"Task","Resource":"arn:aws:states:::custom:log","Parameters":"fast","End":true}}},
              {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":20,"Next":"L"},"L":{"Type":"Task","Resource":"arn:aws:states:::custom:log","Parameters":"mid","End":true}}}]}}}
            """);

        Assert.Equal(["fast@12:00:10", "mid@12:00:20", "slow@12:00:30"], order);
    }

    [Fact]
    public async Task Concurrent_executions_advance_the_shared_clock_in_order()
    {
        var definition = Harness.Single("""{"Type":"Wait","SecondsPath":"$.s","End":true}""");
        Execution a, b;
        using (_h.Clock.BeginWork())
        {
            // The host holds the clock while it starts both, so neither runs ahead of the other.
            a = _h.Engine.StartExecution(StateMachineDefinition.Load(definition), JsonNode.Parse("""{"s":500}"""));
            b = _h.Engine.StartExecution(StateMachineDefinition.Load(definition), JsonNode.Parse("""{"s":5}"""));
        }

        await _h.Idle();

        Assert.Equal(Harness.T0.AddSeconds(5), b.StopDate);
        Assert.Equal(Harness.T0.AddSeconds(500), a.StopDate);
        Assert.Equal(ExecutionStatus.Succeeded, a.Status);
    }
}
