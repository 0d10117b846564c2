namespace ZigBee.XBee.Frames;

/// <summary>802.15.4 firmware TX request with a 16-bit destination (0x01); 0xFFFF is broadcast.</summary>
public readonly ref struct Tx16RequestFrame(byte FrameId, ushort Destination16, Tx154Options Options, ReadOnlySpan<byte> Data)
{
    private const int Fixed = 5;

    public byte FrameId { get; } = FrameId;

    public ushort Destination16 { get; } = Destination16;

    public Tx154Options Options { get; } = Options;

    public ReadOnlySpan<byte> Data { get; } = Data;

    public int Length => Fixed + Data.Length;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out Tx16RequestFrame frame)
    {
        frame = default;
        if (!XBeeWire.Has(frameData, ApiFrameType.Tx16Request, Fixed))
        {
            return false;
        }

        frame = new Tx16RequestFrame(frameData[1], XBeeWire.U16(frameData[2..]), (Tx154Options)frameData[4], frameData[Fixed..]);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        XBeeWire.Start(destination, length, ApiFrameType.Tx16Request);
        destination[1] = FrameId;
        XBeeWire.Put16(destination[2..], Destination16);
        destination[4] = (byte)Options;
        Data.CopyTo(destination[Fixed..]);
        return length;
    }
}
