using System.Globalization;
using ZigBee.Aps.Frames;
using ZigBee.Zdo.Frames;

namespace ZigBee.Cli.Decode;

/// <summary>The names the decoder prints for ZDP clusters and statuses: the R22 names in lower snake case.</summary>
public static class ZdpNames
{
    /// <summary>True when an APS header carries a ZDP frame: a data frame on profile 0x0000 to endpoint 0, unfragmented.</summary>
    public static bool IsZdp(in ApsHeader header) =>
        header.FrameType == ApsFrameType.Data && header.HasAddressing && header.ProfileId == ZdpFrame.ProfileId
        && (!header.HasDestinationEndpoint || header.DestinationEndpoint == ZdpFrame.Endpoint) && header.Fragmentation == ApsFragmentation.None;

    /// <summary>R22 cluster name, or <c>zdp_0xNNNN</c> for clusters this decoder does not read.</summary>
    public static string Cluster(ushort cluster) => (ZdpClusterId)cluster switch
    {
        ZdpClusterId.NwkAddrRequest => "nwk_addr_req",
        ZdpClusterId.IeeeAddrRequest => "ieee_addr_req",
        ZdpClusterId.NodeDescRequest => "node_desc_req",
        ZdpClusterId.PowerDescRequest => "power_desc_req",
        ZdpClusterId.SimpleDescRequest => "simple_desc_req",
        ZdpClusterId.ActiveEpRequest => "active_ep_req",
        ZdpClusterId.MatchDescRequest => "match_desc_req",
        ZdpClusterId.DeviceAnnce => "device_annce",
        ZdpClusterId.SystemServerDiscoveryRequest => "system_server_discovery_req",
        ZdpClusterId.ParentAnnce => "parent_annce",
        ZdpClusterId.EndDeviceBindRequest => "end_device_bind_req",
        ZdpClusterId.BindRequest => "bind_req",
        ZdpClusterId.UnbindRequest => "unbind_req",
        ZdpClusterId.MgmtLqiRequest => "mgmt_lqi_req",
        ZdpClusterId.MgmtRtgRequest => "mgmt_rtg_req",
        ZdpClusterId.MgmtBindRequest => "mgmt_bind_req",
        ZdpClusterId.MgmtLeaveRequest => "mgmt_leave_req",
        ZdpClusterId.MgmtPermitJoiningRequest => "mgmt_permit_joining_req",
        ZdpClusterId.MgmtNwkUpdateRequest => "mgmt_nwk_update_req",
        ZdpClusterId.MgmtNwkEnhancedUpdateRequest => "mgmt_nwk_enhanced_update_req",
        ZdpClusterId.NwkAddrResponse => "nwk_addr_rsp",
        ZdpClusterId.IeeeAddrResponse => "ieee_addr_rsp",
        ZdpClusterId.NodeDescResponse => "node_desc_rsp",
        ZdpClusterId.PowerDescResponse => "power_desc_rsp",
        ZdpClusterId.SimpleDescResponse => "simple_desc_rsp",
        ZdpClusterId.ActiveEpResponse => "active_ep_rsp",
        ZdpClusterId.MatchDescResponse => "match_desc_rsp",
        ZdpClusterId.SystemServerDiscoveryResponse => "system_server_discovery_rsp",
        ZdpClusterId.ParentAnnceResponse => "parent_annce_rsp",
        ZdpClusterId.EndDeviceBindResponse => "end_device_bind_rsp",
        ZdpClusterId.BindResponse => "bind_rsp",
        ZdpClusterId.UnbindResponse => "unbind_rsp",
        ZdpClusterId.MgmtLqiResponse => "mgmt_lqi_rsp",
        ZdpClusterId.MgmtRtgResponse => "mgmt_rtg_rsp",
        ZdpClusterId.MgmtBindResponse => "mgmt_bind_rsp",
        ZdpClusterId.MgmtLeaveResponse => "mgmt_leave_rsp",
        ZdpClusterId.MgmtPermitJoiningResponse => "mgmt_permit_joining_rsp",
        ZdpClusterId.MgmtNwkUpdateNotify => "mgmt_nwk_update_notify",
        _ => string.Create(CultureInfo.InvariantCulture, $"zdp_0x{cluster:x4}"),
    };

    /// <summary>R22 status name (Table 2.138), or <c>reserved_0xNN</c>.</summary>
    public static string Status(ZdpStatus status) => status switch
    {
        ZdpStatus.Success => "success",
        ZdpStatus.InvRequestType => "inv_requesttype",
        ZdpStatus.DeviceNotFound => "device_not_found",
        ZdpStatus.InvalidEp => "invalid_ep",
        ZdpStatus.NotActive => "not_active",
        ZdpStatus.NotSupported => "not_supported",
        ZdpStatus.Timeout => "timeout",
        ZdpStatus.NoMatch => "no_match",
        ZdpStatus.NoEntry => "no_entry",
        ZdpStatus.NoDescriptor => "no_descriptor",
        ZdpStatus.InsufficientSpace => "insufficient_space",
        ZdpStatus.NotPermitted => "not_permitted",
        ZdpStatus.TableFull => "table_full",
        ZdpStatus.NotAuthorized => "not_authorized",
        ZdpStatus.DeviceBindingTableFull => "device_binding_table_full",
        ZdpStatus.InvalidIndex => "invalid_index",
        _ => string.Create(CultureInfo.InvariantCulture, $"reserved_0x{(byte)status:x2}"),
    };

    public static string RequestType(ZdpAddressRequestType type) => type switch
    {
        ZdpAddressRequestType.Single => "single",
        ZdpAddressRequestType.Extended => "extended",
        _ => string.Create(CultureInfo.InvariantCulture, $"reserved_0x{(byte)type:x2}"),
    };

    public static string LogicalType(ZdpLogicalType type) => type switch
    {
        ZdpLogicalType.Coordinator => "coordinator",
        ZdpLogicalType.Router => "router",
        ZdpLogicalType.EndDevice => "end_device",
        _ => string.Create(CultureInfo.InvariantCulture, $"reserved_{(byte)type}"),
    };

    public static string Relationship(ZdpNeighborRelationship relationship) => relationship switch
    {
        ZdpNeighborRelationship.Parent => "parent",
        ZdpNeighborRelationship.Child => "child",
        ZdpNeighborRelationship.Sibling => "sibling",
        ZdpNeighborRelationship.None => "none",
        ZdpNeighborRelationship.PreviousChild => "previous_child",
        _ => string.Create(CultureInfo.InvariantCulture, $"reserved_{(byte)relationship}"),
    };

    public static string NeighborType(ZdpNeighborDeviceType type) => type switch
    {
        ZdpNeighborDeviceType.Coordinator => "coordinator",
        ZdpNeighborDeviceType.Router => "router",
        ZdpNeighborDeviceType.EndDevice => "end_device",
        _ => "unknown",
    };

    public static string RouteStatus(ZdpRouteStatus status) => status switch
    {
        ZdpRouteStatus.Active => "active",
        ZdpRouteStatus.DiscoveryUnderway => "discovery_underway",
        ZdpRouteStatus.DiscoveryFailed => "discovery_failed",
        ZdpRouteStatus.Inactive => "inactive",
        ZdpRouteStatus.ValidationUnderway => "validation_underway",
        _ => string.Create(CultureInfo.InvariantCulture, $"reserved_{(byte)status}"),
    };
}
