using System.Text.Json.Nodes;
using LocalCloud.Events;
using LocalCloud.StepFunctions;

namespace LocalCloud.Tests.StepFunctions;

/// <summary>The service integrations: Lambda, EventBridge, Step Functions itself and the EC2 AWS SDK integration.</summary>
public sealed class IntegrationTests
{
    private const string Account = StepFunctionsTestCloud.Account;

    [Fact]
    public async Task Lambda_invoke_returns_the_envelope_with_the_payload()
    {
        var cloud = new StepFunctionsTestCloud();
        var function = cloud.Function("echo", nameof(EchoFunction));
        var machine = cloud.Machine("m", StepFunctionsTestCloud.Single($$"""
            {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"{{function.FunctionArn}}:live","Payload.$":"$"},"End":true}
            """));

        var result = await cloud.Assembly.RunUntilEndedAsync(cloud.Assembly.StartExecution(Account, machine.Name, """{"x":1}"""));

        Assert.Equal(200, result.Output!["StatusCode"]!.GetValue<int>());
        Assert.Equal(1, result.Output["Payload"]!["x"]!.GetValue<int>());
        Assert.Equal("$LATEST", result.Output["ExecutedVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Function_error_type_is_the_error_name_a_catcher_matches()
    {
        var cloud = new StepFunctionsTestCloud();
        var function = cloud.Function("overlap", nameof(OverlapFunction));
        var machine = cloud.Machine("m", $$$"""
            {"StartAt":"Call","States":{
              "Call":{"Type":"Task","Resource":"{{{function.FunctionArn}}}","Catch":[{"ErrorEquals":["CidrOverlapException"],"ResultPath":"$.error","Next":"Caught"}],"End":true},
              "Caught":{"Type":"Pass","End":true} } }
            """);

        var execution = cloud.Assembly.StartExecution(Account, machine.Name, "{}");
        var result = await cloud.Assembly.RunUntilEndedAsync(execution);

        Assert.Equal("SUCCEEDED", execution.StatusName);
        Assert.Equal(["Call", "Caught"], execution.StatesEntered());
        Assert.Contains("overlaps", result.Output!["error"]!["Cause"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_events_reaches_a_rule_that_starts_another_state_machine()
    {
        var cloud = new StepFunctionsTestCloud();
        var target = cloud.Machine("target", """{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}""");
        cloud.Assembly.Events.PutRule(Account, StepFunctionsTestCloud.Region, "r", """{"source":["vpc-peering"]}""");
        cloud.Assembly.Events.PutTargets(Account, StepFunctionsTestCloud.Region, "r", [new EventTarget("t", target.Arn)]);
        var sender = cloud.Machine("sender", StepFunctionsTestCloud.Single("""
            {"Type":"Task","Resource":"arn:aws:states:::events:putEvents","Parameters":{"Entries":[{"Source":"vpc-peering","DetailType":"Hello","Detail":{"a":1}}]},"End":true}
            """));

        var result = await cloud.Assembly.RunUntilEndedAsync(cloud.Assembly.StartExecution(Account, sender.Name, "{}"));
        await cloud.Assembly.RunUntilIdleAsync();

        Assert.Equal(0, result.Output!["FailedEntryCount"]!.GetValue<int>());
        var started = Assert.Single(cloud.Service.Executions, e => e.StateMachine == target);
        Assert.Equal("SUCCEEDED", started.StatusName);
        Assert.Equal("Hello", started.Execution.Input!["detail-type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_events_to_another_accounts_bus_without_its_permission_fails_the_task()
    {
        var cloud = new StepFunctionsTestCloud();
        cloud.Assembly.Events.CreateEventBus(StepFunctionsTestCloud.Other, StepFunctionsTestCloud.Region, "vpc-peering");
        var sender = cloud.Machine("sender", StepFunctionsTestCloud.Single("""
            {"Type":"Task","Resource":"arn:aws:states:::events:putEvents","Parameters":{"Entries":[{"Source":"vpc-peering","DetailType":"Hello","Detail":{},
              "EventBusName":"arn:aws:events:us-east-1:222222222222:event-bus/vpc-peering"}]},"End":true}
            """));

        var result = await cloud.Assembly.RunUntilEndedAsync(cloud.Assembly.StartExecution(Account, sender.Name, "{}"));

        Assert.Equal("EventBridge.FailedEntry", result.Error);
        Assert.Contains("AccessDeniedException", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_task_success_integration_completes_a_waiting_execution_of_the_same_account()
    {
        var cloud = new StepFunctionsTestCloud();
        var waiter = cloud.Machine("waiter", """
            {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::events:putEvents.waitForTaskToken",
              "Parameters":{"Entries":[{"Source":"asker","DetailType":"Ask","Detail":{"token.$":"$$.Task.Token"}}]},"End":true}}}
            """);
        var relay = cloud.Machine("relay", StepFunctionsTestCloud.Single("""
            {"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sfn:sendTaskSuccess","Parameters":{"TaskToken.$":"$.detail.token","Output":{"accepted":true}},"End":true}
            """), type: StateMachineType.Express);
        cloud.Assembly.Events.PutRule(Account, StepFunctionsTestCloud.Region, "relay", """{"source":["asker"]}""");
        cloud.Assembly.Events.PutTargets(Account, StepFunctionsTestCloud.Region, "relay", [new EventTarget("t", relay.Arn)]);

        var result = await cloud.Assembly.RunUntilEndedAsync(cloud.Assembly.StartExecution(Account, waiter.Name, "{}"));

        Assert.Equal("""{"accepted":true}""", result.OutputJson);
    }

    [Fact]
    public async Task Start_execution_sync_returns_the_child_output_and_sync2_as_json()
    {
        var cloud = new StepFunctionsTestCloud();
        var child = cloud.Machine("child", """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"Next":"R"},"R":{"Type":"Pass","Result":{"v":7},"End":true}}}""");
        var parent = cloud.Machine("parent", $$$"""
            {"StartAt":"One","States":{
              "One":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync","Parameters":{"StateMachineArn":"{{{child.Arn}}}","Input":{}},"ResultPath":"$.one","Next":"Two"},
              "Two":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","Parameters":{"StateMachineArn":"{{{child.Arn}}}"},"ResultPath":"$.two","End":true} } }
            """);

        var result = await cloud.Assembly.RunUntilEndedAsync(cloud.Assembly.StartExecution(Account, parent.Name, "{}"));

        Assert.Equal("SUCCEEDED", result.Output!["one"]!["Status"]!.GetValue<string>());
        Assert.Equal("""{"v":7}""", result.Output["one"]!["Output"]!.GetValue<string>());
        Assert.Equal(7, result.Output["two"]!["Output"]!["v"]!.GetValue<int>());
    }

    [Fact]
    public async Task Failed_child_fails_the_sync_task_with_TaskFailed()
    {
        var cloud = new StepFunctionsTestCloud();
        var child = cloud.Machine("child", """{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"bad"}}}""");
        var parent = cloud.Machine("parent", StepFunctionsTestCloud.Single($$"""
            {"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync","Parameters":{"StateMachineArn":"{{child.Arn}}"},"End":true}
            """));

        var result = await cloud.Assembly.RunUntilEndedAsync(cloud.Assembly.StartExecution(Account, parent.Name, "{}"));

        Assert.Equal("States.TaskFailed", result.Error);
        Assert.Contains("Boom", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ec2_sdk_integration_calls_ec2_as_the_state_machine_role()
    {
        var cloud = new StepFunctionsTestCloud();
        var role = cloud.StatesRole();
        var machine = cloud.Machine("net", """
            {"StartAt":"Create","States":{
              "Create":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:ec2:createVpc","Parameters":{"CidrBlock":"10.1.0.0/16"},"ResultPath":"$.created","Next":"Describe"},
              "Describe":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:ec2:describeVpcs","Parameters":{"VpcIds.$":"States.Array($.created.Vpc.VpcId)"},"End":true}}}
            """, roleArn: role);

        var result = await cloud.Assembly.RunUntilEndedAsync(cloud.Assembly.StartExecution(Account, machine.Name, "{}"));

        Assert.Equal("10.1.0.0/16", result.Output!["Vpcs"]![0]!["CidrBlock"]!.GetValue<string>());
        Assert.All(cloud.Cloud.RequestLog.For("ec2"), e => Assert.Equal(role, e.RoleArn));
    }

    [Fact]
    public async Task Ec2_error_fails_the_task_with_the_ec2_code()
    {
        var cloud = new StepFunctionsTestCloud();
        var machine = cloud.Machine("net", StepFunctionsTestCloud.Single("""
            {"Type":"Task","Resource":"arn:aws:states:::aws-sdk:ec2:describeVpcs","Parameters":{"VpcIds":["vpc-00000000000000000"]},"End":true}
            """), roleArn: cloud.StatesRole());

        var result = await cloud.Assembly.RunUntilEndedAsync(cloud.Assembly.StartExecution(Account, machine.Name, "{}"));

        Assert.Equal("Ec2.InvalidVpcID.NotFound", result.Error);
    }

    [Fact]
    public async Task Credentials_role_is_assumed_only_where_its_trust_policy_allows()
    {
        var cloud = new StepFunctionsTestCloud();
        var role = cloud.StatesRole();
        cloud.Cloud.Iam.Put(new LocalCloud.Iam.IamRole(StepFunctionsTestCloud.Other, "trusting",
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{role}}"},"Action":"sts:AssumeRole"}]}""", []));
        cloud.Cloud.Iam.Put(new LocalCloud.Iam.IamRole(StepFunctionsTestCloud.Other, "closed",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:root"},"Action":"sts:AssumeRole"}]}""", []));
        string Describe(string target) => StepFunctionsTestCloud.Single($$"""
            {"Type":"Task","Resource":"arn:aws:states:::aws-sdk:ec2:describeVpcs","Credentials":{"RoleArn":"arn:aws:iam::222222222222:role/{{target}}"},"Parameters":{},"End":true}
            """);

        var allowed = await cloud.Assembly.RunUntilEndedAsync(cloud.Assembly.StartExecution(Account, cloud.Machine("ok", Describe("trusting"), roleArn: role).Name, "{}"));
        var denied = await cloud.Assembly.RunUntilEndedAsync(cloud.Assembly.StartExecution(Account, cloud.Machine("no", Describe("closed"), roleArn: role).Name, "{}"));

        Assert.Null(allowed.Error);
        Assert.Equal(StepFunctionsTestCloud.Other, cloud.Cloud.RequestLog.For("ec2").First().AccountId);
        Assert.Equal("States.TaskFailed", denied.Error);
        Assert.Contains("AccessDenied", denied.Cause, StringComparison.Ordinal);
    }
}
