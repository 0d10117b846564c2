namespace ZigBee.XBee.Frames;

/// <summary>ZigBee transmit request (0x10): data to the module's own data endpoint (0xE8, cluster 0x0011, Digi profile) on another node.</summary>
public readonly ref struct TransmitRequestFrame(
    byte FrameId, ulong Destination64, ushort Destination16, byte BroadcastRadius, TransmitOptions Options, ReadOnlySpan<byte> Data)
{
    private const int Fixed = 14;

    public byte FrameId { get; } = FrameId;

    /// <summary>0 for the coordinator, 0xFFFF for broadcast.</summary>
    public ulong Destination64 { get; } = Destination64;

    /// <summary>0xFFFE when unknown or broadcasting.</summary>
    public ushort Destination16 { get; } = Destination16;

    /// <summary>Hops for a broadcast; 0 means the network maximum (NH).</summary>
    public byte BroadcastRadius { get; } = BroadcastRadius;

    public TransmitOptions Options { get; } = Options;

    public ReadOnlySpan<byte> Data { get; } = Data;

    public int Length => Fixed + Data.Length;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out TransmitRequestFrame frame)
    {
        frame = default;
        if (!XBeeWire.Has(frameData, ApiFrameType.TransmitRequest, Fixed))
        {
            return false;
        }

        frame = new TransmitRequestFrame(
            frameData[1], XBeeWire.U64(frameData[2..]), XBeeWire.U16(frameData[10..]), frameData[12], (TransmitOptions)frameData[13], frameData[Fixed..]);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        XBeeWire.Start(destination, length, ApiFrameType.TransmitRequest);
        destination[1] = FrameId;
        XBeeWire.Put64(destination[2..], Destination64);
        XBeeWire.Put16(destination[10..], Destination16);
        destination[12] = BroadcastRadius;
        destination[13] = (byte)Options;
        Data.CopyTo(destination[Fixed..]);
        return length;
    }
}
