namespace ZigBee.XBee.Frames;

/// <summary>
/// Register joining device (0x24): gives a trust-center module the link key (or install code) of a device before it
/// joins. An empty key removes the registration.
/// </summary>
public readonly ref struct RegisterJoiningDeviceFrame(byte FrameId, ulong Destination64, ushort Reserved, byte Options, ReadOnlySpan<byte> Key)
{
    /// <summary>What the firmware expects in the reserved field.</summary>
    public const ushort ReservedValue = 0xFFFE;

    /// <summary>A 16-byte link key, or an install code of up to 16 bytes plus its 2-byte CRC.</summary>
    public const int MaxKeyLength = 18;

    private const int Fixed = 13;

    public byte FrameId { get; } = FrameId;

    public ulong Destination64 { get; } = Destination64;

    public ushort Reserved { get; } = Reserved;

    /// <summary>0x01: the key is an install code.</summary>
    public byte Options { get; } = Options;

    public ReadOnlySpan<byte> Key { get; } = Key;

    public int Length => Fixed + Key.Length;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out RegisterJoiningDeviceFrame frame)
    {
        frame = default;
        if (!XBeeWire.Has(frameData, ApiFrameType.RegisterJoiningDevice, Fixed) || frameData.Length > Fixed + MaxKeyLength)
        {
            return false;
        }

        frame = new RegisterJoiningDeviceFrame(frameData[1], XBeeWire.U64(frameData[2..]), XBeeWire.U16(frameData[10..]), frameData[12], frameData[Fixed..]);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        if (Key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"a key or install code has at most {MaxKeyLength} bytes, not {Key.Length}");
        }

        var length = Length;
        XBeeWire.Start(destination, length, ApiFrameType.RegisterJoiningDevice);
        destination[1] = FrameId;
        XBeeWire.Put64(destination[2..], Destination64);
        XBeeWire.Put16(destination[10..], Reserved);
        destination[12] = Options;
        Key.CopyTo(destination[Fixed..]);
        return length;
    }
}
