namespace ZigBee.XBee.Frames;

/// <summary>Modem status (0x8A): the module reports a reset, a join, a started network and the like.</summary>
public readonly record struct ModemStatusFrame(ModemStatus Status)
{
    public int Length => 2;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out ModemStatusFrame frame)
    {
        frame = default;
        if (frameData.Length != 2 || !XBeeWire.Has(frameData, ApiFrameType.ModemStatus, 2))
        {
            return false;
        }

        frame = new ModemStatusFrame((ModemStatus)frameData[1]);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        XBeeWire.Start(destination, Length, ApiFrameType.ModemStatus);
        destination[1] = (byte)Status;
        return Length;
    }
}
