using System.Text.Json.Nodes;

namespace LocalCloud.Events;

/// <summary>What a target invoker receives for one matched event.</summary>
/// <param name="Rule">The rule that matched.</param>
/// <param name="Target">The target.</param>
/// <param name="Input">The rendered input text (Input / InputPath / InputTransformer applied).</param>
/// <param name="Event">The original event.</param>
/// <param name="Hops">How many bus-to-bus forwards the event has gone through.</param>
public sealed record EventTargetInvocation(EventRule Rule, EventTarget Target, string Input, JsonObject Event, int Hops);

/// <summary>Invokes one kind of rule target, chosen by the target's ARN. Throwing records a failed delivery.</summary>
public interface IEventTargetInvoker
{
    /// <summary>True when this invoker handles targets with that ARN.</summary>
    bool CanInvoke(string targetArn);

    /// <summary>Delivers the input to the target.</summary>
    Task InvokeAsync(EventTargetInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>
/// Starts Step Functions executions for rule targets (<c>arn:aws:states:R:A:stateMachine:NAME</c>). The Step Functions
/// service implements it and is set on <see cref="EventBridgeService.StateMachineStarter"/>.
/// </summary>
public interface IStateMachineStarter
{
    /// <summary>Starts an execution with the input; returns the execution ARN. Throw to report a failed delivery.</summary>
    Task<string> StartExecutionAsync(string stateMachineArn, string inputJson, string? roleArn, CancellationToken cancellationToken);
}

/// <summary>Targets that are event buses: the event is put on that bus (cross-account only where its policy allows).</summary>
internal sealed class EventBusTargetInvoker(EventBridgeService events) : IEventTargetInvoker
{
    public bool CanInvoke(string targetArn) => targetArn.StartsWith("arn:aws:events:", StringComparison.Ordinal)
        && targetArn.Contains(":event-bus/", StringComparison.Ordinal);

    public Task InvokeAsync(EventTargetInvocation invocation, CancellationToken cancellationToken) =>
        events.ForwardAsync(invocation, cancellationToken);
}

/// <summary>Targets that are state machines, started through <see cref="EventBridgeService.StateMachineStarter"/>.</summary>
internal sealed class StateMachineTargetInvoker(EventBridgeService events) : IEventTargetInvoker
{
    public bool CanInvoke(string targetArn) => targetArn.StartsWith("arn:aws:states:", StringComparison.Ordinal)
        && targetArn.Contains(":stateMachine:", StringComparison.Ordinal);

    public async Task InvokeAsync(EventTargetInvocation invocation, CancellationToken cancellationToken)
    {
        var starter = events.StateMachineStarter
            ?? throw new InvalidOperationException("No Step Functions service is registered to start state machine targets.");
        await starter.StartExecutionAsync(invocation.Target.Arn, invocation.Input, invocation.Target.RoleArn, cancellationToken);
    }
}
