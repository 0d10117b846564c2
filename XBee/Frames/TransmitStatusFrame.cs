namespace ZigBee.XBee.Frames;

/// <summary>ZigBee transmit status (0x8B): how a 0x10/0x11 transmission went, and the 16-bit address it reached.</summary>
public readonly record struct TransmitStatusFrame(
    byte FrameId, ushort Destination16, byte RetryCount, DeliveryStatus DeliveryStatus, DiscoveryStatus DiscoveryStatus)
{
    public int Length => 7;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out TransmitStatusFrame frame)
    {
        frame = default;
        if (frameData.Length != 7 || !XBeeWire.Has(frameData, ApiFrameType.TransmitStatus, 7))
        {
            return false;
        }

        frame = new TransmitStatusFrame(frameData[1], XBeeWire.U16(frameData[2..]), frameData[4], (DeliveryStatus)frameData[5], (DiscoveryStatus)frameData[6]);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        XBeeWire.Start(destination, Length, ApiFrameType.TransmitStatus);
        destination[1] = FrameId;
        XBeeWire.Put16(destination[2..], Destination16);
        destination[4] = RetryCount;
        destination[5] = (byte)DeliveryStatus;
        destination[6] = (byte)DiscoveryStatus;
        return Length;
    }
}
