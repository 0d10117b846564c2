using ZigBee.Mac.Frames;

namespace ZigBee.Cli.Decode;

/// <summary>The names the decoder prints for MAC enumerations; reserved values get a name with their number.</summary>
public static class MacNames
{
    public static string FrameType(MacFrameType type) => type switch
    {
        MacFrameType.Beacon => "beacon",
        MacFrameType.Data => "data",
        MacFrameType.Acknowledgment => "ack",
        MacFrameType.Command => "command",
        (MacFrameType)4 => "reserved4",
        (MacFrameType)5 => "reserved5",
        (MacFrameType)6 => "reserved6",
        _ => "reserved7",
    };

    public static string AddressingMode(MacAddressingMode mode) => mode switch
    {
        MacAddressingMode.None => "none",
        MacAddressingMode.Reserved => "reserved",
        MacAddressingMode.Short => "short",
        _ => "extended",
    };

    /// <summary>Snake-case command name, or null for identifiers 802.15.4-2006 does not define.</summary>
    public static string? Command(MacCommandId id) => id switch
    {
        MacCommandId.AssociationRequest => "association_request",
        MacCommandId.AssociationResponse => "association_response",
        MacCommandId.DisassociationNotification => "disassociation_notification",
        MacCommandId.DataRequest => "data_request",
        MacCommandId.PanIdConflictNotification => "pan_id_conflict_notification",
        MacCommandId.OrphanNotification => "orphan_notification",
        MacCommandId.BeaconRequest => "beacon_request",
        MacCommandId.CoordinatorRealignment => "coordinator_realignment",
        MacCommandId.GtsRequest => "gts_request",
        _ => null,
    };

    public static string AssociationStatus(AssociationStatus status) => status switch
    {
        Mac.Frames.AssociationStatus.Successful => "successful",
        Mac.Frames.AssociationStatus.PanAtCapacity => "pan_at_capacity",
        Mac.Frames.AssociationStatus.PanAccessDenied => "pan_access_denied",
        _ => $"reserved{(byte)status}",
    };

    public static string DisassociateReason(DisassociateReason reason) => reason switch
    {
        Mac.Frames.DisassociateReason.CoordinatorWishesDeviceToLeave => "coordinator_wishes_device_to_leave",
        Mac.Frames.DisassociateReason.DeviceWishesToLeave => "device_wishes_to_leave",
        _ => $"reserved{(byte)reason}",
    };

    public static string Short(ushort value) => $"0x{value:x4}";
}
