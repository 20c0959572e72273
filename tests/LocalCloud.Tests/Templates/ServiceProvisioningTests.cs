using LocalCloud.Core;
using LocalCloud.Lambda;
using LocalCloud.StepFunctions;
using LocalCloud.Templates;
using static LocalCloud.Tests.Templates.TemplateFixtures;

namespace LocalCloud.Tests.Templates;

public sealed class ServiceProvisioningTests
{
    [Fact]
    public void Deploying_the_product_creates_functions_buses_policies_and_rules_in_the_cloud_services()
    {
        var cloud = new EmulatedCloud();
        var (events, lambda) = cloud.AddEventBridgeAndLambda();
        var config = ProductSamConfig();

        var requester = cloud.Stacks().Deploy(ProductTemplate(), new StackDeployment("vpc-peering", Requester, Region)
        {
            SamConfig = config,
            ConfigEnvironment = "requester",
        });
        var accepter = cloud.Stacks().Deploy(ProductTemplate(), new StackDeployment("vpc-peering", Accepter, Region)
        {
            SamConfig = config,
            ConfigEnvironment = "accepter",
        });

        Assert.Equal(15, lambda.List(Requester, Region).Count);
        Assert.Equal(15, lambda.List(Accepter, Region).Count);
        Assert.Equal("VpcPeering.Functions::VpcPeering.Functions.PreflightFunction::Handle",
            lambda.Get(Requester, Region, requester.PhysicalId("PreflightFunction")!).Handler);
        var bus = events.GetEventBus(Accepter, Region, "vpc-peering");
        Assert.True(bus.Policy.Allows(AwsPrincipal.Root(Requester), null, bus.Arn));
        Assert.False(bus.Policy.Allows(AwsPrincipal.Root("333333333333"), null, bus.Arn));
        Assert.Equal(3, events.ListRules(Accepter, Region, "vpc-peering").Count);
        Assert.Equal(3, events.ListRules(Accepter, Region).Count);
        Assert.All(accepter.Resources.Where(r => r.Type is "AWS::Lambda::Function" or "AWS::Events::Rule" or "AWS::IAM::Role"), r => Assert.True(r.Provisioned));
    }

    [Fact]
    public void Deploying_the_product_hands_its_state_machines_to_step_functions()
    {
        var cloud = new EmulatedCloud();
        cloud.AddEventBridgeAndLambda();
        var stepFunctions = cloud.AddStepFunctions();

        var stack = cloud.Stacks().Deploy(ProductTemplate(), new StackDeployment("vpc-peering", Requester, Region));

        Assert.Equal(
            stack.Resolved.OfType<StateMachineResource>().Select(m => m.Arn).Order(StringComparer.Ordinal),
            stepFunctions.ListStateMachines(Requester, Region).Select(m => m.Arn).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Redeploying_a_stack_updates_it_and_deleting_removes_its_resources()
    {
        var cloud = new EmulatedCloud();
        var (events, lambda) = cloud.AddEventBridgeAndLambda();
        var deployment = new StackDeployment("vpc-peering", Requester, Region);
        cloud.Stacks().Deploy(ProductTemplate(), deployment);

        cloud.Stacks().Deploy(ProductTemplate(), deployment with { ParameterOverrides = new Dictionary<string, string> { ["PartnerAccountIds"] = Accepter } });
        var deleted = cloud.Stacks().Delete(Requester, Region, "vpc-peering");

        Assert.True(deleted);
        Assert.Empty(lambda.List(Requester, Region));
        Assert.Null(events.FindEventBus(Requester, Region, "vpc-peering"));
        Assert.Null(cloud.Stacks().Find(Requester, Region, "vpc-peering"));
    }

    [Fact]
    public void An_IAM_policy_resource_is_put_on_its_roles_kept_when_they_are_redeployed_and_goes_with_its_resource()
    {
        const string Machine = "arn:aws:states:us-east-1:111111111111:stateMachine:m";
        var cloud = new EmulatedCloud();
        var role = """
              Worker:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: states.amazonaws.com}, Action: sts:AssumeRole}]}
            """;
        var policy = """

              Extra:
                Type: AWS::IAM::Policy
                Properties:
                  PolicyName: start-m
                  Roles: [!Ref Worker]
                  PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: states:StartExecution, Resource: arn:aws:states:us-east-1:111111111111:stateMachine:m}]}
            """;

        var deployed = cloud.Stacks().Deploy(Snippet(role + policy), new StackDeployment("test", Requester, Region));
        var arn = deployed.Resolved.Get<RoleResource>("Worker").Arn;
        var allowedFirst = cloud.Iam.IsAllowed(arn, "states:StartExecution", Machine);
        cloud.Stacks().Deploy(Snippet(role + policy), new StackDeployment("test", Requester, Region));
        var allowedAfterRedeploy = cloud.Iam.IsAllowed(arn, "states:StartExecution", Machine);
        cloud.Stacks().Deploy(Snippet(role), new StackDeployment("test", Requester, Region));

        Assert.True(allowedFirst);
        Assert.True(allowedAfterRedeploy);
        Assert.False(cloud.Iam.IsAllowed(arn, "states:StartExecution", Machine));
        Assert.Equal("start-m", deployed.Resolved.Get<RolePolicyResource>("Extra").Ref);
    }
}
