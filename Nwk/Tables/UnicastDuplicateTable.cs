namespace ZigBee.Nwk.Tables;

/// <summary>
/// Unicast data frames delivered here lately, keyed by (source address, NWK sequence number), the pair that
/// identifies a frame (§3.3.1.5). A frame the NWK layer sent again after the MAC could not confirm it (the ACKs
/// were lost, the frame was not), or along a repaired route, is then handed up once. Fixed capacity, oldest first out.
/// </summary>
public sealed class UnicastDuplicateTable
{
    private readonly ushort[] _sources;
    private readonly byte[] _sequences;
    private readonly DateTimeOffset[] _expiries;
    private int _count;
    private int _next;

    public UnicastDuplicateTable(int capacity, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _sources = new ushort[capacity];
        _sequences = new byte[capacity];
        _expiries = new DateTimeOffset[capacity];
        Window = window;
    }

    public int Capacity => _sources.Length;

    /// <summary>How long a frame is remembered: short, since a source's 8-bit sequence number wraps.</summary>
    public TimeSpan Window { get; }

    public int Count => _count;

    /// <summary>True when this frame was delivered within the window; otherwise it is remembered and false is returned.</summary>
    public bool IsDuplicate(ushort source, byte sequence, DateTimeOffset now)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_sources[i] == source && _sequences[i] == sequence && _expiries[i] > now)
            {
                return true;
            }
        }

        var slot = _count < _sources.Length ? _count++ : _next;
        _next = (slot + 1) % _sources.Length;
        _sources[slot] = source;
        _sequences[slot] = sequence;
        _expiries[slot] = now + Window;
        return false;
    }

    public void Clear()
    {
        _count = 0;
        _next = 0;
    }
}
