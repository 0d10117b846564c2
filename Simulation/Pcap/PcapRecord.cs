namespace ZigBee.Simulation.Pcap;

/// <summary>
/// One record of a pcap file. <see cref="Data"/> is a slice of the reader's reusable buffer: it is valid until the
/// next read, so whoever keeps a frame copies it.
/// </summary>
public readonly record struct PcapRecord(DateTimeOffset Timestamp, int OriginalLength, ReadOnlyMemory<byte> Data)
{
    /// <summary>True when the capture cut the frame short (captured fewer bytes than were on air).</summary>
    public bool Truncated => Data.Length < OriginalLength;
}
