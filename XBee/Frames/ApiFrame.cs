using System.Buffers;

namespace ZigBee.XBee.Frames;

/// <summary>
/// The serial framing every API frame shares: start delimiter, big-endian length of the frame data, the frame data
/// (API identifier onwards) and a checksum; in escaped mode (AP = 2) the bytes after the delimiter that would upset
/// framing or software flow control are escaped.
/// </summary>
public static class ApiFrame
{
    public const byte StartDelimiter = 0x7E;

    /// <summary>Precedes an escaped byte, which is sent XOR <see cref="EscapeMask"/>.</summary>
    public const byte Escape = 0x7D;

    public const byte EscapeMask = 0x20;

    /// <summary>XON and XOFF: escaped so that a UART doing software flow control never sees them inside a frame.</summary>
    public const byte Xon = 0x11;

    public const byte Xoff = 0x13;

    /// <summary>The length field is 16 bits, so no frame carries more frame data than this.</summary>
    public const int MaxFrameDataLength = ushort.MaxValue;

    /// <summary>Start delimiter, two length bytes and the checksum: what framing adds to the frame data when nothing is escaped.</summary>
    public const int Overhead = 4;

    private static readonly SearchValues<byte> EscapedBytes = SearchValues.Create(StartDelimiter, Escape, Xon, Xoff);

    /// <summary>True for the bytes escaped mode sends as <see cref="Escape"/> then the byte XOR <see cref="EscapeMask"/>.</summary>
    public static bool NeedsEscape(byte value) => value is StartDelimiter or Escape or Xon or Xoff;

    /// <summary>0xFF minus the low byte of the sum of the frame data; the escaping does not take part.</summary>
    public static byte Checksum(ReadOnlySpan<byte> frameData)
    {
        var sum = 0;
        foreach (var value in frameData)
        {
            sum += value;
        }

        return (byte)(0xFF - (sum & 0xFF));
    }

    /// <summary>A buffer of this size holds any frame with this much frame data in either mode: every byte after the delimiter escaped.</summary>
    public static int MaxEncodedLength(int frameDataLength) => (2 * frameDataLength) + 7;

    /// <summary>The number of bytes <see cref="Encode"/> writes for <paramref name="frameData"/> in <paramref name="mode"/>.</summary>
    public static int EncodedLength(ReadOnlySpan<byte> frameData, ApiMode mode)
    {
        CheckFrameData(frameData);
        var length = frameData.Length + Overhead;
        if (mode != ApiMode.Escaped)
        {
            return length;
        }

        length += EscapedCount(frameData);
        length += NeedsEscape((byte)(frameData.Length >> 8)) ? 1 : 0;
        length += NeedsEscape((byte)frameData.Length) ? 1 : 0;
        length += NeedsEscape(Checksum(frameData)) ? 1 : 0;
        return length;
    }

    /// <summary>Writes the whole frame (delimiter, length, frame data, checksum) into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<byte> frameData, ApiMode mode, Span<byte> destination)
    {
        CheckFrameData(frameData);

        // A buffer sized for the worst case skips counting the escapes first.
        var needed = mode != ApiMode.Escaped ? frameData.Length + Overhead
            : destination.Length >= MaxEncodedLength(frameData.Length) ? 0
            : EncodedLength(frameData, mode);
        if (destination.Length < needed)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the frame needs {needed}", nameof(destination));
        }

        destination[0] = StartDelimiter;
        var checksum = Checksum(frameData);
        if (mode != ApiMode.Escaped)
        {
            destination[1] = (byte)(frameData.Length >> 8);
            destination[2] = (byte)frameData.Length;
            frameData.CopyTo(destination[3..]);
            destination[3 + frameData.Length] = checksum;
            return needed;
        }

        var at = 1;
        at = Put(destination, at, (byte)(frameData.Length >> 8));
        at = Put(destination, at, (byte)frameData.Length);
        while (!frameData.IsEmpty)
        {
            // Runs of bytes that need no escape are copied whole: payloads are mostly such runs.
            var run = frameData.IndexOfAny(EscapedBytes);
            if (run < 0)
            {
                run = frameData.Length;
            }

            frameData[..run].CopyTo(destination[at..]);
            at += run;
            if (run == frameData.Length)
            {
                break;
            }

            destination[at++] = Escape;
            destination[at++] = (byte)(frameData[run] ^ EscapeMask);
            frameData = frameData[(run + 1)..];
        }

        return Put(destination, at, checksum);
    }

    private static int Put(Span<byte> destination, int at, byte value)
    {
        if (NeedsEscape(value))
        {
            destination[at++] = Escape;
            value ^= EscapeMask;
        }

        destination[at] = value;
        return at + 1;
    }

    private static int EscapedCount(ReadOnlySpan<byte> frameData)
    {
        var count = 0;
        while (true)
        {
            var next = frameData.IndexOfAny(EscapedBytes);
            if (next < 0)
            {
                return count;
            }

            count++;
            frameData = frameData[(next + 1)..];
        }
    }

    private static void CheckFrameData(ReadOnlySpan<byte> frameData)
    {
        // A length of zero is no frame (the reader refuses it), and the length field has 16 bits.
        if (frameData.IsEmpty || frameData.Length > MaxFrameDataLength)
        {
            throw new ArgumentException($"frame data must hold 1 to {MaxFrameDataLength} bytes, not {frameData.Length}", nameof(frameData));
        }
    }
}
