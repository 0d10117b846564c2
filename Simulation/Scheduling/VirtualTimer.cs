namespace ZigBee.Simulation.Scheduling;

/// <summary>
/// A timer in virtual time. It has at most one entry in the scheduler's timer heap: changing it moves that entry
/// (with a fresh sequence number, exactly as if a new one had been queued) and stopping it removes it, so a re-armed
/// MAC backoff or ACK wait leaves no stale event behind to pop and skip.
/// </summary>
internal sealed class VirtualTimer : ITimer
{
    private readonly SimulationScheduler _scheduler;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private long _periodTicks;

    public VirtualTimer(SimulationScheduler scheduler, TimerCallback callback, object? state)
    {
        _scheduler = scheduler;
        _callback = callback;
        _state = state;
    }

    /// <summary>Where this timer's entry is in the scheduler's timer heap; -1 when it has none.</summary>
    internal int HeapIndex { get; set; } = -1;

    /// <summary>
    /// Set by <see cref="Dispose"/>, which may run on any thread (a cancelled token disposes its delay's timer where
    /// it is cancelled), so it only marks the timer: the scheduler drops the entry when it comes up.
    /// </summary>
    internal bool IsDisposed { get; private set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        // Same contract as System.Threading.Timer: -1 ms (infinite) or a non-negative span.
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "Due time must be non-negative or infinite.");
        }

        if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "Period must be non-negative or infinite.");
        }

        if (IsDisposed)
        {
            return false;
        }

        _periodTicks = period <= TimeSpan.Zero ? 0 : period.Ticks;
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _scheduler.ArmTimer(this, dueTime.Ticks);
        }
        else
        {
            _scheduler.DisarmTimer(this);
        }

        return true;
    }

    /// <summary>Runs the callback; the scheduler has already taken this timer's entry out of the heap.</summary>
    internal void Fire()
    {
        if (_periodTicks > 0)
        {
            _scheduler.ArmTimer(this, _periodTicks);
        }

        _callback(_state);
    }

    public void Dispose() => IsDisposed = true;

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
