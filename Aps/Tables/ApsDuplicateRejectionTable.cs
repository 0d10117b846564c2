namespace ZigBee.Aps.Tables;

/// <summary>
/// apsDuplicateRejectionTable (§2.2.8.4.2): the (source address, APS counter) pairs of frames received lately, each
/// remembered for apsDuplicateRejectionTimeOut, so a frame sent again after a lost APS acknowledgement is handed up
/// once. Fixed capacity: expired records are reclaimed first, then the oldest record gives way. Allocation-free.
/// </summary>
public sealed class ApsDuplicateRejectionTable
{
    private readonly ushort[] _sources;
    private readonly byte[] _counters;
    private readonly DateTimeOffset[] _times;
    private readonly ulong[] _arrivals;
    private ulong _nextArrival;
    private int _count;

    public ApsDuplicateRejectionTable(int capacity, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _sources = new ushort[capacity];
        _counters = new byte[capacity];
        _times = new DateTimeOffset[capacity];
        _arrivals = new ulong[capacity];
        Timeout = timeout;
    }

    public int Capacity => _sources.Length;

    /// <summary>Records held (expired ones go at the next <see cref="TryAccept"/>).</summary>
    public int Count => _count;

    /// <summary>How long a pair is remembered (apsDuplicateRejectionTimeOut); a record exactly this old has expired.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>
    /// True when (srcAddress, apsCounter) was not seen within the timeout — and records it; false for a duplicate
    /// (the record's time is not refreshed, so a steady stream of repeats cannot keep a counter blocked forever).
    /// When full, the oldest record is replaced. Expired records are reclaimed. Allocation-free.
    /// </summary>
    public bool TryAccept(ushort srcAddress, byte apsCounter, DateTimeOffset now)
    {
        var oldest = -1;
        var i = 0;
        while (i < _count)
        {
            if (now - _times[i] >= Timeout)
            {
                // Expired: the last record fills the gap (order does not matter; age is read from the arrival stamps).
                _count--;
                _sources[i] = _sources[_count];
                _counters[i] = _counters[_count];
                _times[i] = _times[_count];
                _arrivals[i] = _arrivals[_count];
                continue;
            }

            if (_sources[i] == srcAddress && _counters[i] == apsCounter)
            {
                return false;
            }

            // Oldest by arrival, not by time: frames of one virtual instant share a time yet still leave first in, first out.
            if (oldest < 0 || _arrivals[i] < _arrivals[oldest])
            {
                oldest = i;
            }

            i++;
        }

        var slot = _count < _sources.Length ? _count++ : oldest;
        _sources[slot] = srcAddress;
        _counters[slot] = apsCounter;
        _times[slot] = now;
        _arrivals[slot] = _nextArrival++;
        return true;
    }

    public void Clear() => _count = 0;
}
