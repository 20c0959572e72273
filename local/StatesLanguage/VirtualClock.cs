namespace StatesLanguage;

/// <summary>
/// A <see cref="TimeProvider"/> whose time moves only when nothing is running: waits, retry intervals, timeouts and heartbeats
/// take no wall time, while timestamps and <c>$$</c> advance as if the time had passed. Share one instance across everything
/// that makes up an emulated cloud.
/// </summary>
/// <remarks>
/// <para>The clock counts work in flight. The engine holds a unit of work for every execution, branch and Map iteration that is
/// running and for every task handler call. Code suspended on a timer, a task token or another execution gives its unit up.
/// When the count reaches zero and <see cref="AutoAdvance"/> is on, the clock jumps to the earliest timer, fires every timer due
/// at that instant, and waits for the work they wake to settle before jumping again — so concurrent branches and executions
/// with different waits finish in virtual-time order.</para>
/// <para>A host drives it by awaiting <c>Execution.WaitAsync()</c> or <see cref="WhenIdleAsync"/>; work the host starts
/// outside the engine (a handler that completes a task token later, say) should be held with <see cref="BeginWork"/>, and a
/// handler that awaits something the engine tracks (another execution) should await it through <see cref="AwaitExternalAsync"/>.
/// Foreign timers (<c>Task.Delay(t, clock)</c>) work, but their continuations are not counted.</para>
/// </remarks>
public sealed class VirtualClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly SortedSet<VirtualTimer> _timers = new(VirtualTimer.DueOrder);
    private readonly List<Task> _suspended = [];
    private readonly List<TaskCompletionSource> _idleWaiters = [];
    private DateTimeOffset _now;
    private long _sequence;
    private int _work;
    private bool _advancing;
    private bool _autoAdvance = true;

    /// <summary>Creates a clock reading 2026-01-01T00:00:00Z.</summary>
    public VirtualClock()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Creates a clock reading <paramref name="start"/>.</summary>
    public VirtualClock(DateTimeOffset start) => _now = start.ToUniversalTime();

    /// <summary>When true (the default) the clock jumps to the next timer as soon as no work is in flight.</summary>
    public bool AutoAdvance
    {
        get
        {
            lock (_lock)
            {
                return _autoAdvance;
            }
        }

        set
        {
            lock (_lock)
            {
                _autoAdvance = value;
            }

            Pump();
        }
    }

    /// <summary>The number of units of work currently in flight.</summary>
    public int WorkInFlight
    {
        get
        {
            lock (_lock)
            {
                return _work;
            }
        }
    }

    /// <summary>The number of timers waiting to fire.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count;
            }
        }
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Marks one unit of work in flight until the returned lease is disposed; time does not advance meanwhile.</summary>
    public IDisposable BeginWork()
    {
        Enter();
        return new Lease(this);
    }

    /// <summary>
    /// Awaits <paramref name="task"/> with the caller's unit of work given up meanwhile, so time can advance for whatever the
    /// task waits on; the unit is taken back before this returns. Pass the task that is completed directly (not a continuation
    /// of it): a completed task counts as runnable work until its awaiter resumes.
    /// </summary>
    public async Task AwaitExternalAsync(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IsCompleted)
        {
            await task;
            return;
        }

        lock (_lock)
        {
            _suspended.Add(task);
            _work--;
        }

        Pump();
        try
        {
            await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            lock (_lock)
            {
                _work++;
                _suspended.Remove(task);
            }
        }

        await task;
    }

    /// <summary>
    /// Completes when nothing is in flight and no timer is left to fire (or, with <see cref="AutoAdvance"/> off, when nothing is
    /// in flight). With auto-advance on, awaiting this runs every execution until it finishes or parks on a task token.
    /// </summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _idleWaiters.Add(waiter);
        }

        Pump();
        return waiter.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Moves time forward by <paramref name="delta"/>, firing due timers in time order. For manual driving.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_lock)
        {
            target = _now + delta;
        }

        while (true)
        {
            List<VirtualTimer> due;
            lock (_lock)
            {
                if (_timers.Count == 0 || _timers.Min!.Due > target)
                {
                    _now = target;
                    break;
                }

                due = TakeDueLocked();
            }

            Fire(due);
        }

        Pump();
    }

    internal void Enter()
    {
        lock (_lock)
        {
            _work++;
        }
    }

    internal void Exit()
    {
        lock (_lock)
        {
            _work--;
        }

        Pump();
    }

    internal void Schedule(VirtualTimer timer, TimeSpan dueTime)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                timer.Due = _now + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
                timer.Sequence = ++_sequence;
                _timers.Add(timer);
            }
        }

        Pump();
    }

    internal void Unschedule(VirtualTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }

        Pump();
    }

    private void Pump()
    {
        while (true)
        {
            List<VirtualTimer> due;
            List<TaskCompletionSource>? idle = null;
            lock (_lock)
            {
                if (_advancing || _work > 0 || _suspended.Exists(t => t.IsCompleted))
                {
                    return;
                }

                if (_timers.Count == 0 || !_autoAdvance)
                {
                    if (_idleWaiters.Count == 0)
                    {
                        return;
                    }

                    idle = [.. _idleWaiters];
                    _idleWaiters.Clear();
                    due = [];
                }
                else
                {
                    _advancing = true;
                    if (_timers.Min!.Due > _now)
                    {
                        _now = _timers.Min.Due;
                    }

                    due = TakeDueLocked();
                }
            }

            if (idle is not null)
            {
                idle.ForEach(w => w.TrySetResult());
                return;
            }

            try
            {
                Fire(due);
            }
            finally
            {
                lock (_lock)
                {
                    _advancing = false;
                }
            }
        }
    }

    private List<VirtualTimer> TakeDueLocked()
    {
        var now = _timers.Min!.Due > _now ? _timers.Min.Due : _now;
        _now = now;
        var due = new List<VirtualTimer>();
        while (_timers.Count > 0 && _timers.Min!.Due <= now)
        {
            var timer = _timers.Min;
            _timers.Remove(timer);
            due.Add(timer);
            if (timer.Period > TimeSpan.Zero && timer.Period != Timeout.InfiniteTimeSpan)
            {
                timer.Due = now + timer.Period;
                timer.Sequence = ++_sequence;
                _timers.Add(timer);
            }
        }

        _work += due.Count;
        return due;
    }

    private void Fire(List<VirtualTimer> due)
    {
        foreach (var timer in due)
        {
            try
            {
                timer.Invoke();
            }
            finally
            {
                lock (_lock)
                {
                    _work--;
                }
            }
        }
    }

    private sealed class Lease(VirtualClock clock) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                clock.Exit();
            }
        }
    }
}

/// <summary>A timer on a <see cref="VirtualClock"/>.</summary>
internal sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
{
    public static readonly IComparer<VirtualTimer> DueOrder = Comparer<VirtualTimer>.Create((a, b) =>
    {
        var byDue = a.Due.CompareTo(b.Due);
        return byDue != 0 ? byDue : a.Sequence.CompareTo(b.Sequence);
    });

    private bool _disposed;

    public DateTimeOffset Due { get; set; }

    public long Sequence { get; set; }

    public TimeSpan Period { get; private set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (_disposed)
        {
            return false;
        }

        Period = period;
        clock.Schedule(this, dueTime);
        return true;
    }

    public void Invoke()
    {
        if (!_disposed)
        {
            callback(state);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        clock.Unschedule(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
