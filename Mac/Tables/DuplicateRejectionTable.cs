using ZigBee.Mac.Frames;

namespace ZigBee.Mac.Tables;

/// <summary>
/// Remembers the last data sequence number heard from each source, so a retransmission whose ACK was lost is
/// acknowledged again but not indicated twice. Fixed capacity; when full the oldest source is forgotten.
/// </summary>
public sealed class DuplicateRejectionTable
{
    private readonly MacAddress[] _sources;
    private readonly ulong[] _values;
    private readonly byte[] _sequences;
    private int _count;
    private int _next;

    public DuplicateRejectionTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _sources = new MacAddress[capacity];
        _values = new ulong[capacity];
        _sequences = new byte[capacity];
    }

    public int Capacity => _sources.Length;

    public int Count => _count;

    /// <summary>
    /// True when <paramref name="sequence"/> is the last one recorded for <paramref name="source"/>; otherwise
    /// records it and returns false.
    /// </summary>
    public bool IsDuplicate(MacAddress source, byte sequence)
    {
        // Searched by address value (one vectorised scan), the mode checked on a hit: a short and an extended address
        // with the same value are different sources.
        var value = source.Value;
        var keys = _values.AsSpan(0, _count);
        var start = 0;
        while (start < keys.Length)
        {
            var found = keys[start..].IndexOf(value);
            if (found < 0)
            {
                break;
            }

            var i = start + found;
            if (_sources[i] == source)
            {
                if (_sequences[i] == sequence)
                {
                    return true;
                }

                _sequences[i] = sequence;
                return false;
            }

            start = i + 1;
        }

        var slot = _count < _sources.Length ? _count++ : _next;
        _next = (slot + 1) % _sources.Length;
        _sources[slot] = source;
        _values[slot] = value;
        _sequences[slot] = sequence;
        return false;
    }

    public void Clear()
    {
        Array.Clear(_sources);
        Array.Clear(_values);
        _count = 0;
        _next = 0;
    }
}
