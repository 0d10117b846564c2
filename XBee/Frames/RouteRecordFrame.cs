namespace ZigBee.XBee.Frames;

/// <summary>Route record indicator (0xA1): the hops a node's route record took to this concentrator, from its neighbour outwards.</summary>
public readonly ref struct RouteRecordFrame(ulong Source64, ushort Source16, ReceiveOptions Options, XBeeAddressList Addresses)
{
    // Identifier, 64-bit and 16-bit source, receive options: then the count and the addresses.
    private const int Fixed = 12;

    public ulong Source64 { get; } = Source64;

    public ushort Source16 { get; } = Source16;

    public ReceiveOptions Options { get; } = Options;

    public XBeeAddressList Addresses { get; } = Addresses;

    public int Length => Fixed + 1 + Addresses.ByteLength;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out RouteRecordFrame frame)
    {
        frame = default;
        if (!XBeeWire.Has(frameData, ApiFrameType.RouteRecordIndicator, Fixed + 1)
            || frameData.Length != Fixed + 1 + (frameData[Fixed] * 2)
            || !XBeeAddressList.TryRead(frameData[(Fixed + 1)..], out var addresses))
        {
            return false;
        }

        frame = new RouteRecordFrame(XBeeWire.U64(frameData[1..]), XBeeWire.U16(frameData[9..]), (ReceiveOptions)frameData[11], addresses);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        XBeeWire.Start(destination, length, ApiFrameType.RouteRecordIndicator);
        XBeeWire.Put64(destination[1..], Source64);
        XBeeWire.Put16(destination[9..], Source16);
        destination[11] = (byte)Options;
        destination[Fixed] = (byte)Addresses.Count;
        Addresses.WriteTo(destination[(Fixed + 1)..]);
        return length;
    }
}
