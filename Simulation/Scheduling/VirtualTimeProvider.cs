namespace ZigBee.Simulation.Scheduling;

/// <summary>A <see cref="TimeProvider"/> whose clock is the scheduler's virtual time; its timers are scheduler events.</summary>
public sealed class VirtualTimeProvider : TimeProvider
{
    private readonly SimulationScheduler _scheduler;

    internal VirtualTimeProvider(SimulationScheduler scheduler) => _scheduler = scheduler;

    public override DateTimeOffset GetUtcNow() => _scheduler.Epoch.AddTicks(_scheduler.NowTicks);

    public override long GetTimestamp() => _scheduler.NowTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(_scheduler, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }
}
