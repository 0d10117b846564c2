namespace ZigBee.Nwk.Tables;

/// <summary>nwkRouteTable (§3.6.4.2) with a fixed capacity; a full table replaces its least recently used route.</summary>
public sealed class RoutingTable
{
    private readonly List<RouteEntry> _entries;
    private readonly Stack<RouteEntry> _free = new();

    // Looked up for every frame relayed: an index by destination keeps that O(1) with a few hundred routes.
    private readonly Dictionary<ushort, RouteEntry> _byDestination;

    public RoutingTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _entries = new List<RouteEntry>(capacity);
        _byDestination = new Dictionary<ushort, RouteEntry>(capacity);
    }

    public int Capacity { get; }

    public int Count => _entries.Count;

    public IReadOnlyList<RouteEntry> Entries => _entries;

    public RouteEntry this[int index] => _entries[index];

    public RouteEntry? Find(ushort destination) => _byDestination.GetValueOrDefault(destination);

    /// <summary>The active route's next hop, if there is one.</summary>
    public bool TryGetNextHop(ushort destination, out ushort nextHop)
    {
        if (Find(destination) is { Status: RouteStatus.Active } entry)
        {
            nextHop = entry.NextHopAddress;
            return true;
        }

        nextHop = 0xFFFF;
        return false;
    }

    /// <summary>The entry for a destination, created (replacing the least recently used one when full) if absent.</summary>
    public RouteEntry GetOrAdd(ushort destination, DateTimeOffset now)
    {
        var entry = Find(destination);
        if (entry is not null)
        {
            return entry;
        }

        if (_entries.Count >= Capacity)
        {
            var victim = 0;
            for (var i = 1; i < _entries.Count; i++)
            {
                // Routes being discovered are kept over any other; among the rest the least recently used goes.
                var better = _entries[victim].Status == RouteStatus.DiscoveryUnderway
                    || (_entries[i].Status != RouteStatus.DiscoveryUnderway && _entries[i].LastUsed < _entries[victim].LastUsed);
                if (better)
                {
                    victim = i;
                }
            }

            RemoveAt(victim);
        }

        entry = _free.Count > 0 ? _free.Pop() : new RouteEntry();
        entry.DestinationAddress = destination;
        entry.LastUsed = now;
        _entries.Add(entry);
        _byDestination[destination] = entry;
        return entry;
    }

    public bool Remove(ushort destination)
    {
        if (!_byDestination.TryGetValue(destination, out var entry))
        {
            return false;
        }

        RemoveAt(_entries.IndexOf(entry));
        return true;
    }

    /// <summary>Marks every route through <paramref name="nextHop"/> as needing rediscovery; returns how many.</summary>
    public int InvalidateVia(ushort nextHop)
    {
        var n = 0;
        foreach (var entry in _entries)
        {
            if (entry.NextHopAddress == nextHop && entry.Status == RouteStatus.Active)
            {
                entry.Status = RouteStatus.Inactive;
                n++;
            }
        }

        return n;
    }

    public void Clear()
    {
        while (_entries.Count > 0)
        {
            RemoveAt(_entries.Count - 1);
        }
    }

    private void RemoveAt(int index)
    {
        var entry = _entries[index];
        _byDestination.Remove(entry.DestinationAddress);
        var last = _entries.Count - 1;
        _entries[index] = _entries[last];
        _entries.RemoveAt(last);
        entry.Reset();
        _free.Push(entry);
    }
}
