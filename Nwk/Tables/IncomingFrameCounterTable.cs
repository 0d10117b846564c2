using System.Runtime.InteropServices;

namespace ZigBee.Nwk.Tables;

/// <summary>
/// The IncomingFrameCounterSet of one network key (§4.3.1.2, nwkSecurityMaterialSet): per sender IEEE address, the
/// frame counter of the last frame accepted from it under that key. NWK security is hop by hop, so the senders are
/// the neighbours heard. A frame whose counter is not above the one kept is a replay. Capacity-bounded; when full
/// an entry of a sender no longer heard (the one updated longest ago) gives way, found by a scan that only runs then.
/// </summary>
public sealed class IncomingFrameCounterTable
{
    private readonly Dictionary<ulong, Entry> _entries;
    private long _clock;

    public IncomingFrameCounterTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _entries = new Dictionary<ulong, Entry>(capacity);
    }

    public int Capacity { get; }

    public int Count => _entries.Count;

    /// <summary>The last counter accepted from <paramref name="sender"/>; false when none was.</summary>
    public bool TryGet(ulong sender, out uint frameCounter)
    {
        var found = _entries.TryGetValue(sender, out var entry);
        frameCounter = entry.Counter;
        return found;
    }

    /// <summary>True when a frame from <paramref name="sender"/> with <paramref name="frameCounter"/> would be fresh (§4.3.1.2 step 5).</summary>
    public bool IsFresh(ulong sender, uint frameCounter) =>
        !_entries.TryGetValue(sender, out var entry) || frameCounter > entry.Counter;

    /// <summary>True when <paramref name="sender"/> has an entry, or there is room for one without evicting.</summary>
    public bool HasRoomFor(ulong sender) => _entries.Count < Capacity || _entries.ContainsKey(sender);

    /// <summary>Records <paramref name="frameCounter"/> as the last accepted from <paramref name="sender"/> (after its MIC checked).</summary>
    public void Update(ulong sender, uint frameCounter)
    {
        if (_entries.Count >= Capacity && !_entries.ContainsKey(sender))
        {
            EvictOldest();
        }

        // One lookup for the common case, a sender already known (every frame received updates it).
        CollectionsMarshal.GetValueRefOrAddDefault(_entries, sender, out _) = new Entry(frameCounter, ++_clock);
    }

    public void Clear() => _entries.Clear();

    private void EvictOldest()
    {
        var oldest = 0UL;
        var oldestStamp = long.MaxValue;
        foreach (var (sender, entry) in _entries)
        {
            if (entry.Stamp < oldestStamp)
            {
                oldestStamp = entry.Stamp;
                oldest = sender;
            }
        }

        _entries.Remove(oldest);
    }

    private readonly record struct Entry(uint Counter, long Stamp);
}
