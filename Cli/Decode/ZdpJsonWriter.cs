using System.Globalization;
using System.Text.Json;
using ZigBee.Mac.Frames;
using ZigBee.Zdo.Frames;

namespace ZigBee.Cli.Decode;

/// <summary>
/// Writes the <c>"zdp"</c> object of a ZDP frame: <c>cluster</c> (name), <c>cluster_id</c>, <c>seq</c>, for responses
/// <c>status</c>, then the command's main fields. Fields that do not decode give <c>"error"</c>; a cluster the codec
/// does not read gives <c>"fields_length"</c> only.
/// </summary>
internal static class ZdpJsonWriter
{
    public static void Write(Utf8JsonWriter json, ushort clusterId, ReadOnlySpan<byte> apsPayload)
    {
        json.WriteStartObject("zdp");
        var cluster = (ZdpClusterId)clusterId;
        json.WriteString("cluster", ZdpNames.Cluster(clusterId));
        json.WriteString("cluster_id", MacNames.Short(clusterId));
        if (!ZdpFrame.TrySplit(apsPayload, out var sequence, out var fields))
        {
            json.WriteString("error", "empty ZDP payload");
            json.WriteEndObject();
            return;
        }

        json.WriteNumber("seq", sequence);
        if (ZdpFrame.IsResponse(cluster) && !fields.IsEmpty)
        {
            json.WriteString("status", ZdpNames.Status((ZdpStatus)fields[0]));
        }

        if (!ZdpFrame.IsKnown(cluster))
        {
            json.WriteNumber("fields_length", fields.Length);
        }
        else if (!WriteFields(json, cluster, fields))
        {
            json.WriteString("error", "ZDP fields truncated or malformed");
        }

        json.WriteEndObject();
    }

    private static bool WriteFields(Utf8JsonWriter json, ZdpClusterId cluster, ReadOnlySpan<byte> fields)
    {
        switch (cluster)
        {
            case ZdpClusterId.NwkAddrRequest when NwkAddrRequest.TryDecode(fields, out var m):
                Ieee(json, "ieee_addr", m.IeeeAddress);
                json.WriteString("request_type", ZdpNames.RequestType(m.RequestType));
                json.WriteNumber("start_index", m.StartIndex);
                return true;
            case ZdpClusterId.IeeeAddrRequest when IeeeAddrRequest.TryDecode(fields, out var m):
                Short(json, "nwk_addr_of_interest", m.NwkAddrOfInterest);
                json.WriteString("request_type", ZdpNames.RequestType(m.RequestType));
                json.WriteNumber("start_index", m.StartIndex);
                return true;
            case ZdpClusterId.NwkAddrResponse when NwkAddrResponse.TryDecode(fields, out var m):
                AddressResponse(json, m.IeeeAddress, m.NwkAddress, m.IsExtended, m.StartIndex, m.AssociatedDevices);
                return true;
            case ZdpClusterId.IeeeAddrResponse when IeeeAddrResponse.TryDecode(fields, out var m):
                AddressResponse(json, m.IeeeAddress, m.NwkAddress, m.IsExtended, m.StartIndex, m.AssociatedDevices);
                return true;
            case ZdpClusterId.NodeDescRequest or ZdpClusterId.PowerDescRequest or ZdpClusterId.ActiveEpRequest when NodeDescRequest.TryDecode(fields, out var m):
                Short(json, "nwk_addr_of_interest", m.NwkAddrOfInterest);
                return true;
            case ZdpClusterId.SimpleDescRequest when SimpleDescRequest.TryDecode(fields, out var m):
                Short(json, "nwk_addr_of_interest", m.NwkAddrOfInterest);
                json.WriteNumber("endpoint", m.Endpoint);
                return true;
            case ZdpClusterId.NodeDescResponse when NodeDescResponse.TryDecode(fields, out var m):
                Short(json, "nwk_addr_of_interest", m.NwkAddrOfInterest);
                if (m.Status == ZdpStatus.Success)
                {
                    NodeDescriptor(json, m.Descriptor);
                }

                return true;
            case ZdpClusterId.PowerDescResponse when PowerDescResponse.TryDecode(fields, out var m):
                Short(json, "nwk_addr_of_interest", m.NwkAddrOfInterest);
                if (m.Status == ZdpStatus.Success)
                {
                    json.WriteStartObject("power_descriptor");
                    json.WriteNumber("current_power_mode", (byte)m.Descriptor.CurrentPowerMode);
                    json.WriteNumber("available_power_sources", (byte)m.Descriptor.AvailablePowerSources);
                    json.WriteNumber("current_power_source", (byte)m.Descriptor.CurrentPowerSource);
                    json.WriteNumber("current_power_source_level", (byte)m.Descriptor.CurrentPowerSourceLevel);
                    json.WriteEndObject();
                }

                return true;
            case ZdpClusterId.SimpleDescResponse when SimpleDescResponse.TryDecode(fields, out var m):
                Short(json, "nwk_addr_of_interest", m.NwkAddrOfInterest);
                if (m.Status == ZdpStatus.Success)
                {
                    json.WriteNumber("endpoint", m.Descriptor.Endpoint);
                    Short(json, "profile", m.Descriptor.ProfileId);
                    Short(json, "device_id", m.Descriptor.DeviceId);
                    json.WriteNumber("device_version", m.Descriptor.DeviceVersion & 0xF);
                    Clusters(json, "input_clusters", m.Descriptor.InputClusters);
                    Clusters(json, "output_clusters", m.Descriptor.OutputClusters);
                }

                return true;
            case ZdpClusterId.ActiveEpResponse when ActiveEpResponse.TryDecode(fields, out var m):
                Short(json, "nwk_addr_of_interest", m.NwkAddrOfInterest);
                Endpoints(json, m.ActiveEndpoints);
                return true;
            case ZdpClusterId.MatchDescRequest when MatchDescRequest.TryDecode(fields, out var m):
                Short(json, "nwk_addr_of_interest", m.NwkAddrOfInterest);
                Short(json, "profile", m.ProfileId);
                Clusters(json, "input_clusters", m.InputClusters);
                Clusters(json, "output_clusters", m.OutputClusters);
                return true;
            case ZdpClusterId.MatchDescResponse when MatchDescResponse.TryDecode(fields, out var m):
                Short(json, "nwk_addr_of_interest", m.NwkAddrOfInterest);
                Endpoints(json, m.MatchList);
                return true;
            case ZdpClusterId.DeviceAnnce when DeviceAnnce.TryDecode(fields, out var m):
                Short(json, "nwk_addr", m.NwkAddress);
                Ieee(json, "ieee_addr", m.IeeeAddress);
                json.WriteString("capability", $"0x{m.Capability.Value:x2}");
                return true;
            case ZdpClusterId.ParentAnnce when ParentAnnce.TryDecode(fields, out var m):
                Children(json, m.Children);
                return true;
            case ZdpClusterId.ParentAnnceResponse when ParentAnnceResponse.TryDecode(fields, out var m):
                Children(json, m.Children);
                return true;
            case ZdpClusterId.SystemServerDiscoveryRequest when SystemServerDiscoveryRequest.TryDecode(fields, out var m):
                Short(json, "server_mask", m.ServerMask.Value);
                return true;
            case ZdpClusterId.SystemServerDiscoveryResponse when SystemServerDiscoveryResponse.TryDecode(fields, out var m):
                Short(json, "server_mask", m.ServerMask.Value);
                return true;
            case ZdpClusterId.EndDeviceBindRequest when EndDeviceBindRequest.TryDecode(fields, out var m):
                Short(json, "binding_target", m.BindingTarget);
                Ieee(json, "ieee_addr", m.SourceIeeeAddress);
                json.WriteNumber("endpoint", m.SourceEndpoint);
                Short(json, "profile", m.ProfileId);
                Clusters(json, "input_clusters", m.InputClusters);
                Clusters(json, "output_clusters", m.OutputClusters);
                return true;
            case ZdpClusterId.BindRequest or ZdpClusterId.UnbindRequest when BindRequest.TryDecode(fields, out var m):
                BindingFields(json, m.Binding);
                return true;
            case ZdpClusterId.MgmtLqiRequest or ZdpClusterId.MgmtRtgRequest or ZdpClusterId.MgmtBindRequest when MgmtLqiRequest.TryDecode(fields, out var m):
                json.WriteNumber("start_index", m.StartIndex);
                return true;
            case ZdpClusterId.MgmtLqiResponse when MgmtLqiResponse.TryDecode(fields, out var m):
                json.WriteNumber("table_entries", m.NeighborTableEntries);
                json.WriteNumber("start_index", m.StartIndex);
                json.WriteStartArray("neighbors");
                foreach (var n in m.Neighbors)
                {
                    json.WriteStartObject();
                    Ieee(json, "extended_pan_id", n.ExtendedPanId);
                    Ieee(json, "ieee_addr", n.ExtendedAddress);
                    Short(json, "nwk_addr", n.NetworkAddress);
                    json.WriteString("device_type", ZdpNames.NeighborType(n.DeviceType));
                    json.WriteNumber("rx_on_when_idle", (byte)n.RxOnWhenIdle);
                    json.WriteString("relationship", ZdpNames.Relationship(n.Relationship));
                    json.WriteNumber("permit_joining", (byte)n.PermitJoining);
                    json.WriteNumber("depth", n.Depth);
                    json.WriteNumber("lqi", n.Lqi);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                return true;
            case ZdpClusterId.MgmtRtgResponse when MgmtRtgResponse.TryDecode(fields, out var m):
                json.WriteNumber("table_entries", m.RoutingTableEntries);
                json.WriteNumber("start_index", m.StartIndex);
                json.WriteStartArray("routes");
                foreach (var r in m.Routes)
                {
                    json.WriteStartObject();
                    Short(json, "destination", r.DestinationAddress);
                    json.WriteString("route_status", ZdpNames.RouteStatus(r.Status));
                    json.WriteBoolean("memory_constrained", r.MemoryConstrained);
                    json.WriteBoolean("many_to_one", r.ManyToOne);
                    json.WriteBoolean("route_record_required", r.RouteRecordRequired);
                    Short(json, "next_hop", r.NextHopAddress);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                return true;
            case ZdpClusterId.MgmtBindResponse when MgmtBindResponse.TryDecode(fields, out var m):
                json.WriteNumber("table_entries", m.BindingTableEntries);
                json.WriteNumber("start_index", m.StartIndex);
                json.WriteStartArray("bindings");
                foreach (var b in m.Bindings)
                {
                    json.WriteStartObject();
                    BindingFields(json, b);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                return true;
            case ZdpClusterId.MgmtLeaveRequest when MgmtLeaveRequest.TryDecode(fields, out var m):
                Ieee(json, "ieee_addr", m.DeviceAddress);
                json.WriteBoolean("remove_children", m.RemoveChildren);
                json.WriteBoolean("rejoin", m.Rejoin);
                return true;
            case ZdpClusterId.MgmtPermitJoiningRequest when MgmtPermitJoiningRequest.TryDecode(fields, out var m):
                json.WriteNumber("duration", m.PermitDuration);
                json.WriteNumber("tc_significance", m.TcSignificance);
                return true;
            case ZdpClusterId.MgmtNwkUpdateRequest when MgmtNwkUpdateRequest.TryDecode(fields, out var m):
                json.WriteString("scan_channels", Mask(m.ScanChannels));
                UpdateTail(json, m.ScanDuration, m.ScanCount, m.NwkUpdateId, m.NwkManagerAddress);
                return true;
            case ZdpClusterId.MgmtNwkEnhancedUpdateRequest when MgmtNwkEnhancedUpdateRequest.TryDecode(fields, out var m):
                json.WriteStartArray("scan_channels");
                foreach (var page in m.ScanChannels)
                {
                    json.WriteStringValue(Mask(page));
                }

                json.WriteEndArray();
                UpdateTail(json, m.ScanDuration, m.ScanCount, m.NwkUpdateId, m.NwkManagerAddress);
                return true;
            case ZdpClusterId.MgmtNwkUpdateNotify when MgmtNwkUpdateNotify.TryDecode(fields, out var m):
                json.WriteString("scanned_channels", Mask(m.ScannedChannels));
                json.WriteNumber("total_transmissions", m.TotalTransmissions);
                json.WriteNumber("transmission_failures", m.TransmissionFailures);
                json.WriteStartArray("energy_values");
                foreach (var energy in m.EnergyValues)
                {
                    json.WriteNumberValue(energy);
                }

                json.WriteEndArray();
                return true;
            case ZdpClusterId.EndDeviceBindResponse or ZdpClusterId.BindResponse or ZdpClusterId.UnbindResponse or ZdpClusterId.MgmtLeaveResponse
                or ZdpClusterId.MgmtPermitJoiningResponse:
                return !fields.IsEmpty;
            default:
                return false;
        }
    }

    private static void AddressResponse(Utf8JsonWriter json, ulong ieee, ushort nwk, bool extended, byte start, ZdpValueList<ushort> devices)
    {
        Ieee(json, "ieee_addr", ieee);
        Short(json, "nwk_addr", nwk);
        if (extended)
        {
            // R22 §2.4.4.2.1: StartIndex is sent only with a non-empty page.
            if (devices.Count > 0)
            {
                json.WriteNumber("start_index", start);
            }

            json.WriteStartArray("associated_devices");
            foreach (var device in devices)
            {
                json.WriteStringValue(MacNames.Short(device));
            }

            json.WriteEndArray();
        }
    }

    private static void NodeDescriptor(Utf8JsonWriter json, NodeDescriptor node)
    {
        json.WriteStartObject("node_descriptor");
        json.WriteString("logical_type", ZdpNames.LogicalType(node.LogicalType));
        json.WriteBoolean("complex_descriptor_available", node.ComplexDescriptorAvailable);
        json.WriteBoolean("user_descriptor_available", node.UserDescriptorAvailable);
        json.WriteNumber("aps_flags", node.ApsFlags);
        json.WriteNumber("frequency_bands", (byte)node.FrequencyBands);
        json.WriteString("mac_capability", $"0x{node.MacCapability.Value:x2}");
        Short(json, "manufacturer_code", node.ManufacturerCode);
        json.WriteNumber("max_buffer_size", node.MaximumBufferSize);
        json.WriteNumber("max_incoming_transfer_size", node.MaximumIncomingTransferSize);
        Short(json, "server_mask", node.ServerMask.Value);
        json.WriteNumber("stack_compliance_revision", node.ServerMask.StackComplianceRevision);
        json.WriteNumber("max_outgoing_transfer_size", node.MaximumOutgoingTransferSize);
        json.WriteNumber("descriptor_capability", (byte)node.DescriptorCapability);
        json.WriteEndObject();
    }

    private static void BindingFields(Utf8JsonWriter json, ZdpBinding binding)
    {
        Ieee(json, "src_ieee_addr", binding.SourceAddress);
        json.WriteNumber("src_endpoint", binding.SourceEndpoint);
        Short(json, "bind_cluster", binding.ClusterId);
        if (binding.DestinationMode == ZdpBindAddressMode.Group)
        {
            json.WriteString("dst_addr_mode", "group");
            Short(json, "dst_group", binding.GroupAddress);
        }
        else
        {
            json.WriteString("dst_addr_mode", "extended");
            Ieee(json, "dst_ieee_addr", binding.DestinationAddress);
            json.WriteNumber("dst_endpoint", binding.DestinationEndpoint);
        }
    }

    private static void UpdateTail(Utf8JsonWriter json, byte duration, byte count, byte updateId, ushort manager)
    {
        json.WriteNumber("scan_duration", duration);
        if (ZdpScanDuration.HasScanCount(duration))
        {
            json.WriteNumber("scan_count", count);
        }

        if (ZdpScanDuration.HasUpdateId(duration))
        {
            json.WriteNumber("nwk_update_id", updateId);
        }

        if (ZdpScanDuration.HasManagerAddress(duration))
        {
            Short(json, "nwk_manager_addr", manager);
        }
    }

    private static void Clusters(Utf8JsonWriter json, string name, ZdpValueList<ushort> clusters)
    {
        json.WriteStartArray(name);
        foreach (var cluster in clusters)
        {
            json.WriteStringValue(MacNames.Short(cluster));
        }

        json.WriteEndArray();
    }

    private static void Endpoints(Utf8JsonWriter json, ZdpValueList<byte> endpoints)
    {
        json.WriteStartArray("endpoints");
        foreach (var endpoint in endpoints)
        {
            json.WriteNumberValue(endpoint);
        }

        json.WriteEndArray();
    }

    private static void Children(Utf8JsonWriter json, ZdpValueList<ulong> children)
    {
        json.WriteStartArray("children");
        foreach (var child in children)
        {
            json.WriteStringValue(MacAddress.FormatExtended(child));
        }

        json.WriteEndArray();
    }

    private static void Short(Utf8JsonWriter json, string name, ushort value) => json.WriteString(name, MacNames.Short(value));

    private static void Ieee(Utf8JsonWriter json, string name, ulong value) => json.WriteString(name, MacAddress.FormatExtended(value));

    private static string Mask(uint channels) => string.Create(CultureInfo.InvariantCulture, $"0x{channels:x8}");
}
