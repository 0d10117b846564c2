namespace ZigBee.XBee.Frames;

/// <summary>AT command response (0x88): the local module's answer to 0x08/0x09; Data holds a queried value (empty after a set).</summary>
public readonly ref struct AtCommandResponseFrame(byte FrameId, AtCommandName Command, AtCommandStatus Status, ReadOnlySpan<byte> Data)
{
    private const int Fixed = 5;

    public byte FrameId { get; } = FrameId;

    public AtCommandName Command { get; } = Command;

    public AtCommandStatus Status { get; } = Status;

    public ReadOnlySpan<byte> Data { get; } = Data;

    public int Length => Fixed + Data.Length;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out AtCommandResponseFrame frame)
    {
        frame = default;
        if (!XBeeWire.Has(frameData, ApiFrameType.AtCommandResponse, Fixed))
        {
            return false;
        }

        frame = new AtCommandResponseFrame(frameData[1], AtCommandName.Read(frameData[2..]), (AtCommandStatus)frameData[4], frameData[Fixed..]);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        XBeeWire.Start(destination, length, ApiFrameType.AtCommandResponse);
        destination[1] = FrameId;
        Command.CopyTo(destination[2..]);
        destination[4] = (byte)Status;
        Data.CopyTo(destination[Fixed..]);
        return length;
    }
}
