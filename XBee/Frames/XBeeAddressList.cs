namespace ZigBee.XBee.Frames;

/// <summary>
/// A list of 16-bit network addresses as source-route frames carry it (0x21, 0xA1): big-endian, two bytes each. A
/// view over received bytes, or over addresses to encode.
/// </summary>
public readonly ref struct XBeeAddressList
{
    /// <summary>The count field is one byte.</summary>
    public const int MaxCount = byte.MaxValue;

    private readonly ReadOnlySpan<byte> bytes;
    private readonly ReadOnlySpan<ushort> addresses;
    private readonly bool fromAddresses;

    /// <summary>A list to encode.</summary>
    public XBeeAddressList(ReadOnlySpan<ushort> addresses)
    {
        this.addresses = addresses;
        fromAddresses = true;
    }

    private XBeeAddressList(ReadOnlySpan<byte> bytes) => this.bytes = bytes;

    public int Count => fromAddresses ? addresses.Length : bytes.Length / 2;

    /// <summary>Bytes the list takes on the wire (the count byte not included).</summary>
    public int ByteLength => Count * 2;

    public ushort this[int index] => fromAddresses ? addresses[index] : XBeeWire.U16(bytes.Slice(index * 2, 2));

    /// <summary>A view over <paramref name="source"/>; false when its length is odd.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out XBeeAddressList list)
    {
        list = default;
        if (source.Length % 2 != 0 || source.Length / 2 > MaxCount)
        {
            return false;
        }

        list = new XBeeAddressList(source);
        return true;
    }

    /// <summary>Writes the addresses big-endian; returns the bytes written.</summary>
    public int WriteTo(Span<byte> destination)
    {
        var count = Count;
        if (count > MaxCount)
        {
            throw new ArgumentException($"a source route holds at most {MaxCount} addresses, not {count}");
        }

        if (!fromAddresses)
        {
            bytes.CopyTo(destination);
            return bytes.Length;
        }

        for (var i = 0; i < count; i++)
        {
            XBeeWire.Put16(destination[(i * 2)..], addresses[i]);
        }

        return count * 2;
    }

    public ushort[] ToArray()
    {
        var result = new ushort[Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = this[i];
        }

        return result;
    }

    public Enumerator GetEnumerator() => new(this);

    public ref struct Enumerator
    {
        private readonly XBeeAddressList list;
        private int index;

        internal Enumerator(XBeeAddressList list)
        {
            this.list = list;
            index = -1;
        }

        public readonly ushort Current => list[index];

        public bool MoveNext() => ++index < list.Count;
    }
}
