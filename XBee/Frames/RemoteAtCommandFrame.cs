namespace ZigBee.XBee.Frames;

/// <summary>Remote AT command request (0x17): sets or queries a setting of another module over the air.</summary>
public readonly ref struct RemoteAtCommandFrame(
    byte FrameId, ulong Destination64, ushort Destination16, RemoteAtOptions Options, AtCommandName Command, ReadOnlySpan<byte> Parameter)
{
    private const int Fixed = 15;

    public byte FrameId { get; } = FrameId;

    public ulong Destination64 { get; } = Destination64;

    /// <summary>0xFFFE when unknown.</summary>
    public ushort Destination16 { get; } = Destination16;

    public RemoteAtOptions Options { get; } = Options;

    public AtCommandName Command { get; } = Command;

    public ReadOnlySpan<byte> Parameter { get; } = Parameter;

    public int Length => Fixed + Parameter.Length;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out RemoteAtCommandFrame frame)
    {
        frame = default;
        if (!XBeeWire.Has(frameData, ApiFrameType.RemoteAtCommand, Fixed))
        {
            return false;
        }

        frame = new RemoteAtCommandFrame(
            frameData[1], XBeeWire.U64(frameData[2..]), XBeeWire.U16(frameData[10..]), (RemoteAtOptions)frameData[12], AtCommandName.Read(frameData[13..]), frameData[Fixed..]);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        XBeeWire.Start(destination, length, ApiFrameType.RemoteAtCommand);
        destination[1] = FrameId;
        XBeeWire.Put64(destination[2..], Destination64);
        XBeeWire.Put16(destination[10..], Destination16);
        destination[12] = (byte)Options;
        Command.CopyTo(destination[13..]);
        Parameter.CopyTo(destination[Fixed..]);
        return length;
    }
}
