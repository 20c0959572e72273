using System.Text.Json.Nodes;
using LocalCloud.Templates;
using static LocalCloud.Tests.Templates.TemplateFixtures;

namespace LocalCloud.Tests.Templates;

// Generated resources follow the SAM specification's "Generated AWS CloudFormation resources" pages.
public sealed class TestTemplateDeploymentTests
{
    private static readonly ResolvedStack Stack = TestTemplate().Resolve(TemplateFixtures.Stack());

    [Fact]
    public void Every_resource_type_is_resolved_in_dependency_order()
    {
        var types = Stack.Resources.Select(r => r.Type).ToHashSet();

        Assert.Equal(
            [
                "AWS::Events::EventBus", "AWS::Events::EventBusPolicy", "AWS::Events::Rule", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role",
                "AWS::Lambda::Alias", "AWS::Lambda::Function", "AWS::Lambda::Permission", "AWS::Lambda::Version", "AWS::Logs::LogGroup",
                "AWS::StepFunctions::StateMachine",
            ],
            types.Order(StringComparer.Ordinal));
        var position = Stack.Resources.Select((r, i) => (r.LogicalId, i)).ToDictionary(p => p.LogicalId, p => p.i);
        Assert.True(position["WorkerFunctionRole"] < position["WorkerFunction"]);
        Assert.True(position["InlineMachine"] < position["Machine"]);
        Assert.True(position["MachineLogs"] < position["OrderedLogs"]);
        Assert.Null(Stack.Find("ProdOnlyLogs"));
    }

    [Fact]
    public void A_serverless_function_gets_globals_a_role_an_alias_and_its_event_rules()
    {
        var function = Stack.Get<FunctionResource>("WorkerFunction");
        var role = Stack.Get<RoleResource>("WorkerFunctionRole");

        Assert.Equal("Sample::Sample.WorkerFunction::Handle", function.Handler);
        Assert.Equal(("dotnet10", 256, 15, "PublishedVersions"), (function.Runtime, function.MemorySize, function.Timeout, function.SnapStartApplyOn));
        Assert.Equal(["arm64"], function.Architectures);
        Assert.Equal(Path.Combine(TestDirectory, "functions", "Sample") + Path.DirectorySeparatorChar, function.CodeUri);
        Assert.Equal(new Dictionary<string, string> { ["BUS_NAME"] = "test-bus", ["LOG_LEVEL"] = "Debug", ["TAG_PREFIX"] = "peering:" }, function.Environment);
        Assert.Equal(role.Arn, function.RoleArn);
        Assert.Equal("WorkerFunction", role.SourceLogicalId);
        Assert.Equal($"{function.Arn}:live", Stack.Outputs["WorkerAlias"]);

        Assert.Contains("lambda.amazonaws.com", role.AssumeRolePolicyDocument, StringComparison.Ordinal);
        Assert.Equal(["AWSLambdaBasicExecutionRole", "WorkerFunctionRolePolicy0", "WorkerFunctionRolePolicy1"], role.Policies.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess", role.ManagedPolicyArns);
        Assert.Contains("\"arn:aws:events:us-east-1:111111111111:event-bus/test-bus\"", role.Policies.Single(p => p.Name == "WorkerFunctionRolePolicy0").Document, StringComparison.Ordinal);

        var nightly = Stack.Get<RuleResource>("WorkerFunctionNightly");
        Assert.Equal(("rate(1 day)", "default"), (nightly.ScheduleExpression, nightly.EventBusName));
        Assert.Equal("""{"sweep": true}""", Assert.Single(nightly.Targets).Input);
        Assert.Equal($"{function.Arn}:live", nightly.Targets[0].Arn);
        var onBus = Stack.Get<RuleResource>("WorkerFunctionBusEvent");
        Assert.Equal(("test-bus", "$.detail"), (onBus.EventBusName, onBus.Targets[0].InputPath));
        Assert.Equal(onBus.Arn, Stack.Get<LambdaPermissionResource>("WorkerFunctionBusEventPermission").SourceArn);
    }

    [Fact]
    public void A_serverless_state_machine_keeps_its_definition_and_resolved_substitutions()
    {
        var machine = Stack.Get<StateMachineResource>("Machine");

        Assert.Equal("EXPRESS", machine.StateMachineType);
        Assert.Contains("${WorkerFunctionArn}", machine.Definition, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(TestDirectory, "test-machine.asl.json"), machine.DefinitionPath);
        Assert.Equal(new Dictionary<string, string>
        {
            ["BusName"] = "test-bus",
            ["Chosen"] = "small",
            ["InlineMachineName"] = "test-inline",
            ["Joined"] = "a-dev",
            ["Literal"] = "${NotAVariable}",
            ["Mixed"] = "test-bus-111111111111",
            ["Partition"] = "aws",
            ["Region"] = "us-east-1",
            ["Second"] = "b",
            ["UrlSuffix"] = "amazonaws.com",
            ["WorkerFunctionArn"] = Stack.Get<FunctionResource>("WorkerFunction").Arn + ":live",
            ["Zone"] = "us-east-1b",
        }, machine.DefinitionSubstitutions);
        Assert.Equal(("ALL", true), (machine.Logging!.Level, machine.Logging.IncludeExecutionData));
        Assert.Equal([Stack.Get<LogGroupResource>("MachineLogs").Arn], machine.Logging.LogGroupArns);
        Assert.Equal(Stack.Get<RoleResource>("MachineRole").Arn, machine.RoleArn);

        var inline = Stack.Get<StateMachineResource>("InlineMachine");
        Assert.Equal(("test-inline", "STANDARD"), (inline.Name, inline.StateMachineType));
        Assert.Equal("Succeed", JsonNode.Parse(inline.Definition)!["States"]!["Done"]!["Type"]!.GetValue<string>());
        Assert.Equal(Stack.Get<RoleResource>("CustomRole").Arn, inline.RoleArn);
    }

    [Fact]
    public void State_machine_events_become_rules_with_a_start_execution_role()
    {
        var rule = Stack.Get<RuleResource>("MachineOnBus");
        var target = Assert.Single(rule.Targets);
        var role = Stack.Get<RoleResource>("MachineOnBusRole");

        Assert.Equal("""{"source":["sample"],"detail-type":["Thing Happened"]}""", rule.EventPattern);
        Assert.Equal(("MachineOnBusStepFunctionsTarget", Stack.Get<StateMachineResource>("Machine").Arn, role.Arn), (target.Id, target.Arn, target.RoleArn));
        Assert.Equal(new Dictionary<string, string> { ["id"] = "$.detail.id" }, target.InputTransformer!.InputPathsMap);
        Assert.Equal("""{"thing": <id>}""", target.InputTransformer.InputTemplate);
        Assert.Equal(new RuleRetryPolicy(600, 3), target.RetryPolicy);
        Assert.Equal("arn:aws:sqs:us-east-1:111111111111:dead-letters", target.DeadLetterArn);
        Assert.Contains("events.amazonaws.com", role.AssumeRolePolicyDocument, StringComparison.Ordinal);
        Assert.Contains("states:StartExecution", Assert.Single(role.Policies).Document, StringComparison.Ordinal);
        Assert.Equal("rate(5 minutes)", Stack.Get<RuleResource>("MachineTick").ScheduleExpression);

        var machineRole = Stack.Get<RoleResource>("MachineRole");
        Assert.Contains("states.amazonaws.com", machineRole.AssumeRolePolicyDocument, StringComparison.Ordinal);
        Assert.Contains($"function:{Stack.Get<FunctionResource>("WorkerFunction").FunctionName}*", machineRole.Policies[0].Document, StringComparison.Ordinal);
        Assert.Contains("stateMachine:test-inline", machineRole.Policies[1].Document, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_resources_give_what_cloudformation_gives()
    {
        var rule = Stack.Get<RuleResource>("ForwardRule");

        Assert.Equal($"test-bus|{rule.Name}", rule.Ref);
        Assert.Equal($"arn:aws:events:us-east-1:111111111111:rule/test-bus/{rule.Name}", rule.Arn);
        Assert.Equal(["PartnerBus", "Worker", "Machine"], rule.Targets.Select(t => t.Id));
        Assert.Equal("arn:aws:events:us-east-1:222222222222:event-bus/partner", rule.Targets[0].Arn);
        Assert.Equal(Stack.Get<RoleResource>("ForwardRole").Arn, rule.Targets[0].RoleArn);
        Assert.Equal("""{"forwarded": true}""", rule.Targets[1].Input);

        var partners = Stack.Get<EventBusPolicyResource>("PartnersBusPolicy");
        Assert.Equal(("test-bus", "AllowPartners"), (partners.EventBusName, partners.StatementId));
        Assert.Contains("""["222222222222","333333333333"]""", partners.Statement, StringComparison.Ordinal);
        var legacy = Stack.Get<EventBusPolicyResource>("LegacyBusPolicy");
        Assert.Contains("arn:aws:iam::444444444444:root", legacy.Statement, StringComparison.Ordinal);
        Assert.Contains("arn:aws:events:us-east-1:111111111111:event-bus/test-bus", legacy.Statement, StringComparison.Ordinal);
    }

    [Fact]
    public void Iam_and_logs_resources_give_what_cloudformation_gives()
    {
        var custom = Stack.Get<RoleResource>("CustomRole");
        var shared = Stack.Get<ManagedPolicyResource>("SharedPolicy");
        var logs = Stack.Get<LogGroupResource>("MachineLogs");

        Assert.Equal(("test-custom", "/service/", "arn:aws:iam::111111111111:role/service/test-custom", 7200),
            (custom.Ref, custom.Path, custom.Arn, custom.MaxSessionDuration));
        Assert.Equal(["Describe", shared.PolicyName], custom.Policies.Select(p => p.Name));
        Assert.StartsWith("arn:aws:iam::111111111111:policy/test-SharedPolicy-", shared.Ref, StringComparison.Ordinal);
        Assert.Equal(("/aws/vendedlogs/states/test-machine", 7), (logs.Ref, logs.RetentionInDays));
        Assert.Equal("arn:aws:logs:us-east-1:111111111111:log-group:/aws/vendedlogs/states/test-machine:*", logs.Arn);
        Assert.Equal("/ordered/dev-partners/yes", Stack.Get<LogGroupResource>("OrderedLogs").LogGroupName);
        Assert.Equal(Stack.Get<FunctionResource>("ExplicitRoleFunction").RoleArn, custom.Arn);
        Assert.Null(Stack.Find("ExplicitRoleFunctionRole"));
    }

    [Fact]
    public void Outputs_and_exports_are_resolved_and_conditional_outputs_left_out()
    {
        Assert.Equal(["BusArn", "Encoded", "MachineArn", "PartnerList", "StackId", "WorkerAlias"], Stack.Outputs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("aGk=", Stack.Outputs["Encoded"]);
        Assert.Equal("222222222222,333333333333", Stack.Outputs["PartnerList"]);
        Assert.Equal(Stack.Outputs["BusArn"], Stack.Exports["test-BusArn"]);
    }

    [Fact]
    public void Parameters_change_conditions_and_mappings()
    {
        var prod = TestTemplate().Resolve(TemplateFixtures.Stack(), new Dictionary<string, string> { ["Stage"] = "prod", ["Partners"] = "", ["Secret"] = "x" });

        Assert.NotNull(prod.Find("ProdOnlyLogs"));
        Assert.Null(prod.Find("PartnersBusPolicy"));
        Assert.Equal(90, prod.Get<LogGroupResource>("MachineLogs").RetentionInDays);
        Assert.Equal("/ordered/other/yes", prod.Get<LogGroupResource>("OrderedLogs").LogGroupName);
        Assert.Contains(prod.Get<RoleResource>("WorkerFunctionRole").ManagedPolicyArns, arn => arn == prod.Get<ManagedPolicyResource>("SharedPolicy").Arn);
        Assert.Equal("big", prod.Get<StateMachineResource>("Machine").DefinitionSubstitutions["Chosen"]);
    }

    [Fact]
    public void The_same_template_deploys_into_two_accounts()
    {
        var cloud = new EmulatedCloud();
        var registry = new RecordingStateMachines();
        cloud.Stacks().UseStateMachines(registry);

        var first = cloud.Stacks().Deploy(TestTemplate(), new StackDeployment("test", Requester, Region));
        var second = cloud.Stacks().Deploy(TestTemplate(), new StackDeployment("test", Accepter, Region));

        Assert.Equal("arn:aws:events:us-east-1:111111111111:event-bus/test-bus", first.Outputs["BusArn"]);
        Assert.Equal("arn:aws:events:us-east-1:222222222222:event-bus/test-bus", second.Outputs["BusArn"]);
        Assert.NotNull(cloud.Iam.Find("arn:aws:iam::111111111111:role/service/test-custom"));
        Assert.NotNull(cloud.Iam.Find("arn:aws:iam::222222222222:role/service/test-custom"));
        Assert.Equal(cloud.Iam.InAccount(Requester).Count, cloud.Iam.InAccount(Accepter).Count);
        Assert.Equal([Requester, Requester, Accepter, Accepter], registry.Created.Select(c => c.Stack.AccountId));
        Assert.Same(second, cloud.Stacks().Find(Accepter, Region, "test"));
        Assert.All(first.Resources.Where(r => r.Type == "AWS::StepFunctions::StateMachine"), r => Assert.True(r.Provisioned));
        Assert.Equal(first.Resolved.Get<StateMachineResource>("Machine").Arn, first.PhysicalId("Machine"));
    }

    [Fact]
    public void A_template_with_errors_deploys_nothing()
    {
        var cloud = new EmulatedCloud();

        Assert.Throws<TemplateException>(() => cloud.Stacks().Deploy(TestTemplate(), new StackDeployment("test", Requester, Region)
        {
            ParameterOverrides = new Dictionary<string, string> { ["Stage"] = "qa" },
        }));

        Assert.Empty(cloud.Iam.InAccount(Requester));
        Assert.Empty(cloud.Stacks().All);
    }

    private sealed class RecordingStateMachines : IStateMachineRegistry
    {
        public List<(StackIdentity Stack, StateMachineResource Machine)> Created { get; } = [];

        public void CreateOrUpdate(StackIdentity stack, StateMachineResource stateMachine) => Created.Add((stack, stateMachine));

        public void Delete(StackIdentity stack, StateMachineResource stateMachine)
        {
        }
    }
}
