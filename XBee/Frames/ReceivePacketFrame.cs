namespace ZigBee.XBee.Frames;

/// <summary>ZigBee receive packet (0x90, when AO = 0): data that arrived for the module's data endpoint.</summary>
public readonly ref struct ReceivePacketFrame(ulong Source64, ushort Source16, ReceiveOptions Options, ReadOnlySpan<byte> Data)
{
    private const int Fixed = 12;

    /// <summary>0xFFFFFFFFFFFFFFFF when the sender's is unknown.</summary>
    public ulong Source64 { get; } = Source64;

    public ushort Source16 { get; } = Source16;

    public ReceiveOptions Options { get; } = Options;

    public ReadOnlySpan<byte> Data { get; } = Data;

    public int Length => Fixed + Data.Length;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out ReceivePacketFrame frame)
    {
        frame = default;
        if (!XBeeWire.Has(frameData, ApiFrameType.ReceivePacket, Fixed))
        {
            return false;
        }

        frame = new ReceivePacketFrame(XBeeWire.U64(frameData[1..]), XBeeWire.U16(frameData[9..]), (ReceiveOptions)frameData[11], frameData[Fixed..]);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        XBeeWire.Start(destination, length, ApiFrameType.ReceivePacket);
        XBeeWire.Put64(destination[1..], Source64);
        XBeeWire.Put16(destination[9..], Source16);
        destination[11] = (byte)Options;
        Data.CopyTo(destination[Fixed..]);
        return length;
    }
}
