namespace ZigBee.Mac;

/// <summary>
/// The one exception every layer's decoder throws for bytes that do not form a valid frame:
/// it tells where in the buffer decoding stopped and why.
/// </summary>
public sealed class FrameFormatException : Exception
{
    public FrameFormatException(int offset, string reason)
        : base($"{reason} (at offset {offset})")
    {
        Offset = offset;
        Reason = reason;
    }

    /// <summary>Byte offset in the decoded buffer where the problem was found.</summary>
    public int Offset { get; }

    /// <summary>Short human-readable reason, without the offset.</summary>
    public string Reason { get; }
}
