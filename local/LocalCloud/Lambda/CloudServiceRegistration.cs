using LocalCloud.Events;

namespace LocalCloud.Lambda;

/// <summary>
/// Registers EventBridge and Lambda on a cloud and wires them together (rule targets that are functions invoke the
/// Lambda service). The returned <see cref="EventBridgeService"/> is the cloud's event sink: pass it to services that
/// emit AWS events (EC2's tag changes and CloudTrail calls). Both services are also registered as stateful services
/// (<c>events</c>, <c>lambda</c>) so <c>serve --state</c> keeps buses, rules, targets and functions.
/// </summary>
public static class CloudServiceRegistration
{
    /// <summary>Registers both services (idempotent) and returns them.</summary>
    public static (EventBridgeService Events, LambdaService Lambda) AddEventBridgeAndLambda(
        this EmulatedCloud cloud, ILambdaHandlerActivator? activator = null)
    {
        var lambda = cloud.AddLambda(activator);
        return (cloud.AddEventBridge(), lambda);
    }

    /// <summary>Registers EventBridge (idempotent); when Lambda is registered too, function targets invoke it.</summary>
    public static EventBridgeService AddEventBridge(this EmulatedCloud cloud)
    {
        if (cloud.EventBridge() is { } existing)
        {
            return existing;
        }

        var events = new EventBridgeService(cloud.Time);
        cloud.AddService(new EventBridgeProtocol(events));
        cloud.AddStatefulService(events);
        if (cloud.Lambda() is { } lambda)
        {
            events.AddTargetInvoker(new LambdaTargetInvoker(lambda));
        }

        return events;
    }

    /// <summary>Registers Lambda (idempotent; a given activator replaces the current one).</summary>
    public static LambdaService AddLambda(this EmulatedCloud cloud, ILambdaHandlerActivator? activator = null)
    {
        if (cloud.Lambda() is { } existing)
        {
            existing.Activator = activator ?? existing.Activator;
            return existing;
        }

        var lambda = new LambdaService(cloud, activator);
        cloud.AddService(new LambdaProtocol(lambda));
        cloud.AddStatefulService(lambda);
        cloud.EventBridge()?.AddTargetInvoker(new LambdaTargetInvoker(lambda));
        return lambda;
    }

    /// <summary>The registered EventBridge service, or null.</summary>
    public static EventBridgeService? EventBridge(this EmulatedCloud cloud) =>
        cloud.Services.GetValueOrDefault("events") is EventBridgeProtocol protocol ? protocol.Events : null;

    /// <summary>The registered Lambda service, or null.</summary>
    public static LambdaService? Lambda(this EmulatedCloud cloud) =>
        cloud.Services.GetValueOrDefault("lambda") is LambdaProtocol protocol ? protocol.Lambda : null;
}
