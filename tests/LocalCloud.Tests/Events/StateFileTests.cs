using LocalCloud.Events;
using LocalCloud.Lambda;

namespace LocalCloud.Tests.Events;

/// <summary>The <c>events</c> and <c>lambda</c> parts of the state file that <c>serve --state</c> keeps.</summary>
public sealed class StateFileTests
{
    [Fact]
    public void Buses_policies_rules_targets_and_functions_survive_export_and_import()
    {
        var original = new EmulatedCloud();
        var (events, lambda) = original.AddEventBridgeAndLambda();
        var bus = events.CreateEventBus("222222222222", "us-east-1", "vpc-peering", "partner events");
        bus.Policy.AddPermission(bus.Arn, "partner", "events:PutEvents", "111111111111", null);
        events.PutRule("222222222222", "us-east-1", "incoming", """{"source": ["vpc-peering"]}""", eventBusName: "vpc-peering");
        events.PutTargets("222222222222", "us-east-1", "incoming",
        [
            new EventTarget("fn", "arn:aws:lambda:us-east-1:222222222222:function:accept",
                InputTransformer: new InputTransformer(new Dictionary<string, string> { ["id"] = "$.id" }, """{"id": <id>}""")),
        ], "vpc-peering");
        events.PutRule("222222222222", "us-east-1", "sweep", null, "rate(1 hour)", EventRuleState.Disabled);
        lambda.Register(new LambdaFunctionConfiguration("222222222222", "us-east-1", "accept", "A::B::C", "arn:aws:iam::222222222222:role/r",
            new Dictionary<string, string> { ["MODE"] = "x" }, 30));

        var restored = new EmulatedCloud();
        restored.AddEventBridgeAndLambda();
        foreach (var name in new[] { "events", "lambda" })
        {
            using var state = new MemoryStream();
            original.StatefulServices[name].Export(state);
            state.Position = 0;
            restored.StatefulServices[name].Import(state);
        }

        var restoredEvents = restored.EventBridge()!;
        var restoredBus = restoredEvents.GetEventBus("222222222222", "us-east-1", "vpc-peering");
        Assert.Equal(bus.Policy.ToJson(), restoredBus.Policy.ToJson());
        Assert.Equal("partner events", restoredBus.Description);
        var rule = restoredEvents.GetRule("222222222222", "us-east-1", "incoming", "vpc-peering");
        Assert.Equal("""{"id": <id>}""", Assert.Single(rule.Targets).InputTransformer!.InputTemplate);
        Assert.Equal(EventRuleState.Disabled, restoredEvents.GetRule("222222222222", "us-east-1", "sweep").State);
        var function = restored.Lambda()!.Get("222222222222", "us-east-1", "accept");
        Assert.Equal(("x", 30, "arn:aws:iam::222222222222:role/r"), (function.Variables["MODE"], function.TimeoutSeconds, function.Role));
    }
}
