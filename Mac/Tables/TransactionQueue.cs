using ZigBee.Mac.Frames;

namespace ZigBee.Mac.Tables;

/// <summary>
/// A coordinator's indirect transaction queue (IEEE 802.15.4-2006 §7.5.6.3): frames waiting for a device to poll,
/// oldest first, each with its expiry (macTransactionPersistenceTime after it was queued). An entry being delivered
/// is "in flight": it still counts as pending and does not expire until its delivery ends. Fixed capacity.
/// </summary>
public sealed class TransactionQueue<T>
    where T : class
{
    private readonly Entry[] _entries;
    private int _count;

    public TransactionQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _entries = new Entry[capacity];
    }

    public int Capacity => _entries.Length;

    public int Count => _count;

    /// <summary>Queues <paramref name="item"/> for <paramref name="destination"/>; false when full (TRANSACTION_OVERFLOW).</summary>
    public bool TryAdd(MacAddress destination, DateTimeOffset expiry, T item)
    {
        if (_count == _entries.Length)
        {
            return false;
        }

        _entries[_count++] = new Entry(destination, expiry, item, false);
        return true;
    }

    /// <summary>True when anything is queued for <paramref name="destination"/> (the frame pending bit of its ACK).</summary>
    public bool HasPendingFor(MacAddress destination) => CountFor(destination) > 0;

    public int CountFor(MacAddress destination)
    {
        var n = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_entries[i].Destination == destination)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Takes the oldest entry for <paramref name="destination"/> that is not already in flight and marks it in flight.</summary>
    public bool TryBeginDelivery(MacAddress destination, out T item)
    {
        for (var i = 0; i < _count; i++)
        {
            ref var e = ref _entries[i];
            if (e.Destination == destination && !e.InFlight)
            {
                e.InFlight = true;
                item = e.Item;
                return true;
            }
        }

        item = null!;
        return false;
    }

    /// <summary>Ends a delivery: removes the entry when delivered, otherwise leaves it queued for the next poll.</summary>
    public void EndDelivery(T item, bool delivered)
    {
        var i = IndexOf(item);
        if (i < 0)
        {
            return;
        }

        if (delivered)
        {
            RemoveAt(i);
        }
        else
        {
            _entries[i].InFlight = false;
        }
    }

    /// <summary>Removes the first entry that <paramref name="match"/> accepts and that is not in flight.</summary>
    public bool TryRemove(Func<T, bool> match, out T item)
    {
        for (var i = 0; i < _count; i++)
        {
            if (!_entries[i].InFlight && match(_entries[i].Item))
            {
                item = _entries[i].Item;
                RemoveAt(i);
                return true;
            }
        }

        item = null!;
        return false;
    }

    /// <summary>Earliest expiry among entries not in flight, or null when there is none.</summary>
    public DateTimeOffset? NextExpiry
    {
        get
        {
            DateTimeOffset? next = null;
            for (var i = 0; i < _count; i++)
            {
                if (!_entries[i].InFlight && (next is null || _entries[i].Expiry < next))
                {
                    next = _entries[i].Expiry;
                }
            }

            return next;
        }
    }

    /// <summary>Removes and returns one entry whose expiry is at or before <paramref name="now"/> and that is not in flight.</summary>
    public bool TryTakeExpired(DateTimeOffset now, out T item, out MacAddress destination)
    {
        for (var i = 0; i < _count; i++)
        {
            if (!_entries[i].InFlight && _entries[i].Expiry <= now)
            {
                item = _entries[i].Item;
                destination = _entries[i].Destination;
                RemoveAt(i);
                return true;
            }
        }

        item = null!;
        destination = default;
        return false;
    }

    /// <summary>
    /// Writes the distinct destinations queued, short and extended, at most as many as the spans hold (a beacon's
    /// pending address list holds at most 7 of each, §7.2.2.1.6). Returns how many of each were written.
    /// </summary>
    public (int ShortCount, int ExtendedCount) CollectPendingAddresses(Span<ushort> shortAddresses, Span<ulong> extendedAddresses)
    {
        int s = 0, x = 0;
        for (var i = 0; i < _count; i++)
        {
            var d = _entries[i].Destination;
            if (d.Mode == MacAddressingMode.Short && s < shortAddresses.Length && !shortAddresses[..s].Contains(d.Short))
            {
                shortAddresses[s++] = d.Short;
            }
            else if (d.Mode == MacAddressingMode.Extended && x < extendedAddresses.Length && !extendedAddresses[..x].Contains(d.Extended))
            {
                extendedAddresses[x++] = d.Extended;
            }
        }

        return (s, x);
    }

    /// <summary>Empties the queue and hands every entry to <paramref name="removed"/> (MLME-RESET).</summary>
    public void Clear(Action<T> removed)
    {
        while (_count > 0)
        {
            var item = _entries[0].Item;
            RemoveAt(0);
            removed(item);
        }
    }

    private int IndexOf(T item)
    {
        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_entries[i].Item, item))
            {
                return i;
            }
        }

        return -1;
    }

    private void RemoveAt(int index)
    {
        Array.Copy(_entries, index + 1, _entries, index, _count - index - 1);
        _entries[--_count] = default;
    }

    private struct Entry(MacAddress destination, DateTimeOffset expiry, T item, bool inFlight)
    {
        public readonly MacAddress Destination = destination;
        public readonly DateTimeOffset Expiry = expiry;
        public readonly T Item = item;
        public bool InFlight = inFlight;
    }
}
