using System.Text.Json.Nodes;

namespace LocalCloud.Tests.StepFunctions;

/// <summary>StartExecution, DescribeExecution, ListExecutions, GetExecutionHistory, StopExecution, StartSyncExecution.</summary>
public sealed class ExecutionApiTests
{
    private const string WaitThenSucceed = """
        {"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":3600,"Next":"Done"},"Done":{"Type":"Pass","Result":{"ok":true},"End":true}}}
        """;

    [Fact]
    public async Task Execution_runs_on_virtual_time_and_is_described_with_its_output()
    {
        var cloud = new StepFunctionsTestCloud();
        var machine = cloud.Machine("waiter", WaitThenSucceed);
        var start = cloud.Assembly.Clock.GetUtcNow();

        var (_, started) = await cloud.CallAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machine.Arn, ["name"] = "run-1" });
        var idle = await cloud.Assembly.RunUntilIdleAsync();
        var (_, described) = await cloud.CallAsync("DescribeExecution", new JsonObject { ["executionArn"] = started["executionArn"]!.GetValue<string>() });

        Assert.True(idle);
        Assert.Equal("arn:aws:states:us-east-1:111111111111:execution:waiter:run-1", started["executionArn"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", described["status"]!.GetValue<string>());
        Assert.Equal("""{"ok":true}""", described["output"]!.GetValue<string>());
        Assert.Equal(start.AddHours(1), cloud.Assembly.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Same_name_and_input_while_running_is_the_same_execution()
    {
        var cloud = new StepFunctionsTestCloud();
        var machine = cloud.Machine("waiter", WaitThenSucceed);
        var request = new JsonObject { ["stateMachineArn"] = machine.Arn, ["name"] = "once", ["input"] = """{"a":1}""" };

        var (_, first) = await cloud.CallAsync("StartExecution", (JsonObject)request.DeepClone());
        var (status, second) = await cloud.CallAsync("StartExecution", (JsonObject)request.DeepClone());

        Assert.Equal(200, status);
        Assert.Equal(first["executionArn"]!.GetValue<string>(), second["executionArn"]!.GetValue<string>());
        Assert.Single(cloud.Service.Executions);
    }

    [Fact]
    public async Task Same_name_with_other_input_is_ExecutionAlreadyExists()
    {
        var cloud = new StepFunctionsTestCloud();
        var machine = cloud.Machine("waiter", WaitThenSucceed);
        await cloud.CallAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machine.Arn, ["name"] = "once", ["input"] = """{"a":1}""" });

        var (status, error) = await cloud.CallAsync("StartExecution",
            new JsonObject { ["stateMachineArn"] = machine.Arn, ["name"] = "once", ["input"] = """{"a":2}""" });

        Assert.Equal(400, status);
        Assert.Equal("ExecutionAlreadyExists", error["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Same_name_after_the_execution_closed_is_ExecutionAlreadyExists()
    {
        var cloud = new StepFunctionsTestCloud();
        var machine = cloud.Machine("pass", """{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}""");
        await cloud.CallAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machine.Arn, ["name"] = "once" });
        await cloud.Assembly.RunUntilIdleAsync();

        var (_, error) = await cloud.CallAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machine.Arn, ["name"] = "once" });

        Assert.Equal("ExecutionAlreadyExists", error["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_input_is_InvalidExecutionInput()
    {
        var cloud = new StepFunctionsTestCloud();
        var machine = cloud.Machine("pass", """{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}""");

        var (_, error) = await cloud.CallAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machine.Arn, ["input"] = "{not json" });

        Assert.Equal("InvalidExecutionInput", error["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stopped_execution_is_aborted_and_listed_by_status()
    {
        var cloud = new StepFunctionsTestCloud();
        var machine = cloud.Machine("waiter", WaitThenSucceed);
        var (_, started) = await cloud.CallAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machine.Arn });
        var arn = started["executionArn"]!.GetValue<string>();

        await cloud.CallAsync("StopExecution", new JsonObject { ["executionArn"] = arn, ["error"] = "Manual", ["cause"] = "test" });
        await cloud.Assembly.RunUntilIdleAsync();
        var (_, aborted) = await cloud.CallAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = machine.Arn, ["statusFilter"] = "ABORTED" });
        var (_, described) = await cloud.CallAsync("DescribeExecution", new JsonObject { ["executionArn"] = arn });

        Assert.Equal(arn, aborted["executions"]![0]!["executionArn"]!.GetValue<string>());
        Assert.Equal("Manual", described["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task History_lists_the_events_with_epoch_timestamps()
    {
        var cloud = new StepFunctionsTestCloud();
        var machine = cloud.Machine("waiter", WaitThenSucceed);
        var (_, started) = await cloud.CallAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machine.Arn });
        await cloud.Assembly.RunUntilIdleAsync();

        var (_, history) = await cloud.CallAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = started["executionArn"]!.GetValue<string>() });
        var types = history["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();

        Assert.Equal("ExecutionStarted", types[0]);
        Assert.Contains("WaitStateExited", types);
        Assert.Equal("ExecutionSucceeded", types[^1]);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, history["events"]![0]!["timestamp"]!.GetValueKind());
    }

    [Fact]
    public async Task Start_sync_execution_runs_an_express_machine_to_its_end()
    {
        var cloud = new StepFunctionsTestCloud();
        var machine = cloud.Machine("quick", WaitThenSucceed, type: LocalCloud.StepFunctions.StateMachineType.Express);

        var (_, result) = await cloud.CallAsync("StartSyncExecution", new JsonObject { ["stateMachineArn"] = machine.Arn, ["input"] = "{}" });

        Assert.Equal("SUCCEEDED", result["status"]!.GetValue<string>());
        Assert.StartsWith("arn:aws:states:us-east-1:111111111111:express:quick:", result["executionArn"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_sync_execution_of_a_standard_machine_is_StateMachineTypeNotSupported()
    {
        var cloud = new StepFunctionsTestCloud();
        var machine = cloud.Machine("slow", WaitThenSucceed);

        var (_, error) = await cloud.CallAsync("StartSyncExecution", new JsonObject { ["stateMachineArn"] = machine.Arn });

        Assert.Equal("StateMachineTypeNotSupported", error["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_first_step_that_runs_inside_StartExecution_can_already_find_and_stop_its_execution()
    {
        var cloud = new StepFunctionsTestCloud();
        cloud.Service.Handlers.Register("arn:aws:states:::test:stopSelf", (call, _) =>
        {
            cloud.Service.StopExecution(call.AccountId, call.Region, call.ExecutionArn, "Stopped", "by its own first step");
            return Task.FromResult<JsonNode?>(null);
        });
        var machine = cloud.Machine("self", StepFunctionsTestCloud.Single("""{"Type":"Task","Resource":"arn:aws:states:::test:stopSelf","End":true}"""));

        var execution = cloud.Assembly.StartExecution(StepFunctionsTestCloud.Account, machine.Name, "{}");
        var result = await cloud.Assembly.RunUntilEndedAsync(execution);

        Assert.Equal("ABORTED", execution.StatusName);
        Assert.Equal("Stopped", result.Error);
    }
}
