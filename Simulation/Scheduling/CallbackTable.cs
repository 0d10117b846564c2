namespace ZigBee.Simulation.Scheduling;

/// <summary>
/// The callbacks of scheduled events, in numbered slots reused as events run. The event heap holds only keys and a
/// slot number, so a sift moves 24 bytes with no object references: no GC write barrier per move.
/// </summary>
internal sealed class CallbackTable
{
    private (object Target, object? State)[] _slots = new (object, object?)[64];
    private int[] _free = new int[64];
    private int _freeCount;
    private int _used;

    /// <summary>Stores a callback and returns its slot.</summary>
    public int Add(object target, object? state)
    {
        int slot;
        if (_freeCount > 0)
        {
            slot = _free[--_freeCount];
        }
        else
        {
            if (_used == _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
            }

            slot = _used++;
        }

        _slots[slot] = (target, state);
        return slot;
    }

    /// <summary>Takes the callback out of <paramref name="slot"/> and frees the slot.</summary>
    public (object Target, object? State) Take(int slot)
    {
        var callback = _slots[slot];
        _slots[slot] = default;
        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, _free.Length * 2);
        }

        _free[_freeCount++] = slot;
        return callback;
    }
}
