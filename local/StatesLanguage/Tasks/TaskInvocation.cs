using System.Text.Json.Nodes;

namespace StatesLanguage.Tasks;

/// <summary>How a Task state calls its resource, from the Resource ARN's suffix.</summary>
public enum TaskIntegrationPattern
{
    /// <summary>Call and take the response as the result (no suffix).</summary>
    RequestResponse,

    /// <summary><c>.sync</c>: the handler returns only when the job it started has finished, with the job's result.</summary>
    Sync,

    /// <summary><c>.waitForTaskToken</c>: the handler's response is ignored; the task waits for SendTaskSuccess/Failure on its token.</summary>
    WaitForTaskToken,
}

/// <summary>Everything a task handler is given for one call.</summary>
public sealed class TaskInvocation
{
    /// <summary>The Task state's Resource as written, including any <c>.sync</c> or <c>.waitForTaskToken</c> suffix.</summary>
    public required string Resource { get; init; }

    /// <summary><see cref="Resource"/> without its integration-pattern suffix.</summary>
    public required string BaseResource { get; init; }

    /// <summary>The integration pattern the suffix asks for.</summary>
    public required TaskIntegrationPattern Pattern { get; init; }

    /// <summary>The effective input (after InputPath and Parameters). The handler owns this node and may keep it.</summary>
    public JsonNode? Input { get; init; }

    /// <summary>The evaluated Credentials field (for example <c>{"RoleArn": "…"}</c>), or null when the state has none.</summary>
    public JsonNode? Credentials { get; init; }

    /// <summary>The task token when <see cref="Pattern"/> is <see cref="TaskIntegrationPattern.WaitForTaskToken"/>, else null.</summary>
    public string? TaskToken { get; init; }

    /// <summary>The ARN of the execution running the task.</summary>
    public required string ExecutionArn { get; init; }

    /// <summary>The ARN of the state machine of that execution.</summary>
    public required string StateMachineArn { get; init; }

    /// <summary>The execution's role ARN, if one was given when it started.</summary>
    public string? RoleArn { get; init; }

    /// <summary>The Task state's name.</summary>
    public required string StateName { get; init; }

    /// <summary>The region the engine was configured with.</summary>
    public required string Region { get; init; }

    /// <summary>The account id the engine was configured with.</summary>
    public required string AccountId { get; init; }

    /// <summary>The clock the execution runs on; handlers that wait must use it.</summary>
    public required TimeProvider Time { get; init; }

    /// <summary>
    /// Waits on <see cref="Time"/>. With a <see cref="VirtualClock"/> the wait is virtual: the handler stops counting as running
    /// work meanwhile, so the clock can advance (a plain <c>Task.Delay(delay, Time)</c> inside a handler would never end).
    /// </summary>
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken = default) => Time is VirtualClock clock
        ? clock.AwaitExternalAsync(Task.Delay(delay, clock, cancellationToken))
        : Task.Delay(delay, Time, cancellationToken);
}

/// <summary>Runs the work behind a Task state's Resource.</summary>
/// <remarks>
/// Return the result JSON (or null), or throw <see cref="StatesErrorException"/> with the error name a Retry or Catch matches.
/// Any other exception becomes an error named after the exception type, with its message as the cause. The cancellation token
/// fires when the execution is stopped or the task times out. While a handler runs the engine counts it as work in flight, so
/// a <see cref="VirtualClock"/> does not advance: wait with <see cref="TaskInvocation.DelayAsync"/>, and await other executions
/// through <see cref="VirtualClock.AwaitExternalAsync"/>.
/// </remarks>
public interface ITaskHandler
{
    /// <summary>Performs the task and returns its raw result.</summary>
    Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>An <see cref="ITaskHandler"/> made from a delegate.</summary>
public sealed class DelegateTaskHandler(Func<TaskInvocation, CancellationToken, Task<JsonNode?>> handler) : ITaskHandler
{
    /// <inheritdoc />
    public Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken) => handler(invocation, cancellationToken);
}
