using ZigBee.Mac.Frames;

namespace ZigBee.Mac.Service;

/// <summary>
/// MLME-DISASSOCIATE.request (§7.1.4.1). A device names its coordinator as <see cref="DeviceAddress"/> to leave;
/// a coordinator names the device it sends away, indirectly when the device sleeps (<see cref="TxIndirect"/>).
/// </summary>
public readonly record struct MlmeDisassociateRequest(
    MacAddress DeviceAddress,
    ushort DevicePanId,
    DisassociateReason DisassociateReason,
    bool TxIndirect = false);

/// <summary>MLME-DISASSOCIATE.confirm (§7.1.4.3).</summary>
public readonly record struct MlmeDisassociateConfirm(MacStatus Status, MacAddress DeviceAddress, ushort DevicePanId);

/// <summary>MLME-DISASSOCIATE.indication (§7.1.4.2): who sent the notification and why.</summary>
public readonly record struct MlmeDisassociateIndication(ulong DeviceAddress, DisassociateReason DisassociateReason);

public delegate void MlmeDisassociateIndicationHandler(in MlmeDisassociateIndication indication);
