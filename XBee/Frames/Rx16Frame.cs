namespace ZigBee.XBee.Frames;

/// <summary>802.15.4 firmware RX packet from a 16-bit source (0x81).</summary>
public readonly ref struct Rx16Frame(ushort Source16, byte Rssi, Rx154Options Options, ReadOnlySpan<byte> Data)
{
    private const int Fixed = 5;

    public ushort Source16 { get; } = Source16;

    /// <summary>Received signal strength as the firmware sends it: minus dBm (0x28 is −40 dBm).</summary>
    public byte Rssi { get; } = Rssi;

    public int RssiDbm => -Rssi;

    public Rx154Options Options { get; } = Options;

    public ReadOnlySpan<byte> Data { get; } = Data;

    public int Length => Fixed + Data.Length;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out Rx16Frame frame)
    {
        frame = default;
        if (!XBeeWire.Has(frameData, ApiFrameType.Rx16Indicator, Fixed))
        {
            return false;
        }

        frame = new Rx16Frame(XBeeWire.U16(frameData[1..]), frameData[3], (Rx154Options)frameData[4], frameData[Fixed..]);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        XBeeWire.Start(destination, length, ApiFrameType.Rx16Indicator);
        XBeeWire.Put16(destination[1..], Source16);
        destination[3] = Rssi;
        destination[4] = (byte)Options;
        Data.CopyTo(destination[Fixed..]);
        return length;
    }
}
