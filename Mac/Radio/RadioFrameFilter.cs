using System.Buffers.Binary;

namespace ZigBee.Mac.Radio;

/// <summary>
/// What a hardware frame filter lets through: a strict subset of the MAC's own third-level filtering
/// (IEEE 802.15.4-2006 §7.5.6.2), so it never refuses a frame the MAC would accept. Data and command frames with a
/// destination address must be for this PAN (or 0xFFFF) and this short address (or 0xFFFF) or extended address;
/// acknowledgments pass only while the MAC awaits one with this sequence number. Everything else (beacons, frames
/// without a destination, other frame versions, frames too short to read) passes, for the MAC to judge.
/// </summary>
/// <param name="Enabled">False passes every frame (promiscuous mode, or before the MAC has set it).</param>
/// <param name="AwaitingAcknowledgment">True while the MAC waits for the acknowledgment of <paramref name="AcknowledgmentSequence"/>.</param>
public readonly record struct RadioFrameFilter(
    bool Enabled, ushort PanId, ushort ShortAddress, ulong ExtendedAddress, bool AwaitingAcknowledgment = false, byte AcknowledgmentSequence = 0)
{
    private const int FrameTypeAcknowledgment = 2;
    private const int FrameTypeData = 1;
    private const int FrameTypeCommand = 3;
    private const int ModeShort = 2;
    private const ushort Broadcast = 0xFFFF;

    /// <summary>Whether a received PSDU (FCS included) passes.</summary>
    public bool Accepts(ReadOnlySpan<byte> psdu)
    {
        if (!Enabled || psdu.Length < 3)
        {
            return true;
        }

        var frameControl = BinaryPrimitives.ReadUInt16LittleEndian(psdu);
        var type = frameControl & 0x7;
        if (type == FrameTypeAcknowledgment)
        {
            return AwaitingAcknowledgment && psdu[2] == AcknowledgmentSequence;
        }

        var version = (frameControl >> 12) & 0x3;
        var mode = (frameControl >> 10) & 0x3;
        if (type is not (FrameTypeData or FrameTypeCommand) || version > 1 || mode < ModeShort)
        {
            return true;
        }

        // Sequence number at 2, destination PAN at 3, destination address (short, or else extended) at 5 (§7.2.1).
        var needed = 5 + (mode == ModeShort ? 2 : 8);
        if (psdu.Length < needed)
        {
            return true;
        }

        var pan = BinaryPrimitives.ReadUInt16LittleEndian(psdu[3..]);
        if (pan != Broadcast && pan != PanId)
        {
            return false;
        }

        if (mode == ModeShort)
        {
            var address = BinaryPrimitives.ReadUInt16LittleEndian(psdu[5..]);
            return address == Broadcast || address == ShortAddress;
        }

        return BinaryPrimitives.ReadUInt64LittleEndian(psdu[5..]) == ExtendedAddress;
    }
}
