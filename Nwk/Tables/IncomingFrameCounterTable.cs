using System.Numerics;

namespace ZigBee.Nwk.Tables;

/// <summary>
/// The IncomingFrameCounterSet of one network key (§4.3.1.2, nwkSecurityMaterialSet): per sender IEEE address, the
/// frame counter of the last frame accepted from it under that key. NWK security is hop by hop, so the senders are
/// the neighbours heard. A frame whose counter is not above the one kept is a replay. Capacity-bounded; when full
/// an entry of a sender no longer heard (the one updated longest ago) gives way, found by a scan that only runs then.
/// </summary>
public sealed class IncomingFrameCounterTable
{
    // Open addressing with linear probing over one array of slots, at most half full: every frame received looks its
    // sender up here, and a look-up then usually reads a single cache line (a dictionary reads its buckets, then its
    // entries).
    private readonly Slot[] _slots;
    private readonly int _mask;
    private int _count;
    private long _clock;

    public IncomingFrameCounterTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _slots = new Slot[(int)BitOperations.RoundUpToPowerOf2((uint)capacity * 2)];
        _mask = _slots.Length - 1;
    }

    public int Capacity { get; }

    public int Count => _count;

    public bool TryGet(ulong sender, out uint frameCounter)
    {
        var index = IndexOf(sender);
        frameCounter = index >= 0 ? _slots[index].Counter : 0;
        return index >= 0;
    }

    public bool IsFresh(ulong sender, uint frameCounter)
    {
        var index = IndexOf(sender);
        return index < 0 || frameCounter > _slots[index].Counter;
    }

    public bool HasRoomFor(ulong sender) => _count < Capacity || IndexOf(sender) >= 0;

    public void Update(ulong sender, uint frameCounter)
    {
        // Sender 0 marks a free slot; no IEEE address is 0, and a frame claiming it keeps no counter.
        if (sender == 0)
        {
            return;
        }

        var index = IndexOf(sender);
        if (index < 0)
        {
            if (_count >= Capacity)
            {
                EvictOldest();
            }

            index = FreeSlotFor(sender);
            _slots[index].Sender = sender;
            _count++;
        }

        _slots[index].Counter = frameCounter;
        _slots[index].Stamp = ++_clock;
    }

    public void Clear()
    {
        Array.Clear(_slots);
        _count = 0;
    }

    private int IndexOf(ulong sender)
    {
        if (sender == 0)
        {
            return -1;
        }

        for (var index = Home(sender); ; index = (index + 1) & _mask)
        {
            var held = _slots[index].Sender;
            if (held == sender)
            {
                return index;
            }

            if (held == 0)
            {
                return -1;
            }
        }
    }

    private int FreeSlotFor(ulong sender)
    {
        var index = Home(sender);
        while (_slots[index].Sender != 0)
        {
            index = (index + 1) & _mask;
        }

        return index;
    }

    private int Home(ulong sender) => (int)((sender * 0x9E3779B97F4A7C15UL) >> 40) & _mask;

    private void EvictOldest()
    {
        var oldest = -1;
        var oldestStamp = long.MaxValue;
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Sender != 0 && _slots[i].Stamp < oldestStamp)
            {
                oldestStamp = _slots[i].Stamp;
                oldest = i;
            }
        }

        if (oldest >= 0)
        {
            RemoveAt(oldest);
        }
    }

    // Backward-shift deletion: the entries after the hole that probed past it move up, so no probe ever stops early.
    private void RemoveAt(int hole)
    {
        _count--;
        var index = hole;
        while (true)
        {
            index = (index + 1) & _mask;
            var sender = _slots[index].Sender;
            if (sender == 0)
            {
                break;
            }

            var home = Home(sender);
            // The entry may fill the hole when its home is not in the cyclic range (hole, index].
            var fits = hole <= index ? home <= hole || home > index : home <= hole && home > index;
            if (fits)
            {
                _slots[hole] = _slots[index];
                hole = index;
            }
        }

        _slots[hole] = default;
    }

    private struct Slot
    {
        public ulong Sender;
        public long Stamp;
        public uint Counter;
    }
}
