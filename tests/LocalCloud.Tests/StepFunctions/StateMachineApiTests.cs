using System.Text.Json.Nodes;

namespace LocalCloud.Tests.StepFunctions;

/// <summary>CreateStateMachine / DescribeStateMachine / ListStateMachines / DeleteStateMachine (Step Functions API reference).</summary>
public sealed class StateMachineApiTests
{
    private const string Pass = """{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}""";

    [Fact]
    public async Task Created_state_machine_is_described_and_listed()
    {
        var cloud = new StepFunctionsTestCloud();
        var role = cloud.StatesRole();

        var (status, created) = await cloud.CallAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = "hello", ["definition"] = Pass, ["roleArn"] = role, ["type"] = "EXPRESS",
        });
        var (_, described) = await cloud.CallAsync("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = created["stateMachineArn"]!.GetValue<string>() });
        var (_, listed) = await cloud.CallAsync("ListStateMachines", []);

        Assert.Equal(200, status);
        Assert.Equal("arn:aws:states:us-east-1:111111111111:stateMachine:hello", created["stateMachineArn"]!.GetValue<string>());
        Assert.Equal("EXPRESS", described["type"]!.GetValue<string>());
        Assert.Equal(role, described["roleArn"]!.GetValue<string>());
        Assert.Single(listed["stateMachines"]!.AsArray());
    }

    [Fact]
    public async Task Invalid_definition_is_InvalidDefinition_naming_the_problem()
    {
        var cloud = new StepFunctionsTestCloud();

        var (status, error) = await cloud.CallAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = "broken", ["definition"] = """{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}""", ["roleArn"] = cloud.StatesRole(),
        });

        Assert.Equal(400, status);
        Assert.Equal("InvalidDefinition", error["__type"]!.GetValue<string>());
        Assert.Contains("/States/A", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Same_name_with_another_definition_is_StateMachineAlreadyExists()
    {
        var cloud = new StepFunctionsTestCloud();
        var role = cloud.StatesRole();
        await cloud.CallAsync("CreateStateMachine", new JsonObject { ["name"] = "m", ["definition"] = Pass, ["roleArn"] = role });

        var (_, again) = await cloud.CallAsync("CreateStateMachine", new JsonObject { ["name"] = "m", ["definition"] = Pass, ["roleArn"] = role });
        var (status, error) = await cloud.CallAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = "m", ["definition"] = """{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}""", ["roleArn"] = role,
        });

        Assert.Equal("arn:aws:states:us-east-1:111111111111:stateMachine:m", again["stateMachineArn"]!.GetValue<string>());
        Assert.Equal(400, status);
        Assert.Equal("StateMachineAlreadyExists", error["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task State_machines_belong_to_their_account()
    {
        var cloud = new StepFunctionsTestCloud();
        var machine = cloud.Machine("mine", Pass);

        var (status, error) = await cloud.CallAsync("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = machine.Arn },
            StepFunctionsTestCloud.Other);

        Assert.Equal(400, status);
        Assert.Equal("StateMachineDoesNotExist", error["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleted_state_machine_no_longer_exists()
    {
        var cloud = new StepFunctionsTestCloud();
        var machine = cloud.Machine("gone", Pass);

        await cloud.CallAsync("DeleteStateMachine", new JsonObject { ["stateMachineArn"] = machine.Arn });
        var (_, error) = await cloud.CallAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machine.Arn });

        Assert.Equal("StateMachineDoesNotExist", error["__type"]!.GetValue<string>());
    }
}
