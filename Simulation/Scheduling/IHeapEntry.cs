namespace ZigBee.Simulation.Scheduling;

/// <summary>
/// An entry of an <see cref="EventHeap{T}"/>: its key is (due, sequence), so entries due at the same instant leave in
/// the order they were enqueued. A struct type parameter lets the JIT inline the key reads and the move hook.
/// </summary>
internal interface IHeapEntry<TSelf>
    where TSelf : struct, IHeapEntry<TSelf>
{
    /// <summary>Virtual time the entry is due, in ticks since the start.</summary>
    long Due { get; }

    /// <summary>Enqueue order, unique across the scheduler: breaks ties between equal due times.</summary>
    long Sequence { get; }

    /// <summary>Called whenever the heap stores <paramref name="entry"/> at <paramref name="index"/>.</summary>
    static abstract void Placed(in TSelf entry, int index);
}
