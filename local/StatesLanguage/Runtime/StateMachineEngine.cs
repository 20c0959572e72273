using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using StatesLanguage.Json;
using StatesLanguage.Tasks;

namespace StatesLanguage.Runtime;

/// <summary>Settings of a <see cref="StateMachineEngine"/>.</summary>
public sealed class StateMachineEngineOptions
{
    /// <summary>The clock. Use a shared <see cref="VirtualClock"/> for emulation; defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Seeds execution names, task tokens, UUIDs, MathRandom and retry jitter; null seeds from the system.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>The region used in ARNs and history events.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The account id used in ARNs.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>The most history events an execution may have before it fails (Step Functions: 25,000).</summary>
    public int MaxHistoryEvents { get; init; } = 25_000;

    /// <summary>The task handlers; a new empty registry when null.</summary>
    public TaskHandlerRegistry? Handlers { get; init; }
}

/// <summary>Why a task token call was refused; a service maps these to the Step Functions error codes of the same names.</summary>
public enum TaskTokenError
{
    /// <summary>The text is not a task token this engine could have issued (InvalidToken).</summary>
    InvalidToken,

    /// <summary>No task is waiting on the token: unknown, already completed, or its execution ended (TaskDoesNotExist).</summary>
    TaskDoesNotExist,

    /// <summary>The task waiting on the token timed out (TaskTimedOut).</summary>
    TaskTimedOut,
}

/// <summary>Thrown by the task token methods of <see cref="StateMachineEngine"/> when the token cannot be used.</summary>
public sealed class TaskTokenException(TaskTokenError error, string message) : Exception(message)
{
    /// <summary>Which of the Step Functions token errors this is.</summary>
    public TaskTokenError Error => error;
}

/// <summary>
/// Runs Amazon States Language executions: Standard-workflow semantics, pluggable task handlers, task tokens, stop, history.
/// One engine hosts any number of executions of any definitions; all members are thread-safe.
/// </summary>
/// <example>
/// <code>
/// var clock = new VirtualClock();
/// var engine = new StateMachineEngine(new StateMachineEngineOptions { Time = clock, RandomSeed = 1 });
/// engine.Handlers.RegisterFunction("arn:aws:lambda:us-east-1:123456789012:function:Check", (call, ct) => Task.FromResult(call.Input));
/// var execution = engine.StartExecution(StateMachineDefinition.Load(json), JsonNode.Parse("{}"));
/// var result = await execution.WaitAsync();   // Wait states and retries take no wall time
/// </code>
/// </example>
public sealed class StateMachineEngine
{
    internal const string TokenPrefix = "AQ";

    private readonly ConcurrentDictionary<string, Execution> _executions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenWaiter> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskTokenError> _closedTokens = new(StringComparer.Ordinal);
    private readonly Random _random;
    private readonly Lock _randomLock = new();

    /// <summary>Creates an engine.</summary>
    public StateMachineEngine(StateMachineEngineOptions? options = null)
    {
        Options = options ?? new StateMachineEngineOptions();
        Time = Options.Time ?? TimeProvider.System;
        Handlers = Options.Handlers ?? new TaskHandlerRegistry();
        Tracker = new WorkTracker(Time);
        _random = Options.RandomSeed is { } seed ? new Random(seed) : new Random();
    }

    /// <summary>The settings the engine was created with.</summary>
    public StateMachineEngineOptions Options { get; }

    /// <summary>The clock executions run on.</summary>
    public TimeProvider Time { get; }

    /// <summary>Where Task resources find their handlers; register before or while executions run.</summary>
    public TaskHandlerRegistry Handlers { get; }

    /// <summary>Every execution started on this engine.</summary>
    public IReadOnlyCollection<Execution> Executions => [.. _executions.Values];

    internal WorkTracker Tracker { get; }

    /// <summary>
    /// Starts an execution and returns it. The execution runs on the calling thread until its first asynchronous wait, then
    /// continues on the thread pool; observe it with <see cref="Execution.WaitAsync"/> or <see cref="Execution.Completion"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An execution with the same ARN exists.</exception>
    public Execution StartExecution(StateMachineDefinition definition, JsonNode? input, ExecutionStartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        options ??= new ExecutionStartOptions();
        Random random;
        string name;
        lock (_randomLock)
        {
            random = new Random(_random.Next());
            name = options.Name ?? NewGuid(_random);
        }

        var stateMachineArn = options.StateMachineArn
            ?? $"arn:aws:states:{Options.Region}:{Options.AccountId}:stateMachine:{options.StateMachineName}";
        var stateMachineName = stateMachineArn[(stateMachineArn.LastIndexOf(':') + 1)..];
        var arn = options.ExecutionArn
            ?? $"arn:aws:states:{Options.Region}:{Options.AccountId}:execution:{stateMachineName}:{name}";
        var execution = new Execution(definition, input?.DeepClone(), name, arn, stateMachineArn, stateMachineName, options.RoleArn,
            Time.GetUtcNow(), Options.MaxHistoryEvents, random);
        if (!_executions.TryAdd(arn, execution))
        {
            throw new ArgumentException($"An execution named '{name}' already exists for this state machine.", nameof(options));
        }

        Tracker.Enter();
        _ = new Interpreter(this, execution).RunAsync();
        return execution;
    }

    /// <summary>Forgets a finished execution (its history and output); returns false if it is unknown or still running.</summary>
    public bool RemoveExecution(string executionArn) =>
        _executions.TryGetValue(executionArn, out var execution) && execution.Status != ExecutionStatus.Running
        && _executions.TryRemove(executionArn, out _);

    /// <summary>Finds an execution by ARN.</summary>
    public bool TryGetExecution(string executionArn, out Execution? execution) => _executions.TryGetValue(executionArn, out execution);

    /// <summary>
    /// Completes when no execution has work in flight. With a <see cref="VirtualClock"/> this advances time through every
    /// pending wait, so it returns once all executions have finished or are parked on task tokens; with any other clock it waits
    /// for every execution started so far to finish.
    /// </summary>
    public Task RunUntilIdleAsync(CancellationToken cancellationToken = default) => Time is VirtualClock clock
        ? clock.WhenIdleAsync(cancellationToken)
        : Task.WhenAll(_executions.Values.Select(e => (Task)e.Completion)).WaitAsync(cancellationToken);

    /// <summary>Completes the task waiting on <paramref name="taskToken"/> with <paramref name="output"/> (SendTaskSuccess).</summary>
    /// <exception cref="TaskTokenException">The token is malformed, unknown, already used, or timed out.</exception>
    public void SendTaskSuccess(string taskToken, JsonNode? output) =>
        Waiter(taskToken).Complete(TaskOutcome.Success(output?.DeepClone()));

    /// <summary>Fails the task waiting on <paramref name="taskToken"/> (SendTaskFailure).</summary>
    /// <exception cref="TaskTokenException">The token is malformed, unknown, already used, or timed out.</exception>
    public void SendTaskFailure(string taskToken, string? error, string? cause) =>
        Waiter(taskToken).Complete(TaskOutcome.Failure(new StatesErrorException(error ?? "", cause)));

    /// <summary>Restarts the HeartbeatSeconds clock of the task waiting on <paramref name="taskToken"/> (SendTaskHeartbeat).</summary>
    /// <exception cref="TaskTokenException">The token is malformed, unknown, already used, or timed out.</exception>
    public void SendTaskHeartbeat(string taskToken) => Waiter(taskToken).Heartbeat();

    internal string NewTaskToken(Random random)
    {
        Span<byte> bytes = stackalloc byte[36];
        random.NextBytes(bytes);
        return TokenPrefix + Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }

    internal void RegisterToken(string token, TokenWaiter waiter) => _tokens[token] = waiter;

    internal void CloseToken(string token, TaskTokenError reason)
    {
        if (_tokens.TryRemove(token, out _))
        {
            _closedTokens[token] = reason;
        }
    }

    internal static string NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    private TokenWaiter Waiter(string taskToken)
    {
        ArgumentNullException.ThrowIfNull(taskToken);
        if (_tokens.TryGetValue(taskToken, out var waiter))
        {
            return waiter;
        }

        if (!taskToken.StartsWith(TokenPrefix, StringComparison.Ordinal) || taskToken.Length != 50)
        {
            throw new TaskTokenException(TaskTokenError.InvalidToken, "Invalid Token: the task token is malformed.");
        }

        return _closedTokens.TryGetValue(taskToken, out var reason) && reason == TaskTokenError.TaskTimedOut
            ? throw new TaskTokenException(TaskTokenError.TaskTimedOut, "Task Timed Out: the task waiting on this token timed out.")
            : throw new TaskTokenException(TaskTokenError.TaskDoesNotExist, "Task Does Not Exist: no task is waiting on this token.");
    }
}

/// <summary>How one task call ended.</summary>
internal readonly record struct TaskOutcome(JsonNode? Output, StatesErrorException? Error)
{
    public static TaskOutcome Success(JsonNode? output) => new(output, null);

    public static TaskOutcome Failure(StatesErrorException error) => new(null, error);
}

/// <summary>A task parked on a token: completion wakes it, a heartbeat restarts its heartbeat timer.</summary>
internal sealed class TokenWaiter(TaskCompletionSource<TaskOutcome> wake, Action heartbeat)
{
    public void Complete(TaskOutcome outcome) => wake.TrySetResult(outcome);

    public void Heartbeat() => heartbeat();
}
