using System.Buffers.Binary;

namespace ZigBee.Simulation.Pcap;

/// <summary>
/// Writes a classic pcap stream (little-endian, version 2.4, microsecond timestamps) of 802.15.4 frames, by default
/// with link type 195 (frames carry their FCS). Timestamps come from the caller — the simulator passes virtual time —
/// so a capture of a seeded run is identical byte for byte. Writing a record allocates nothing.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    /// <summary>Snapshot length written in the header: any 802.15.4 frame (127 bytes) fits.</summary>
    public const int SnapLength = 65535;

    private const int GlobalHeaderLength = 24;
    private const int RecordHeaderLength = 16;
    private readonly Stream stream;
    private readonly bool leaveOpen;
    private readonly byte[] recordHeader = new byte[RecordHeaderLength];
    private bool disposed;

    /// <summary>Writes the global header to <paramref name="stream"/> at once.</summary>
    public PcapWriter(Stream stream, uint linkType = PcapLinkType.Ieee802154WithFcs, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("the stream is not writable", nameof(stream));
        }

        this.stream = stream;
        this.leaveOpen = leaveOpen;
        LinkType = linkType;
        Span<byte> header = stackalloc byte[GlobalHeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, PcapReader.MagicMicroseconds);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0); // thiszone: timestamps are UTC
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0); // sigfigs
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], linkType);
        stream.Write(header);
    }

    public uint LinkType { get; }

    /// <summary>Records written so far.</summary>
    public long RecordCount { get; private set; }

    /// <summary>
    /// Appends one frame. <paramref name="timestamp"/> must lie between 1970 and 2106 (pcap's unsigned 32-bit seconds);
    /// it is written with microsecond resolution (truncated).
    /// </summary>
    public void Write(DateTimeOffset timestamp, ReadOnlySpan<byte> psdu)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (psdu.Length > SnapLength)
        {
            throw new ArgumentException($"a record of {psdu.Length} bytes exceeds the snapshot length {SnapLength}", nameof(psdu));
        }

        var ticks = timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = ticks / TimeSpan.TicksPerSecond;
        if (ticks < 0 || seconds > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(timestamp), timestamp, "pcap timestamps cover 1970-01-01 to 2106-02-07 UTC");
        }

        var microseconds = (ticks % TimeSpan.TicksPerSecond) / TimeSpan.TicksPerMicrosecond;
        var header = recordHeader.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)microseconds);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)psdu.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)psdu.Length);
        stream.Write(header);
        stream.Write(psdu);
        RecordCount++;
    }

    public void Flush()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        stream.Flush();
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        stream.Flush();
        if (!leaveOpen)
        {
            stream.Dispose();
        }
    }
}
