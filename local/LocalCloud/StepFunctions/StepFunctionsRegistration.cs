using LocalCloud.Lambda;
using LocalCloud.Templates;

namespace LocalCloud.StepFunctions;

/// <summary>Registers Step Functions on a cloud and wires it to EventBridge (rule targets) and to stack deployments.</summary>
public static class StepFunctionsRegistration
{
    /// <summary>
    /// Registers Step Functions (idempotent): its wire protocol under <c>states</c>, the state-machine starter of EventBridge
    /// (when registered; call again after adding EventBridge, or add EventBridge first) and the state-machine hook of the
    /// cloud's <see cref="StackDeployer"/>.
    /// </summary>
    public static StepFunctionsService AddStepFunctions(this EmulatedCloud cloud, StepFunctionsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        var service = cloud.StepFunctions();
        if (service is null)
        {
            service = new StepFunctionsService(cloud, options);
            cloud.AddService(new StepFunctionsProtocol(service));
            cloud.Stacks().UseStateMachines(service);
        }

        if (cloud.EventBridge() is { } events)
        {
            events.StateMachineStarter = service;
        }

        return service;
    }

    /// <summary>The registered Step Functions service, or null.</summary>
    public static StepFunctionsService? StepFunctions(this EmulatedCloud cloud) =>
        cloud?.Services.GetValueOrDefault("states") is StepFunctionsProtocol protocol ? protocol.Service : null;
}
