namespace ZigBee.Zdo.Frames;

/// <summary>One entry of a table a management response pages through: a neighbor, route or binding table entry.</summary>
public interface IZdpEntry<TSelf>
    where TSelf : struct, IZdpEntry<TSelf>
{
    /// <summary>Bytes the entry takes on the air.</summary>
    int Length { get; }

    int Encode(Span<byte> destination);

    /// <summary>Decodes one entry from the front of <paramref name="source"/>; <paramref name="length"/> is the bytes it took.</summary>
    static abstract bool TryDecode(ReadOnlySpan<byte> source, out TSelf entry, out int length);
}

/// <summary>
/// The table entries of a management response. A decoded list is a view over the received bytes whose entries were
/// all checked when the message decoded; a list to encode wraps the caller's entries. Entries may differ in length
/// (binding entries do), so the indexer walks from the start: tables come a few entries per frame.
/// </summary>
public readonly ref struct ZdpEntryList<T>
    where T : struct, IZdpEntry<T>
{
    private readonly ReadOnlySpan<T> entries;
    private readonly ReadOnlySpan<byte> encoded;
    private readonly int encodedCount;
    private readonly bool isEncoded;

    public ZdpEntryList(ReadOnlySpan<T> entries) => this.entries = entries;

    private ZdpEntryList(ReadOnlySpan<byte> encoded, int count)
    {
        this.encoded = encoded;
        encodedCount = count;
        isEncoded = true;
    }

    public int Count => isEncoded ? encodedCount : entries.Length;

    /// <summary>Bytes the entries take on the air.</summary>
    public int EncodedLength
    {
        get
        {
            if (isEncoded)
            {
                return encoded.Length;
            }

            var length = 0;
            foreach (var entry in entries)
            {
                length += entry.Length;
            }

            return length;
        }
    }

    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            if (!isEncoded)
            {
                return entries[index];
            }

            var offset = 0;
            T entry;
            int length;
            for (var i = 0; ; i++)
            {
                T.TryDecode(encoded[offset..], out entry, out length);
                if (i == index)
                {
                    return entry;
                }

                offset += length;
            }
        }
    }

    public static implicit operator ZdpEntryList<T>(ReadOnlySpan<T> entries) => new(entries);

    public static implicit operator ZdpEntryList<T>(T[]? entries) => new(entries);

    public Enumerator GetEnumerator() => new(this);

    internal static ZdpEntryList<T> FromEncoded(ReadOnlySpan<byte> bytes, int count) => new(bytes, count);

    internal int Encode(Span<byte> destination)
    {
        if (isEncoded)
        {
            encoded.CopyTo(destination);
            return encoded.Length;
        }

        var offset = 0;
        foreach (var entry in entries)
        {
            offset += entry.Encode(destination[offset..]);
        }

        return offset;
    }

    /// <summary>Walks the entries once, without the indexer's walk from the start.</summary>
    public ref struct Enumerator
    {
        private readonly ZdpEntryList<T> list;
        private int index;
        private int offset;
        private int nextOffset;

        internal Enumerator(ZdpEntryList<T> list)
        {
            this.list = list;
            index = -1;
        }

        public T Current { get; private set; }

        public bool MoveNext()
        {
            if (++index >= list.Count)
            {
                return false;
            }

            if (!list.isEncoded)
            {
                Current = list.entries[index];
                return true;
            }

            offset = nextOffset;
            T.TryDecode(list.encoded[offset..], out var entry, out var length);
            Current = entry;
            nextOffset = offset + length;
            return true;
        }
    }
}
