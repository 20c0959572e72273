namespace StatesLanguage.Runtime;

/// <summary>The engine's view of time: timers from any <see cref="TimeProvider"/>, plus work counting when it is a <see cref="VirtualClock"/>.</summary>
internal sealed class WorkTracker(TimeProvider time)
{
    private readonly VirtualClock? _clock = time as VirtualClock;

    public TimeProvider Time => time;

    public DateTimeOffset Now => time.GetUtcNow();

    public void Enter() => _clock?.Enter();

    public void Exit() => _clock?.Exit();

    /// <summary>Awaits <paramref name="task"/> with the caller's unit of work given up (see <see cref="VirtualClock.AwaitExternalAsync"/>).</summary>
    public Task SuspendUntil(Task task) => _clock is null ? task : _clock.AwaitExternalAsync(task);

    /// <summary>Waits <paramref name="delay"/> of this provider's time; cancellation ends the wait with <see cref="OperationCanceledException"/>.</summary>
    public async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        // Continuations run inline on the firing timer's thread: no thread-pool hop per wait, which is most of a wait's cost.
        var done = new TaskCompletionSource();
        using var timer = time.CreateTimer(static s => ((TaskCompletionSource)s!).TrySetResult(), done, delay, Timeout.InfiniteTimeSpan);
        using var registration = cancellationToken.Register(static s => ((TaskCompletionSource)s!).TrySetCanceled(), done);
        await SuspendUntil(done.Task);
    }

    /// <summary>Starts <paramref name="work"/> as its own unit of work (a branch, an iteration, a handler call).</summary>
    /// <remarks>
    /// The unit is released after <paramref name="work"/> finishes, so whatever the work signals at its end (a join, a wake-up) is
    /// already runnable when the count drops. Exceptions must be handled inside <paramref name="work"/>.
    /// </remarks>
    public void Start(Func<Task> work)
    {
        Enter();
        _ = RunCore(work);
    }

    private async Task RunCore(Func<Task> work)
    {
        try
        {
            await work();
        }
        finally
        {
            Exit();
        }
    }
}
