namespace ZigBee.Zdo.Frames;

/// <summary>Checks shared by the message encoders.</summary>
internal static class ZdpMessages
{
    /// <summary>A list whose count travels in one octet holds at most 255 elements.</summary>
    public static void CheckCount(int count, string name)
    {
        if (count > byte.MaxValue)
        {
            throw new ArgumentException($"{name} holds {count} elements; its count field is one octet", name);
        }
    }

    /// <summary>Decodes a message that is a status alone.</summary>
    public static bool TryStatus(ReadOnlySpan<byte> fields, out ZdpStatus status)
    {
        status = fields.IsEmpty ? default : (ZdpStatus)fields[0];
        return !fields.IsEmpty;
    }

    public static int EncodeStatus(ZdpStatus status, Span<byte> destination) => EncodeByte((byte)status, destination);

    public static int EncodeByte(byte value, Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, 1);
        destination[0] = value;
        return 1;
    }

    /// <summary>Decodes a message that is a 16-bit network address alone.</summary>
    public static bool TryAddress(ReadOnlySpan<byte> fields, out ushort address)
    {
        var reader = new ZdpReader(fields);
        return reader.TryUInt16(out address);
    }

    public static int EncodeAddress(ushort address, Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, 2);
        new ZdpWriter(destination).UInt16(address);
        return 2;
    }

    /// <summary>Decodes a message that is a start index alone.</summary>
    public static bool TryIndex(ReadOnlySpan<byte> fields, out byte index)
    {
        index = fields.IsEmpty ? default : fields[0];
        return !fields.IsEmpty;
    }
}
