namespace ZigBee.XBee.Frames;

/// <summary>802.15.4 firmware TX status (0x89): how a 0x00/0x01 transmission went.</summary>
public readonly record struct TxStatusFrame(byte FrameId, TxStatus Status)
{
    public int Length => 3;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out TxStatusFrame frame)
    {
        frame = default;
        if (frameData.Length != 3 || !XBeeWire.Has(frameData, ApiFrameType.TxStatus, 3))
        {
            return false;
        }

        frame = new TxStatusFrame(frameData[1], (TxStatus)frameData[2]);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        XBeeWire.Start(destination, Length, ApiFrameType.TxStatus);
        destination[1] = FrameId;
        destination[2] = (byte)Status;
        return Length;
    }
}
