namespace ZigBee.XBee.Frames;

/// <summary>Register joining device status (0xA4): the trust-center module's answer to 0x24; 0 is success.</summary>
public readonly record struct RegisterJoiningDeviceStatusFrame(byte FrameId, byte Status)
{
    public int Length => 3;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out RegisterJoiningDeviceStatusFrame frame)
    {
        frame = default;
        if (frameData.Length != 3 || !XBeeWire.Has(frameData, ApiFrameType.RegisterJoiningDeviceStatus, 3))
        {
            return false;
        }

        frame = new RegisterJoiningDeviceStatusFrame(frameData[1], frameData[2]);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        XBeeWire.Start(destination, Length, ApiFrameType.RegisterJoiningDeviceStatus);
        destination[1] = FrameId;
        destination[2] = Status;
        return Length;
    }
}
