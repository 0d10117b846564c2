namespace ZigBee.Nwk.Service;

/// <summary>
/// A frame counter store that lives as long as the object (simulations, tests, a node whose state is saved elsewhere):
/// hand the same instance to the <see cref="NwkService"/> that replaces a stopped one and it resumes past every
/// counter the first may have sent.
/// </summary>
public sealed class InMemoryNwkFrameCounterStore : INwkFrameCounterStore
{
    public InMemoryNwkFrameCounterStore(uint reserved = 0) => Reserved = reserved;

    /// <summary>The value reserved last.</summary>
    public uint Reserved { get; private set; }

    /// <summary>How many times a block was reserved (writes a persistent store would make).</summary>
    public int Reservations { get; private set; }

    public uint LoadReserved() => Reserved;

    public void Reserve(uint reservedUpTo)
    {
        if (reservedUpTo < Reserved)
        {
            throw new ArgumentOutOfRangeException(nameof(reservedUpTo), reservedUpTo, $"the reservation may only grow (now {Reserved})");
        }

        Reserved = reservedUpTo;
        Reservations++;
    }
}
