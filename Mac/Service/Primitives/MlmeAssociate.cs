using ZigBee.Mac.Frames;

namespace ZigBee.Mac.Service;

/// <summary>MLME-ASSOCIATE.request (§7.1.3.1): the coordinator found by a scan, and what this device is.</summary>
public readonly record struct MlmeAssociateRequest(
    byte LogicalChannel,
    ushort CoordPanId,
    MacAddress CoordAddress,
    CapabilityInformation CapabilityInformation,
    byte ChannelPage = 0);

/// <summary>
/// MLME-ASSOCIATE.confirm (§7.1.3.4): the short address the coordinator gave (0xFFFF on failure, 0xFFFE when it
/// asks the device to use its extended address) and the status: SUCCESS, PAN_AT_CAPACITY, PAN_ACCESS_DENIED,
/// CHANNEL_ACCESS_FAILURE, NO_ACK, NO_DATA or INVALID_PARAMETER.
/// </summary>
public readonly record struct MlmeAssociateConfirm(ushort AssocShortAddress, MacStatus Status);

/// <summary>MLME-ASSOCIATE.indication (§7.1.3.2) on a coordinator that permits association.</summary>
public readonly record struct MlmeAssociateIndication(ulong DeviceAddress, CapabilityInformation CapabilityInformation, byte Lqi);

public delegate void MlmeAssociateIndicationHandler(in MlmeAssociateIndication indication);

/// <summary>
/// MLME-ASSOCIATE.response (§7.1.3.3): the coordinator's answer, queued for indirect delivery. Status is SUCCESS,
/// PAN_AT_CAPACITY or PAN_ACCESS_DENIED.
/// </summary>
public readonly record struct MlmeAssociateResponse(ulong DeviceAddress, ushort AssocShortAddress, MacStatus Status);
