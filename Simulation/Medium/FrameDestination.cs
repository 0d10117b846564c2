using System.Buffers.Binary;
using ZigBee.Mac.Radio;

namespace ZigBee.Simulation.Medium;

/// <summary>
/// What of a frame a hardware frame filter looks at, read once per frame so that each of its many receivers' filters
/// is a few comparisons. <see cref="Passes"/> answers exactly as <see cref="RadioFrameFilter.Accepts"/> does on the
/// same PSDU (IEEE 802.15.4-2006 §7.5.6.2; MediumFilterEquivalenceTests hold the two together).
/// </summary>
internal readonly struct FrameDestination
{
    private const int FrameTypeAcknowledgment = 2;
    private const int FrameTypeData = 1;
    private const int FrameTypeCommand = 3;
    private const int ModeShort = 2;
    private const ushort Broadcast = 0xFFFF;

    private readonly Kind _kind;
    private readonly byte _sequence;
    private readonly ushort _pan;
    private readonly ushort _short;
    private readonly ulong _extended;

    private FrameDestination(Kind kind, byte sequence = 0, ushort pan = 0, ushort shortAddress = 0, ulong extended = 0)
    {
        _kind = kind;
        _sequence = sequence;
        _pan = pan;
        _short = shortAddress;
        _extended = extended;
    }

    private enum Kind : byte
    {
        /// <summary>Any filter passes it (beacons, frames without a destination, other versions, too short to read).</summary>
        Everyone,
        Acknowledgment,
        Short,
        Extended,
    }

    public static FrameDestination Of(ReadOnlySpan<byte> psdu)
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

    /// <summary>Whether <paramref name="filter"/> lets the frame through.</summary>
    public bool Passes(in RadioFrameFilter filter)
    {
        if (!filter.Enabled)
        {
            return true;
        }

        return _kind switch
        {
            Kind.Acknowledgment => filter.AwaitingAcknowledgment && _sequence == filter.AcknowledgmentSequence,
            Kind.Short => (_pan == Broadcast || _pan == filter.PanId) && (_short == Broadcast || _short == filter.ShortAddress),
            Kind.Extended => (_pan == Broadcast || _pan == filter.PanId) && _extended == filter.ExtendedAddress,
            _ => true,
        };
    }
}
