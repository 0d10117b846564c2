using System.Buffers.Binary;

namespace ZigBee.Zdo.Frames;

/// <summary>Reads little-endian fields from the front of a span; every read answers false instead of running past the end.</summary>
internal ref struct ZdpReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> data = data;

    public int Offset { get; private set; }

    public readonly int Remaining => data.Length - Offset;

    public bool TryByte(out byte value)
    {
        value = 0;
        if (Remaining < 1)
        {
            return false;
        }

        value = data[Offset++];
        return true;
    }

    public bool TryUInt16(out ushort value)
    {
        value = 0;
        if (Remaining < 2)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt16LittleEndian(data[Offset..]);
        Offset += 2;
        return true;
    }

    public bool TryUInt32(out uint value)
    {
        value = 0;
        if (Remaining < 4)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32LittleEndian(data[Offset..]);
        Offset += 4;
        return true;
    }

    public bool TryUInt64(out ulong value)
    {
        value = 0;
        if (Remaining < 8)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt64LittleEndian(data[Offset..]);
        Offset += 8;
        return true;
    }

    /// <summary>Takes the next <paramref name="count"/> bytes.</summary>
    public bool TryBytes(int count, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (count < 0 || Remaining < count)
        {
            return false;
        }

        bytes = data.Slice(Offset, count);
        Offset += count;
        return true;
    }

    /// <summary>Takes a list of <paramref name="count"/> integers of type <typeparamref name="T"/>.</summary>
    public bool TryList<T>(int count, out ZdpValueList<T> list)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        list = default;
        if (!TryBytes(count * ZdpValueList<T>.ElementSize, out var bytes))
        {
            return false;
        }

        list = ZdpValueList<T>.FromEncoded(bytes);
        return true;
    }

    /// <summary>Takes a list of <paramref name="count"/> table entries, checking that each decodes.</summary>
    public bool TryEntries<T>(int count, out ZdpEntryList<T> list)
        where T : struct, IZdpEntry<T>
    {
        list = default;
        var start = Offset;
        for (var i = 0; i < count; i++)
        {
            if (!T.TryDecode(data[Offset..], out _, out var length))
            {
                return false;
            }

            Offset += length;
        }

        list = ZdpEntryList<T>.FromEncoded(data[start..Offset], count);
        return true;
    }
}

/// <summary>Writes little-endian fields one after another into a span the caller has checked is large enough.</summary>
internal ref struct ZdpWriter(Span<byte> destination)
{
    private readonly Span<byte> destination = destination;

    public int Offset { get; private set; }

    public static void CheckRoom(Span<byte> destination, int length)
    {
        if (destination.Length < length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the ZDP fields need {length}", nameof(destination));
        }
    }

    public void Byte(byte value) => destination[Offset++] = value;

    public void UInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination[Offset..], value);
        Offset += 2;
    }

    public void UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination[Offset..], value);
        Offset += 4;
    }

    public void UInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination[Offset..], value);
        Offset += 8;
    }

    public void List<T>(ZdpValueList<T> list)
        where T : unmanaged, System.Numerics.IBinaryInteger<T> => Offset += list.Encode(destination[Offset..]);

    public void Entries<T>(ZdpEntryList<T> list)
        where T : struct, IZdpEntry<T> => Offset += list.Encode(destination[Offset..]);
}
