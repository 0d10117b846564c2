using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;

namespace ZigBee.Aps.Tables;

/// <summary>
/// apsBindingTable (§2.2.8.2.1) with a fixed capacity, kept in the order entries were bound (that order is the order
/// a frame sent through the bindings reaches its destinations). Storage is preallocated; lookups allocate nothing.
/// </summary>
public sealed class BindingTable
{
    private readonly BindingEntry[] _entries;
    private int _count;

    public BindingTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _entries = new BindingEntry[capacity];
    }

    public int Capacity => _entries.Length;

    public int Count => _count;

    public BindingEntry this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
            return _entries[index];
        }
    }

    /// <summary>
    /// APSME-BIND (§2.2.4.3.1/2): Success (an identical entry already present is Success with no second copy);
    /// IllegalRequest for a parameter out of range (SrcEndpoint not 0x01–0xFE; DstAddrMode not Group/Extended; a
    /// group above 0xFFFF; DstEndpoint not 0x01–0xFF for Extended); TableFull.
    /// </summary>
    public ApsStatus Bind(in BindingEntry entry)
    {
        if (!IsInRange(entry))
        {
            return ApsStatus.IllegalRequest;
        }

        if (IndexOf(entry) >= 0)
        {
            return ApsStatus.Success;
        }

        if (_count == _entries.Length)
        {
            return ApsStatus.TableFull;
        }

        // A group binding's DstEndpoint is meaningless (§2.2.4.3.1.1): stored as 0 so the table reads the same however it was bound.
        _entries[_count++] = entry.DstAddrMode == ApsAddressMode.Group ? entry with { DstEndpoint = 0 } : entry;
        return ApsStatus.Success;
    }

    /// <summary>
    /// APSME-UNBIND (§2.2.4.3.3/4): Success; InvalidBinding when no such entry; IllegalRequest for parameters out of
    /// range (as <see cref="Bind"/>).
    /// </summary>
    public ApsStatus Unbind(in BindingEntry entry)
    {
        if (!IsInRange(entry))
        {
            return ApsStatus.IllegalRequest;
        }

        var index = IndexOf(entry);
        if (index < 0)
        {
            return ApsStatus.InvalidBinding;
        }

        RemoveAt(index);
        return ApsStatus.Success;
    }

    /// <summary>True when an entry naming the same binding is present.</summary>
    public bool Contains(in BindingEntry entry) => IndexOf(entry) >= 0;

    /// <summary>
    /// Writes the entries whose SrcEndpoint and ClusterId match into <paramref name="destination"/> (in table order);
    /// returns how many (at most destination.Length). Allocation-free.
    /// </summary>
    public int CopyMatches(byte srcEndpoint, ushort clusterId, Span<BindingEntry> destination)
    {
        var written = 0;
        for (var i = 0; i < _count && written < destination.Length; i++)
        {
            ref readonly var e = ref _entries[i];
            if (e.SrcEndpoint == srcEndpoint && e.ClusterId == clusterId)
            {
                destination[written++] = e;
            }
        }

        return written;
    }

    /// <summary>Number of entries matching (srcEndpoint, clusterId).</summary>
    public int CountMatches(byte srcEndpoint, ushort clusterId)
    {
        var matches = 0;
        for (var i = 0; i < _count; i++)
        {
            ref readonly var e = ref _entries[i];
            if (e.SrcEndpoint == srcEndpoint && e.ClusterId == clusterId)
            {
                matches++;
            }
        }

        return matches;
    }

    /// <summary>Removes every entry whose destination is this IEEE address (a device that left); returns how many.</summary>
    public int RemoveDestination(ulong ieeeAddress)
    {
        // One stable compaction pass: the survivors keep their order.
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            ref readonly var e = ref _entries[i];
            if (e.DstAddrMode == ApsAddressMode.Extended && e.DstAddress == ieeeAddress)
            {
                continue;
            }

            _entries[kept++] = e;
        }

        var removed = _count - kept;
        Array.Clear(_entries, kept, removed);
        _count = kept;
        return removed;
    }

    public void Clear()
    {
        Array.Clear(_entries, 0, _count);
        _count = 0;
    }

    /// <summary>The ranges of APSME-BIND.request (§2.2.4.3.1.1, Table 2-6), shared by APSME-UNBIND.request.</summary>
    private static bool IsInRange(in BindingEntry entry)
    {
        if (entry.SrcEndpoint is < 0x01 or > 0xFE)
        {
            return false;
        }

        return entry.DstAddrMode switch
        {
            ApsAddressMode.Group => entry.DstAddress <= 0xFFFF,
            ApsAddressMode.Extended => entry.DstEndpoint >= 0x01,
            _ => false,
        };
    }

    private int IndexOf(in BindingEntry entry)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_entries[i].SameBinding(entry))
            {
                return i;
            }
        }

        return -1;
    }

    private void RemoveAt(int index)
    {
        _count--;
        Array.Copy(_entries, index + 1, _entries, index, _count - index);
        _entries[_count] = default;
    }
}
