using StatesLanguage;

namespace LocalCloud.StepFunctions;

/// <summary>
/// Moves a <see cref="VirtualClock"/> forward only while executions still need it: time jumps from timer to timer (waits,
/// retries, timeouts, peering transitions, schedules) for as long as the execution waited for is running, and stops the
/// instant it ends — before any later timer (a 15-minute schedule, a 7-day expiry) can fire. A horizon bounds the run
/// when an execution is parked on a task token nobody will answer.
/// </summary>
/// <remarks>
/// The stop is exact because the driver awaits each execution through <see cref="VirtualClock.AwaitExternalAsync"/>: a
/// completed execution counts as runnable work until the driver resumes and switches auto-advance off. With any other
/// <see cref="TimeProvider"/> the driver just waits.
/// </remarks>
internal sealed class ExecutionDriver(StepFunctionsService service)
{
    /// <summary>How far virtual time may move in one run when nothing else stops it.</summary>
    public static readonly TimeSpan DefaultHorizon = TimeSpan.FromDays(1);

    /// <summary>Runs until no execution is running; returns false when the horizon stopped it first.</summary>
    public Task<bool> RunUntilNoneRunningAsync(TimeSpan? horizon = null, CancellationToken cancellationToken = default) =>
        RunAsync(() => service.RunningExecutions.FirstOrDefault(), horizon, cancellationToken);

    /// <summary>Runs until <paramref name="execution"/> has ended; returns false when the horizon stopped it first.</summary>
    public Task<bool> RunUntilEndedAsync(StateMachineExecution execution, TimeSpan? horizon = null, CancellationToken cancellationToken = default) =>
        RunAsync(() => execution.IsRunning ? execution : null, horizon, cancellationToken);

    private async Task<bool> RunAsync(Func<StateMachineExecution?> next, TimeSpan? horizon, CancellationToken cancellationToken)
    {
        if (service.Cloud.Time is not VirtualClock clock)
        {
            while (next() is { } running)
            {
                await running.Completion.WaitAsync(cancellationToken);
            }

            return true;
        }

        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var previous = clock.AutoAdvance;
        var lease = clock.BeginWork();
        var deadline = clock.CreateTimer(_ =>
        {
            clock.AutoAdvance = false;
            stopped.TrySetResult();
        }, null, horizon ?? DefaultHorizon, Timeout.InfiniteTimeSpan);
        clock.AutoAdvance = true;
        try
        {
            while (next() is { } running)
            {
                var ended = clock.AwaitExternalAsync(running.Completion);
                Task first;
                try
                {
                    first = await Task.WhenAny(ended, stopped.Task).WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    HandOver(ended, lease);
                    throw;
                }

                if (first != ended)
                {
                    HandOver(ended, lease);
                    return false;
                }
            }

            // Still holding the lease: no timer can fire between the last execution's end and this point.
            deadline.Dispose();
            clock.AutoAdvance = previous;
            lease.Dispose();
            return true;
        }
        finally
        {
            deadline.Dispose();
            clock.AutoAdvance = previous;
        }
    }

    /// <summary>The horizon or a cancellation came first: the lease belongs to the pending wait, which takes it back at the end.</summary>
    private static void HandOver(Task pendingWait, IDisposable lease) =>
        _ = pendingWait.ContinueWith(_ => lease.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
}
