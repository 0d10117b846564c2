namespace ZigBee.XBee.Frames;

/// <summary>
/// AT command (0x08), or AT command – queue parameter value (0x09) when <see cref="Queued"/>: sets or, with an empty
/// parameter, queries a setting of the local module. A queued value takes effect at the next AC or applied command.
/// </summary>
public readonly ref struct AtCommandFrame(byte FrameId, AtCommandName Command, ReadOnlySpan<byte> Parameter, bool Queued = false)
{
    private const int Fixed = 4;

    /// <summary>Correlates the response (0x88); 0 asks for none.</summary>
    public byte FrameId { get; } = FrameId;

    public AtCommandName Command { get; } = Command;

    public ReadOnlySpan<byte> Parameter { get; } = Parameter;

    public bool Queued { get; } = Queued;

    public ApiFrameType Type => Queued ? ApiFrameType.AtCommandQueue : ApiFrameType.AtCommand;

    public int Length => Fixed + Parameter.Length;

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out AtCommandFrame frame)
    {
        frame = default;
        if (frameData.Length < Fixed || frameData[0] is not ((byte)ApiFrameType.AtCommand or (byte)ApiFrameType.AtCommandQueue))
        {
            return false;
        }

        frame = new AtCommandFrame(frameData[1], AtCommandName.Read(frameData[2..]), frameData[Fixed..], frameData[0] == (byte)ApiFrameType.AtCommandQueue);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        XBeeWire.Start(destination, length, Type);
        destination[1] = FrameId;
        Command.CopyTo(destination[2..]);
        Parameter.CopyTo(destination[Fixed..]);
        return length;
    }
}
