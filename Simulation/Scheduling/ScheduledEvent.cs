namespace ZigBee.Simulation.Scheduling;

/// <summary>A posted or scheduled callback: an <see cref="Action"/>, <see cref="Action{T}"/> or <see cref="SendOrPostCallback"/> with its state.</summary>
internal readonly record struct ScheduledEvent(long Due, long Sequence, object Target, object? State) : IHeapEntry<ScheduledEvent>
{
    public static void Placed(in ScheduledEvent entry, int index)
    {
    }
}
