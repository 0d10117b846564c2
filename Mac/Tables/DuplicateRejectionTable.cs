using ZigBee.Mac.Frames;

namespace ZigBee.Mac.Tables;

/// <summary>
/// Remembers the last data sequence number heard from each source, so a retransmission whose ACK was lost is
/// acknowledged again but not indicated twice. Fixed capacity; when full the oldest source is forgotten.
/// </summary>
public sealed class DuplicateRejectionTable
{
    private readonly MacAddress[] _sources;
    private readonly byte[] _sequences;
    private int _count;
    private int _next;

    public DuplicateRejectionTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _sources = new MacAddress[capacity];
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
        for (var i = 0; i < _count; i++)
        {
            if (_sources[i] == source)
            {
                if (_sequences[i] == sequence)
                {
                    return true;
                }

                _sequences[i] = sequence;
                return false;
            }
        }

        var slot = _count < _sources.Length ? _count++ : _next;
        _next = (slot + 1) % _sources.Length;
        _sources[slot] = source;
        _sequences[slot] = sequence;
        return false;
    }

    public void Clear()
    {
        Array.Clear(_sources);
        _count = 0;
        _next = 0;
    }
}
