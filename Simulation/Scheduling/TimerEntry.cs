namespace ZigBee.Simulation.Scheduling;

/// <summary>A timer's one pending firing. The timer knows where its entry sits, so re-arming moves it in place.</summary>
internal readonly record struct TimerEntry(long Due, long Sequence, VirtualTimer Timer) : IHeapEntry<TimerEntry>
{
    public static void Placed(in TimerEntry entry, int index) => entry.Timer.HeapIndex = index;
}
