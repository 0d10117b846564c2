using System.Numerics;

namespace ZigBee.Nwk.Tables;

/// <summary>
/// A map by integer key, by open addressing with linear probing over one array kept at most half full: a look-up
/// usually reads a single cache line (a dictionary reads its buckets, then its entries). For the tables every frame
/// received looks its sender up in; the owner bounds the count to <c>capacity</c>.
/// </summary>
internal sealed class ProbeTable<TKey, TValue>
    where TKey : unmanaged, IBinaryInteger<TKey>
{
    private readonly Entry[] _entries;
    private readonly int _mask;

    public ProbeTable(int capacity)
    {
        _entries = new Entry[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 1) * 2)];
        _mask = _entries.Length - 1;
    }

    public int Count { get; private set; }

    /// <summary>Entry positions, for a scan with <see cref="TryGetAt"/>.</summary>
    public int Positions => _entries.Length;

    public bool ContainsKey(TKey key) => IndexOf(key) >= 0;

    public bool TryGetValue(TKey key, out TValue value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _entries[index].Value : default!;
        return index >= 0;
    }

    /// <summary>Adds the key, or replaces its value if present.</summary>
    public void Set(TKey key, TValue value)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            index = FreeFor(key);
            _entries[index].Key = key;
            _entries[index].Used = true;
            Count++;
        }

        _entries[index].Value = value;
    }

    /// <summary>Adds the key unless present: false, and the value it has is kept.</summary>
    public bool TryAdd(TKey key, TValue value)
    {
        if (IndexOf(key) >= 0)
        {
            return false;
        }

        _entries[FreeFor(key)] = new Entry { Key = key, Used = true, Value = value };
        Count++;
        return true;
    }

    public bool Remove(TKey key)
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
            if (!_entries[index].Used)
            {
                break;
            }

            var home = Home(_entries[index].Key);
            // The entry may fill the hole when its home is not in the cyclic range (hole, index].
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

    /// <summary>The entry at a position, if one is there (positions 0 to <see cref="Positions"/> − 1).</summary>
    public bool TryGetAt(int position, out TKey key, out TValue value)
    {
        ref readonly var entry = ref _entries[position];
        key = entry.Key;
        value = entry.Value;
        return entry.Used;
    }

    private int IndexOf(TKey key)
    {
        for (var index = Home(key); ; index = (index + 1) & _mask)
        {
            ref readonly var entry = ref _entries[index];
            if (!entry.Used)
            {
                return -1;
            }

            if (entry.Key == key)
            {
                return index;
            }
        }
    }

    private int FreeFor(TKey key)
    {
        var index = Home(key);
        while (_entries[index].Used)
        {
            index = (index + 1) & _mask;
        }

        return index;
    }

    // Fibonacci hashing spreads nearby keys (a parent's children, one vendor's IEEE addresses) over the table.
    private int Home(TKey key) => (int)((ulong.CreateTruncating(key) * 0x9E3779B97F4A7C15UL) >> 32) & _mask;

    // Used beside the key, before the value: a 2-byte key and a 4-byte value make an 8-byte entry.
    private struct Entry
    {
        public TKey Key;
        public bool Used;
        public TValue Value;
    }
}
