using System.Text.Json.Nodes;
using LocalCloud.Events;
using LocalCloud.Lambda;

namespace LocalCloud.Templates;

/// <summary>Creates a stack's functions in the cloud's Lambda service.</summary>
internal sealed class LambdaProvisioner(LambdaService lambda) : IStackResourceProvisioner
{
    public bool Handles(StackResource resource) => resource is FunctionResource;

    public void CreateOrUpdate(ResolvedStack stack, StackResource resource)
    {
        var function = (FunctionResource)resource;
        lambda.Register(new LambdaFunctionConfiguration(
            stack.Identity.AccountId,
            stack.Identity.Region,
            function.FunctionName,
            function.Handler,
            function.RoleArn,
            function.Environment,
            function.Timeout,
            function.MemorySize,
            function.Runtime));
    }

    public void Delete(StackIdentity stack, StackResource resource) =>
        lambda.Delete(stack.AccountId, stack.Region, ((FunctionResource)resource).FunctionName);
}

/// <summary>Creates a stack's event buses, bus policy statements and rules with their targets in the cloud's EventBridge.</summary>
internal sealed class EventBridgeProvisioner(EventBridgeService events) : IStackResourceProvisioner
{
    public bool Handles(StackResource resource) => resource is EventBusResource or EventBusPolicyResource or RuleResource;

    public void CreateOrUpdate(ResolvedStack stack, StackResource resource)
    {
        var (account, region) = (stack.Identity.AccountId, stack.Identity.Region);
        switch (resource)
        {
            case EventBusResource bus when events.FindEventBus(account, region, bus.Name) is null:
                events.CreateEventBus(account, region, bus.Name);
                break;
            case EventBusPolicyResource policy:
                var target = events.GetEventBus(account, region, policy.EventBusName);
                var statements = Statements(target).Where(s => Sid(s) != policy.StatementId).ToList();
                statements.Add(JsonNode.Parse(policy.Statement));
                target.Policy.Replace(new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements]) }.ToJsonString());
                break;
            case RuleResource rule:
                events.PutRule(account, region, rule.Name, rule.EventPattern, rule.ScheduleExpression,
                    rule.State == "DISABLED" ? EventRuleState.Disabled : EventRuleState.Enabled, rule.EventBusName);
                events.PutTargets(account, region, rule.Name, [.. rule.Targets.Select(Target)], rule.EventBusName);
                break;
        }
    }

    public void Delete(StackIdentity stack, StackResource resource)
    {
        switch (resource)
        {
            case EventBusResource bus:
                events.DeleteEventBus(stack.AccountId, stack.Region, bus.Name);
                break;
            case EventBusPolicyResource policy when events.FindEventBus(stack.AccountId, stack.Region, policy.EventBusName) is { } bus
                && Statements(bus).Any(s => Sid(s) == policy.StatementId):
                bus.Policy.RemovePermission(policy.StatementId);
                break;
            case RuleResource rule when events.FindEventBus(stack.AccountId, stack.Region, rule.EventBusName) is not null:
                // As in EventBridge, a rule's targets go before the rule.
                events.RemoveTargets(stack.AccountId, stack.Region, rule.Name, [.. rule.Targets.Select(t => t.Id)], rule.EventBusName);
                events.DeleteRule(stack.AccountId, stack.Region, rule.Name, rule.EventBusName);
                break;
        }
    }

    private static EventTarget Target(RuleTarget target) => new(
        target.Id,
        target.Arn,
        target.RoleArn,
        target.Input,
        target.InputPath,
        target.InputTransformer is { } transformer ? new InputTransformer(transformer.InputPathsMap, transformer.InputTemplate) : null);

    private static List<JsonNode?> Statements(EventBus bus) =>
        bus.Policy.ToJson() is { } json && JsonNode.Parse(json)?["Statement"] is JsonArray statements
            ? [.. statements.Select(s => s?.DeepClone())]
            : [];

    private static string? Sid(JsonNode? statement) => TemplateJson.ScalarText(statement?["Sid"]);
}
