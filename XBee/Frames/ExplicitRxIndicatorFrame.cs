namespace ZigBee.XBee.Frames;

/// <summary>ZigBee explicit Rx indicator (0x91, when AO = 1): received data with its APS endpoints, cluster and profile.</summary>
public readonly ref struct ExplicitRxIndicatorFrame(
    ulong Source64,
    ushort Source16,
    byte SourceEndpoint,
    byte DestinationEndpoint,
    ushort ClusterId,
    ushort ProfileId,
    ReceiveOptions Options,
    ReadOnlySpan<byte> Data)
{
    private const int Fixed = 18;

    public ulong Source64 { get; } = Source64;

    public ushort Source16 { get; } = Source16;

    public byte SourceEndpoint { get; } = SourceEndpoint;

    public byte DestinationEndpoint { get; } = DestinationEndpoint;

    public ushort ClusterId { get; } = ClusterId;

    public ushort ProfileId { get; } = ProfileId;

    public ReceiveOptions Options { get; } = Options;

    public ReadOnlySpan<byte> Data { get; } = Data;

    public int Length => Fixed + Data.Length;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out ExplicitRxIndicatorFrame frame)
    {
        frame = default;
        if (!XBeeWire.Has(frameData, ApiFrameType.ExplicitRxIndicator, Fixed))
        {
            return false;
        }

        frame = new ExplicitRxIndicatorFrame(
            XBeeWire.U64(frameData[1..]),
            XBeeWire.U16(frameData[9..]),
            frameData[11],
            frameData[12],
            XBeeWire.U16(frameData[13..]),
            XBeeWire.U16(frameData[15..]),
            (ReceiveOptions)frameData[17],
            frameData[Fixed..]);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        XBeeWire.Start(destination, length, ApiFrameType.ExplicitRxIndicator);
        XBeeWire.Put64(destination[1..], Source64);
        XBeeWire.Put16(destination[9..], Source16);
        destination[11] = SourceEndpoint;
        destination[12] = DestinationEndpoint;
        XBeeWire.Put16(destination[13..], ClusterId);
        XBeeWire.Put16(destination[15..], ProfileId);
        destination[17] = (byte)Options;
        Data.CopyTo(destination[Fixed..]);
        return length;
    }
}
