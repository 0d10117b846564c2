using System.Numerics;

namespace ZigBee.Nwk.Tables;

/// <summary>
/// A map from network address to a table slot, by open addressing with linear probing over one array kept at most
/// half full: a look-up usually reads a single cache line (a dictionary reads its buckets, then its entries). Used
/// where nearly every frame received looks its source up.
/// </summary>
internal sealed class ShortAddressIndex
{
    // Key and slot + 1 in one entry (0: free).
    private readonly (ushort Key, int SlotPlusOne)[] _entries;
    private readonly int _mask;

    public ShortAddressIndex(int capacity)
    {
        _entries = new (ushort, int)[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 1) * 2)];
        _mask = _entries.Length - 1;
    }

    public int Count { get; private set; }

    public bool TryGetValue(ushort key, out int slot)
    {
        var index = IndexOf(key);
        slot = index >= 0 ? _entries[index].SlotPlusOne - 1 : -1;
        return index >= 0;
    }

    /// <summary>Adds the key, or points it at <paramref name="slot"/> if present.</summary>
    public void Set(ushort key, int slot)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            index = FreeFor(key);
            Count++;
        }

        _entries[index] = (key, slot + 1);
    }

    /// <summary>Adds the key unless present: false, and the slot it has is kept.</summary>
    public bool TryAdd(ushort key, int slot)
    {
        if (IndexOf(key) >= 0)
        {
            return false;
        }

        _entries[FreeFor(key)] = (key, slot + 1);
        Count++;
        return true;
    }

    public bool Remove(ushort key)
    {
        var hole = IndexOf(key);
        if (hole < 0)
        {
            return false;
        }

        Count--;
        // Backward-shift deletion: entries after the hole that probed past it move up, so no probe stops early.
        var index = hole;
        while (true)
        {
            index = (index + 1) & _mask;
            if (_entries[index].SlotPlusOne == 0)
            {
                break;
            }

            var home = Home(_entries[index].Key);
            var fits = hole <= index ? home <= hole || home > index : home <= hole && home > index;
            if (fits)
            {
                _entries[hole] = _entries[index];
                hole = index;
            }
        }

        _entries[hole] = default;
        return true;
    }

    public void Clear()
    {
        Array.Clear(_entries);
        Count = 0;
    }

    private int IndexOf(ushort key)
    {
        for (var index = Home(key); ; index = (index + 1) & _mask)
        {
            var entry = _entries[index];
            if (entry.SlotPlusOne == 0)
            {
                return -1;
            }

            if (entry.Key == key)
            {
                return index;
            }
        }
    }

    private int FreeFor(ushort key)
    {
        var index = Home(key);
        while (_entries[index].SlotPlusOne != 0)
        {
            index = (index + 1) & _mask;
        }

        return index;
    }

    // Fibonacci hashing spreads nearby addresses (a parent's children) over the table.
    private int Home(ushort key) => (int)((key * 0x9E3779B1u) >> 16) & _mask;
}
