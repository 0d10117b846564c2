namespace ZigBee.Simulation.Scheduling;

/// <summary>A scheduled event's place in time and the <see cref="CallbackTable"/> slot of what it runs.</summary>
internal readonly record struct EventKey(long Due, long Sequence, int Slot) : IHeapEntry<EventKey>
{
    public static void Placed(in EventKey entry, int index)
    {
    }
}
