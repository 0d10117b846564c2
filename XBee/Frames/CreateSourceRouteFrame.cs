namespace ZigBee.XBee.Frames;

/// <summary>
/// Create source route (0x21): tells a concentrator module the route to a node, hops listed from the destination's
/// neighbour towards the source, as a route record (0xA1) reported it. The firmware sends no response.
/// </summary>
public readonly ref struct CreateSourceRouteFrame(byte FrameId, ulong Destination64, ushort Destination16, byte RouteOptions, XBeeAddressList Addresses)
{
    // Identifier, frame ID, 64-bit and 16-bit destination, route options: then the count and the addresses.
    private const int Fixed = 13;

    public byte FrameId { get; } = FrameId;

    public ulong Destination64 { get; } = Destination64;

    public ushort Destination16 { get; } = Destination16;

    /// <summary>Route command options: the guides say 0.</summary>
    public byte RouteOptions { get; } = RouteOptions;

    public XBeeAddressList Addresses { get; } = Addresses;

    public int Length => Fixed + 1 + Addresses.ByteLength;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out CreateSourceRouteFrame frame)
    {
        frame = default;
        if (!XBeeWire.Has(frameData, ApiFrameType.CreateSourceRoute, Fixed + 1)
            || frameData.Length != Fixed + 1 + (frameData[Fixed] * 2)
            || !XBeeAddressList.TryRead(frameData[(Fixed + 1)..], out var addresses))
        {
            return false;
        }

        frame = new CreateSourceRouteFrame(frameData[1], XBeeWire.U64(frameData[2..]), XBeeWire.U16(frameData[10..]), frameData[12], addresses);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        XBeeWire.Start(destination, length, ApiFrameType.CreateSourceRoute);
        destination[1] = FrameId;
        XBeeWire.Put64(destination[2..], Destination64);
        XBeeWire.Put16(destination[10..], Destination16);
        destination[12] = RouteOptions;
        destination[Fixed] = (byte)Addresses.Count;
        Addresses.WriteTo(destination[(Fixed + 1)..]);
        return length;
    }
}
