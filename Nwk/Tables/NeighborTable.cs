using ZigBee.Nwk.Nib;

namespace ZigBee.Nwk.Tables;

/// <summary>
/// nwkNeighborTable (§3.6.1.5): the devices in radio range that this device knows, with a fixed capacity. Entries
/// are reused after removal, so a steady network adds no garbage. Children are entries with relationship Child.
/// </summary>
public sealed class NeighborTable
{
    private readonly List<NeighborEntry> _entries;
    private readonly Stack<NeighborEntry> _free = new();

    // Both addresses of every entry, index for index with _entries: every frame received looks its sender up, and a
    // vectorised search of a packed array beats visiting each entry object (the first match wins, as in list order).
    private readonly ushort[] _networkAddresses;
    private readonly ulong[] _extendedAddresses;

    public NeighborTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _entries = new List<NeighborEntry>(capacity);
        _networkAddresses = new ushort[capacity];
        _extendedAddresses = new ulong[capacity];
    }

    public int Capacity { get; }

    public int Count => _entries.Count;

    public NeighborEntry this[int index] => _entries[index];

    /// <summary>The entries, in no particular order.</summary>
    public IReadOnlyList<NeighborEntry> Entries => _entries;

    /// <summary>Children (routers and end devices) of this device.</summary>
    public int ChildCount => CountWhere(static e => e.IsChild);

    public int RouterChildCount => CountWhere(static e => e.IsChild && e.IsRouterCapable);

    public int EndDeviceChildCount => CountWhere(static e => e.IsChild && e.DeviceType == NwkDeviceRole.EndDevice);

    /// <summary>The entry for a network address, or null (0xFFFF never matches).</summary>
    public NeighborEntry? Find(ushort networkAddress)
    {
        if (networkAddress >= 0xFFF8)
        {
            return null;
        }

        var index = _networkAddresses.AsSpan(0, _entries.Count).IndexOf(networkAddress);
        return index >= 0 ? _entries[index] : null;
    }

    /// <summary>The entry for an IEEE address, or null (0 never matches).</summary>
    public NeighborEntry? FindExtended(ulong extendedAddress)
    {
        if (extendedAddress == 0)
        {
            return null;
        }

        var index = _extendedAddresses.AsSpan(0, _entries.Count).IndexOf(extendedAddress);
        return index >= 0 ? _entries[index] : null;
    }

    /// <summary>
    /// The entry for the device (matched by IEEE address when known, else by network address), created when absent.
    /// Null when the table is full: a new entry may replace only a non-child router neighbour that is stale or a
    /// device that is neither parent nor child, so children and the parent are never pushed out.
    /// </summary>
    public NeighborEntry? GetOrAdd(ushort networkAddress, ulong extendedAddress)
    {
        var entry = (extendedAddress != 0 ? FindExtended(extendedAddress) : null) ?? Find(networkAddress);
        if (entry is not null)
        {
            if (extendedAddress != 0 && entry.ExtendedAddress == 0)
            {
                entry.ExtendedAddress = extendedAddress;
            }

            return entry;
        }

        if (_entries.Count >= Capacity && !EvictOne())
        {
            return null;
        }

        entry = _free.Count > 0 ? _free.Pop() : new NeighborEntry();
        entry.Owner = this;
        entry.Slot = _entries.Count;
        _entries.Add(entry);
        entry.NetworkAddress = networkAddress;
        entry.ExtendedAddress = extendedAddress;
        return entry;
    }

    public bool Remove(NeighborEntry entry)
    {
        var index = _entries.IndexOf(entry);
        if (index < 0)
        {
            return false;
        }

        RemoveAt(index);
        return true;
    }

    public bool Remove(ushort networkAddress) => Find(networkAddress) is { } entry && Remove(entry);

    public void Clear()
    {
        while (_entries.Count > 0)
        {
            RemoveAt(_entries.Count - 1);
        }
    }

    /// <summary>Removes every entry that is not a child or parent (discovery results, siblings).</summary>
    public void RemoveWhere(Func<NeighborEntry, bool> predicate)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (predicate(_entries[i]))
            {
                RemoveAt(i);
            }
        }
    }

    public int CountWhere(Func<NeighborEntry, bool> predicate)
    {
        var n = 0;
        foreach (var entry in _entries)
        {
            if (predicate(entry))
            {
                n++;
            }
        }

        return n;
    }

    private void RemoveAt(int index)
    {
        var entry = _entries[index];
        var last = _entries.Count - 1;
        var moved = _entries[last];
        _entries[index] = moved;
        moved.Slot = index;
        _networkAddresses[index] = _networkAddresses[last];
        _extendedAddresses[index] = _extendedAddresses[last];
        _entries.RemoveAt(last);
        entry.Owner = null;
        entry.Reset();
        _free.Push(entry);
    }

    /// <summary>Frees one slot: the oldest-heard entry that is neither parent nor child.</summary>
    private bool EvictOne()
    {
        var victim = -1;
        for (var i = 0; i < _entries.Count; i++)
        {
            var e = _entries[i];
            if (e.IsChild || e.Relationship == NeighborRelationship.Parent)
            {
                continue;
            }

            if (victim < 0 || e.LastHeard < _entries[victim].LastHeard)
            {
                victim = i;
            }
        }

        if (victim < 0)
        {
            return false;
        }

        RemoveAt(victim);
        return true;
    }

    internal void MirrorNetwork(int slot, ushort networkAddress) => _networkAddresses[slot] = networkAddress;

    internal void MirrorExtended(int slot, ulong extendedAddress) => _extendedAddresses[slot] = extendedAddress;
}
