using ZigBee.Mac.Frames;

namespace ZigBee.Nwk.Service.Primitives;

/// <summary>RejoinNetwork of NLME-JOIN.request (§3.2.2.13, Table 3-21).</summary>
public enum NwkRejoinNetwork : byte
{
    /// <summary>Join through MAC association.</summary>
    Association = 0x00,

    /// <summary>Rejoin through the orphaning procedure (MLME-SCAN orphan).</summary>
    Orphan = 0x01,

    /// <summary>Rejoin with the NWK rejoin request/response.</summary>
    Rejoin = 0x02,

    /// <summary>Change channel (not implemented: INVALID_REQUEST).</summary>
    ChangeChannel = 0x03,
}

/// <summary>
/// NLME-JOIN.request (§3.2.2.13). For association the layer runs a network discovery first when it knows no
/// potential parent of the network yet. <see cref="CapabilityInformation"/> says router or end device and whether
/// the receiver stays on when idle.
/// </summary>
public sealed record NlmeJoinRequest(
    ulong ExtendedPanId,
    NwkRejoinNetwork RejoinNetwork,
    CapabilityInformation CapabilityInformation,
    uint ScanChannels = 0x07FFF800,
    byte ScanDuration = 3,
    bool SecurityEnable = false);

/// <summary>NLME-JOIN.confirm (§3.2.2.14).</summary>
public sealed record NlmeJoinConfirm(NwkStatus Status, ushort NetworkAddress, ulong ExtendedPanId, byte ActiveChannel, ushort ParentAddress = 0xFFFF);

/// <summary>NLME-JOIN.indication (§3.2.2.15) on the parent: a device joined or rejoined through it.</summary>
public readonly record struct NlmeJoinIndication(
    ushort NetworkAddress,
    ulong ExtendedAddress,
    CapabilityInformation CapabilityInformation,
    NwkRejoinNetwork RejoinNetwork,
    bool SecureRejoin);

public delegate void NlmeJoinIndicationHandler(in NlmeJoinIndication indication);

/// <summary>NLME-LEAVE.request (§3.2.2.16): <see cref="DeviceAddress"/> 0 makes this device leave.</summary>
public sealed record NlmeLeaveRequest(ulong DeviceAddress = 0, bool RemoveChildren = false, bool Rejoin = false)
{
    /// <summary>
    /// Send the leave to the child unsecured at NWK: a child the trust center refused never got the network key and
    /// could not read a secured one (§4.6.3.2.2).
    /// </summary>
    public bool InTheClear { get; init; }
}

/// <summary>NLME-LEAVE.indication (§3.2.2.17): <see cref="DeviceAddress"/> 0 means this device was asked to leave.</summary>
public readonly record struct NlmeLeaveIndication(ulong DeviceAddress, ushort NetworkAddress, bool Rejoin);

public delegate void NlmeLeaveIndicationHandler(in NlmeLeaveIndication indication);

/// <summary>NLME-NWK-STATUS.indication (§3.2.2.30): a network status reached this device or the layer found a failure.</summary>
public readonly record struct NlmeNwkStatusIndication(Frames.NwkStatusCode Status, ushort NetworkAddr, ushort ReporterAddr);

public delegate void NlmeNwkStatusIndicationHandler(in NlmeNwkStatusIndication indication);

/// <summary>Why this device took a (new) network address: what the ZDO announces with Device_annce.</summary>
public enum NwkAddressReason : byte
{
    Joined,
    Rejoined,
    AddressConflict,
}

/// <summary>This device has a new network address (join, rejoin, conflict resolution): time for a Device_annce.</summary>
public readonly record struct NwkDeviceAnnounce(ushort NetworkAddress, ulong IeeeAddress, Mac.Frames.CapabilityInformation Capability, NwkAddressReason Reason);

public delegate void NwkDeviceAnnounceHandler(in NwkDeviceAnnounce announce);
