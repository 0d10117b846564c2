using ZigBee.Mac.Frames;
using ZigBee.Nwk;
using ZigBee.Nwk.Frames;

namespace ZigBee.Cli.Decode;

/// <summary>The names the decoder prints for NWK enumerations, and the test for a MAC payload that carries a NWK frame.</summary>
public static class NwkNames
{
    public static string FrameType(NwkFrameType type) => type switch
    {
        NwkFrameType.Data => "data",
        NwkFrameType.Command => "command",
        NwkFrameType.InterPan => "interpan",
        _ => "reserved",
    };

    /// <summary>Snake-case command name, or null for identifiers R22 does not define.</summary>
    public static string? Command(NwkCommandId id) => id switch
    {
        NwkCommandId.RouteRequest => "route_request",
        NwkCommandId.RouteReply => "route_reply",
        NwkCommandId.NetworkStatus => "network_status",
        NwkCommandId.Leave => "leave",
        NwkCommandId.RouteRecord => "route_record",
        NwkCommandId.RejoinRequest => "rejoin_request",
        NwkCommandId.RejoinResponse => "rejoin_response",
        NwkCommandId.LinkStatus => "link_status",
        NwkCommandId.NetworkReport => "network_report",
        NwkCommandId.NetworkUpdate => "network_update",
        NwkCommandId.EndDeviceTimeoutRequest => "end_device_timeout_request",
        NwkCommandId.EndDeviceTimeoutResponse => "end_device_timeout_response",
        NwkCommandId.LinkPowerDelta => "link_power_delta",
        _ => null,
    };

    public static string Status(NwkStatusCode code) => code switch
    {
        NwkStatusCode.NoRouteAvailable => "no_route_available",
        NwkStatusCode.TreeLinkFailure => "tree_link_failure",
        NwkStatusCode.NonTreeLinkFailure => "non_tree_link_failure",
        NwkStatusCode.LowBatteryLevel => "low_battery_level",
        NwkStatusCode.NoRoutingCapacity => "no_routing_capacity",
        NwkStatusCode.NoIndirectCapacity => "no_indirect_capacity",
        NwkStatusCode.IndirectTransactionExpiry => "indirect_transaction_expiry",
        NwkStatusCode.TargetDeviceUnavailable => "target_device_unavailable",
        NwkStatusCode.TargetAddressUnallocated => "target_address_unallocated",
        NwkStatusCode.ParentLinkFailure => "parent_link_failure",
        NwkStatusCode.ValidateRoute => "validate_route",
        NwkStatusCode.SourceRouteFailure => "source_route_failure",
        NwkStatusCode.ManyToOneRouteFailure => "many_to_one_route_failure",
        NwkStatusCode.AddressConflict => "address_conflict",
        NwkStatusCode.VerifyAddresses => "verify_addresses",
        NwkStatusCode.PanIdentifierUpdate => "pan_identifier_update",
        NwkStatusCode.NetworkAddressUpdate => "network_address_update",
        NwkStatusCode.BadFrameCounter => "bad_frame_counter",
        NwkStatusCode.BadKeySequenceNumber => "bad_key_sequence_number",
        NwkStatusCode.UnknownCommand => "unknown_command",
        _ => $"reserved_0x{(byte)code:x2}",
    };

    public static string KeyIdentifier(NwkKeyIdentifier key) => key switch
    {
        NwkKeyIdentifier.DataKey => "data",
        NwkKeyIdentifier.NetworkKey => "network",
        NwkKeyIdentifier.KeyTransportKey => "key_transport",
        _ => "key_load",
    };

    /// <summary>
    /// True when a MAC frame's payload should be read as a ZigBee PRO NWK frame: an unsecured MAC data frame to a short
    /// address from a short or extended one (as Wireshark's heuristic asks), whose payload's NWK frame control says
    /// protocol version 2 and a defined frame type. Other payloads (Green Power, 6LoWPAN, …) are not NWK frames.
    /// </summary>
    public static bool LooksLikeNwk(in MacFrame mac, ReadOnlySpan<byte> payload)
    {
        var fc = mac.Header.FrameControl;
        if (fc.FrameType != MacFrameType.Data || fc.SecurityEnabled || payload.Length < 2
            || fc.DestinationAddressingMode != MacAddressingMode.Short || fc.SourceAddressingMode < MacAddressingMode.Short)
        {
            return false;
        }

        var nwk = new NwkFrameControl((ushort)(payload[0] | (payload[1] << 8)));
        return nwk.ProtocolVersion == NwkConstants.ProtocolVersion && nwk.FrameType != NwkFrameType.Reserved;
    }
}
