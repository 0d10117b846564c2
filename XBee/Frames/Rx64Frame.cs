namespace ZigBee.XBee.Frames;

/// <summary>802.15.4 firmware RX packet from a 64-bit source (0x80).</summary>
public readonly ref struct Rx64Frame(ulong Source64, byte Rssi, Rx154Options Options, ReadOnlySpan<byte> Data)
{
    private const int Fixed = 11;

    public ulong Source64 { get; } = Source64;

    /// <summary>Received signal strength as the firmware sends it: minus dBm (0x28 is −40 dBm).</summary>
    public byte Rssi { get; } = Rssi;

    public int RssiDbm => -Rssi;

    public Rx154Options Options { get; } = Options;

    public ReadOnlySpan<byte> Data { get; } = Data;

    public int Length => Fixed + Data.Length;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out Rx64Frame frame)
    {
        frame = default;
        if (!XBeeWire.Has(frameData, ApiFrameType.Rx64Indicator, Fixed))
        {
            return false;
        }

        frame = new Rx64Frame(XBeeWire.U64(frameData[1..]), frameData[9], (Rx154Options)frameData[10], frameData[Fixed..]);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        XBeeWire.Start(destination, length, ApiFrameType.Rx64Indicator);
        XBeeWire.Put64(destination[1..], Source64);
        destination[9] = Rssi;
        destination[10] = (byte)Options;
        Data.CopyTo(destination[Fixed..]);
        return length;
    }
}
