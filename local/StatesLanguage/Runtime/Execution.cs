using System.Text.Json.Nodes;
using StatesLanguage.Json;

namespace StatesLanguage.Runtime;

/// <summary>The status of an execution, as DescribeExecution reports it.</summary>
public enum ExecutionStatus
{
    /// <summary>Still running (possibly parked on a timer or a task token).</summary>
    Running,

    /// <summary>Reached a Succeed state or an End.</summary>
    Succeeded,

    /// <summary>Failed with an error that nothing caught.</summary>
    Failed,

    /// <summary>Ran longer than the definition's top-level TimeoutSeconds.</summary>
    TimedOut,

    /// <summary>Stopped with <see cref="Execution.Stop"/>.</summary>
    Aborted,
}

/// <summary>How an execution ended.</summary>
/// <param name="Status">The final status.</param>
/// <param name="Output">The output when <see cref="Status"/> is <see cref="ExecutionStatus.Succeeded"/>, else null.</param>
/// <param name="Error">The error name of a failed, timed-out or aborted execution, if any.</param>
/// <param name="Cause">The cause of a failed, timed-out or aborted execution, if any.</param>
public sealed record ExecutionResult(ExecutionStatus Status, JsonNode? Output, string? Error, string? Cause)
{
    /// <summary>The output as compact JSON text ("null" when there is none).</summary>
    public string OutputJson => JsonText.Serialize(Output);
}

/// <summary>What to start an execution with, beyond the definition and the input.</summary>
public sealed class ExecutionStartOptions
{
    /// <summary>The execution name; a UUID when null.</summary>
    public string? Name { get; init; }

    /// <summary>The state machine's name, used to build ARNs when <see cref="StateMachineArn"/> is null.</summary>
    public string StateMachineName { get; init; } = "StateMachine";

    /// <summary>The state machine ARN (<c>$$.StateMachine.Id</c>); built from region, account and name when null.</summary>
    public string? StateMachineArn { get; init; }

    /// <summary>The execution ARN (<c>$$.Execution.Id</c>); built from the state machine ARN and the name when null.</summary>
    public string? ExecutionArn { get; init; }

    /// <summary>The role the execution runs as (<c>$$.Execution.RoleArn</c>).</summary>
    public string? RoleArn { get; init; }
}

/// <summary>
/// One run of a state machine. Created by <see cref="StateMachineEngine.StartExecution"/>; all members are thread-safe.
/// </summary>
public sealed class Execution
{
    private readonly TaskCompletionSource<ExecutionResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<HistoryEvent> _history = [];
    private readonly Lock _lock = new();
    private readonly JsonNode? _input;
    private ExecutionResult? _result;
    private DateTimeOffset? _stopDate;

    internal Execution(StateMachineDefinition definition, JsonNode? input, string name, string arn, string stateMachineArn,
        string stateMachineName, string? roleArn, DateTimeOffset startDate, int maxHistoryEvents, Random random)
    {
        Definition = definition;
        _input = input;
        Name = name;
        ExecutionArn = arn;
        StateMachineArn = stateMachineArn;
        StateMachineName = stateMachineName;
        RoleArn = roleArn;
        StartDate = startDate;
        MaxHistoryEvents = maxHistoryEvents;
        Random = random;
    }

    /// <summary>The execution name.</summary>
    public string Name { get; }

    /// <summary>The execution ARN.</summary>
    public string ExecutionArn { get; }

    /// <summary>The state machine ARN.</summary>
    public string StateMachineArn { get; }

    /// <summary>The state machine name.</summary>
    public string StateMachineName { get; }

    /// <summary>The role ARN given at start, or null.</summary>
    public string? RoleArn { get; }

    /// <summary>The definition being executed.</summary>
    public StateMachineDefinition Definition { get; }

    /// <summary>When the execution started.</summary>
    public DateTimeOffset StartDate { get; }

    /// <summary>When the execution ended, or null while it runs.</summary>
    public DateTimeOffset? StopDate
    {
        get
        {
            lock (_lock)
            {
                return _stopDate;
            }
        }
    }

    /// <summary>A copy of the execution's input.</summary>
    public JsonNode? Input => _input?.DeepClone();

    /// <summary>The current status.</summary>
    public ExecutionStatus Status => Result?.Status ?? ExecutionStatus.Running;

    /// <summary>The result once the execution has ended, else null.</summary>
    public ExecutionResult? Result
    {
        get
        {
            lock (_lock)
            {
                return _result;
            }
        }
    }

    /// <summary>Completes with the result when the execution ends.</summary>
    public Task<ExecutionResult> Completion => _completion.Task;

    internal JsonNode? InputNode => _input;

    internal int MaxHistoryEvents { get; }

    internal Random Random { get; }

    internal CancellationTokenSource Cancellation { get; } = new();

    internal (string? Error, string? Cause)? StopRequest { get; private set; }

    internal bool TimedOut { get; set; }

    /// <summary>
    /// Waits for the execution to end. With a <see cref="VirtualClock"/> waits and timeouts elapse in virtual time meanwhile;
    /// a task parked on a task token still needs SendTaskSuccess/Failure (or its timeout).
    /// </summary>
    public Task<ExecutionResult> WaitAsync(CancellationToken cancellationToken = default) => _completion.Task.WaitAsync(cancellationToken);

    /// <summary>Stops a running execution (StopExecution); returns false when it had already ended.</summary>
    public bool Stop(string? error = null, string? cause = null)
    {
        lock (_lock)
        {
            if (_result is not null || StopRequest is not null)
            {
                return false;
            }

            StopRequest = (error, cause);
        }

        Cancellation.Cancel();
        return true;
    }

    /// <summary>The events so far, oldest first (GetExecutionHistory).</summary>
    public IReadOnlyList<HistoryEvent> GetHistory()
    {
        lock (_lock)
        {
            return [.. _history];
        }
    }

    /// <summary>The history as the <c>events</c> array of a GetExecutionHistory response.</summary>
    public JsonArray GetHistoryJson() => [.. GetHistory().Select(e => (JsonNode)e.ToJson())];

    internal long Record(long previous, string type, string? detailsName, (string, object?)[] details, DateTimeOffset now, bool terminal = false)
    {
        lock (_lock)
        {
            if (_result is not null)
            {
                return previous;
            }

            if (!terminal && _history.Count >= MaxHistoryEvents - 1)
            {
                throw new StatesErrorException(ErrorNames.Runtime,
                    $"The execution reached the limit of {MaxHistoryEvents} history events. Use a child execution for long loops.");
            }

            var id = _history.Count + 1;
            _history.Add(new HistoryEvent(id, previous, type, now, detailsName, details));
            return id;
        }
    }

    internal void Complete(ExecutionResult result, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_result is not null)
            {
                return;
            }

            _result = result;
            _stopDate = now;
        }

        _completion.TrySetResult(result);
    }
}
