using System.Buffers.Binary;

namespace ZigBee.Simulation.Pcap;

/// <summary>
/// Reads a classic pcap stream of 802.15.4 frames record by record into one reusable buffer: either byte order,
/// microsecond or nanosecond timestamps, link type 195 (with FCS) or 230 (without). Anything else — pcapng, other
/// link types, truncated headers or records, garbage — raises <see cref="PcapFormatException"/> with a clear reason;
/// no other exception escapes for bad content (I/O faults of the stream itself still do).
/// </summary>
public sealed class PcapReader : IDisposable
{
    public const uint MagicMicroseconds = 0xA1B2C3D4;
    public const uint MagicNanoseconds = 0xA1B23C4D;

    /// <summary>Largest record accepted (libpcap's own limit), so a garbage length cannot ask for gigabytes.</summary>
    public const int MaxRecordLength = 262144;

    private const uint PcapNgSectionHeader = 0x0A0D0D0A;
    private const int GlobalHeaderLength = 24;
    private const int RecordHeaderLength = 16;
    private readonly Stream stream;
    private readonly bool leaveOpen;
    private readonly byte[] recordHeader = new byte[RecordHeaderLength];
    private byte[] buffer = new byte[256];
    private long position;
    private bool disposed;

    /// <summary>Reads and checks the global header; throws <see cref="PcapFormatException"/> when it is not a usable pcap.</summary>
    public PcapReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        this.stream = stream;
        this.leaveOpen = leaveOpen;
        Span<byte> header = stackalloc byte[GlobalHeaderLength];
        var read = stream.ReadAtLeast(header, GlobalHeaderLength, throwOnEndOfStream: false);
        if (read >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(header) == PcapNgSectionHeader)
        {
            throw new PcapFormatException(0, "pcapng files are not supported; convert with `editcap -F pcap`");
        }

        if (read < 4)
        {
            throw new PcapFormatException(read, read == 0 ? "empty file, not a pcap" : "file too short for a pcap header");
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        switch (magic)
        {
            case MagicMicroseconds:
                break;
            case MagicNanoseconds:
                Nanosecond = true;
                break;
            default:
                var swapped = BinaryPrimitives.ReverseEndianness(magic);
                if (swapped is not (MagicMicroseconds or MagicNanoseconds))
                {
                    throw new PcapFormatException(0, $"not a pcap file (magic 0x{magic:x8})");
                }

                BigEndian = true;
                Nanosecond = swapped == MagicNanoseconds;
                break;
        }

        if (read < GlobalHeaderLength)
        {
            throw new PcapFormatException(read, $"pcap header truncated: {read} of {GlobalHeaderLength} bytes");
        }

        position = GlobalHeaderLength;
        MajorVersion = ReadUInt16(header[4..]);
        MinorVersion = ReadUInt16(header[6..]);
        if (MajorVersion != 2)
        {
            throw new PcapFormatException(4, $"unsupported pcap version {MajorVersion}.{MinorVersion}");
        }

        SnapLength = ReadUInt32(header[16..]);

        // The low 16 bits hold the link type; the upper bits carry optional FCS information (pcap spec, LinkType field).
        LinkType = ReadUInt32(header[20..]) & 0xFFFF;
        if (!PcapLinkType.IsIeee802154(LinkType))
        {
            throw new PcapFormatException(20, $"link type {LinkType} is not IEEE 802.15.4 (195 with FCS, 230 without)");
        }
    }

    /// <summary>Opens a file for reading; a missing file gives <see cref="FileNotFoundException"/>.</summary>
    public static PcapReader Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
        try
        {
            return new PcapReader(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>195 (frames end with their FCS) or 230 (no FCS).</summary>
    public uint LinkType { get; }

    /// <summary>True when each frame's last two bytes are its FCS.</summary>
    public bool HasFcs => LinkType == PcapLinkType.Ieee802154WithFcs;

    /// <summary>True when the file was written big-endian.</summary>
    public bool BigEndian { get; }

    /// <summary>True when timestamp fractions are nanoseconds (magic 0xa1b23c4d), false for microseconds.</summary>
    public bool Nanosecond { get; }

    public int MajorVersion { get; }

    public int MinorVersion { get; }

    public uint SnapLength { get; }

    /// <summary>Records read so far.</summary>
    public long RecordCount { get; private set; }

    /// <summary>
    /// Reads the next record; false at the clean end of the file. Throws <see cref="PcapFormatException"/> for a
    /// truncated or impossible record.
    /// </summary>
    public bool TryReadNext(out PcapRecord record)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        record = default;
        var recordStart = position;
        var read = stream.ReadAtLeast(recordHeader, RecordHeaderLength, throwOnEndOfStream: false);
        if (read == 0)
        {
            return false;
        }

        if (read < RecordHeaderLength)
        {
            throw new PcapFormatException(recordStart, $"record {RecordCount + 1}: header truncated ({read} of {RecordHeaderLength} bytes)");
        }

        position += RecordHeaderLength;
        var header = recordHeader.AsSpan();
        var seconds = ReadUInt32(header);
        var fraction = ReadUInt32(header[4..]);
        var included = ReadUInt32(header[8..]);
        var original = ReadUInt32(header[12..]);
        if (fraction >= (Nanosecond ? 1_000_000_000u : 1_000_000u))
        {
            throw new PcapFormatException(recordStart + 4, $"record {RecordCount + 1}: timestamp fraction {fraction} out of range");
        }

        if (included > MaxRecordLength)
        {
            throw new PcapFormatException(recordStart + 8, $"record {RecordCount + 1}: length {included} exceeds {MaxRecordLength}");
        }

        var length = (int)included;
        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, buffer.Length * 2)];
        }

        var got = stream.ReadAtLeast(buffer.AsSpan(0, length), length, throwOnEndOfStream: false);
        if (got < length)
        {
            throw new PcapFormatException(position + got, $"record {RecordCount + 1}: data truncated ({got} of {length} bytes)");
        }

        position += length;
        RecordCount++;
        var ticks = (seconds * TimeSpan.TicksPerSecond) + (Nanosecond ? fraction / 100 : fraction * TimeSpan.TicksPerMicrosecond);
        var timestamp = DateTimeOffset.UnixEpoch.AddTicks(ticks);
        record = new PcapRecord(timestamp, (int)Math.Min(original, int.MaxValue), buffer.AsMemory(0, length));
        return true;
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!leaveOpen)
        {
            stream.Dispose();
        }
    }

    private ushort ReadUInt16(ReadOnlySpan<byte> data) =>
        BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data) : BinaryPrimitives.ReadUInt16LittleEndian(data);

    private uint ReadUInt32(ReadOnlySpan<byte> data) =>
        BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data) : BinaryPrimitives.ReadUInt32LittleEndian(data);
}
