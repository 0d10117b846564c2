namespace ZigBee.Nwk.Tables;

/// <summary>
/// A concentrator's route record table (§3.6.3.5.2, the source route of nwkRouteRecordTable): for each device that
/// sent a route record, the relays its record crossed, relay 0 being the one nearest that device. Fixed capacity;
/// the least recently refreshed path goes when full.
/// </summary>
public sealed class RouteRecordTable
{
    private readonly ushort[] _destinations;
    private readonly ushort[][] _relays;
    private readonly byte[] _relayCounts;
    private readonly DateTimeOffset[] _updated;
    private int _count;

    public RouteRecordTable(int capacity, int maxRelays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _destinations = new ushort[capacity];
        // A slot's relay array is made when the slot is first used: only a concentrator fills this table, and every
        // router of a large network would otherwise hold capacity × maxRelays addresses it never uses.
        _relays = new ushort[capacity][];

        _relayCounts = new byte[capacity];
        _updated = new DateTimeOffset[capacity];
        MaxRelays = maxRelays;
    }

    public int Capacity => _destinations.Length;

    public int MaxRelays { get; }

    public int Count => _count;

    /// <summary>Stores the path to <paramref name="destination"/>; false when it has more relays than kept.</summary>
    public bool Set(ushort destination, ReadOnlySpan<ushort> relays, DateTimeOffset now)
    {
        if (relays.Length > MaxRelays)
        {
            return false;
        }

        var slot = IndexOf(destination);
        if (slot < 0)
        {
            if (_count < _destinations.Length)
            {
                slot = _count++;
            }
            else
            {
                slot = 0;
                for (var i = 1; i < _count; i++)
                {
                    if (_updated[i] < _updated[slot])
                    {
                        slot = i;
                    }
                }
            }
        }

        _destinations[slot] = destination;
        relays.CopyTo(_relays[slot] ??= new ushort[MaxRelays]);
        _relayCounts[slot] = (byte)relays.Length;
        _updated[slot] = now;
        return true;
    }

    /// <summary>The relays towards <paramref name="destination"/> (relay 0 nearest it), if a record was kept.</summary>
    public bool TryGet(ushort destination, out ReadOnlySpan<ushort> relays)
    {
        var slot = IndexOf(destination);
        if (slot < 0)
        {
            relays = default;
            return false;
        }

        relays = _relays[slot].AsSpan(0, _relayCounts[slot]);
        return true;
    }

    public bool Remove(ushort destination)
    {
        var slot = IndexOf(destination);
        if (slot < 0)
        {
            return false;
        }

        _count--;
        _destinations[slot] = _destinations[_count];
        (_relays[slot], _relays[_count]) = (_relays[_count], _relays[slot]);
        _relayCounts[slot] = _relayCounts[_count];
        _updated[slot] = _updated[_count];
        return true;
    }

    public void Clear() => _count = 0;

    private int IndexOf(ushort destination)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_destinations[i] == destination)
            {
                return i;
            }
        }

        return -1;
    }
}
