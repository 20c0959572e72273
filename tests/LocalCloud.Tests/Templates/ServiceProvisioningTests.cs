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
}
