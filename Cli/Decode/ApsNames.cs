using ZigBee.Aps.Frames;
using ZigBee.Nwk.Frames;

namespace ZigBee.Cli.Decode;

/// <summary>The names the decoder prints for APS enumerations; reserved values get a name with their number.</summary>
public static class ApsNames
{
    public static string FrameType(ApsFrameType type) => type switch
    {
        ApsFrameType.Data => "data",
        ApsFrameType.Command => "command",
        ApsFrameType.Acknowledgement => "ack",
        _ => "interpan",
    };

    public static string DeliveryMode(ApsDeliveryMode mode) => mode switch
    {
        ApsDeliveryMode.Unicast => "unicast",
        ApsDeliveryMode.Indirect => "indirect",
        ApsDeliveryMode.Broadcast => "broadcast",
        _ => "group",
    };

    public static string Fragmentation(ApsFragmentation fragmentation) => fragmentation switch
    {
        ApsFragmentation.None => "none",
        ApsFragmentation.First => "first",
        ApsFragmentation.Subsequent => "subsequent",
        _ => "reserved",
    };

    /// <summary>Snake-case R22 command name, or <c>reserved_0xNN</c> for identifiers R22 does not define.</summary>
    public static string Command(ApsCommandId id) => id switch
    {
        ApsCommandId.TransportKey => "transport_key",
        ApsCommandId.UpdateDevice => "update_device",
        ApsCommandId.RemoveDevice => "remove_device",
        ApsCommandId.RequestKey => "request_key",
        ApsCommandId.SwitchKey => "switch_key",
        ApsCommandId.Tunnel => "tunnel",
        ApsCommandId.VerifyKey => "verify_key",
        ApsCommandId.ConfirmKey => "confirm_key",
        _ => $"reserved_0x{(byte)id:x2}",
    };

    /// <summary>True when a decoded NWK frame's payload is an APS frame we can read: a data or inter-PAN frame in the clear.</summary>
    /// <remarks>A NWK-secured frame's payload is encrypted, so its APS header cannot be read without the network key.</remarks>
    public static bool CarriesReadableAps(in NwkFrame nwk) =>
        (nwk.Header.FrameType is NwkFrameType.Data or NwkFrameType.InterPan) && !nwk.Header.Security.HasValue;
}
