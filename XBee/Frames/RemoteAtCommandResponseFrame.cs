namespace ZigBee.XBee.Frames;

/// <summary>Remote command response (0x97): a remote module's answer to 0x17; TxFailure when the request never got there.</summary>
public readonly ref struct RemoteAtCommandResponseFrame(
    byte FrameId, ulong Source64, ushort Source16, AtCommandName Command, AtCommandStatus Status, ReadOnlySpan<byte> Data)
{
    private const int Fixed = 15;

    public byte FrameId { get; } = FrameId;

    public ulong Source64 { get; } = Source64;

    public ushort Source16 { get; } = Source16;

    public AtCommandName Command { get; } = Command;

    public AtCommandStatus Status { get; } = Status;

    public ReadOnlySpan<byte> Data { get; } = Data;

    public int Length => Fixed + Data.Length;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out RemoteAtCommandResponseFrame frame)
    {
        frame = default;
        if (!XBeeWire.Has(frameData, ApiFrameType.RemoteAtCommandResponse, Fixed))
        {
            return false;
        }

        frame = new RemoteAtCommandResponseFrame(
            frameData[1], XBeeWire.U64(frameData[2..]), XBeeWire.U16(frameData[10..]), AtCommandName.Read(frameData[12..]), (AtCommandStatus)frameData[14], frameData[Fixed..]);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        XBeeWire.Start(destination, length, ApiFrameType.RemoteAtCommandResponse);
        destination[1] = FrameId;
        XBeeWire.Put64(destination[2..], Source64);
        XBeeWire.Put16(destination[10..], Source16);
        Command.CopyTo(destination[12..]);
        destination[14] = (byte)Status;
        Data.CopyTo(destination[Fixed..]);
        return length;
    }
}
