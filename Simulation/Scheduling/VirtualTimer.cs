namespace ZigBee.Simulation.Scheduling;

/// <summary>
/// A timer in virtual time. Changing or disposing it bumps a generation number, so an event scheduled for an
/// earlier setting finds itself stale and does nothing; no queue search is needed.
/// </summary>
internal sealed class VirtualTimer : ITimer
{
    private readonly SimulationScheduler _scheduler;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private long _generation;
    private long _periodTicks;
    private bool _disposed;

    public VirtualTimer(SimulationScheduler scheduler, TimerCallback callback, object? state)
    {
        _scheduler = scheduler;
        _callback = callback;
        _state = state;
    }

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

        if (_disposed)
        {
            return false;
        }

        _generation++;
        _periodTicks = period <= TimeSpan.Zero ? 0 : period.Ticks;
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _scheduler.ScheduleTimer(_scheduler.NowTicks + dueTime.Ticks, this, _generation);
        }

        return true;
    }

    internal void Fire(long generation)
    {
        if (_disposed || generation != _generation)
        {
            return;
        }

        if (_periodTicks > 0)
        {
            _scheduler.ScheduleTimer(_scheduler.NowTicks + _periodTicks, this, _generation);
        }

        _callback(_state);
    }

    public void Dispose()
    {
        _disposed = true;
        _generation++;
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
