using ZigBee.Mac.Frames;

namespace ZigBee.Mac.Service;

/// <summary>ScanType of MLME-SCAN.request (§7.1.11.1).</summary>
public enum MacScanType : byte
{
    EnergyDetect = 0x00,
    Active = 0x01,
    Passive = 0x02,
    Orphan = 0x03,
}

/// <summary>
/// MLME-SCAN.request (§7.1.11.1). <see cref="ScanChannels"/> is a bit mask (bit n = channel n; 11–26 at 2.4 GHz);
/// each channel is scanned for aBaseSuperframeDuration · (2^ScanDuration + 1) symbols, ScanDuration 0–14.
/// </summary>
public readonly record struct MlmeScanRequest(MacScanType ScanType, uint ScanChannels, byte ScanDuration, byte ChannelPage = 0);

/// <summary>A PAN descriptor (§7.1.5.1.1, Table 55): what one beacon said about its PAN.</summary>
public readonly record struct PanDescriptor(
    MacAddress CoordAddress,
    ushort CoordPanId,
    byte LogicalChannel,
    byte ChannelPage,
    SuperframeSpecification SuperframeSpec,
    bool GtsPermit,
    byte LinkQuality,
    DateTimeOffset Timestamp);

/// <summary>
/// MLME-SCAN.confirm (§7.1.11.2). <see cref="EnergyDetectList"/> has one entry per scanned channel (ED scan);
/// <see cref="PanDescriptorList"/> the distinct PANs heard (active/passive scan with macAutoRequest TRUE);
/// <see cref="UnscannedChannels"/> those requested but not scanned (a LIMIT_REACHED or a successful orphan scan).
/// </summary>
public sealed record MlmeScanConfirm(
    MacStatus Status,
    MacScanType ScanType,
    byte ChannelPage,
    uint UnscannedChannels,
    IReadOnlyList<byte> EnergyDetectList,
    IReadOnlyList<PanDescriptor> PanDescriptorList)
{
    public int ResultListSize => ScanType == MacScanType.EnergyDetect ? EnergyDetectList.Count : PanDescriptorList.Count;
}

/// <summary>MLME-BEACON-NOTIFY.indication (§7.1.5.1) without its lists, which travel beside it as spans.</summary>
public readonly record struct MlmeBeaconNotifyIndication(byte Bsn, PanDescriptor PanDescriptor);

/// <summary>
/// MLME-BEACON-NOTIFY.indication: issued for a beacon with a payload, or for every beacon when macAutoRequest is
/// FALSE. The spans are valid only during the call.
/// </summary>
public delegate void MlmeBeaconNotifyHandler(
    in MlmeBeaconNotifyIndication indication,
    ReadOnlySpan<ushort> pendingShortAddresses,
    ReadOnlySpan<ulong> pendingExtendedAddresses,
    ReadOnlySpan<byte> sdu);
