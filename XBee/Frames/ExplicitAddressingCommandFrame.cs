namespace ZigBee.XBee.Frames;

/// <summary>Explicit addressing command (0x11): a transmit request that names the APS endpoints, cluster and profile.</summary>
public readonly ref struct ExplicitAddressingCommandFrame(
    byte FrameId,
    ulong Destination64,
    ushort Destination16,
    byte SourceEndpoint,
    byte DestinationEndpoint,
    ushort ClusterId,
    ushort ProfileId,
    byte BroadcastRadius,
    TransmitOptions Options,
    ReadOnlySpan<byte> Data)
{
    private const int Fixed = 20;

    public byte FrameId { get; } = FrameId;

    public ulong Destination64 { get; } = Destination64;

    public ushort Destination16 { get; } = Destination16;

    public byte SourceEndpoint { get; } = SourceEndpoint;

    public byte DestinationEndpoint { get; } = DestinationEndpoint;

    public ushort ClusterId { get; } = ClusterId;

    public ushort ProfileId { get; } = ProfileId;

    public byte BroadcastRadius { get; } = BroadcastRadius;

    public TransmitOptions Options { get; } = Options;

    public ReadOnlySpan<byte> Data { get; } = Data;

    public int Length => Fixed + Data.Length;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out ExplicitAddressingCommandFrame frame)
    {
        frame = default;
        if (!XBeeWire.Has(frameData, ApiFrameType.ExplicitAddressingCommand, Fixed))
        {
            return false;
        }

        frame = new ExplicitAddressingCommandFrame(
            frameData[1],
            XBeeWire.U64(frameData[2..]),
            XBeeWire.U16(frameData[10..]),
            frameData[12],
            frameData[13],
            XBeeWire.U16(frameData[14..]),
            XBeeWire.U16(frameData[16..]),
            frameData[18],
            (TransmitOptions)frameData[19],
            frameData[Fixed..]);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        XBeeWire.Start(destination, length, ApiFrameType.ExplicitAddressingCommand);
        destination[1] = FrameId;
        XBeeWire.Put64(destination[2..], Destination64);
        XBeeWire.Put16(destination[10..], Destination16);
        destination[12] = SourceEndpoint;
        destination[13] = DestinationEndpoint;
        XBeeWire.Put16(destination[14..], ClusterId);
        XBeeWire.Put16(destination[16..], ProfileId);
        destination[18] = BroadcastRadius;
        destination[19] = (byte)Options;
        Data.CopyTo(destination[Fixed..]);
        return length;
    }
}
