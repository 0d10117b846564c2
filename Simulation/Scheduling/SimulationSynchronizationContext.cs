namespace ZigBee.Simulation.Scheduling;

/// <summary>Turns every posted continuation into an event at the current virtual instant.</summary>
public sealed class SimulationSynchronizationContext : SynchronizationContext
{
    private readonly SimulationScheduler _scheduler;

    internal SimulationSynchronizationContext(SimulationScheduler scheduler) => _scheduler = scheduler;

    public override void Post(SendOrPostCallback d, object? state) => _scheduler.Post(d, state);

    // The simulation has a single thread, so a synchronous send can run in place.
    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public override SynchronizationContext CreateCopy() => this;
}
