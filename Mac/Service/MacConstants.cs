using ZigBee.Mac.Radio;

namespace ZigBee.Mac.Service;

/// <summary>MAC sublayer constants (IEEE 802.15.4-2006 Table 85) and the 2.4 GHz durations derived from them.</summary>
public static class MacConstants
{
    /// <summary>aBaseSlotDuration, in symbols.</summary>
    public const int BaseSlotDuration = 60;

    /// <summary>aNumSuperframeSlots.</summary>
    public const int NumSuperframeSlots = 16;

    /// <summary>aBaseSuperframeDuration = aBaseSlotDuration · aNumSuperframeSlots = 960 symbols.</summary>
    public const int BaseSuperframeDuration = BaseSlotDuration * NumSuperframeSlots;

    /// <summary>aUnitBackoffPeriod, in symbols.</summary>
    public const int UnitBackoffPeriod = 20;

    /// <summary>aMaxBeaconPayloadLength = aMaxPHYPacketSize − aMaxBeaconOverhead (75).</summary>
    public const int MaxBeaconPayloadLength = 52;

    /// <summary>aMaxBeaconOverhead.</summary>
    public const int MaxBeaconOverhead = 75;

    /// <summary>aMinMPDUOverhead: frame control, sequence number and FCS plus minimal addressing.</summary>
    public const int MinMpduOverhead = 9;

    /// <summary>aMaxMPDUUnsecuredOverhead.</summary>
    public const int MaxMpduUnsecuredOverhead = 25;

    /// <summary>aMaxMACPayloadSize = aMaxPHYPacketSize − aMinMPDUOverhead.</summary>
    public const int MaxMacPayloadSize = Phy24GHz.MaxPhyPacketSize - MinMpduOverhead;

    /// <summary>aMaxMACSafePayloadSize = aMaxPHYPacketSize − aMaxMPDUUnsecuredOverhead.</summary>
    public const int MaxMacSafePayloadSize = Phy24GHz.MaxPhyPacketSize - MaxMpduUnsecuredOverhead;

    /// <summary>aMaxLostBeacons.</summary>
    public const int MaxLostBeacons = 4;

    /// <summary>aMaxSIFSFrameSize.</summary>
    public const int MaxSifsFrameSize = 18;

    /// <summary>aMinCAPLength, in symbols.</summary>
    public const int MinCapLength = 440;

    /// <summary>aGTSDescPersistenceTime, in beacons.</summary>
    public const int GtsDescPersistenceTime = 4;

    /// <summary>aMaxFrameRetries of 802.15.4-2003 (a PIB attribute, macMaxFrameRetries, since 2006); its default.</summary>
    public const int MaxFrameRetries = 3;

    /// <summary>phySHRDuration at 2.4 GHz: 5 octets of preamble and SFD, 10 symbols.</summary>
    public const int PhyShrDuration = 10;

    /// <summary>phySymbolsPerOctet at 2.4 GHz.</summary>
    public const int PhySymbolsPerOctet = 2;

    /// <summary>phyMaxFrameDuration = phySHRDuration + ⌈(aMaxPHYPacketSize + 1) · phySymbolsPerOctet⌉ = 266 symbols.</summary>
    public const int PhyMaxFrameDuration = PhyShrDuration + ((Phy24GHz.MaxPhyPacketSize + 1) * PhySymbolsPerOctet);

    /// <summary>
    /// macAckWaitDuration (§7.4.2): aUnitBackoffPeriod + aTurnaroundTime + phySHRDuration + ⌈6 · phySymbolsPerOctet⌉
    /// = 54 symbols at 2.4 GHz.
    /// </summary>
    public const int AckWaitDurationSymbols = UnitBackoffPeriod + Phy24GHz.TurnaroundSymbols + PhyShrDuration + (6 * PhySymbolsPerOctet);

    /// <summary>Channels of page 0 at 2.4 GHz (11–26) as a channel mask.</summary>
    public const uint SupportedChannels = 0x07FF_F800;

    /// <summary>One aUnitBackoffPeriod of time: 320 µs.</summary>
    public static readonly TimeSpan UnitBackoffTime = Phy24GHz.Symbols(UnitBackoffPeriod);

    /// <summary>Scan time per channel for ScanDuration n: aBaseSuperframeDuration · (2^n + 1) symbols (§7.1.11.1).</summary>
    public static TimeSpan ScanDurationTime(int scanDuration) =>
        Phy24GHz.Symbols(BaseSuperframeDuration * ((1 << scanDuration) + 1));
}
