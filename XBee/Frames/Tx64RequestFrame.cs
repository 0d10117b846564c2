namespace ZigBee.XBee.Frames;

/// <summary>802.15.4 firmware TX request with a 64-bit destination (0x00); 0xFFFF is broadcast.</summary>
public readonly ref struct Tx64RequestFrame(byte FrameId, ulong Destination64, Tx154Options Options, ReadOnlySpan<byte> Data)
{
    private const int Fixed = 11;

    /// <summary>Correlates the TX status (0x89); 0 asks for none.</summary>
    public byte FrameId { get; } = FrameId;

    public ulong Destination64 { get; } = Destination64;

    public Tx154Options Options { get; } = Options;

    public ReadOnlySpan<byte> Data { get; } = Data;

    public int Length => Fixed + Data.Length;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out Tx64RequestFrame frame)
    {
        frame = default;
        if (!XBeeWire.Has(frameData, ApiFrameType.Tx64Request, Fixed))
        {
            return false;
        }

        frame = new Tx64RequestFrame(frameData[1], XBeeWire.U64(frameData[2..]), (Tx154Options)frameData[10], frameData[Fixed..]);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        XBeeWire.Start(destination, length, ApiFrameType.Tx64Request);
        destination[1] = FrameId;
        XBeeWire.Put64(destination[2..], Destination64);
        destination[10] = (byte)Options;
        Data.CopyTo(destination[Fixed..]);
        return length;
    }
}
