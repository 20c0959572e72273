using System.Text.Json.Nodes;
using LocalCloud.Templates;
using static LocalCloud.Tests.Templates.TemplateFixtures;

namespace LocalCloud.Tests.Templates;

/// <summary>The repository's own template.yaml and samconfig.toml, deployed as users deploy them.</summary>
public sealed class ProductTemplateTests
{
    private static readonly string[] Steps =
    [
        "ResolveRequest", "Preflight", "RequestPeering", "AcceptPeering", "DescribePeering", "ConfigureRoutes", "ConfigureSecurityGroups",
        "ConfigureNetworkAcls", "ConfigureDns", "VerifyConnectivity", "Rollback", "Teardown", "DecideIncoming", "Reconcile", "CleanUpEndedPeering",
    ];

    private static readonly ResolvedStack Requesting = Deploy("requester", Requester);
    private static readonly ResolvedStack Accepting = Deploy("accepter", Accepter);

    private static ResolvedStack Deploy(string environment, string account) =>
        ProductTemplate().Resolve(new StackIdentity("vpc-peering", account, Region), ProductSamConfig().ParameterOverrides(environment));

    [Fact]
    public void Every_samconfig_environment_deploys_without_errors()
    {
        var config = ProductSamConfig();

        Assert.Equal(["default", "requester", "accepter"], config.Environments);
        foreach (var environment in config.Environments)
        {
            var stack = ProductTemplate().Resolve(new StackIdentity(config.StackName(environment)!, Requester, config.Region(environment) ?? Region),
                config.ParameterOverrides(environment));
            Assert.Equal(15, stack.OfType<FunctionResource>().Count);
        }
    }

    [Fact]
    public void One_function_per_step_with_its_handler_and_the_globals()
    {
        var functions = Requesting.OfType<FunctionResource>();

        Assert.Equal(Steps.Select(s => $"{s}Function").Order(StringComparer.Ordinal), functions.Select(f => f.LogicalId).Order(StringComparer.Ordinal));
        Assert.All(functions, f =>
        {
            Assert.Equal($"VpcPeering.Functions::VpcPeering.Functions.{f.LogicalId}::Handle", f.Handler);
            Assert.Equal(("dotnet10", "PublishedVersions"), (f.Runtime, f.SnapStartApplyOn));
            Assert.Equal(["arm64"], f.Architectures);
            Assert.Equal(Path.Combine(RepositoryRoot, "functions", "VpcPeering.Functions") + Path.DirectorySeparatorChar, f.CodeUri);
            Assert.Equal("peering:", f.Environment["TAG_PREFIX"]);
            Assert.Equal("vpc-peering", f.Environment["PEERING_BUS_NAME"]);
            Assert.NotNull(Requesting.Find($"{f.LogicalId}Aliaslive"));
        });
        Assert.Equal("111111111111", Accepting.Get<FunctionResource>("DecideIncomingFunction").Environment["ALLOWED_REQUESTER_ACCOUNTS"]);
        Assert.Equal("10.0.0.0/8", Accepting.Get<FunctionResource>("DecideIncomingFunction").Environment["ALLOWED_REQUESTER_CIDRS"]);
    }

    [Theory]
    [InlineData("ResolveRequest", "ec2:DescribeRouteTables ec2:DescribeSecurityGroups ec2:DescribeTags ec2:DescribeVpcPeeringConnections ec2:DescribeVpcs")]
    [InlineData("Preflight", "ec2:DescribeNetworkAcls ec2:DescribeRouteTables ec2:DescribeSecurityGroups ec2:DescribeSubnets ec2:DescribeVpcAttribute ec2:DescribeVpcPeeringConnections ec2:DescribeVpcs")]
    [InlineData("RequestPeering", "ec2:CreateTags ec2:CreateVpcPeeringConnection ec2:DeleteVpcPeeringConnection ec2:DescribeVpcPeeringConnections")]
    [InlineData("AcceptPeering", "ec2:AcceptVpcPeeringConnection ec2:DescribeVpcPeeringConnections")]
    [InlineData("DescribePeering", "ec2:DescribeVpcPeeringConnections")]
    [InlineData("ConfigureRoutes", "ec2:CreateRoute ec2:DescribeRouteTables")]
    [InlineData("ConfigureSecurityGroups", "ec2:AuthorizeSecurityGroupIngress ec2:DescribeSecurityGroups")]
    [InlineData("ConfigureNetworkAcls", "ec2:CreateNetworkAclEntry ec2:CreateTags ec2:DescribeNetworkAcls ec2:DescribeRouteTables ec2:DescribeSubnets ec2:DescribeTags")]
    [InlineData("ConfigureDns", "ec2:ModifyVpcPeeringConnectionOptions")]
    [InlineData("VerifyConnectivity", "ec2:DescribeNetworkAcls ec2:DescribeRouteTables ec2:DescribeSecurityGroups ec2:DescribeSubnets")]
    [InlineData("Rollback", "ec2:DeleteNetworkAclEntry ec2:DeleteRoute ec2:DeleteTags ec2:DeleteVpcPeeringConnection ec2:DescribeNetworkAcls ec2:DescribeRouteTables ec2:DescribeSecurityGroups ec2:DescribeTags ec2:DescribeVpcPeeringConnections ec2:RevokeSecurityGroupIngress")]
    [InlineData("Teardown", "ec2:DeleteNetworkAclEntry ec2:DeleteRoute ec2:DeleteTags ec2:DeleteVpcPeeringConnection ec2:DescribeNetworkAcls ec2:DescribeRouteTables ec2:DescribeSecurityGroups ec2:DescribeTags ec2:DescribeVpcPeeringConnections ec2:RevokeSecurityGroupIngress")]
    [InlineData("DecideIncoming", "ec2:DescribeVpcPeeringConnections ec2:RejectVpcPeeringConnection")]
    [InlineData("Reconcile", "ec2:DeleteNetworkAclEntry ec2:DeleteRoute ec2:DeleteTags ec2:DescribeNetworkAcls ec2:DescribeRouteTables ec2:DescribeSecurityGroups ec2:DescribeTags ec2:DescribeVpcPeeringConnections ec2:RevokeSecurityGroupIngress")]
    [InlineData("CleanUpEndedPeering", "ec2:DeleteNetworkAclEntry ec2:DeleteRoute ec2:DeleteTags ec2:DescribeNetworkAcls ec2:DescribeRouteTables ec2:DescribeSecurityGroups ec2:DescribeTags ec2:DescribeVpcPeeringConnections ec2:RevokeSecurityGroupIngress")]
    public void Each_function_role_grants_exactly_the_ec2_actions_of_its_step(string step, string actions)
    {
        var role = Requesting.Get<RoleResource>($"{step}FunctionRole");

        Assert.Equal(actions.Split(' '), Actions(role).Where(a => a.StartsWith("ec2:", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Preflight", true)]
    [InlineData("AcceptPeering", true)]
    [InlineData("ConfigureRoutes", true)]
    [InlineData("Teardown", true)]
    [InlineData("ResolveRequest", true)]
    [InlineData("RequestPeering", false)]
    [InlineData("DecideIncoming", false)]
    [InlineData("CleanUpEndedPeering", false)]
    public void Steps_that_act_on_the_partner_side_may_assume_its_access_role(string step, bool assumes)
    {
        var role = Requesting.Get<RoleResource>($"{step}FunctionRole");

        Assert.Equal(assumes, Actions(role).Contains("sts:AssumeRole"));
        if (assumes)
        {
            Assert.Contains("arn:aws:iam::*:role/vpc-peering-access", string.Concat(role.Policies.Select(p => p.Document)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_partners_no_function_may_assume_a_role()
    {
        var alone = ProductTemplate().Resolve(new StackIdentity("vpc-peering", Requester, Region));

        Assert.All(alone.OfType<RoleResource>(), r => Assert.DoesNotContain("sts:AssumeRole", Actions(r)));
        Assert.Null(alone.Find("PeeringAccessRole"));
        Assert.Null(alone.Find("PartnerAccountsBusPolicy"));
    }

    [Fact]
    public void The_state_machines_get_every_arn_their_definitions_use()
    {
        var machines = Requesting.OfType<StateMachineResource>().ToDictionary(m => m.LogicalId);
        var aliases = Steps.ToDictionary(s => $"{s}FunctionArn", s => Requesting.Get<FunctionAliasResource>($"{s}FunctionAliaslive").Arn);

        Assert.Equal(
            ["AcceptIncomingStateMachine", "CallbackRelayStateMachine", "PeeringEndedStateMachine", "PeeringStateMachine", "TeardownStateMachine"],
            machines.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("STANDARD", "EXPRESS"), (machines["PeeringStateMachine"].StateMachineType, machines["CallbackRelayStateMachine"].StateMachineType));

        var peering = machines["PeeringStateMachine"].DefinitionSubstitutions;
        foreach (var step in new[] { "ResolveRequest", "Preflight", "RequestPeering", "AcceptPeering", "DescribePeering", "ConfigureRoutes",
                     "ConfigureSecurityGroups", "ConfigureNetworkAcls", "ConfigureDns", "VerifyConnectivity", "Rollback" })
        {
            Assert.Equal(aliases[$"{step}FunctionArn"], peering[$"{step}FunctionArn"]);
        }

        Assert.Equal(machines["TeardownStateMachine"].Arn, peering["TeardownStateMachineArn"]);
        Assert.Equal(("arn:aws:events:us-east-1:111111111111:event-bus/vpc-peering", "vpc-peering"), (peering["PeeringBusArn"], peering["PeeringBusName"]));
        Assert.Equal(aliases["TeardownFunctionArn"], machines["TeardownStateMachine"].DefinitionSubstitutions["TeardownFunctionArn"]);
        Assert.Equal(aliases["DecideIncomingFunctionArn"], machines["AcceptIncomingStateMachine"].DefinitionSubstitutions["DecideIncomingFunctionArn"]);
        Assert.Equal(machines["PeeringStateMachine"].Arn, machines["CallbackRelayStateMachine"].DefinitionSubstitutions["PeeringStateMachineArn"]);
        Assert.Equal(aliases["CleanUpEndedPeeringFunctionArn"],
            machines["PeeringEndedStateMachine"].DefinitionSubstitutions["CleanUpEndedPeeringFunctionArn"]);
        Assert.All(machines.Values, m => Assert.EndsWith($"{m.LogicalId switch
        {
            "PeeringStateMachine" => "peering",
            "TeardownStateMachine" => "teardown",
            "AcceptIncomingStateMachine" => "accept-incoming",
            "PeeringEndedStateMachine" => "peering-ended",
            _ => "callback-relay",
        }}.asl.json", m.DefinitionPath, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_placeholder_in_the_definitions_has_a_substitution()
    {
        foreach (var machine in Requesting.OfType<StateMachineResource>())
        {
            var placeholders = System.Text.RegularExpressions.Regex.Matches(machine.Definition, @"\$\{([A-Za-z0-9_]+)\}").Select(m => m.Groups[1].Value);

            Assert.All(placeholders, p => Assert.True(machine.DefinitionSubstitutions.ContainsKey(p), $"{machine.LogicalId} has no substitution for ${{{p}}}"));
        }
    }

    [Fact]
    public void State_machine_roles_may_invoke_their_functions_and_reach_the_buses()
    {
        var peering = Requesting.Get<RoleResource>("PeeringStateMachineRole");
        var relay = Requesting.Get<RoleResource>("CallbackRelayStateMachineRole");

        Assert.Contains("lambda:InvokeFunction", Actions(peering));
        Assert.Contains("states:StartExecution", Actions(peering));
        Assert.Contains("arn:aws:events:*:*:event-bus/vpc-peering", string.Concat(peering.Policies.Select(p => p.Document)), StringComparison.Ordinal);
        Assert.Equal(["states:SendTaskFailure", "states:SendTaskHeartbeat", "states:SendTaskSuccess"],
            Actions(relay).Where(a => a.StartsWith("states:", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("lambda:InvokeFunction", Actions(relay));
    }

    [Fact]
    public void The_peering_machine_may_start_itself_through_a_policy_of_its_own_on_its_role()
    {
        var policy = Requesting.Get<RolePolicyResource>("PeeringStartsItselfPolicy");
        var statement = JsonNode.Parse(policy.Document)!["Statement"]![0]!;

        Assert.Equal([Requesting.Get<RoleResource>("PeeringStateMachineRole").RoleName], policy.RoleNames);
        Assert.Equal("states:StartExecution", statement["Action"]!.GetValue<string>());
        Assert.Equal(Requesting.Get<StateMachineResource>("PeeringStateMachine").Arn, statement["Resource"]!.GetValue<string>());
    }

    [Fact]
    public void Rules_start_the_workflows_from_tags_cloudtrail_partner_events_and_a_schedule()
    {
        var rules = Requesting.OfType<RuleResource>().ToDictionary(r => r.LogicalId);
        var machines = Requesting.OfType<StateMachineResource>().ToDictionary(m => m.LogicalId, m => m.Arn);

        Assert.Equal(
            ["AcceptIncomingStateMachineAcceptanceRequested", "CallbackRelayStateMachineAcceptanceDecided", "PeeringEndedStateMachinePeeringEnded",
                "PeeringStateMachineVpcCidrAssociated", "PeeringStateMachineVpcTagChanged", "ReconcileFunctionSweep"],
            rules.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            """{"source":["aws.tag"],"detail-type":["Tag Change on Resource"],"detail":{"service":["ec2"],"resource-type":["vpc"],"changed-tag-keys":[{"prefix":"peering:"}]}}""",
            rules["PeeringStateMachineVpcTagChanged"].EventPattern);
        Assert.Contains("\"eventName\":[\"AssociateVpcCidrBlock\"]", rules["PeeringStateMachineVpcCidrAssociated"].EventPattern, StringComparison.Ordinal);
        Assert.Equal(("vpc-peering", """{"source":["vpc-peering"],"detail-type":["VPC Peering Acceptance Requested"]}"""),
            (rules["AcceptIncomingStateMachineAcceptanceRequested"].EventBusName, rules["AcceptIncomingStateMachineAcceptanceRequested"].EventPattern));
        Assert.Contains("VPC Peering Acceptance Decided", rules["CallbackRelayStateMachineAcceptanceDecided"].EventPattern, StringComparison.Ordinal);
        Assert.Equal(("vpc-peering", """{"source":["vpc-peering"],"detail-type":["VPC Peering Failed","VPC Peering Deleted"],"account":[{"anything-but":"111111111111"}],"detail":{"peeringConnectionId":[{"prefix":"pcx-"}]}}"""),
            (rules["PeeringEndedStateMachinePeeringEnded"].EventBusName, rules["PeeringEndedStateMachinePeeringEnded"].EventPattern));
        Assert.Equal(machines["PeeringEndedStateMachine"], rules["PeeringEndedStateMachinePeeringEnded"].Targets[0].Arn);
        Assert.Equal("rate(15 minutes)", rules["ReconcileFunctionSweep"].ScheduleExpression);
        Assert.Equal(machines["PeeringStateMachine"], rules["PeeringStateMachineVpcTagChanged"].Targets[0].Arn);
        Assert.Equal(machines["AcceptIncomingStateMachine"], rules["AcceptIncomingStateMachineAcceptanceRequested"].Targets[0].Arn);
        Assert.Equal(machines["CallbackRelayStateMachine"], rules["CallbackRelayStateMachineAcceptanceDecided"].Targets[0].Arn);
        Assert.All(rules.Values.Where(r => r.ScheduleExpression is null), r => Assert.NotNull(r.Targets[0].RoleArn));
    }

    [Fact]
    public void The_accepter_lets_its_partner_send_events_and_assume_the_access_role_with_the_external_id()
    {
        var policy = JsonNode.Parse(Accepting.Get<EventBusPolicyResource>("PartnerAccountsBusPolicy").Statement)!;
        var access = Accepting.Get<RoleResource>("PeeringAccessRole");
        var trust = JsonNode.Parse(access.AssumeRolePolicyDocument)!["Statement"]!.AsArray();

        Assert.Equal("111111111111", policy["Principal"]!["AWS"]![0]!.GetValue<string>());
        Assert.Equal(("vpc-peering-access", "arn:aws:iam::222222222222:role/vpc-peering-access"), (access.RoleName, access.Arn));
        var statement = Assert.Single(trust);
        Assert.Equal("local-example-external-id", statement!["Condition"]!["StringEquals"]!["sts:ExternalId"]!.GetValue<string>());
        Assert.Contains("ec2:AcceptVpcPeeringConnection", Actions(access));
        Assert.Equal(access.Arn, Accepting.Outputs["PeeringAccessRoleArn"]);
        Assert.Null(Requesting.Find("PeeringAccessRole"));
        Assert.Equal("****", Accepting.Parameters["ExternalId"]);
    }

    [Fact]
    public void Outputs_name_the_state_machines_and_the_bus()
    {
        Assert.Equal(
            ["AcceptIncomingStateMachineArn", "CallbackRelayStateMachineArn", "PeeringBusArn", "PeeringBusName", "PeeringStateMachineArn", "TeardownStateMachineArn"],
            Requesting.Outputs.Keys.Order(StringComparer.Ordinal));
    }

    private static HashSet<string> Actions(RoleResource role)
    {
        var actions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var policy in role.Policies)
        {
            foreach (var statement in JsonNode.Parse(policy.Document)!["Statement"]!.AsArray())
            {
                switch (statement!["Action"])
                {
                    case JsonArray list:
                        actions.UnionWith(list.Select(a => a!.GetValue<string>()));
                        break;
                    case JsonValue single:
                        actions.Add(single.GetValue<string>());
                        break;
                }
            }
        }

        return actions;
    }
}
