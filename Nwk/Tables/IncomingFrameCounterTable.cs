namespace ZigBee.Nwk.Tables;

/// <summary>
/// The IncomingFrameCounterSet of one network key (§4.3.1.2, nwkSecurityMaterialSet): per sender IEEE address, the
/// frame counter of the last frame accepted from it under that key. NWK security is hop by hop, so the senders are
/// the neighbours heard. A frame whose counter is not above the one kept is a replay. Capacity-bounded; when full
/// an entry of a sender no longer heard (the one updated longest ago) gives way, found by a scan that only runs then.
/// </summary>
public sealed class IncomingFrameCounterTable
{
    // Every frame received looks its sender up here (freshness, room, update).
    private readonly ProbeTable<ulong, Entry> _entries;
    private long _clock;

    public IncomingFrameCounterTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _entries = new ProbeTable<ulong, Entry>(capacity);
    }

    public int Capacity { get; }

    public int Count => _entries.Count;

    public bool TryGet(ulong sender, out uint frameCounter)
    {
        var found = _entries.TryGetValue(sender, out var entry);
        frameCounter = entry.Counter;
        return found;
    }

    public bool IsFresh(ulong sender, uint frameCounter) =>
        !_entries.TryGetValue(sender, out var entry) || frameCounter > entry.Counter;

    public bool HasRoomFor(ulong sender) => _entries.Count < Capacity || _entries.ContainsKey(sender);

    public void Update(ulong sender, uint frameCounter)
    {
        // No IEEE address is 0: a frame claiming it keeps no counter.
        if (sender == 0)
        {
            return;
        }

        if (_entries.Count >= Capacity && !_entries.ContainsKey(sender))
        {
            EvictOldest();
        }

        _entries.Set(sender, new Entry(frameCounter, ++_clock));
    }

    public void Clear() => _entries.Clear();

    private void EvictOldest()
    {
        var oldest = 0UL;
        var oldestStamp = long.MaxValue;
        for (var position = 0; position < _entries.Positions; position++)
        {
            if (_entries.TryGetAt(position, out var sender, out var entry) && entry.Stamp < oldestStamp)
            {
                oldestStamp = entry.Stamp;
                oldest = sender;
            }
        }

        _entries.Remove(oldest);
    }

    private readonly record struct Entry(uint Counter, long Stamp);
}
