namespace ZigBee.Nwk.Tables;

/// <summary>
/// nwkAddressMap (§3.5.2): the IEEE address each known network address belongs to, with a fixed capacity (the
/// oldest pair goes when full). Two IEEE addresses for one network address is an address conflict (§3.6.1.9).
/// Consulted for nearly every frame received (frames carry their source's IEEE address), so both directions are
/// indexed.
/// </summary>
public sealed class AddressMap
{
    private readonly ushort[] _network;
    private readonly ulong[] _extended;
    private readonly ProbeTable<ushort, int> _byNetwork;
    private readonly Dictionary<ulong, int> _byExtended;
    private int _count;
    private int _next;

    public AddressMap(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _network = new ushort[capacity];
        _extended = new ulong[capacity];
        _byNetwork = new ProbeTable<ushort, int>(capacity);
        _byExtended = new Dictionary<ulong, int>(capacity);
    }

    public int Capacity => _network.Length;

    public int Count => _count;

    /// <summary>Raised on every change, so an owner may remember what it found while the map holds.</summary>
    internal event Action? Changed;

    public bool TryGetExtended(ushort networkAddress, out ulong extendedAddress)
    {
        if (_byNetwork.TryGetValue(networkAddress, out var slot))
        {
            extendedAddress = _extended[slot];
            return true;
        }

        extendedAddress = 0;
        return false;
    }

    public bool TryGetNetwork(ulong extendedAddress, out ushort networkAddress)
    {
        if (_byExtended.TryGetValue(extendedAddress, out var slot))
        {
            networkAddress = _network[slot];
            return true;
        }

        networkAddress = 0xFFFF;
        return false;
    }

    public void Set(ushort networkAddress, ulong extendedAddress)
    {
        if (extendedAddress == 0 || networkAddress >= 0xFFF8)
        {
            return;
        }

        Changed?.Invoke();

        if (_byExtended.TryGetValue(extendedAddress, out var slot))
        {
            if (_network[slot] != networkAddress)
            {
                ForgetNetworkIndex(_network[slot], slot);
                _network[slot] = networkAddress;
            }

            _byNetwork.Set(networkAddress, slot);
            return;
        }

        if (_count < _network.Length)
        {
            slot = _count++;
        }
        else
        {
            slot = _next;
            _next = (_next + 1) % _network.Length;
            ForgetNetworkIndex(_network[slot], slot);
            _byExtended.Remove(_extended[slot]);
        }

        _network[slot] = networkAddress;
        _extended[slot] = extendedAddress;
        _byNetwork.Set(networkAddress, slot);
        _byExtended[extendedAddress] = slot;
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

        if (removed)
        {
            Changed?.Invoke();

            // Rare (address conflicts): entries moved, so the indexes are rebuilt.
            Reindex();
        }

        return removed;
    }

    public void Clear()
    {
        Changed?.Invoke();
        _count = 0;
        _next = 0;
        _byNetwork.Clear();
        _byExtended.Clear();
    }

    private void ForgetNetworkIndex(ushort networkAddress, int slot)
    {
        if (_byNetwork.TryGetValue(networkAddress, out var indexed) && indexed == slot)
        {
            _byNetwork.Remove(networkAddress);
        }
    }

    private void Reindex()
    {
        _byNetwork.Clear();
        _byExtended.Clear();
        if (_next >= _count)
        {
            _next = 0;
        }

        for (var i = 0; i < _count; i++)
        {
            _byNetwork.TryAdd(_network[i], i);
            _byExtended[_extended[i]] = i;
        }
    }
}
