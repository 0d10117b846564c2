namespace ZigBee.Simulation.Scheduling;

/// <summary>
/// A discrete-event scheduler in virtual time. Every node of a simulated network runs on it, on the one thread that
/// calls the Run methods: events at the same instant run in the order they were scheduled, and time jumps from one
/// event to the next, so the same inputs and seed give the same run, event for event.
/// </summary>
public sealed class SimulationScheduler
{
    private readonly PriorityQueue<Entry, EventKey> _queue = new(EventKeyComparer.Instance);
    private long _sequence;
    private long _now;

    public SimulationScheduler(DateTimeOffset? epoch = null)
    {
        Epoch = epoch ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Time = new VirtualTimeProvider(this);
        Context = new SimulationSynchronizationContext(this);
    }

    /// <summary>The wall-clock instant virtual time zero stands for.</summary>
    public DateTimeOffset Epoch { get; }

    /// <summary>Virtual time for every node: timers, delays and timestamps.</summary>
    public VirtualTimeProvider Time { get; }

    /// <summary>The synchronization context that async code running on this scheduler captures.</summary>
    public SynchronizationContext Context { get; }

    /// <summary>Virtual time elapsed since the start, in ticks of 100 ns.</summary>
    public long NowTicks => _now;

    public TimeSpan Now => TimeSpan.FromTicks(_now);

    /// <summary>Events executed so far.</summary>
    public long EventsExecuted { get; private set; }

    /// <summary>Events waiting.</summary>
    public int Pending => _queue.Count;

    /// <summary>When the next event is due (virtual time since start); null when nothing is scheduled.</summary>
    public TimeSpan? NextEventTime => _queue.TryPeek(out _, out var key) ? TimeSpan.FromTicks(key.Due) : null;

    /// <summary>Runs <paramref name="action"/> at the current instant, after what is already due now.</summary>
    public void Post(Action action) => Enqueue(_now, action, null, 0);

    /// <summary>Runs <paramref name="callback"/> with <paramref name="state"/> at the current instant.</summary>
    public void Post(SendOrPostCallback callback, object? state) => Enqueue(_now, callback, state, 0);

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/> of virtual time.</summary>
    public void Schedule(TimeSpan delay, Action action) => Enqueue(_now + Math.Max(0, delay.Ticks), action, null, 0);

    /// <summary>Runs <paramref name="callback"/> with <paramref name="state"/> after <paramref name="delay"/>.</summary>
    public void Schedule(TimeSpan delay, Action<object?> callback, object? state) =>
        Enqueue(_now + Math.Max(0, delay.Ticks), callback, state, 0);

    internal void ScheduleTimer(long dueTicks, VirtualTimer timer, long generation) => Enqueue(dueTicks, timer, null, generation);

    private void Enqueue(long due, object target, object? state, long token)
    {
        _queue.Enqueue(new Entry(target, state, token), new EventKey(due, _sequence++));
    }

    /// <summary>Runs the next event, if any; false when nothing is scheduled.</summary>
    public bool RunOne()
    {
        var previous = SynchronizationContext.Current;
        if (previous == Context)
        {
            return RunNext();
        }

        SynchronizationContext.SetSynchronizationContext(Context);
        try
        {
            return RunNext();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>
    /// Runs the next event on a thread whose synchronization context is already <see cref="Context"/>: the run loops
    /// install it once around the loop rather than once per event (millions of events per simulated hour).
    /// </summary>
    private bool RunNext()
    {
        if (!_queue.TryDequeue(out var entry, out var key))
        {
            return false;
        }

        _now = key.Due;
        EventsExecuted++;

        // Most frequent first: timers (MAC backoffs, ACK waits), then frame ends and posted continuations.
        switch (entry.Target)
        {
            case VirtualTimer timer:
                timer.Fire(entry.Token);
                break;
            case Action<object?> callback:
                callback(entry.State);
                break;
            case SendOrPostCallback callback:
                callback(entry.State);
                break;
            case Action action:
                action();
                break;
        }

        return true;
    }

    /// <summary>Installs <see cref="Context"/> on this thread for a run loop; dispose to put the previous one back.</summary>
    private ContextScope EnterContext()
    {
        var previous = SynchronizationContext.Current;
        if (previous != Context)
        {
            SynchronizationContext.SetSynchronizationContext(Context);
        }

        return new ContextScope(previous, previous != Context);
    }

    private readonly struct ContextScope(SynchronizationContext? previous, bool restore) : IDisposable
    {
        public void Dispose()
        {
            if (restore)
            {
                SynchronizationContext.SetSynchronizationContext(previous);
            }
        }
    }

    /// <summary>Runs every event due up to <paramref name="until"/> (virtual time since start), then sets the clock to it.</summary>
    public void RunUntil(TimeSpan until)
    {
        using (EnterContext())
        {
            while (_queue.TryPeek(out _, out var key) && key.Due <= until.Ticks)
            {
                RunNext();
            }
        }

        if (_now < until.Ticks)
        {
            _now = until.Ticks;
        }
    }

    /// <summary>Runs events for <paramref name="duration"/> of virtual time from now.</summary>
    public void RunFor(TimeSpan duration) => RunUntil(Now + duration);

    /// <summary>Runs until nothing is scheduled (careful: periodic timers never let that happen).</summary>
    public void RunUntilIdle()
    {
        using (EnterContext())
        {
            while (RunNext())
            {
            }
        }
    }

    /// <summary>
    /// Runs events until <paramref name="task"/> completes or <paramref name="limit"/> of virtual time has passed.
    /// Returns whether the task completed; awaiting it afterwards does not block.
    /// </summary>
    public bool RunUntilComplete(Task task, TimeSpan? limit = null)
    {
        var end = limit is { } l ? _now + l.Ticks : long.MaxValue;
        using (EnterContext())
        {
            while (!task.IsCompleted)
            {
                if (!_queue.TryPeek(out _, out var key) || key.Due > end)
                {
                    break;
                }

                RunNext();
            }
        }

        return task.IsCompleted;
    }

    /// <summary>
    /// Starts <paramref name="operation"/> on this scheduler's context at the current instant and runs events until it
    /// completes. Throws <see cref="TimeoutException"/> when it has not completed within <paramref name="limit"/>
    /// of virtual time (or nothing is left to run).
    /// </summary>
    public Task<T> Run<T>(Func<Task<T>> operation, TimeSpan? limit = null)
    {
        Task<T>? task = null;
        Post(() => task = operation());

        // Events already due at this instant were queued first and run first; keep going until ours has started.
        while (task is null && RunOne())
        {
        }

        if (!RunUntilComplete(task!, limit))
        {
            throw new TimeoutException($"The operation did not complete within {limit?.ToString() ?? "the scheduled events"} of virtual time.");
        }

        return task!;
    }

    /// <inheritdoc cref="Run{T}(Func{Task{T}}, TimeSpan?)"/>
    public Task Run(Func<Task> operation, TimeSpan? limit = null) =>
        Run(async () =>
        {
            await operation();
            return true;
        }, limit);

    private readonly record struct Entry(object Target, object? State, long Token);

    private readonly record struct EventKey(long Due, long Sequence);

    private sealed class EventKeyComparer : IComparer<EventKey>
    {
        public static readonly EventKeyComparer Instance = new();

        public int Compare(EventKey x, EventKey y)
        {
            var c = x.Due.CompareTo(y.Due);
            return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
