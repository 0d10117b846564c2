namespace ZigBee.Nwk.Tables;

/// <summary>
/// The broadcast transaction table (§3.6.5, Table 3-69): one record per broadcast seen, keyed by (source address,
/// sequence number), living nwkNetworkBroadcastDeliveryTime. It rejects duplicates and collects passive
/// acknowledgements: the router neighbours heard relaying the broadcast.
/// </summary>
public sealed class BroadcastTransactionTable
{
    private readonly Record[] _records;

    // (source << 8 | sequence number) of each record held, in step with _records: every broadcast copy heard is looked
    // up, and one vectorised scan of these beats visiting each record object.
    private readonly int[] _keys;
    private int _count;

    // The earliest expiry of the records held (MaxValue when none): the NWK timer asks for it and for expiry on every
    // wake-up, and with it neither needs to walk the table until a record is actually due.
    private DateTimeOffset _earliest = DateTimeOffset.MaxValue;

    public BroadcastTransactionTable(int capacity, int maxNeighbors = 32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _records = new Record[capacity];
        _keys = new int[capacity];
        for (var i = 0; i < capacity; i++)
        {
            _records[i] = new Record(maxNeighbors);
        }
    }

    public int Capacity => _records.Length;

    public int Count => _count;

    /// <summary>The record of a broadcast, or null.</summary>
    public Record? Find(ushort source, byte sequenceNumber)
    {
        var index = _keys.AsSpan(0, _count).IndexOf(Key(source, sequenceNumber));
        return index >= 0 ? _records[index] : null;
    }

    private static int Key(ushort source, byte sequenceNumber) => (source << 8) | sequenceNumber;

    /// <summary>A new record, or null when the table is full (BT_TABLE_FULL).</summary>
    public Record? Add(ushort source, byte sequenceNumber, DateTimeOffset expiry)
    {
        if (_count >= _records.Length)
        {
            return null;
        }

        _keys[_count] = Key(source, sequenceNumber);
        var r = _records[_count++];
        r.Init(source, sequenceNumber, expiry);
        if (expiry < _earliest)
        {
            _earliest = expiry;
        }

        return r;
    }

    /// <summary>Drops records whose delivery time is over; returns how many.</summary>
    public int Expire(DateTimeOffset now)
    {
        if (now < _earliest)
        {
            return 0;
        }

        var n = 0;
        for (var i = _count - 1; i >= 0; i--)
        {
            if (_records[i].Expiry <= now)
            {
                var r = _records[i];
                _records[i] = _records[_count - 1];
                _records[_count - 1] = r;
                _keys[i] = _keys[_count - 1];
                _count--;
                n++;
            }
        }

        _earliest = DateTimeOffset.MaxValue;
        for (var i = 0; i < _count; i++)
        {
            if (_records[i].Expiry < _earliest)
            {
                _earliest = _records[i].Expiry;
            }
        }

        return n;
    }

    public DateTimeOffset? NextExpiry => _count == 0 ? null : _earliest;

    public void Clear()
    {
        _count = 0;
        _earliest = DateTimeOffset.MaxValue;
    }

    /// <summary>A broadcast transaction record, reused when its time is over.</summary>
    public sealed class Record
    {
        private readonly ushort[] _relayedBy;

        internal Record(int maxNeighbors) => _relayedBy = new ushort[maxNeighbors];

        public ushort SourceAddress { get; private set; }

        public byte SequenceNumber { get; private set; }

        public DateTimeOffset Expiry { get; private set; }

        /// <summary>How many distinct neighbours were heard relaying this broadcast.</summary>
        public int RelayCount { get; private set; }

        /// <summary>Records one neighbour's relay (passive acknowledgement); true when it was new.</summary>
        public bool MarkRelayed(ushort neighbor)
        {
            for (var i = 0; i < RelayCount; i++)
            {
                if (_relayedBy[i] == neighbor)
                {
                    return false;
                }
            }

            if (RelayCount < _relayedBy.Length)
            {
                _relayedBy[RelayCount++] = neighbor;
            }

            return true;
        }

        public bool HasRelayed(ushort neighbor)
        {
            for (var i = 0; i < RelayCount; i++)
            {
                if (_relayedBy[i] == neighbor)
                {
                    return true;
                }
            }

            return false;
        }

        internal void Init(ushort source, byte sequenceNumber, DateTimeOffset expiry)
        {
            SourceAddress = source;
            SequenceNumber = sequenceNumber;
            Expiry = expiry;
            RelayCount = 0;
        }
    }
}
