using ZigBee.Mac.Radio;
using ZigBee.Mac.Service;

namespace ZigBee.Stack.Scenarios;

/// <summary>
/// The most ASDU bytes per second one hop of IEEE 802.15.4 at 2.4 GHz can carry in frames of a given size: frames
/// sent back to back, each costing its mean initial unslotted CSMA-CA backoff ((2^macMinBE − 1) / 2 unit backoff
/// periods), one CCA (8 symbols), the turnaround to transmit, its airtime (SHR and PHR included), the turnaround
/// and the airtime of its MAC acknowledgement. Nothing above the MAC (APS acknowledgements, windows, delays) can do
/// better over that hop, which makes it the yardstick for fragmented transfers.
/// </summary>
public static class PhyBound
{
    /// <summary>The acknowledgement frame's PSDU: frame control, sequence number, FCS.</summary>
    private const int AckPsdu = 5;

    private const int CcaSymbols = 8;

    /// <summary>Time one frame of <paramref name="psduLength"/> bytes occupies, acknowledgement and mean backoff included.</summary>
    public static TimeSpan FrameCycle(int psduLength, int macMinBe = 3)
    {
        var meanBackoff = MacConstants.UnitBackoffTime * (((1 << macMinBe) - 1) / 2.0);
        return meanBackoff + Phy24GHz.Symbols(CcaSymbols) + Phy24GHz.TurnaroundTime + Phy24GHz.Airtime(psduLength)
            + Phy24GHz.TurnaroundTime + Phy24GHz.Airtime(AckPsdu);
    }

    /// <summary>Bits per second of ASDU when each frame of <paramref name="psduLength"/> bytes carries <paramref name="asduBytesPerFrame"/>.</summary>
    public static double BitsPerSecond(int asduBytesPerFrame, int psduLength, int macMinBe = 3) =>
        asduBytesPerFrame * 8 / FrameCycle(psduLength, macMinBe).TotalSeconds;
}
