using ZigBee.Mac.Frames;
using ZigBee.Mac.Pib;

namespace ZigBee.Mac.Service;

/// <summary>
/// MLME-START.request (§7.1.14.1) for a non-beacon-enabled PAN: BeaconOrder and SuperframeOrder must be 15 and
/// CoordRealignment false (beacon-enabled PANs and realignment on start are not implemented: INVALID_PARAMETER).
/// </summary>
public readonly record struct MlmeStartRequest(
    ushort PanId,
    byte LogicalChannel,
    bool PanCoordinator,
    byte BeaconOrder = 15,
    byte SuperframeOrder = 15,
    bool BatteryLifeExtension = false,
    bool CoordRealignment = false,
    byte ChannelPage = 0);

/// <summary>MLME-POLL.request (§7.1.16.1): the coordinator to ask for pending data.</summary>
public readonly record struct MlmePollRequest(ushort CoordPanId, MacAddress CoordAddress);

/// <summary>MLME-POLL.indication (IEEE 802.15.4-2011 §6.2.14.3): who sent a data request to this coordinator.</summary>
public readonly record struct MlmePollIndication(MacAddress DeviceAddress, byte Lqi);

public delegate void MlmePollIndicationHandler(in MlmePollIndication indication);

/// <summary>MLME-ORPHAN.indication (§7.1.8.1): a device that lost its coordinator asked for it.</summary>
public readonly record struct MlmeOrphanIndication(ulong OrphanAddress);

public delegate void MlmeOrphanIndicationHandler(in MlmeOrphanIndication indication);

/// <summary>
/// MLME-ORPHAN.response (§7.1.8.2): when <see cref="AssociatedMember"/> the coordinator sends a coordinator
/// realignment giving the orphan <see cref="ShortAddress"/>; the outcome arrives as MLME-COMM-STATUS.indication.
/// </summary>
public readonly record struct MlmeOrphanResponse(ulong OrphanAddress, ushort ShortAddress, bool AssociatedMember);

/// <summary>MLME-COMM-STATUS.indication (§7.1.12.1): outcome of a transmission the MLME began for a response.</summary>
public readonly record struct MlmeCommStatusIndication(ushort PanId, MacAddress SrcAddr, MacAddress DstAddr, MacStatus Status);

public delegate void MlmeCommStatusIndicationHandler(in MlmeCommStatusIndication indication);

/// <summary>MLME-GET.confirm (§7.1.6.2).</summary>
public readonly record struct MlmeGetConfirm(MacStatus Status, MacPibAttribute PibAttribute, MacPibValue PibAttributeValue);

/// <summary>MLME-SET.confirm (§7.1.13.2).</summary>
public readonly record struct MlmeSetConfirm(MacStatus Status, MacPibAttribute PibAttribute);
