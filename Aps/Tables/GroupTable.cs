using ZigBee.Aps.Service;

namespace ZigBee.Aps.Tables;

/// <summary>
/// apsGroupTable (§2.2.8.3): (group address, endpoint) pairs, the capacity counting pairs. The pairs are kept sorted
/// by group, then endpoint, so membership is a binary search and a group's endpoints are one ascending run; every
/// group-addressed frame received asks this table, and it allocates nothing.
/// </summary>
public sealed class GroupTable
{
    private readonly ushort[] _groups;
    private readonly byte[] _endpoints;
    private int _count;

    public GroupTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _groups = new ushort[capacity];
        _endpoints = new byte[capacity];
    }

    public int Capacity => _groups.Length;

    public int Count => _count;

    /// <summary>The pairs in order of group address, then endpoint.</summary>
    public GroupMembership this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
            return new GroupMembership(_groups[index], _endpoints[index]);
        }
    }

    /// <summary>
    /// APSME-ADD-GROUP (§2.2.4.5.1/2): Success (already a member: Success, no second copy); InvalidParameter when
    /// the endpoint is not 0x01–0xFE; TableFull.
    /// </summary>
    public ApsStatus Add(ushort groupAddress, byte endpoint)
    {
        if (!IsEndpointInRange(endpoint))
        {
            return ApsStatus.InvalidParameter;
        }

        var index = Find(groupAddress, endpoint);
        if (index >= 0)
        {
            return ApsStatus.Success;
        }

        if (_count == _groups.Length)
        {
            return ApsStatus.TableFull;
        }

        index = ~index;
        Array.Copy(_groups, index, _groups, index + 1, _count - index);
        Array.Copy(_endpoints, index, _endpoints, index + 1, _count - index);
        _groups[index] = groupAddress;
        _endpoints[index] = endpoint;
        _count++;
        return ApsStatus.Success;
    }

    /// <summary>
    /// APSME-REMOVE-GROUP (§2.2.4.5.3/4): Success; InvalidGroup when this endpoint is not in that group;
    /// InvalidParameter for an endpoint out of range.
    /// </summary>
    public ApsStatus Remove(ushort groupAddress, byte endpoint)
    {
        if (!IsEndpointInRange(endpoint))
        {
            return ApsStatus.InvalidParameter;
        }

        var index = Find(groupAddress, endpoint);
        if (index < 0)
        {
            return ApsStatus.InvalidGroup;
        }

        _count--;
        Array.Copy(_groups, index + 1, _groups, index, _count - index);
        Array.Copy(_endpoints, index + 1, _endpoints, index, _count - index);
        return ApsStatus.Success;
    }

    /// <summary>
    /// APSME-REMOVE-ALL-GROUPS (§2.2.4.5.5/6): Success (also when the endpoint was in no group); InvalidParameter for
    /// an endpoint out of range.
    /// </summary>
    public ApsStatus RemoveAll(byte endpoint)
    {
        if (!IsEndpointInRange(endpoint))
        {
            return ApsStatus.InvalidParameter;
        }

        // Stable compaction keeps the sort order.
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_endpoints[i] == endpoint)
            {
                continue;
            }

            _groups[kept] = _groups[i];
            _endpoints[kept] = _endpoints[i];
            kept++;
        }

        _count = kept;
        return ApsStatus.Success;
    }

    public bool IsMember(ushort groupAddress, byte endpoint) => Find(groupAddress, endpoint) >= 0;

    public bool HasGroup(ushort groupAddress)
    {
        var first = FirstOf(groupAddress);
        return first < _count && _groups[first] == groupAddress;
    }

    /// <summary>Number of endpoints that are members of <paramref name="groupAddress"/>.</summary>
    public int CountEndpoints(ushort groupAddress)
    {
        var members = 0;
        for (var i = FirstOf(groupAddress); i < _count && _groups[i] == groupAddress; i++)
        {
            members++;
        }

        return members;
    }

    /// <summary>
    /// Writes the endpoints that are members of <paramref name="groupAddress"/> into <paramref name="destination"/>
    /// (ascending, no duplicates); returns how many (at most destination.Length). Allocation-free.
    /// </summary>
    public int CopyEndpoints(ushort groupAddress, Span<byte> destination)
    {
        var written = 0;
        for (var i = FirstOf(groupAddress); i < _count && _groups[i] == groupAddress && written < destination.Length; i++)
        {
            destination[written++] = _endpoints[i];
        }

        return written;
    }

    public void Clear() => _count = 0;

    /// <summary>Endpoint range of the group primitives (§2.2.4.5.1.1, Table 2-16): 0x00 is the ZDO, 0xFF broadcast.</summary>
    private static bool IsEndpointInRange(byte endpoint) => endpoint is >= 0x01 and <= 0xFE;

    private static int Key(ushort groupAddress, byte endpoint) => (groupAddress << 8) | endpoint;

    /// <summary>The pair's index, or the bitwise complement of where it would be inserted.</summary>
    private int Find(ushort groupAddress, byte endpoint)
    {
        var key = Key(groupAddress, endpoint);
        var low = 0;
        var high = _count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var probe = Key(_groups[mid], _endpoints[mid]);
            if (probe == key)
            {
                return mid;
            }

            if (probe < key)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return ~low;
    }

    /// <summary>Index of the first pair of this group (or of the first pair after where it would be).</summary>
    private int FirstOf(ushort groupAddress)
    {
        var index = Find(groupAddress, 0);
        return index >= 0 ? index : ~index;
    }
}
