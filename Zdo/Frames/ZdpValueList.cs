using System.Buffers.Binary;
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
            return isEncoded ? Read(encoded.Slice(index * ElementSize, ElementSize)) : values[index];
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
            Write(value, destination[offset..]);
            offset += ElementSize;
        }

        return offset;
    }

    // The generic math paths (ReadLittleEndian, WriteLittleEndian) are default interface methods, which box a struct T;
    // the JIT folds these type tests away, so each instantiation reads and writes its own width directly.
    private static T Read(ReadOnlySpan<byte> bytes)
    {
        if (typeof(T) == typeof(byte))
        {
            var value = bytes[0];
            return Unsafe.As<byte, T>(ref value);
        }

        if (typeof(T) == typeof(ushort))
        {
            var value = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
            return Unsafe.As<ushort, T>(ref value);
        }

        if (typeof(T) == typeof(uint))
        {
            var value = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            return Unsafe.As<uint, T>(ref value);
        }

        if (typeof(T) == typeof(ulong))
        {
            var value = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            return Unsafe.As<ulong, T>(ref value);
        }

        T.TryReadLittleEndian(bytes, isUnsigned: true, out var other);
        return other;
    }

    private static void Write(T value, Span<byte> destination)
    {
        if (typeof(T) == typeof(byte))
        {
            destination[0] = Unsafe.As<T, byte>(ref value);
        }
        else if (typeof(T) == typeof(ushort))
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, Unsafe.As<T, ushort>(ref value));
        }
        else if (typeof(T) == typeof(uint))
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination, Unsafe.As<T, uint>(ref value));
        }
        else if (typeof(T) == typeof(ulong))
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination, Unsafe.As<T, ulong>(ref value));
        }
        else
        {
            value.TryWriteLittleEndian(destination, out _);
        }
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
