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
    private const ushort Broadcast = 0xFFFF;

    /// <summary>Whether a received PSDU (FCS included) passes.</summary>
    public bool Accepts(ReadOnlySpan<byte> psdu) => Accepts(RadioFrameDestination.Of(psdu));

    /// <summary>Whether a frame with this destination passes.</summary>
    public bool Accepts(in RadioFrameDestination frame)
    {
        if (!Enabled)
        {
            return true;
        }

        return frame.Type switch
        {
            RadioFrameDestination.Kind.Acknowledgment => AwaitingAcknowledgment && frame.Sequence == AcknowledgmentSequence,
            RadioFrameDestination.Kind.Short => (frame.PanId == Broadcast || frame.PanId == PanId) && (frame.ShortAddress == Broadcast || frame.ShortAddress == ShortAddress),
            RadioFrameDestination.Kind.Extended => (frame.PanId == Broadcast || frame.PanId == PanId) && frame.ExtendedAddress == ExtendedAddress,
            _ => true,
        };
    }
}
