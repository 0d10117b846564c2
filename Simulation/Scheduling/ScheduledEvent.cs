namespace ZigBee.Simulation.Scheduling;

/// <summary>A callback posted for the current instant: an <see cref="Action"/>, <see cref="Action{T}"/> or <see cref="SendOrPostCallback"/> with its state.</summary>
internal readonly record struct ScheduledEvent(long Due, long Sequence, object Target, object? State);
