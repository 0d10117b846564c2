namespace ZigBee.XBee.Frames;

/// <summary>
/// What an <see cref="ApiFrameReader"/> has seen. Every start delimiter the reader takes ends in exactly one of
/// Frames, BadChecksums, Truncated, Oversized or EmptyFrames (or is the frame still in progress).
/// </summary>
public sealed class ApiFrameReaderCounters
{
    /// <summary>Whole frames with a good checksum, handed out.</summary>
    public long Frames { get; internal set; }

    /// <summary>Bytes outside any frame: garbage before a start delimiter.</summary>
    public long BytesSkipped { get; internal set; }

    /// <summary>Frames whose checksum did not match (in unescaped mode this includes frames cut short, which cannot be told apart).</summary>
    public long BadChecksums { get; internal set; }

    /// <summary>Frames cut short by a new start delimiter (escaped mode, where 0x7E never occurs inside a frame).</summary>
    public long Truncated { get; internal set; }

    /// <summary>Length fields larger than the reader's limit.</summary>
    public long Oversized { get; internal set; }

    /// <summary>Length fields of zero: no API identifier, so no frame.</summary>
    public long EmptyFrames { get; internal set; }

    /// <summary>The start delimiters that ended in something other than a frame.</summary>
    public long Rejected => BadChecksums + Truncated + Oversized + EmptyFrames;

    public override string ToString() =>
        $"frames {Frames}, skipped {BytesSkipped} bytes, bad checksums {BadChecksums}, truncated {Truncated}, oversized {Oversized}, empty {EmptyFrames}";
}
