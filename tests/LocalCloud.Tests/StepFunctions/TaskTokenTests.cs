using System.Text.Json.Nodes;

namespace LocalCloud.Tests.StepFunctions;

/// <summary>SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat and their errors (InvalidToken, TaskDoesNotExist, TaskTimedOut).</summary>
public sealed class TaskTokenTests
{
    private const string Callback = """
        {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::events:putEvents.waitForTaskToken",
          "Parameters":{"Entries":[{"Source":"test","DetailType":"Ask","Detail":{"token.$":"$$.Task.Token"}}]},
          "TimeoutSeconds":600,"End":true}}}
        """;

    [Fact]
    public async Task Task_success_resumes_the_waiting_execution_with_the_output()
    {
        var cloud = new StepFunctionsTestCloud();
        var execution = cloud.Assembly.StartExecution(StepFunctionsTestCloud.Account, cloud.Machine("ask", Callback).Name, "{}");
        await cloud.Assembly.SettleAsync();

        var (status, _) = await cloud.CallAsync("SendTaskSuccess", new JsonObject { ["taskToken"] = Token(cloud), ["output"] = """{"answer":42}""" });
        var result = await cloud.Assembly.RunUntilEndedAsync(execution);

        Assert.Equal(200, status);
        Assert.Equal("""{"answer":42}""", result.OutputJson);
    }

    [Fact]
    public async Task Task_failure_fails_the_execution_with_the_error_sent()
    {
        var cloud = new StepFunctionsTestCloud();
        var execution = cloud.Assembly.StartExecution(StepFunctionsTestCloud.Account, cloud.Machine("ask", Callback).Name, "{}");
        await cloud.Assembly.SettleAsync();

        await cloud.CallAsync("SendTaskFailure", new JsonObject { ["taskToken"] = Token(cloud), ["error"] = "PeeringRejected", ["cause"] = "no" });
        var result = await cloud.Assembly.RunUntilEndedAsync(execution);

        Assert.Equal("PeeringRejected", result.Error);
    }

    [Fact]
    public async Task Token_from_another_account_is_InvalidToken()
    {
        var cloud = new StepFunctionsTestCloud();
        cloud.Assembly.StartExecution(StepFunctionsTestCloud.Account, cloud.Machine("ask", Callback).Name, "{}");
        await cloud.Assembly.SettleAsync();

        var (status, error) = await cloud.CallAsync("SendTaskSuccess", new JsonObject { ["taskToken"] = Token(cloud), ["output"] = "{}" },
            StepFunctionsTestCloud.Other);

        Assert.Equal(400, status);
        Assert.Equal("InvalidToken", error["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_used_twice_is_TaskDoesNotExist()
    {
        var cloud = new StepFunctionsTestCloud();
        cloud.Assembly.StartExecution(StepFunctionsTestCloud.Account, cloud.Machine("ask", Callback).Name, "{}");
        await cloud.Assembly.SettleAsync();
        await cloud.CallAsync("SendTaskSuccess", new JsonObject { ["taskToken"] = Token(cloud), ["output"] = "{}" });
        await cloud.Assembly.RunUntilIdleAsync();

        var (_, error) = await cloud.CallAsync("SendTaskHeartbeat", new JsonObject { ["taskToken"] = Token(cloud) });

        Assert.Equal("TaskDoesNotExist", error["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_of_a_timed_out_task_is_TaskTimedOut()
    {
        var cloud = new StepFunctionsTestCloud();
        var execution = cloud.Assembly.StartExecution(StepFunctionsTestCloud.Account, cloud.Machine("ask", Callback).Name, "{}");
        var result = await cloud.Assembly.RunUntilEndedAsync(execution);

        var (_, error) = await cloud.CallAsync("SendTaskSuccess", new JsonObject { ["taskToken"] = Token(cloud), ["output"] = "{}" });

        Assert.Equal("States.Timeout", result.Error);
        Assert.Equal("TaskTimedOut", error["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_output_is_InvalidOutput()
    {
        var cloud = new StepFunctionsTestCloud();
        cloud.Assembly.StartExecution(StepFunctionsTestCloud.Account, cloud.Machine("ask", Callback).Name, "{}");
        await cloud.Assembly.SettleAsync();

        var (_, error) = await cloud.CallAsync("SendTaskSuccess", new JsonObject { ["taskToken"] = Token(cloud), ["output"] = "{oops" });

        Assert.Equal("InvalidOutput", error["__type"]!.GetValue<string>());
    }

    private static string Token(StepFunctionsTestCloud cloud) =>
        cloud.Assembly.Events.GetEventBus(StepFunctionsTestCloud.Account, StepFunctionsTestCloud.Region, "default")
            .ReceivedEvents.Last()["detail"]!["token"]!.GetValue<string>();
}
