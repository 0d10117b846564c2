namespace ZigBee.XBee.Frames;

/// <summary>
/// Finds API frames in a serial byte stream that arrives in chunks of any size. Garbage, bad checksums, impossible
/// lengths and cut-off frames are counted and skipped. In escaped mode a 0x7E always starts a frame, so a 0x7E inside a
/// frame cuts it short; in unescaped mode 0x7E is ordinary data, so after a failed frame the bytes that followed its
/// start delimiter are scanned again — a whole frame may have been hidden inside a cut-off one. A raw XON or XOFF inside
/// an escaped-mode frame is kept as data (a sender that failed to escape it still framed it), and the checksum decides.
/// </summary>
public sealed class ApiFrameReader
{
    private enum State : byte
    {
        Hunting,
        LengthHigh,
        LengthLow,
        Data,
        Checksum,
    }

    private readonly byte[] frame;

    // Unescaped mode only: bytes of a failed frame waiting to be scanned again before the caller's input. At most one
    // frame's worth (length, data, checksum) is ever pending, since a failed frame only re-queues bytes it consumed.
    private readonly byte[] replay;
    private int replayStart;
    private int replayEnd;

    private ApiMode mode;
    private State state;
    private bool escaping;
    private byte lengthHigh;
    private int length;
    private int count;
    private int sum;

    public ApiFrameReader(ApiMode mode, int maxFrameDataLength = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameDataLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFrameDataLength, ApiFrame.MaxFrameDataLength);
        this.mode = mode;
        MaxFrameDataLength = maxFrameDataLength;
        frame = new byte[maxFrameDataLength];
        replay = new byte[maxFrameDataLength + 3];
        replayStart = replay.Length;
        replayEnd = replay.Length;
    }

    /// <summary>Changing the mode drops a frame in progress (it was framed under the other rules); the counters stay.</summary>
    public ApiMode Mode
    {
        get => mode;
        set
        {
            if (value != mode)
            {
                mode = value;
                Reset();
            }
        }
    }

    public int MaxFrameDataLength { get; }

    public ApiFrameReaderCounters Counters { get; } = new();

    /// <summary>True while a frame has begun but not ended: its bytes are kept for the next call.</summary>
    public bool InFrame => state != State.Hunting;

    /// <summary>Forgets a frame in progress and any bytes waiting to be scanned again (e.g. after the port was reopened). The counters stay.</summary>
    public void Reset()
    {
        state = State.Hunting;
        escaping = false;
        replayStart = replay.Length;
        replayEnd = replay.Length;
    }

    /// <summary>
    /// Consumes <paramref name="input"/> until a whole valid frame is complete; then returns true with its frame data
    /// (API identifier onwards, unescaped, without the checksum), valid until the next call, and leaves the rest of the
    /// input in <paramref name="input"/>. Returns false once the input is used up; a partial frame is kept.
    /// </summary>
    public bool TryRead(ref ReadOnlySpan<byte> input, out ReadOnlySpan<byte> frameData)
    {
        var at = 0;
        try
        {
            while (true)
            {
                byte value;
                if (replayStart < replayEnd)
                {
                    value = replay[replayStart++];
                }
                else if (at < input.Length)
                {
                    if (state == State.Data && !escaping)
                    {
                        // The run stops at the end of the data, the input, or (escaped mode) a byte that needs Step.
                        at += CopyRun(input[at..]);
                        if (at == input.Length)
                        {
                            continue;
                        }
                    }

                    value = input[at++];
                }
                else
                {
                    frameData = default;
                    return false;
                }

                if (Step(value))
                {
                    frameData = frame.AsSpan(0, length);
                    return true;
                }
            }
        }
        finally
        {
            input = input[at..];
        }
    }

    /// <summary>Takes one byte; true when it completed a valid frame.</summary>
    private bool Step(byte value)
    {
        if (state == State.Hunting)
        {
            if (value == ApiFrame.StartDelimiter)
            {
                Begin();
            }
            else
            {
                Counters.BytesSkipped++;
            }

            return false;
        }

        if (mode == ApiMode.Escaped)
        {
            if (value == ApiFrame.StartDelimiter)
            {
                // A delimiter is never escaped data, so the frame in progress was cut off and a new one begins here.
                Counters.Truncated++;
                Begin();
                return false;
            }

            if (escaping)
            {
                escaping = false;
                value ^= ApiFrame.EscapeMask;
            }
            else if (value == ApiFrame.Escape)
            {
                escaping = true;
                return false;
            }
        }

        switch (state)
        {
            case State.LengthHigh:
                lengthHigh = value;
                state = State.LengthLow;
                return false;
            case State.LengthLow:
                length = (lengthHigh << 8) | value;
                if (length == 0)
                {
                    Counters.EmptyFrames++;
                    Fail(includeData: false, checksum: null);
                }
                else if (length > MaxFrameDataLength)
                {
                    Counters.Oversized++;
                    Fail(includeData: false, checksum: null);
                }
                else
                {
                    count = 0;
                    sum = 0;
                    state = State.Data;
                }

                return false;
            case State.Data:
                frame[count++] = value;
                sum += value;
                if (count == length)
                {
                    state = State.Checksum;
                }

                return false;
            default:
                if (((sum + value) & 0xFF) == 0xFF)
                {
                    Counters.Frames++;
                    state = State.Hunting;
                    return true;
                }

                Counters.BadChecksums++;
                Fail(includeData: true, checksum: value);
                return false;
        }
    }

    /// <summary>Copies a run of frame data that needs no per-byte handling; returns the bytes consumed.</summary>
    private int CopyRun(ReadOnlySpan<byte> source)
    {
        var run = Math.Min(length - count, source.Length);
        var chunk = source[..run];
        if (mode == ApiMode.Escaped)
        {
            var special = chunk.IndexOfAny(ApiFrame.StartDelimiter, ApiFrame.Escape);
            if (special >= 0)
            {
                chunk = chunk[..special];
            }
        }

        chunk.CopyTo(frame.AsSpan(count));
        foreach (var value in chunk)
        {
            sum += value;
        }

        count += chunk.Length;
        if (count == length)
        {
            state = State.Checksum;
        }

        return chunk.Length;
    }

    private void Begin()
    {
        state = State.LengthHigh;
        escaping = false;
    }

    private void Fail(bool includeData, byte? checksum)
    {
        state = State.Hunting;
        escaping = false;
        if (mode == ApiMode.Escaped)
        {
            // Escaped mode needs no second look: any delimiter inside the failed frame would already have started a new one.
            return;
        }

        var dataLength = includeData ? length : 0;
        var pending = replayEnd - replayStart;
        var needed = 2 + dataLength + (checksum.HasValue ? 1 : 0);
        if (replayStart < needed)
        {
            replay.AsSpan(replayStart, pending).CopyTo(replay.AsSpan(replay.Length - pending));
            replayEnd = replay.Length;
            replayStart = replay.Length - pending;
        }

        replayStart -= needed;
        var target = replay.AsSpan(replayStart, needed);
        target[0] = lengthHigh;
        target[1] = (byte)length;
        frame.AsSpan(0, dataLength).CopyTo(target[2..]);
        if (checksum is { } last)
        {
            target[^1] = last;
        }
    }
}
