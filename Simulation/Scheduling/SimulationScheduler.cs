namespace ZigBee.Simulation.Scheduling;

/// <summary>
/// A discrete-event scheduler in virtual time. Every node of a simulated network runs on it, on the one thread that
/// calls the Run methods: events at the same instant run in the order they were scheduled, and time jumps from one
/// event to the next, so the same inputs and seed give the same run, event for event.
/// </summary>
public sealed class SimulationScheduler
{
    // Three queues, one order: every entry's key is (due, sequence) with one sequence counter for all, and the next
    // event is the earliest head. Entries due at the current instant (posted continuations) go to a FIFO, which
    // stays sorted because the clock never runs backwards; timers have a heap of their own so a re-armed timer can
    // move its entry in place instead of leaving a stale one behind.
    private readonly Queue<ScheduledEvent> _current = new();
    private readonly EventHeap<EventKey> _events = new();
    private readonly CallbackTable _callbacks = new();
    private readonly EventHeap<TimerEntry> _timers = new();
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

    /// <summary>Events executed so far: callbacks run (a stopped or re-armed timer's old setting is no event).</summary>
    public long EventsExecuted { get; private set; }

    /// <summary>Events waiting.</summary>
    public int Pending => _current.Count + _events.Count + _timers.Count;

    /// <summary>When the next event is due (virtual time since start); null when nothing is scheduled.</summary>
    public TimeSpan? NextEventTime => Earliest(out var due) == Source.None ? null : TimeSpan.FromTicks(due);

    /// <summary>Runs <paramref name="action"/> at the current instant, after what is already due now.</summary>
    public void Post(Action action) => Enqueue(_now, action, null);

    /// <summary>Runs <paramref name="callback"/> with <paramref name="state"/> at the current instant.</summary>
    public void Post(SendOrPostCallback callback, object? state) => Enqueue(_now, callback, state);

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/> of virtual time.</summary>
    public void Schedule(TimeSpan delay, Action action) => Enqueue(DueAfter(delay.Ticks), action, null);

    /// <summary>Runs <paramref name="callback"/> with <paramref name="state"/> after <paramref name="delay"/>.</summary>
    public void Schedule(TimeSpan delay, Action<object?> callback, object? state) =>
        Enqueue(DueAfter(delay.Ticks), callback, state);

    /// <summary>Sets <paramref name="timer"/> to fire <paramref name="delayTicks"/> from now, in place of any setting it had.</summary>
    internal void ArmTimer(VirtualTimer timer, long delayTicks)
    {
        // A fresh sequence number, as a newly queued entry would get: the order among equal due times is unchanged.
        var entry = new TimerEntry(DueAfter(delayTicks), _sequence++, timer);
        if (timer.HeapIndex >= 0)
        {
            _timers.Replace(timer.HeapIndex, entry);
        }
        else
        {
            _timers.Push(entry);
        }
    }

    /// <summary>Takes <paramref name="timer"/>'s pending firing, if any, out of the queue.</summary>
    internal void DisarmTimer(VirtualTimer timer)
    {
        if (timer.HeapIndex >= 0)
        {
            _timers.RemoveAt(timer.HeapIndex);
            timer.HeapIndex = -1;
        }
    }

    // Negative delays mean now; a delay past the end of time saturates rather than wrapping into the past.
    private long DueAfter(long delayTicks) =>
        delayTicks <= 0 ? _now : delayTicks > long.MaxValue - _now ? long.MaxValue : _now + delayTicks;

    private void Enqueue(long due, object target, object? state)
    {
        if (due == _now)
        {
            _current.Enqueue(new ScheduledEvent(due, _sequence++, target, state));
        }
        else
        {
            _events.Push(new EventKey(due, _sequence++, _callbacks.Add(target, state)));
        }
    }

    private enum Source
    {
        None,
        Current,
        Events,
        Timers,
    }

    /// <summary>Which queue holds the earliest entry, and when it is due.</summary>
    private Source Earliest(out long due)
    {
        var source = Source.None;
        due = long.MaxValue;
        var sequence = long.MaxValue;
        if (_current.TryPeek(out var posted))
        {
            source = Source.Current;
            due = posted.Due;
            sequence = posted.Sequence;
        }

        Consider(_events, Source.Events, ref source, ref due, ref sequence);
        Consider(_timers, Source.Timers, ref source, ref due, ref sequence);
        return source;
    }

    /// <summary>Takes <paramref name="heap"/>'s first entry as the earliest so far when it comes before it.</summary>
    private static void Consider<T>(EventHeap<T> heap, Source candidate, ref Source source, ref long due, ref long sequence)
        where T : struct, IHeapEntry<T>
    {
        if (heap.Count == 0)
        {
            return;
        }

        ref readonly var first = ref heap.First;
        if (EventHeap<T>.Before(first.Due, first.Sequence, due, sequence))
        {
            source = candidate;
            due = first.Due;
            sequence = first.Sequence;
        }
    }

    /// <summary>Runs the next event, if any; false when nothing is scheduled.</summary>
    public bool RunOne()
    {
        var previous = SynchronizationContext.Current;
        if (previous == Context)
        {
            return RunNext(long.MaxValue);
        }

        SynchronizationContext.SetSynchronizationContext(Context);
        try
        {
            return RunNext(long.MaxValue);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>
    /// Runs the next event if it is due by <paramref name="limit"/> (ticks), on a thread whose synchronization context
    /// is already <see cref="Context"/>: the run loops install it once around the loop rather than once per event
    /// (millions of events per simulated hour). False when nothing is due by then.
    /// </summary>
    private bool RunNext(long limit)
    {
        while (true)
        {
            var source = Earliest(out var due);
            if (source == Source.None || due > limit)
            {
                return false;
            }

            // Most frequent first: timers (MAC backoffs, ACK waits), then frame ends and posted continuations.
            if (source == Source.Timers)
            {
                var timer = _timers.Pop().Timer;
                timer.HeapIndex = -1;
                if (timer.IsDisposed)
                {
                    // Disposed since it was armed: no event, and the clock does not move for it.
                    continue;
                }

                _now = due;
                EventsExecuted++;
                timer.Fire();
                return true;
            }

            var (target, state) = source == Source.Current ? Posted(_current.Dequeue()) : _callbacks.Take(_events.Pop().Slot);
            _now = due;
            EventsExecuted++;
            switch (target)
            {
                case Action<object?> callback:
                    callback(state);
                    break;
                case SendOrPostCallback callback:
                    callback(state);
                    break;
                case Action action:
                    action();
                    break;
            }

            return true;
        }
    }

    private static (object Target, object? State) Posted(in ScheduledEvent entry) => (entry.Target, entry.State);

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
            while (RunNext(until.Ticks))
            {
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
            while (RunNext(long.MaxValue))
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
            while (!task.IsCompleted && RunNext(end))
            {
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
}
