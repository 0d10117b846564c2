namespace ZigBee.Nwk.Tables;

/// <summary>
/// nwkAddressMap (§3.5.2): the IEEE address each known network address belongs to, with a fixed capacity (the
/// oldest pair goes when full). Two IEEE addresses for one network address is an address conflict (§3.6.1.9).
/// </summary>
public sealed class AddressMap
{
    private readonly ushort[] _network;
    private readonly ulong[] _extended;
    private int _count;
    private int _next;

    public AddressMap(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _network = new ushort[capacity];
        _extended = new ulong[capacity];
    }

    public int Capacity => _network.Length;

    public int Count => _count;

    public bool TryGetExtended(ushort networkAddress, out ulong extendedAddress)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_network[i] == networkAddress)
            {
                extendedAddress = _extended[i];
                return true;
            }
        }

        extendedAddress = 0;
        return false;
    }

    public bool TryGetNetwork(ulong extendedAddress, out ushort networkAddress)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_extended[i] == extendedAddress)
            {
                networkAddress = _network[i];
                return true;
            }
        }

        networkAddress = 0xFFFF;
        return false;
    }

    /// <summary>Records that <paramref name="extendedAddress"/> uses <paramref name="networkAddress"/> now.</summary>
    public void Set(ushort networkAddress, ulong extendedAddress)
    {
        if (extendedAddress == 0 || networkAddress >= 0xFFF8)
        {
            return;
        }

        for (var i = 0; i < _count; i++)
        {
            if (_extended[i] == extendedAddress)
            {
                _network[i] = networkAddress;
                return;
            }
        }

        int slot;
        if (_count < _network.Length)
        {
            slot = _count++;
        }
        else
        {
            slot = _next;
            _next = (_next + 1) % _network.Length;
        }

        _network[slot] = networkAddress;
        _extended[slot] = extendedAddress;
    }

    public bool RemoveNetwork(ushort networkAddress)
    {
        var removed = false;
        for (var i = _count - 1; i >= 0; i--)
        {
            if (_network[i] == networkAddress)
            {
                _count--;
                _network[i] = _network[_count];
                _extended[i] = _extended[_count];
                removed = true;
            }
        }

        return removed;
    }

    public void Clear()
    {
        _count = 0;
        _next = 0;
    }
}
