namespace ZigBee.Nwk.Tables;

/// <summary>The route discovery table (§3.6.4.3): route requests in progress, keyed by (originator, request id).</summary>
public sealed class RouteDiscoveryTable
{
    private readonly List<RouteDiscoveryEntry> _entries;

    // (originator << 8 | request id) of each entry, in step with _entries: a flood's every copy is looked up here, and
    // one vectorised scan of these beats visiting each entry object.
    private readonly int[] _keys;
    private readonly Stack<RouteDiscoveryEntry> _free = new();

    // The earliest expiry of the entries held (MaxValue when none): expiry is checked before every look-up, and with
    // this it costs nothing until an entry is actually due.
    private DateTimeOffset _earliest = DateTimeOffset.MaxValue;

    public RouteDiscoveryTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _entries = new List<RouteDiscoveryEntry>(capacity);
        _keys = new int[capacity];
    }

    public int Capacity { get; }

    public int Count => _entries.Count;

    public IReadOnlyList<RouteDiscoveryEntry> Entries => _entries;

    public RouteDiscoveryEntry? Find(ushort source, byte requestId)
    {
        var index = _keys.AsSpan(0, _entries.Count).IndexOf(Key(source, requestId));
        return index >= 0 ? _entries[index] : null;
    }

    private static int Key(ushort source, byte requestId) => (source << 8) | requestId;

    /// <summary>A new entry, or null when the table is full of unexpired entries.</summary>
    public RouteDiscoveryEntry? Add(ushort source, byte requestId, ushort sender, ushort destination, byte forwardCost, DateTimeOffset expiry)
    {
        if (_entries.Count >= Capacity)
        {
            return null;
        }

        var entry = _free.Count > 0 ? _free.Pop() : new RouteDiscoveryEntry();
        entry.SourceAddress = source;
        entry.RouteRequestId = requestId;
        entry.SenderAddress = sender;
        entry.DestinationAddress = destination;
        entry.ForwardCost = forwardCost;
        entry.ResidualCost = 0xFF;
        entry.Expiry = expiry;
        _keys[_entries.Count] = Key(source, requestId);
        _entries.Add(entry);
        if (expiry < _earliest)
        {
            _earliest = expiry;
        }

        return entry;
    }

    /// <summary>Drops the entry that expires first (the oldest); false when the table is empty.</summary>
    public bool RemoveOldest()
    {
        if (_entries.Count == 0)
        {
            return false;
        }

        var oldest = 0;
        for (var i = 1; i < _entries.Count; i++)
        {
            if (_entries[i].Expiry < _entries[oldest].Expiry)
            {
                oldest = i;
            }
        }

        RemoveAt(oldest);
        return true;
    }

    /// <summary>Frees entry <paramref name="index"/>; the last entry (and its key) takes its place.</summary>
    private void RemoveAt(int index)
    {
        var last = _entries.Count - 1;
        _free.Push(_entries[index]);
        _entries[index] = _entries[last];
        _keys[index] = _keys[last];
        _entries.RemoveAt(last);
    }

    /// <summary>Drops entries whose time is up; returns how many.</summary>
    public int Expire(DateTimeOffset now)
    {
        if (now < _earliest)
        {
            return 0;
        }

        var n = 0;
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Expiry <= now)
            {
                RemoveAt(i);
                n++;
            }
        }

        _earliest = DateTimeOffset.MaxValue;
        foreach (var entry in _entries)
        {
            if (entry.Expiry < _earliest)
            {
                _earliest = entry.Expiry;
            }
        }

        return n;
    }

    /// <summary>The earliest expiry, if any entry exists.</summary>
    public DateTimeOffset? NextExpiry
    {
        get
        {
            DateTimeOffset? next = null;
            foreach (var entry in _entries)
            {
                if (next is null || entry.Expiry < next)
                {
                    next = entry.Expiry;
                }
            }

            return next;
        }
    }

    public void Clear()
    {
        foreach (var entry in _entries)
        {
            _free.Push(entry);
        }

        _entries.Clear();
        _earliest = DateTimeOffset.MaxValue;
    }
}
