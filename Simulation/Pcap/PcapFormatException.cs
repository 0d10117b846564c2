namespace ZigBee.Simulation.Pcap;

/// <summary>A file or stream that is not a readable classic pcap of IEEE 802.15.4 frames; the message says why and where.</summary>
public sealed class PcapFormatException : Exception
{
    public PcapFormatException(long offset, string reason)
        : base($"{reason} (at byte {offset})")
    {
        Offset = offset;
        Reason = reason;
    }

    /// <summary>Byte offset in the file where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>Short human-readable reason, without the offset.</summary>
    public string Reason { get; }
}
