using System.Text.Json.Nodes;
using StatesLanguage.Runtime;
using StatesLanguage.Tasks;

namespace StatesLanguage.Tests;

/// <summary>Spec: "Task State"; developer guide: service integration patterns, Lambda invoke, task tokens, timeouts.</summary>
public class TaskStateTests
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:Echo";
    private readonly Harness _h = new();

    private static string TaskState(string resource, string extra = "") =>
        Harness.Single($$"""{"Type":"Task","Resource":"{{resource}}","End":true{{extra}}}""");

    [Fact]
    public async Task A_handler_registered_for_the_exact_resource_receives_the_effective_input()
    {
        TaskInvocation? seen = null;
        _h.Handlers.Register("arn:aws:states:::custom:do", (call, _) =>
        {
            seen = call;
            return Task.FromResult<JsonNode?>(new JsonObject { ["done"] = true });
        });

        var output = await _h.Output(TaskState("arn:aws:states:::custom:do", ""","Parameters":{"x.$":"$.a"}"""), """{"a":1}""");

        Harness.Json("""{"done":true}""", output);
        Harness.Json("""{"x":1}""", seen!.Input);
        Assert.Equal(("S", TaskIntegrationPattern.RequestResponse), (seen.StateName, seen.Pattern));
    }

    [Fact]
    public async Task A_pattern_handler_serves_every_matching_resource()
    {
        _h.Handlers.RegisterPattern("arn:aws:states:::aws-sdk:ec2:*", (call, _) => Task.FromResult<JsonNode?>(call.Resource));

        Harness.Json("\"arn:aws:states:::aws-sdk:ec2:describeVpcs\"", await _h.Output(TaskState("arn:aws:states:::aws-sdk:ec2:describeVpcs")));
    }

    [Fact]
    public async Task A_resource_without_a_handler_fails_naming_the_resource()
    {
        var result = await _h.Failure(TaskState("arn:aws:states:::nothing:here"));

        Assert.Equal(ErrorNames.Runtime, result.Error);
        Assert.Contains("'arn:aws:states:::nothing:here'", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_are_evaluated_and_handed_to_the_handler()
    {
        JsonNode? credentials = null;
        _h.Handlers.Register("arn:aws:states:::custom:do", (call, _) => Task.FromResult(credentials = call.Credentials));

        await _h.Output(TaskState("arn:aws:states:::custom:do", ""","Credentials":{"RoleArn.$":"$.role"}"""), """{"role":"arn:aws:iam::1:role/X"}""");

        Harness.Json("""{"RoleArn":"arn:aws:iam::1:role/X"}""", credentials);
    }

    [Fact]
    public async Task A_plain_function_arn_returns_the_function_response_as_is()
    {
        _h.Function("Echo", input => input);

        Harness.Json("""{"a":1}""", await _h.Output(TaskState(FunctionArn), """{"a":1}"""));
    }

    [Fact]
    public async Task Lambda_invoke_sends_the_Payload_and_returns_the_response_envelope()
    {
        _h.Function("Echo", input => new JsonObject { ["got"] = input?.DeepClone() });

        var output = await _h.Output(TaskState("arn:aws:states:::lambda:invoke", """
            ,"Parameters":{"FunctionName":"Echo","Payload":{"v.$":"$.v"}}
            """.Trim()), """{"v":3}""");

        Harness.Json("""{"got":{"v":3}}""", output!["Payload"]);
        Assert.Equal(200, output["StatusCode"]!.GetValue<int>());
        Assert.Equal("$LATEST", output["ExecutedVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lambda_invoke_of_an_unknown_function_fails_with_Lambda_ResourceNotFoundException()
    {
        var result = await _h.Failure(TaskState("arn:aws:states:::lambda:invoke", ""","Parameters":{"FunctionName":"Nope"}"""));

        Assert.Equal("Lambda.ResourceNotFoundException", result.Error);
    }

    [Fact]
    public async Task A_function_exception_surfaces_with_its_type_as_the_error_and_a_json_cause()
    {
        _h.Handlers.RegisterFunction("Echo", (_, _) => throw new ArgumentException("bad input"));

        var result = await _h.Failure(TaskState(FunctionArn));

        Assert.Equal("ArgumentException", result.Error);
        Assert.Equal("bad input", JsonNode.Parse(result.Cause!)!["errorMessage"]!.GetValue<string>());
    }

    [Fact]
    public async Task TimeoutSeconds_fails_a_task_that_runs_too_long_with_States_Timeout()
    {
        _h.Handlers.Register("arn:aws:states:::custom:slow", async (call, ct) =>
        {
            await call.DelayAsync(TimeSpan.FromMinutes(10), ct);
            return null;
        });

        var execution = _h.Start(TaskState("arn:aws:states:::custom:slow", ""","TimeoutSeconds":30"""));
        var result = await Harness.Finish(execution);

        Assert.Equal(ErrorNames.Timeout, result.Error);
        Assert.Equal(Harness.T0.AddSeconds(30), execution.StopDate);
    }

    [Fact]
    public async Task WaitForTaskToken_parks_until_SendTaskSuccess()
    {
        string? token = null;
        _h.Handlers.Register("arn:aws:states:::events:putEvents", (call, _) =>
        {
            token = call.TaskToken;
            return Task.FromResult<JsonNode?>(null);
        });

        var execution = _h.Start(TaskState("arn:aws:states:::events:putEvents.waitForTaskToken",
            ""","Parameters":{"Detail":{"TaskToken.$":"$$.Task.Token"}}"""));
        await _h.Idle();

        Assert.Equal(ExecutionStatus.Running, execution.Status);
        _h.Engine.SendTaskSuccess(token!, JsonNode.Parse("""{"approved":true}"""));
        Harness.Json("""{"approved":true}""", (await Harness.Finish(execution)).Output);
    }

    [Fact]
    public async Task The_task_token_is_in_the_handler_input_through_the_context_object()
    {
        JsonNode? input = null;
        string? token = null;
        _h.Handlers.Register("arn:aws:states:::events:putEvents", (call, _) =>
        {
            (input, token) = (call.Input, call.TaskToken);
            return Task.FromResult<JsonNode?>(null);
        });

        _h.Start(TaskState("arn:aws:states:::events:putEvents.waitForTaskToken", ""","Parameters":{"t.$":"$$.Task.Token"}"""));
        await _h.Idle();

        Assert.Equal(token, input!["t"]!.GetValue<string>());
    }

    [Fact]
    public async Task SendTaskFailure_fails_the_task_with_the_given_error()
    {
        string? token = null;
        _h.Handlers.Register("arn:aws:states:::custom:ask", (call, _) => Task.FromResult<JsonNode?>(token = call.TaskToken));

        var execution = _h.Start(TaskState("arn:aws:states:::custom:ask.waitForTaskToken"));
        await _h.Idle();
        _h.Engine.SendTaskFailure(token!, "Rejected", "no");

        Assert.Equal(("Rejected", "no"), ((await Harness.Finish(execution)).Error, (await Harness.Finish(execution)).Cause));
    }

    [Fact]
    public async Task A_parked_task_times_out_after_TimeoutSeconds_in_virtual_time()
    {
        _h.Handlers.Register("arn:aws:states:::custom:ask", (_, _) => Task.FromResult<JsonNode?>(null));

        var execution = _h.Start(TaskState("arn:aws:states:::custom:ask.waitForTaskToken", ""","TimeoutSeconds":3600"""));
        var result = await Harness.Finish(execution);

        Assert.Equal(ErrorNames.Timeout, result.Error);
        Assert.Equal(Harness.T0.AddHours(1), execution.StopDate);
    }

    [Fact]
    public async Task Heartbeats_keep_a_parked_task_alive_until_they_stop()
    {
        string? token = null;
        _h.Handlers.Register("arn:aws:states:::custom:ask", (call, _) => Task.FromResult<JsonNode?>(token = call.TaskToken));
        _h.Clock.AutoAdvance = false;

        var execution = _h.Start(TaskState("arn:aws:states:::custom:ask.waitForTaskToken", ""","HeartbeatSeconds":60,"TimeoutSeconds":600"""));
        await _h.Idle();
        _h.Clock.Advance(TimeSpan.FromSeconds(50));
        _h.Engine.SendTaskHeartbeat(token!);
        _h.Clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(ExecutionStatus.Running, execution.Status);
        _h.Clock.AutoAdvance = true;
        var result = await Harness.Finish(execution);

        Assert.Equal(ErrorNames.HeartbeatTimeout, result.Error);
        Assert.Equal(Harness.T0.AddSeconds(110), execution.StopDate);
    }

    [Fact]
    public async Task Unknown_and_malformed_tokens_raise_distinct_errors()
    {
        var unknown = Assert.Throws<TaskTokenException>(() => _h.Engine.SendTaskSuccess("AQ" + new string('A', 48), null));
        var malformed = Assert.Throws<TaskTokenException>(() => _h.Engine.SendTaskHeartbeat("nope"));

        Assert.Equal(TaskTokenError.TaskDoesNotExist, unknown.Error);
        Assert.Equal(TaskTokenError.InvalidToken, malformed.Error);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_token_of_a_timed_out_task_is_refused_with_TaskTimedOut()
    {
        string? token = null;
        _h.Handlers.Register("arn:aws:states:::custom:ask", (call, _) => Task.FromResult<JsonNode?>(token = call.TaskToken));

        await Harness.Finish(_h.Start(TaskState("arn:aws:states:::custom:ask.waitForTaskToken", ""","TimeoutSeconds":5""")));

        Assert.Equal(TaskTokenError.TaskTimedOut, Assert.Throws<TaskTokenException>(() => _h.Engine.SendTaskSuccess(token!, null)).Error);
    }

    [Fact]
    public async Task A_sync_resource_uses_the_handler_registered_for_it()
    {
        _h.Handlers.Register("arn:aws:states:::states:startExecution.sync", (call, _) =>
            Task.FromResult<JsonNode?>(new JsonObject { ["pattern"] = call.Pattern.ToString(), ["base"] = call.BaseResource }));

        Harness.Json("""{"pattern":"Sync","base":"arn:aws:states:::states:startExecution"}""",
            await _h.Output(TaskState("arn:aws:states:::states:startExecution.sync")));
    }

    [Fact]
    public async Task A_sync_handler_may_await_a_child_execution_on_the_same_clock()
    {
        var child = StateMachineDefinition.Load(Harness.Single("""{"Type":"Wait","Seconds":300,"End":true}"""));
        _h.Handlers.Register("arn:aws:states:::states:startExecution.sync", async (call, _) =>
        {
            var run = _h.Engine.StartExecution(child, call.Input, new ExecutionStartOptions { Name = "child" });
            await _h.Clock.AwaitExternalAsync(run.Completion);
            return new JsonObject { ["Output"] = run.Result!.OutputJson };
        });

        var execution = _h.Start(TaskState("arn:aws:states:::states:startExecution.sync"), """{"n":1}""");
        var result = await Harness.Finish(execution);

        Harness.Json("""{"Output":"{\"n\":1}"}""", result.Output);
        Assert.Equal(Harness.T0.AddMinutes(5), execution.StopDate);
    }

    [Fact]
    public async Task TimeoutSecondsPath_reads_the_timeout_from_the_input()
    {
        _h.Handlers.Register("arn:aws:states:::custom:ask", (_, _) => Task.FromResult<JsonNode?>(null));

        var execution = _h.Start(TaskState("arn:aws:states:::custom:ask.waitForTaskToken", ""","TimeoutSecondsPath":"$.t" """), """{"t":42}""");
        await Harness.Finish(execution);

        Assert.Equal(Harness.T0.AddSeconds(42), execution.StopDate);
    }
}
