using System.Numerics;
using System.Runtime.CompilerServices;

namespace ZigBee.Zdo.Frames;

/// <summary>
/// A list of little-endian integers in a ZDP message — cluster identifiers, network addresses, IEEE addresses,
/// endpoints, energy values, channel masks. A decoded list is a view over the received bytes (nothing is copied or
/// allocated); a list to encode wraps the caller's values. Either way it reads the same: <see cref="Count"/> and the
/// indexer.
/// </summary>
public readonly ref struct ZdpValueList<T>
    where T : unmanaged, IBinaryInteger<T>
{
    private readonly ReadOnlySpan<T> values;
    private readonly ReadOnlySpan<byte> encoded;
    private readonly bool isEncoded;

    public ZdpValueList(ReadOnlySpan<T> values) => this.values = values;

    private ZdpValueList(ReadOnlySpan<byte> encoded)
    {
        this.encoded = encoded;
        isEncoded = true;
    }

    /// <summary>Bytes one element takes on the air.</summary>
    public static int ElementSize => Unsafe.SizeOf<T>();

    public int Count => isEncoded ? encoded.Length / ElementSize : values.Length;

    /// <summary>Bytes the list takes on the air (without any count field before it).</summary>
    public int EncodedLength => Count * ElementSize;

    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return isEncoded ? T.ReadLittleEndian(encoded.Slice(index * ElementSize, ElementSize), isUnsigned: true) : values[index];
        }
    }

    public static implicit operator ZdpValueList<T>(ReadOnlySpan<T> values) => new(values);

    public static implicit operator ZdpValueList<T>(T[]? values) => new(values);

    /// <summary>Copies the elements into <paramref name="destination"/>; returns how many.</summary>
    public int CopyTo(Span<T> destination)
    {
        var count = Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, count, nameof(destination));
        for (var i = 0; i < count; i++)
        {
            destination[i] = this[i];
        }

        return count;
    }

    public Enumerator GetEnumerator() => new(this);

    internal static ZdpValueList<T> FromEncoded(ReadOnlySpan<byte> bytes) => new(bytes);

    internal int Encode(Span<byte> destination)
    {
        if (isEncoded)
        {
            encoded.CopyTo(destination);
            return encoded.Length;
        }

        var offset = 0;
        foreach (var value in values)
        {
            offset += value.WriteLittleEndian(destination[offset..]);
        }

        return offset;
    }

    public ref struct Enumerator
    {
        private readonly ZdpValueList<T> list;
        private int index;

        internal Enumerator(ZdpValueList<T> list)
        {
            this.list = list;
            index = -1;
        }

        public readonly T Current => list[index];

        public bool MoveNext() => ++index < list.Count;
    }
}
