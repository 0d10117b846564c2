using System.Globalization;
using ZigBee.Mac.Frames;
using ZigBee.Zdo.Frames;

namespace ZigBee.Tests.Zdo.Frames;

/// <summary>
/// What tshark's zbee_zdp fields should show for a ZDP message, computed from our decoded types: the tshark field
/// name and its text (several occurrences joined by commas, as <see cref="Tshark.FieldsAsync"/> asks).
/// </summary>
internal static class ZdpTsharkView
{
    public static readonly string[] Fields =
    [
        "frame.number", "zbee_aps.zdp_cluster", "zbee_zdp.seqno", "zbee_zdp.status", "zbee_zdp.nwk_addr", "zbee_zdp.ext_addr", "zbee_zdp.req_type",
        "zbee_zdp.index", "zbee_zdp.endpoint", "zbee_zdp.profile", "zbee_zdp.in_cluster", "zbee_zdp.out_cluster", "zbee_zdp.assoc_device",
        "zbee_zdp.duration", "zbee_zdp.significance", "zbee_zdp.scan_count", "zbee_zdp.update_id", "zbee_zdp.manager", "zbee_zdp.channel_mask",
        "zbee_zdp.channel_page", "zbee_zdp.table_size", "zbee_zdp.table_count", "zbee_zdp.addr", "zbee_zdp.lqi", "zbee_zdp.depth",
        "zbee_zdp.extended_pan", "zbee_zdp.relationship", "zbee_zdp.routing.destination", "zbee_zdp.routing.next_hop", "zbee_zdp.bind.dst",
        "zbee_zdp.bind.dst64", "zbee_zdp.bind.dst_ep", "zbee_zdp.cluster", "zbee_zdp.node.type", "zbee_zdp.node.manufacturer",
        "zbee_zdp.node.max_buffer", "zbee_zdp.cinfo", "zbee_zdp.server", "zbee_zdp.power.mode", "zbee_zdp.tx_total", "zbee_zdp.tx_fail",
        "zbee_zdp.channel_energy", "zbee_zdp.leave.children", "zbee_zdp.leave.rejoin", "zbee_zdp.app.device", "zbee_zdp.ep_count", "_ws.malformed",
    ];

    /// <summary>The fields we expect for <paramref name="fields"/> of <paramref name="cluster"/>; fails when our decoder refuses them.</summary>
    public static Dictionary<string, string> Expect(ZdpClusterId cluster, ReadOnlySpan<byte> fields, string where)
    {
        var expect = new Dictionary<string, string>();
        void Set(string field, string value) => expect[field] = value;
        var hex = Convert.ToHexString(fields);
        void Fail() => Assert.Fail($"{where}: our {cluster} decoder refuses {hex}");
        switch (cluster)
        {
            case ZdpClusterId.NwkAddrRequest:
                if (!NwkAddrRequest.TryDecode(fields, out var nwkReq))
                {
                    Fail();
                }

                Set("zbee_zdp.ext_addr", Eui(nwkReq.IeeeAddress));
                Set("zbee_zdp.req_type", Dec((byte)nwkReq.RequestType));
                Set("zbee_zdp.index", Dec(nwkReq.StartIndex));
                break;
            case ZdpClusterId.IeeeAddrRequest:
                if (!IeeeAddrRequest.TryDecode(fields, out var ieeeReq))
                {
                    Fail();
                }

                Set("zbee_zdp.nwk_addr", Hex16(ieeeReq.NwkAddrOfInterest));
                Set("zbee_zdp.req_type", Dec((byte)ieeeReq.RequestType));
                Set("zbee_zdp.index", Dec(ieeeReq.StartIndex));
                break;
            case ZdpClusterId.NwkAddrResponse:
                if (!NwkAddrResponse.TryDecode(fields, out var nwkRsp))
                {
                    Fail();
                }

                AddressResponse(Set, nwkRsp.Status, nwkRsp.IeeeAddress, nwkRsp.NwkAddress, nwkRsp.StartIndex, nwkRsp.AssociatedDevices);
                break;
            case ZdpClusterId.IeeeAddrResponse:
                if (!IeeeAddrResponse.TryDecode(fields, out var ieeeRsp))
                {
                    Fail();
                }

                AddressResponse(Set, ieeeRsp.Status, ieeeRsp.IeeeAddress, ieeeRsp.NwkAddress, ieeeRsp.StartIndex, ieeeRsp.AssociatedDevices);
                break;
            case ZdpClusterId.NodeDescRequest or ZdpClusterId.PowerDescRequest or ZdpClusterId.ActiveEpRequest:
                if (!NodeDescRequest.TryDecode(fields, out var addressOnly))
                {
                    Fail();
                }

                Set("zbee_zdp.nwk_addr", Hex16(addressOnly.NwkAddrOfInterest));
                break;
            case ZdpClusterId.SimpleDescRequest:
                if (!SimpleDescRequest.TryDecode(fields, out var simpleReq))
                {
                    Fail();
                }

                Set("zbee_zdp.nwk_addr", Hex16(simpleReq.NwkAddrOfInterest));
                Set("zbee_zdp.endpoint", Dec(simpleReq.Endpoint));
                break;
            case ZdpClusterId.NodeDescResponse:
                if (!NodeDescResponse.TryDecode(fields, out var nodeRsp))
                {
                    Fail();
                }

                Set("zbee_zdp.status", Dec((byte)nodeRsp.Status));
                Set("zbee_zdp.nwk_addr", Hex16(nodeRsp.NwkAddrOfInterest));
                if (nodeRsp.Status == ZdpStatus.Success)
                {
                    var node = nodeRsp.Descriptor;
                    Set("zbee_zdp.node.type", Dec((byte)node.LogicalType));
                    Set("zbee_zdp.node.manufacturer", Hex16(node.ManufacturerCode));
                    Set("zbee_zdp.node.max_buffer", Dec(node.MaximumBufferSize));
                    Set("zbee_zdp.cinfo", $"0x{node.MacCapability.Value:x2}");
                    Set("zbee_zdp.server", Hex16(node.ServerMask.Value));
                }

                break;
            case ZdpClusterId.PowerDescResponse:
                if (!PowerDescResponse.TryDecode(fields, out var powerRsp))
                {
                    Fail();
                }

                Set("zbee_zdp.status", Dec((byte)powerRsp.Status));
                Set("zbee_zdp.nwk_addr", Hex16(powerRsp.NwkAddrOfInterest));
                Set("zbee_zdp.power.mode", powerRsp.Status == ZdpStatus.Success ? Dec((byte)powerRsp.Descriptor.CurrentPowerMode) : string.Empty);
                break;
            case ZdpClusterId.SimpleDescResponse:
                if (!SimpleDescResponse.TryDecode(fields, out var simpleRsp))
                {
                    Fail();
                }

                Set("zbee_zdp.status", Dec((byte)simpleRsp.Status));
                Set("zbee_zdp.nwk_addr", Hex16(simpleRsp.NwkAddrOfInterest));
                if (simpleRsp.Status == ZdpStatus.Success)
                {
                    var simple = simpleRsp.Descriptor;
                    Set("zbee_zdp.endpoint", Dec(simple.Endpoint));
                    Set("zbee_zdp.profile", Hex16(simple.ProfileId));
                    Set("zbee_zdp.app.device", Hex16(simple.DeviceId));
                    Set("zbee_zdp.in_cluster", Join(simple.InputClusters));
                    Set("zbee_zdp.out_cluster", Join(simple.OutputClusters));
                }

                break;
            case ZdpClusterId.ActiveEpResponse:
                if (!ActiveEpResponse.TryDecode(fields, out var activeRsp))
                {
                    Fail();
                }

                Set("zbee_zdp.status", Dec((byte)activeRsp.Status));
                Set("zbee_zdp.nwk_addr", Hex16(activeRsp.NwkAddrOfInterest));
                Set("zbee_zdp.ep_count", Dec((byte)activeRsp.ActiveEndpoints.Count));
                Set("zbee_zdp.endpoint", JoinDec(activeRsp.ActiveEndpoints));
                break;
            case ZdpClusterId.MatchDescRequest:
                if (!MatchDescRequest.TryDecode(fields, out var matchReq))
                {
                    Fail();
                }

                Set("zbee_zdp.nwk_addr", Hex16(matchReq.NwkAddrOfInterest));
                Set("zbee_zdp.profile", Hex16(matchReq.ProfileId));
                Set("zbee_zdp.in_cluster", Join(matchReq.InputClusters));
                Set("zbee_zdp.out_cluster", Join(matchReq.OutputClusters));
                break;
            case ZdpClusterId.MatchDescResponse:
                if (!MatchDescResponse.TryDecode(fields, out var matchRsp))
                {
                    Fail();
                }

                Set("zbee_zdp.status", Dec((byte)matchRsp.Status));
                Set("zbee_zdp.nwk_addr", Hex16(matchRsp.NwkAddrOfInterest));
                Set("zbee_zdp.endpoint", JoinDec(matchRsp.MatchList));
                break;
            case ZdpClusterId.DeviceAnnce:
                if (!DeviceAnnce.TryDecode(fields, out var announce))
                {
                    Fail();
                }

                Set("zbee_zdp.nwk_addr", Hex16(announce.NwkAddress));
                Set("zbee_zdp.ext_addr", Eui(announce.IeeeAddress));
                Set("zbee_zdp.cinfo", $"0x{announce.Capability.Value:x2}");
                break;
            case ZdpClusterId.ParentAnnce:
                if (!ParentAnnce.TryDecode(fields, out var parent))
                {
                    Fail();
                }

                Set("zbee_zdp.ext_addr", JoinEui(parent.Children));
                break;
            case ZdpClusterId.ParentAnnceResponse:
                if (!ParentAnnceResponse.TryDecode(fields, out var parentRsp))
                {
                    Fail();
                }

                Set("zbee_zdp.status", Dec((byte)parentRsp.Status));
                Set("zbee_zdp.ext_addr", JoinEui(parentRsp.Children));
                break;
            case ZdpClusterId.SystemServerDiscoveryRequest:
                if (!SystemServerDiscoveryRequest.TryDecode(fields, out var serverReq))
                {
                    Fail();
                }

                Set("zbee_zdp.server", Hex16(serverReq.ServerMask.Value));
                break;
            case ZdpClusterId.SystemServerDiscoveryResponse:
                if (!SystemServerDiscoveryResponse.TryDecode(fields, out var serverRsp))
                {
                    Fail();
                }

                Set("zbee_zdp.status", Dec((byte)serverRsp.Status));
                Set("zbee_zdp.server", Hex16(serverRsp.ServerMask.Value));
                break;
            case ZdpClusterId.EndDeviceBindRequest:
                if (!EndDeviceBindRequest.TryDecode(fields, out var endBind))
                {
                    Fail();
                }

                Set("zbee_zdp.endpoint", Dec(endBind.SourceEndpoint));
                Set("zbee_zdp.profile", Hex16(endBind.ProfileId));
                Set("zbee_zdp.in_cluster", Join(endBind.InputClusters));
                Set("zbee_zdp.out_cluster", Join(endBind.OutputClusters));
                break;
            case ZdpClusterId.BindRequest or ZdpClusterId.UnbindRequest:
                if (!BindRequest.TryDecode(fields, out var bind))
                {
                    Fail();
                }

                Binding(Set, [bind.Binding]);
                break;
            case ZdpClusterId.EndDeviceBindResponse or ZdpClusterId.BindResponse or ZdpClusterId.UnbindResponse or ZdpClusterId.MgmtLeaveResponse
                or ZdpClusterId.MgmtPermitJoiningResponse:
                if (!BindResponse.TryDecode(fields, out var status))
                {
                    Fail();
                }

                Set("zbee_zdp.status", Dec((byte)status.Status));
                break;
            case ZdpClusterId.MgmtLqiRequest or ZdpClusterId.MgmtRtgRequest or ZdpClusterId.MgmtBindRequest:
                if (!MgmtLqiRequest.TryDecode(fields, out var index))
                {
                    Fail();
                }

                Set("zbee_zdp.index", Dec(index.StartIndex));
                break;
            case ZdpClusterId.MgmtLqiResponse:
                if (!MgmtLqiResponse.TryDecode(fields, out var lqi))
                {
                    Fail();
                }

                Table(Set, lqi.Status, lqi.NeighborTableEntries, lqi.StartIndex, lqi.Neighbors.Count);
                var neighbors = new List<ZdpNeighborTableEntry>();
                foreach (var neighbor in lqi.Neighbors)
                {
                    neighbors.Add(neighbor);
                }

                Set("zbee_zdp.extended_pan", string.Join(',', neighbors.Select(n => Eui(n.ExtendedPanId))));
                Set("zbee_zdp.ext_addr", string.Join(',', neighbors.Select(n => Eui(n.ExtendedAddress))));
                Set("zbee_zdp.addr", string.Join(',', neighbors.Select(n => Hex16(n.NetworkAddress))));
                Set("zbee_zdp.relationship", string.Join(',', neighbors.Select(n => Dec((byte)n.Relationship))));
                Set("zbee_zdp.depth", string.Join(',', neighbors.Select(n => Dec(n.Depth))));
                Set("zbee_zdp.lqi", string.Join(',', neighbors.Select(n => Dec(n.Lqi))));
                break;
            case ZdpClusterId.MgmtRtgResponse:
                if (!MgmtRtgResponse.TryDecode(fields, out var rtg))
                {
                    Fail();
                }

                Table(Set, rtg.Status, rtg.RoutingTableEntries, rtg.StartIndex, rtg.Routes.Count);
                var routes = new List<ZdpRoutingTableEntry>();
                foreach (var route in rtg.Routes)
                {
                    routes.Add(route);
                }

                Set("zbee_zdp.routing.destination", string.Join(',', routes.Select(r => Hex16(r.DestinationAddress))));
                Set("zbee_zdp.routing.next_hop", string.Join(',', routes.Select(r => Hex16(r.NextHopAddress))));
                break;
            case ZdpClusterId.MgmtBindResponse:
                if (!MgmtBindResponse.TryDecode(fields, out var table))
                {
                    Fail();
                }

                Table(Set, table.Status, table.BindingTableEntries, table.StartIndex, table.Bindings.Count);
                var bindings = new List<ZdpBinding>();
                foreach (var binding in table.Bindings)
                {
                    bindings.Add(binding);
                }

                Binding(Set, bindings);
                break;
            case ZdpClusterId.MgmtLeaveRequest:
                if (!MgmtLeaveRequest.TryDecode(fields, out var leave))
                {
                    Fail();
                }

                Set("zbee_zdp.ext_addr", Eui(leave.DeviceAddress));
                Set("zbee_zdp.leave.children", leave.RemoveChildren ? "1" : "0");
                Set("zbee_zdp.leave.rejoin", leave.Rejoin ? "1" : "0");
                break;
            case ZdpClusterId.MgmtPermitJoiningRequest:
                if (!MgmtPermitJoiningRequest.TryDecode(fields, out var permit))
                {
                    Fail();
                }

                Set("zbee_zdp.duration", Dec(permit.PermitDuration));
                Set("zbee_zdp.significance", Dec(permit.TcSignificance));
                break;
            case ZdpClusterId.MgmtNwkUpdateRequest:
                if (!MgmtNwkUpdateRequest.TryDecode(fields, out var update))
                {
                    Fail();
                }

                Set("zbee_zdp.channel_page", Dec((byte)(update.ScanChannels >> 27)));
                Set("zbee_zdp.channel_mask", $"0x{update.ScanChannels & 0x07FFFFFF:x8}");
                UpdateTail(Set, update.ScanDuration, update.ScanCount, update.NwkUpdateId, update.NwkManagerAddress);
                break;
            case ZdpClusterId.MgmtNwkEnhancedUpdateRequest:
                if (!MgmtNwkEnhancedUpdateRequest.TryDecode(fields, out var enhanced))
                {
                    Fail();
                }

                var pages = new List<uint>();
                foreach (var page in enhanced.ScanChannels)
                {
                    pages.Add(page);
                }

                Set("zbee_zdp.channel_page", string.Join(',', pages.Select(p => Dec((byte)(p >> 27)))));
                Set("zbee_zdp.channel_mask", string.Join(',', pages.Select(p => $"0x{p & 0x07FFFFFF:x8}")));
                UpdateTail(Set, enhanced.ScanDuration, enhanced.ScanCount, enhanced.NwkUpdateId, enhanced.NwkManagerAddress);
                break;
            case ZdpClusterId.MgmtNwkUpdateNotify:
                if (!MgmtNwkUpdateNotify.TryDecode(fields, out var notify))
                {
                    Fail();
                }

                Set("zbee_zdp.status", Dec((byte)notify.Status));
                Set("zbee_zdp.channel_mask", $"0x{notify.ScannedChannels & 0x07FFFFFF:x8}");
                Set("zbee_zdp.tx_total", notify.TotalTransmissions.ToString(CultureInfo.InvariantCulture));
                Set("zbee_zdp.tx_fail", notify.TransmissionFailures.ToString(CultureInfo.InvariantCulture));
                Set("zbee_zdp.channel_energy", JoinDec(notify.EnergyValues));
                break;
            default:
                Assert.Fail($"{where}: cluster {cluster} has no view");
                break;
        }

        return expect;
    }

    private static void AddressResponse(Action<string, string> set, ZdpStatus status, ulong ieee, ushort nwk, byte start, ZdpValueList<ushort> devices)
    {
        set("zbee_zdp.status", Dec((byte)status));
        set("zbee_zdp.ext_addr", Eui(ieee));
        set("zbee_zdp.nwk_addr", Hex16(nwk));
        if (devices.Count > 0)
        {
            set("zbee_zdp.index", Dec(start));
            set("zbee_zdp.assoc_device", Join(devices));
        }
    }

    private static void Table(Action<string, string> set, ZdpStatus status, byte total, byte start, int count)
    {
        set("zbee_zdp.status", Dec((byte)status));
        set("zbee_zdp.table_size", Dec(total));
        set("zbee_zdp.index", Dec(start));
        set("zbee_zdp.table_count", count.ToString(CultureInfo.InvariantCulture));
    }

    private static void Binding(Action<string, string> set, IReadOnlyList<ZdpBinding> bindings)
    {
        set("zbee_zdp.cluster", string.Join(',', bindings.Select(b => Hex16(b.ClusterId))));
        set("zbee_zdp.bind.dst", string.Join(',', bindings.Where(b => b.DestinationMode == ZdpBindAddressMode.Group).Select(b => Hex16(b.GroupAddress))));
        set("zbee_zdp.bind.dst64", string.Join(',', bindings.Where(b => b.DestinationMode == ZdpBindAddressMode.Extended).Select(b => Eui(b.DestinationAddress))));
        set("zbee_zdp.bind.dst_ep", string.Join(',', bindings.Where(b => b.DestinationMode == ZdpBindAddressMode.Extended).Select(b => Dec(b.DestinationEndpoint))));
    }

    private static void UpdateTail(Action<string, string> set, byte duration, byte count, byte updateId, ushort manager)
    {
        set("zbee_zdp.duration", Dec(duration));
        set("zbee_zdp.scan_count", ZdpScanDuration.HasScanCount(duration) ? Dec(count) : string.Empty);
        set("zbee_zdp.update_id", ZdpScanDuration.HasUpdateId(duration) ? Dec(updateId) : string.Empty);
        set("zbee_zdp.manager", ZdpScanDuration.HasManagerAddress(duration) ? Hex16(manager) : string.Empty);
    }

    public static string Eui(ulong address) => MacAddress.FormatExtended(address);

    public static string Hex16(ushort value) => $"0x{value:x4}";

    public static string Dec(byte value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Join(ZdpValueList<ushort> values)
    {
        var parts = new List<string>();
        foreach (var value in values)
        {
            parts.Add(Hex16(value));
        }

        return string.Join(',', parts);
    }

    private static string JoinDec(ZdpValueList<byte> values)
    {
        var parts = new List<string>();
        foreach (var value in values)
        {
            parts.Add(Dec(value));
        }

        return string.Join(',', parts);
    }

    private static string JoinEui(ZdpValueList<ulong> values)
    {
        var parts = new List<string>();
        foreach (var value in values)
        {
            parts.Add(Eui(value));
        }

        return string.Join(',', parts);
    }
}
