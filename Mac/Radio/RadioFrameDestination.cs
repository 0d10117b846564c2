using System.Buffers.Binary;

namespace ZigBee.Mac.Radio;

/// <summary>
/// What of a frame a hardware frame filter looks at (IEEE 802.15.4-2006 §7.5.6.2), read once: a medium handing one
/// frame to many receivers checks each receiver's <see cref="RadioFrameFilter"/> with a few comparisons.
/// </summary>
public readonly struct RadioFrameDestination
{
    private const int FrameTypeAcknowledgment = 2;
    private const int FrameTypeData = 1;
    private const int FrameTypeCommand = 3;
    private const int ModeShort = 2;

    internal Kind Type { get; }

    internal byte Sequence { get; }

    internal ushort PanId { get; }

    internal ushort ShortAddress { get; }

    internal ulong ExtendedAddress { get; }

    private RadioFrameDestination(Kind kind, byte sequence = 0, ushort pan = 0, ushort shortAddress = 0, ulong extended = 0)
    {
        Type = kind;
        Sequence = sequence;
        PanId = pan;
        ShortAddress = shortAddress;
        ExtendedAddress = extended;
    }

    internal enum Kind : byte
    {
        /// <summary>Any filter passes it (beacons, frames without a destination, other versions, too short to read).</summary>
        Everyone,
        Acknowledgment,
        Short,
        Extended,
    }

    public static RadioFrameDestination Of(ReadOnlySpan<byte> psdu)
    {
        if (psdu.Length < 3)
        {
            return new(Kind.Everyone);
        }

        var frameControl = BinaryPrimitives.ReadUInt16LittleEndian(psdu);
        var type = frameControl & 0x7;
        if (type == FrameTypeAcknowledgment)
        {
            return new(Kind.Acknowledgment, psdu[2]);
        }

        var version = (frameControl >> 12) & 0x3;
        var mode = (frameControl >> 10) & 0x3;
        if (type is not (FrameTypeData or FrameTypeCommand) || version > 1 || mode < ModeShort)
        {
            return new(Kind.Everyone);
        }

        // Sequence number at 2, destination PAN at 3, destination address (short, or else extended) at 5 (§7.2.1).
        var needed = 5 + (mode == ModeShort ? 2 : 8);
        if (psdu.Length < needed)
        {
            return new(Kind.Everyone);
        }

        var pan = BinaryPrimitives.ReadUInt16LittleEndian(psdu[3..]);
        return mode == ModeShort
            ? new(Kind.Short, pan: pan, shortAddress: BinaryPrimitives.ReadUInt16LittleEndian(psdu[5..]))
            : new(Kind.Extended, pan: pan, extended: BinaryPrimitives.ReadUInt64LittleEndian(psdu[5..]));
    }
}
