using System.Text.Json.Nodes;
using StatesLanguage.Runtime;

namespace StatesLanguage.Tests;

/// <summary>Developer guide: executions (StopExecution, TimeoutSeconds) and GetExecutionHistory events.</summary>
public class ExecutionTests
{
    private readonly Harness _h = new();

    [Fact]
    public async Task Stop_aborts_a_running_execution_with_the_given_error_and_cause()
    {
        _h.Handlers.Register("arn:aws:states:::custom:ask", (_, _) => Task.FromResult<JsonNode?>(null));
        var execution = _h.Start(Harness.Single("""{"Type":"Task","Resource":"arn:aws:states:::custom:ask.waitForTaskToken","End":true}"""));
        await _h.Idle();

        Assert.True(execution.Stop("User.Stop", "enough"));
        var result = await Harness.Finish(execution);

        Assert.Equal((ExecutionStatus.Aborted, "User.Stop", "enough"), (result.Status, result.Error, result.Cause));
        Assert.Equal("ExecutionAborted", execution.GetHistory()[^1].Type);
        Assert.False(execution.Stop());
    }

    [Fact]
    public async Task Top_level_TimeoutSeconds_times_the_execution_out()
    {
        var execution = _h.Start("""{"TimeoutSeconds":60,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}""");
        var result = await Harness.Finish(execution);

        Assert.Equal((ExecutionStatus.TimedOut, ErrorNames.Timeout), (result.Status, result.Error));
        Assert.Equal(Harness.T0.AddSeconds(60), execution.StopDate);
    }

    [Fact]
    public async Task History_records_typed_events_with_ids_and_previous_event_ids()
    {
        _h.Function("F", input => input);
        var execution = _h.Start("""
            {"StartAt":"P","States":{"P":{"Type":"Pass","Next":"T"},
              "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"F","Payload":{}},"End":true}}}
            """);
        await Harness.Finish(execution);
        var history = execution.GetHistory();

        Assert.Equal(
            ["ExecutionStarted", "PassStateEntered", "PassStateExited", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
             "TaskStateExited", "ExecutionSucceeded"],
            history.Select(e => e.Type));
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(e => e.Id));
        Assert.Equal(Enumerable.Range(0, history.Count).Select(i => (long)i), history.Select(e => e.PreviousEventId));
        Assert.Equal("lambda", history[4].Details!["resourceType"]!.GetValue<string>());
        Assert.Equal("invoke", history[4].Details!["resource"]!.GetValue<string>());
    }

    [Fact]
    public async Task History_events_serialize_as_GetExecutionHistory_entries()
    {
        var execution = _h.Start(Harness.Single("""{"Type":"Pass","End":true}"""), """{"a":1}""");
        await Harness.Finish(execution);

        var first = execution.GetHistoryJson()[0]!;

        Harness.Json("""
            {"timestamp":"2026-11-26T12:00:00.000Z","type":"ExecutionStarted","id":1,"previousEventId":0,
             "executionStartedEventDetails":{"input":"{\"a\":1}","roleArn":"arn:aws:iam::123456789012:role/Run","inputDetails":{"truncated":false}}}
            """, first);
    }

    [Fact]
    public async Task Map_iterations_are_recorded_and_point_back_to_the_map_start()
    {
        var execution = _h.Start("""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}
            """, "[1,2]");
        await Harness.Finish(execution);
        var history = execution.GetHistory();
        var started = history.Single(e => e.Type == "MapStateStarted");

        var iterations = history.Where(e => e.Type == "MapIterationStarted").ToList();

        Assert.Equal(2, iterations.Count);
        Assert.All(iterations, e => Assert.Equal(started.Id, e.PreviousEventId));
        Assert.Equal(2, started.Details!["length"]!.GetValue<int>());
        Assert.Contains(history, e => e.Type == "MapStateSucceeded");
    }

    [Fact]
    public async Task Wait_events_carry_virtual_timestamps()
    {
        var execution = _h.Start(Harness.Single("""{"Type":"Wait","Seconds":90,"End":true}"""));
        await Harness.Finish(execution);

        var exited = execution.GetHistory().Single(e => e.Type == "WaitStateExited");

        Assert.Equal(Harness.T0.AddSeconds(90), exited.Timestamp);
    }

    [Fact]
    public async Task An_execution_fails_when_its_history_would_exceed_25000_events()
    {
        var execution = _h.Start("""
            {"StartAt":"Loop","States":{"Loop":{"Type":"Pass","Next":"Loop2"},"Loop2":{"Type":"Pass","Next":"Loop"}}}
            """);
        var result = await Harness.Finish(execution);

        Assert.Equal(ErrorNames.Runtime, result.Error);
        Assert.Contains("25000", result.Cause, StringComparison.Ordinal);
        Assert.Equal(25_000, execution.GetHistory().Count);
        Assert.Equal("ExecutionFailed", execution.GetHistory()[^1].Type);
    }

    [Fact]
    public async Task Execution_names_and_arns_follow_the_state_machine()
    {
        var execution = _h.Start(Harness.Single("""{"Type":"Succeed"}"""));
        await Harness.Finish(execution);

        Assert.Equal("arn:aws:states:us-east-1:123456789012:execution:Machine:test", execution.ExecutionArn);
        Assert.True(_h.Engine.TryGetExecution(execution.ExecutionArn, out var found));
        Assert.Same(execution, found);
    }

    [Fact]
    public void Starting_two_executions_with_one_name_is_refused()
    {
        _h.Start(Harness.Single("""{"Type":"Succeed"}"""));

        Assert.Throws<ArgumentException>(() => _h.Start(Harness.Single("""{"Type":"Succeed"}""")));
    }
}
