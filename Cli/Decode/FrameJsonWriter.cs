using System.Buffers;
using System.Text;
using System.Text.Json;
using ZigBee.Aps.Frames;
using ZigBee.Mac;
using ZigBee.Mac.Frames;
using ZigBee.Nwk.Frames;

namespace ZigBee.Cli.Decode;

/// <summary>
/// Writes one JSON object per frame, one per line: <c>{"frame":1,"time":…,"fcs_ok":true,"mac":{…}}</c>.
/// Each protocol layer has one method that writes its own object; a higher layer is added by one call in
/// <see cref="WriteLayers"/>, after the layer below it.
/// </summary>
public sealed class FrameJsonWriter
{
    private readonly TextWriter output;
    private readonly ArrayBufferWriter<byte> buffer = new(512);
    private readonly Utf8JsonWriter json;
    private readonly FrameDecryptor decryptor;

    /// <summary>A writer without keys: it still learns keys that transport-key commands carry in the clear.</summary>
    public FrameJsonWriter(TextWriter output)
        : this(output, new FrameDecryptor([]))
    {
    }

    /// <summary>A writer that decrypts with <paramref name="decryptor"/>'s keys (owned by the caller).</summary>
    public FrameJsonWriter(TextWriter output, FrameDecryptor decryptor)
    {
        this.output = output;
        this.decryptor = decryptor;
        json = new Utf8JsonWriter(buffer);
    }

    /// <summary>
    /// Writes frame <paramref name="number"/>. <paramref name="hasFcs"/>: the last two bytes are the FCS; without it
    /// <c>fcs_ok</c> is null. An undecodable frame gets <c>"error"</c> and <c>"error_offset"</c> instead of <c>"mac"</c>.
    /// </summary>
    public void WriteFrame(int number, DateTimeOffset timestamp, ReadOnlySpan<byte> psdu, bool hasFcs)
    {
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteNumber("frame", number);
        json.WriteString("time", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("length", psdu.Length);
        if (hasFcs)
        {
            json.WriteBoolean("fcs_ok", Fcs.Check(psdu));
        }
        else
        {
            json.WriteNull("fcs_ok");
        }

        if (MacFrame.TryDecode(psdu, hasFcs, out var frame, out var errorOffset, out var errorReason))
        {
            WriteLayers(frame, psdu);
        }
        else
        {
            json.WriteString("error", errorReason);
            json.WriteNumber("error_offset", errorOffset);
        }

        json.WriteEndObject();
        json.Flush();
        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>
    /// One object per layer, bottom up. <c>"nwk"</c> is written for MAC payloads that look like ZigBee PRO NWK frames
    /// (<see cref="NwkNames.LooksLikeNwk"/>); if such a payload does not decode, <c>"nwk"</c> holds <c>"error"</c> and
    /// <c>"error_offset"</c>. Other payloads get no <c>"nwk"</c>. A MAC beacon whose payload is a ZigBee beacon payload
    /// gets <c>"zigbee_beacon"</c>. An unsecured NWK data or inter-PAN frame's payload is an APS frame and gets
    /// <c>"aps"</c> (an error object if it does not decode); so does a NWK-secured data frame that one of the keys
    /// decrypts. A NWK-secured frame no key decrypts gets no <c>"aps"</c>. An APS data frame on the ZigBee Device Profile
    /// (profile 0x0000, endpoint 0) whose payload is readable gets <c>"zdp"</c> after <c>"aps"</c>.
    /// </summary>
    private void WriteLayers(in MacFrame frame, ReadOnlySpan<byte> psdu)
    {
        WriteMac(frame, psdu);
        var payload = frame.Payload(psdu);
        if (NwkNames.LooksLikeNwk(frame, payload))
        {
            if (WriteNwk(frame, payload, out var plaintextLength) is { } nwk)
            {
                var apsReadable = false;
                ApsHeader apsHeader = default;
                var apsPayload = ReadOnlySpan<byte>.Empty;
                if (ApsNames.CarriesReadableAps(nwk))
                {
                    apsReadable = WriteAps(nwk.Payload(payload), nwk, out apsHeader, out apsPayload);
                }
                else if (plaintextLength >= 0 && nwk.Header.FrameType is NwkFrameType.Data or NwkFrameType.InterPan)
                {
                    apsReadable = WriteAps(decryptor.NwkPlaintext(plaintextLength), nwk, out apsHeader, out apsPayload);
                }

                if (apsReadable && ZdpNames.IsZdp(apsHeader))
                {
                    ZdpJsonWriter.Write(json, apsHeader.ClusterId, apsPayload);
                }
            }
        }
        else if (frame.Header.FrameType == MacFrameType.Beacon && frame.Header.FrameControl.FrameVersion != MacFrameVersion.Ieee2015
            && Beacon.TryDecode(payload, out var beacon))
        {
            WriteZigBeeBeacon(beacon.BeaconPayload(payload));
        }
    }

    /// <summary>
    /// Writes <c>"nwk"</c>; returns the decoded frame, or null when it did not decode. A secured frame gets
    /// <c>"decrypted"</c>; <paramref name="plaintextLength"/> is the decrypted payload's length, or -1.
    /// </summary>
    private NwkFrame? WriteNwk(in MacFrame mac, ReadOnlySpan<byte> nwk, out int plaintextLength)
    {
        plaintextLength = -1;
        json.WriteStartObject("nwk");
        if (!NwkFrame.TryDecode(nwk, out var frame, out var errorOffset, out var errorReason))
        {
            json.WriteString("error", errorReason);
            json.WriteNumber("error_offset", errorOffset);
            json.WriteEndObject();
            return null;
        }

        var header = frame.Header;
        var fc = header.FrameControl;
        json.WriteString("frame_type", NwkNames.FrameType(fc.FrameType));
        json.WriteNumber("protocol_version", fc.ProtocolVersion);
        json.WriteNumber("discover_route", (int)fc.DiscoverRoute);
        json.WriteBoolean("multicast", fc.Multicast);
        json.WriteBoolean("security", fc.Security);
        json.WriteBoolean("source_route", fc.SourceRoute);
        json.WriteBoolean("end_device_initiator", fc.EndDeviceInitiator);
        if (fc.ReservedBits != 0)
        {
            json.WriteNumber("reserved_bits", fc.ReservedBits);
        }

        if (!header.IsInterPan)
        {
            json.WriteString("dst", MacNames.Short(header.DestinationAddress));
            json.WriteString("src", MacNames.Short(header.SourceAddress));
            json.WriteNumber("radius", header.Radius);
            json.WriteNumber("seq", header.SequenceNumber);
        }

        if (header.DestinationIeeeAddress is { } dst64)
        {
            json.WriteString("dst64", MacAddress.FormatExtended(dst64));
        }

        if (header.SourceIeeeAddress is { } src64)
        {
            json.WriteString("src64", MacAddress.FormatExtended(src64));
        }

        if (header.MulticastControl is { } multicast)
        {
            json.WriteStartObject("multicast_control");
            json.WriteNumber("mode", (int)multicast.Mode);
            json.WriteNumber("non_member_radius", multicast.NonMemberRadius);
            json.WriteNumber("max_non_member_radius", multicast.MaxNonMemberRadius);
            json.WriteEndObject();
        }

        if (header.SourceRoute is { } route)
        {
            json.WriteNumber("relay_count", route.RelayCount);
            json.WriteNumber("relay_index", route.RelayIndex);
            json.WriteStartArray("relays");
            for (var i = 0; i < route.RelayCount; i++)
            {
                json.WriteStringValue(MacNames.Short(route.GetRelay(nwk, i)));
            }

            json.WriteEndArray();
        }

        if (header.Security is { } security)
        {
            json.WriteStartObject("aux_security");
            json.WriteNumber("level", security.SecurityLevel);
            json.WriteString("key_id", NwkNames.KeyIdentifier(security.KeyIdentifier));
            json.WriteBoolean("extended_nonce", security.ExtendedNonce);
            json.WriteNumber("frame_counter", security.FrameCounter);
            if (security.ExtendedNonce)
            {
                json.WriteString("source", MacAddress.FormatExtended(security.SourceAddress));
            }

            if (security.HasKeySequenceNumber)
            {
                json.WriteNumber("key_seq", security.KeySequenceNumber);
            }

            json.WriteNumber("mic_length", frame.MicLength);
            json.WriteEndObject();
        }

        json.WriteNumber("payload_length", frame.PayloadLength);
        decryptor.Observe(mac, frame);
        if (frame.CommandId(nwk) is { } id)
        {
            WriteNwkCommand(id, frame.Payload(nwk));
        }
        else if (header.Security.HasValue)
        {
            var decrypted = decryptor.TryDecryptNwk(nwk, frame, out var length);
            json.WriteBoolean("decrypted", decrypted);
            if (decrypted)
            {
                plaintextLength = length;
                var plaintext = decryptor.NwkPlaintext(length);
                if (header.FrameType == NwkFrameType.Command && length > 0)
                {
                    WriteNwkCommand((NwkCommandId)plaintext[0], plaintext);
                }
            }
        }

        json.WriteEndObject();
        return frame;
    }

    /// <summary>
    /// The APS header (§2.2.5.1) with a fixed set of keys: a field the frame does not carry is null, so every
    /// <c>"aps"</c> object has the same keys. <c>"command"</c> names the command of an unsecured or decrypted command
    /// frame. A secured frame also gets <c>"decrypted"</c>, last.
    /// </summary>
    /// <returns>True when the frame decoded and its payload is readable (in the clear or decrypted): then <paramref name="decoded"/> and <paramref name="payload"/> are set.</returns>
    private bool WriteAps(ReadOnlySpan<byte> aps, scoped in NwkFrame nwk, out ApsHeader decoded, out ReadOnlySpan<byte> payload)
    {
        decoded = default;
        payload = default;
        json.WriteStartObject("aps");
        if (!ApsFrame.TryDecode(aps, out var frame, out var errorOffset, out var errorReason))
        {
            json.WriteString("error", errorReason);
            json.WriteNumber("error_offset", errorOffset);
            json.WriteEndObject();
            return false;
        }

        var header = frame.Header;
        var fc = header.FrameControl;
        var plaintext = ReadOnlySpan<byte>.Empty;
        var decrypted = false;
        if (header.Security.HasValue && decryptor.TryDecryptAps(aps, frame, nwk, out var plaintextLength))
        {
            decrypted = true;
            plaintext = decryptor.ApsPlaintext(plaintextLength);
        }
        else if (!header.Security.HasValue)
        {
            plaintext = frame.Payload(aps);
        }

        json.WriteString("frame_type", ApsNames.FrameType(fc.FrameType));
        json.WriteString("delivery_mode", ApsNames.DeliveryMode(fc.DeliveryMode));
        json.WriteBoolean("ack_request", fc.AckRequest);
        json.WriteBoolean("security", fc.Security);
        json.WriteBoolean("extended_header", fc.ExtendedHeader);
        WriteNumberOrNull("dst_endpoint", header.HasDestinationEndpoint, header.DestinationEndpoint);
        WriteHexOrNull("group", header.HasGroupAddress, header.GroupAddress);
        WriteHexOrNull("cluster", header.HasAddressing, header.ClusterId);
        WriteHexOrNull("profile", header.HasAddressing, header.ProfileId);
        WriteNumberOrNull("src_endpoint", header.HasSourceEndpoint, header.SourceEndpoint);
        WriteNumberOrNull("counter", header.HasCounter, header.Counter);
        if (fc.FrameType == ApsFrameType.Command && (decrypted || !header.Security.HasValue) && plaintext.Length > 0)
        {
            json.WriteString("command", ApsNames.Command((ApsCommandId)plaintext[0]));
            decryptor.LearnFrom(plaintext);
        }
        else
        {
            json.WriteNull("command");
        }

        if (header.HasExtendedHeader)
        {
            json.WriteString("fragmentation", ApsNames.Fragmentation(header.Fragmentation));
        }
        else
        {
            json.WriteNull("fragmentation");
        }

        WriteNumberOrNull("block", header.HasBlockNumber, header.BlockNumber);
        if (header.Security.HasValue)
        {
            json.WriteBoolean("decrypted", decrypted);
        }

        json.WriteEndObject();
        decoded = header;
        payload = plaintext;
        return decrypted || !header.Security.HasValue;
    }

    private void WriteNumberOrNull(string name, bool present, int value)
    {
        if (present)
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private void WriteHexOrNull(string name, bool present, ushort value)
    {
        if (present)
        {
            json.WriteString(name, MacNames.Short(value));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private void WriteNwkCommand(NwkCommandId id, ReadOnlySpan<byte> payload)
    {
        json.WriteNumber("command", (byte)id);
        if (NwkNames.Command(id) is { } name)
        {
            json.WriteString("command_name", name);
        }

        switch (id)
        {
            case NwkCommandId.RouteRequest when RouteRequestCommand.TryDecode(payload, out var request):
                json.WriteNumber("many_to_one", (int)request.ManyToOne);
                json.WriteBoolean("command_multicast", request.Multicast);
                json.WriteNumber("route_request_id", request.RouteRequestId);
                json.WriteString("destination", MacNames.Short(request.DestinationAddress));
                json.WriteNumber("path_cost", request.PathCost);
                if (request.DestinationIeeeAddress is { } destination64)
                {
                    json.WriteString("destination64", MacAddress.FormatExtended(destination64));
                }

                break;
            case NwkCommandId.RouteReply when RouteReplyCommand.TryDecode(payload, out var reply):
                json.WriteBoolean("command_multicast", reply.Multicast);
                json.WriteNumber("route_request_id", reply.RouteRequestId);
                json.WriteString("originator", MacNames.Short(reply.OriginatorAddress));
                json.WriteString("responder", MacNames.Short(reply.ResponderAddress));
                json.WriteNumber("path_cost", reply.PathCost);
                if (reply.OriginatorIeeeAddress is { } originator64)
                {
                    json.WriteString("originator64", MacAddress.FormatExtended(originator64));
                }

                if (reply.ResponderIeeeAddress is { } responder64)
                {
                    json.WriteString("responder64", MacAddress.FormatExtended(responder64));
                }

                break;
            case NwkCommandId.NetworkStatus when NetworkStatusCommand.TryDecode(payload, out var status):
                json.WriteString("status", NwkNames.Status(status.Status));
                json.WriteString("destination", MacNames.Short(status.DestinationAddress));
                if (status.UnknownCommandId is { } unknown)
                {
                    json.WriteNumber("unknown_command", unknown);
                }

                break;
            case NwkCommandId.Leave when LeaveCommand.TryDecode(payload, out var leave):
                json.WriteBoolean("rejoin", leave.Rejoin);
                json.WriteBoolean("request", leave.Request);
                json.WriteBoolean("remove_children", leave.RemoveChildren);
                break;
            case NwkCommandId.RouteRecord when RouteRecordCommand.TryDecode(payload, out var record):
                json.WriteStartArray("relays");
                for (var i = 0; i < record.RelayCount; i++)
                {
                    json.WriteStringValue(MacNames.Short(record.GetRelay(payload, i)));
                }

                json.WriteEndArray();
                break;
            case NwkCommandId.RejoinRequest when RejoinRequestCommand.TryDecode(payload, out var rejoin):
                WriteCapability(json, rejoin.Capability);
                break;
            case NwkCommandId.RejoinResponse when RejoinResponseCommand.TryDecode(payload, out var rejoinResponse):
                json.WriteString("network_address", MacNames.Short(rejoinResponse.NetworkAddress));
                json.WriteNumber("rejoin_status", (byte)rejoinResponse.Status);
                break;
            case NwkCommandId.LinkStatus when LinkStatusCommand.TryDecode(payload, out var link):
                json.WriteBoolean("first_frame", link.FirstFrame);
                json.WriteBoolean("last_frame", link.LastFrame);
                json.WriteStartArray("links");
                for (var i = 0; i < link.EntryCount; i++)
                {
                    var entry = link.GetEntry(payload, i);
                    json.WriteStartObject();
                    json.WriteString("address", MacNames.Short(entry.NeighborAddress));
                    json.WriteNumber("incoming_cost", entry.IncomingCost);
                    json.WriteNumber("outgoing_cost", entry.OutgoingCost);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
            case NwkCommandId.NetworkReport when NetworkReportCommand.TryDecode(payload, out var report):
                json.WriteNumber("report_type", (int)report.ReportType);
                json.WriteString("extended_pan_id", MacAddress.FormatExtended(report.ExtendedPanId));
                json.WriteStartArray("pan_ids");
                for (var i = 0; i < report.Count; i++)
                {
                    json.WriteStringValue(MacNames.Short(report.GetPanId(payload, i)));
                }

                json.WriteEndArray();
                break;
            case NwkCommandId.NetworkUpdate when NetworkUpdateCommand.TryDecode(payload, out var update):
                json.WriteNumber("update_type", (int)update.UpdateType);
                json.WriteString("extended_pan_id", MacAddress.FormatExtended(update.ExtendedPanId));
                json.WriteNumber("update_id", update.UpdateId);
                json.WriteString("new_pan_id", MacNames.Short(update.NewPanId));
                break;
            case NwkCommandId.EndDeviceTimeoutRequest when EndDeviceTimeoutRequestCommand.TryDecode(payload, out var timeoutRequest):
                json.WriteNumber("requested_timeout", timeoutRequest.RequestedTimeout);
                if (timeoutRequest.Timeout is { } timeout)
                {
                    json.WriteNumber("timeout_seconds", (long)timeout.TotalSeconds);
                }

                json.WriteNumber("end_device_configuration", timeoutRequest.EndDeviceConfiguration);
                break;
            case NwkCommandId.EndDeviceTimeoutResponse when EndDeviceTimeoutResponseCommand.TryDecode(payload, out var timeoutResponse):
                json.WriteNumber("timeout_status", (byte)timeoutResponse.Status);
                json.WriteBoolean("mac_data_poll_keepalive", timeoutResponse.MacDataPollKeepalive);
                json.WriteBoolean("end_device_timeout_request_keepalive", timeoutResponse.EndDeviceTimeoutRequestKeepalive);
                json.WriteBoolean("power_negotiation_support", timeoutResponse.PowerNegotiationSupport);
                break;
            case NwkCommandId.LinkPowerDelta when LinkPowerDeltaCommand.TryDecode(payload, out var power):
                json.WriteNumber("power_delta_type", (int)power.Type);
                json.WriteStartArray("power_deltas");
                for (var i = 0; i < power.Count; i++)
                {
                    var entry = power.GetEntry(payload, i);
                    json.WriteStartObject();
                    json.WriteString("address", MacNames.Short(entry.Address));
                    json.WriteNumber("power_delta", entry.PowerDelta);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
            default:
                if (NwkCommand.IsKnown(id))
                {
                    json.WriteString("command_error", "command fields truncated");
                }

                break;
        }
    }

    /// <summary>A ZigBee beacon payload (protocol identifier 0, as Wireshark's heuristic asks).</summary>
    private void WriteZigBeeBeacon(ReadOnlySpan<byte> beaconPayload)
    {
        if (!ZigBeeBeaconPayload.TryDecode(beaconPayload, out var beacon) || beacon.ProtocolId != ZigBeeBeaconPayload.ZigBeeProtocolId)
        {
            return;
        }

        json.WriteStartObject("zigbee_beacon");
        json.WriteNumber("protocol_id", beacon.ProtocolId);
        json.WriteNumber("stack_profile", beacon.StackProfile);
        json.WriteNumber("protocol_version", beacon.ProtocolVersion);
        json.WriteBoolean("router_capacity", beacon.RouterCapacity);
        json.WriteNumber("device_depth", beacon.DeviceDepth);
        json.WriteBoolean("end_device_capacity", beacon.EndDeviceCapacity);
        json.WriteString("extended_pan_id", MacAddress.FormatExtended(beacon.ExtendedPanId));
        json.WriteNumber("tx_offset", beacon.TxOffset);
        json.WriteNumber("update_id", beacon.UpdateId);
        json.WriteEndObject();
    }

    private void WriteMac(in MacFrame frame, ReadOnlySpan<byte> psdu)
    {
        var header = frame.Header;
        var fc = header.FrameControl;
        json.WriteStartObject("mac");
        json.WriteString("frame_type", MacNames.FrameType(fc.FrameType));
        json.WriteNumber("frame_version", (int)fc.FrameVersion);
        if (header.HasSequenceNumber)
        {
            json.WriteNumber("seq", header.SequenceNumber);
        }

        json.WriteBoolean("security", fc.SecurityEnabled);
        json.WriteBoolean("frame_pending", fc.FramePending);
        json.WriteBoolean("ack_request", fc.AckRequest);
        json.WriteBoolean("pan_id_compression", fc.PanIdCompression);
        json.WriteString("dst_addr_mode", MacNames.AddressingMode(fc.DestinationAddressingMode));
        json.WriteString("src_addr_mode", MacNames.AddressingMode(fc.SourceAddressingMode));
        if (fc.ReservedBits != 0)
        {
            json.WriteNumber("reserved_bits", fc.ReservedBits);
        }

        if (header.HasDestinationPanId)
        {
            json.WriteString("dst_pan", MacNames.Short(header.DestinationPanId));
        }

        if (header.Destination.Length > 0)
        {
            json.WriteString("dst", header.Destination.ToString());
        }

        if (header.HasSourcePanId)
        {
            json.WriteString("src_pan", MacNames.Short(header.SourcePanId));
        }

        if (header.Source.Length > 0)
        {
            json.WriteString("src", header.Source.ToString());
        }

        if (header.Security is { } security)
        {
            WriteSecurity(security);
        }

        json.WriteNumber("payload_length", frame.PayloadLength);
        var payload = frame.Payload(psdu);
        // Beacon fields and command identifiers are sent in the clear even in secured frames (§7.6.3.1); 2015
        // enhanced beacons have no superframe fields.
        if (fc.FrameType == MacFrameType.Beacon && fc.FrameVersion != MacFrameVersion.Ieee2015)
        {
            WriteBeacon(payload);
        }
        else if (frame.CommandId(psdu) is { } id)
        {
            WriteCommand(id, payload, encrypted: fc.SecurityEnabled && header.Security is not { Encrypted: false });
        }

        json.WriteEndObject();
    }

    private void WriteSecurity(AuxiliarySecurityHeader security)
    {
        json.WriteStartObject("aux_security");
        json.WriteNumber("level", security.SecurityLevel);
        json.WriteNumber("key_id_mode", security.KeyIdentifierMode);
        if (!security.FrameCounterSuppressed)
        {
            json.WriteNumber("frame_counter", security.FrameCounter);
        }

        if (security.KeyIdentifierMode == 2)
        {
            json.WriteString("key_source", $"0x{security.KeySource:x8}");
        }
        else if (security.KeyIdentifierMode == 3)
        {
            json.WriteString("key_source", MacAddress.FormatExtended(security.KeySource));
        }

        if (security.KeyIdentifierMode != 0)
        {
            json.WriteNumber("key_index", security.KeyIndex);
        }

        json.WriteNumber("mic_length", security.MicLength);
        json.WriteEndObject();
    }

    private void WriteBeacon(ReadOnlySpan<byte> payload)
    {
        if (!Beacon.TryDecode(payload, out var beacon))
        {
            return;
        }

        var superframe = beacon.Superframe;
        json.WriteStartObject("superframe");
        json.WriteNumber("beacon_order", superframe.BeaconOrder);
        json.WriteNumber("superframe_order", superframe.SuperframeOrder);
        json.WriteNumber("final_cap_slot", superframe.FinalCapSlot);
        json.WriteBoolean("battery_life_extension", superframe.BatteryLifeExtension);
        json.WriteBoolean("pan_coordinator", superframe.PanCoordinator);
        json.WriteBoolean("association_permit", superframe.AssociationPermit);
        json.WriteEndObject();
        json.WriteBoolean("gts_permit", beacon.GtsPermit);
        json.WriteStartArray("gts");
        for (var i = 0; i < beacon.GtsDescriptorCount; i++)
        {
            var descriptor = beacon.GetGtsDescriptor(payload, i);
            json.WriteStartObject();
            json.WriteString("short", MacNames.Short(descriptor.ShortAddress));
            json.WriteNumber("starting_slot", descriptor.StartingSlot);
            json.WriteNumber("length", descriptor.Length);
            json.WriteString("direction", beacon.IsReceiveGts(i) ? "receive" : "transmit");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("pending_short");
        for (var i = 0; i < beacon.PendingShortCount; i++)
        {
            json.WriteStringValue(MacNames.Short(beacon.GetPendingShort(payload, i)));
        }

        json.WriteEndArray();
        json.WriteStartArray("pending_extended");
        for (var i = 0; i < beacon.PendingExtendedCount; i++)
        {
            json.WriteStringValue(MacAddress.FormatExtended(beacon.GetPendingExtended(payload, i)));
        }

        json.WriteEndArray();
        json.WriteNumber("beacon_payload_length", beacon.BeaconPayloadLength);
    }

    private void WriteCommand(MacCommandId id, ReadOnlySpan<byte> payload, bool encrypted)
    {
        json.WriteNumber("command", (byte)id);
        if (MacNames.Command(id) is { } name)
        {
            json.WriteString("command_name", name);
        }

        if (encrypted)
        {
            // §7.6.3.1: only the identifier is in the clear; the command's fields are encrypted.
            return;
        }

        switch (id)
        {
            case MacCommandId.AssociationRequest when AssociationRequestCommand.TryDecode(payload, out var request):
                WriteCapability(json, request.Capability);
                break;
            case MacCommandId.AssociationResponse when AssociationResponseCommand.TryDecode(payload, out var response):
                json.WriteString("short_address", MacNames.Short(response.ShortAddress));
                json.WriteString("status", MacNames.AssociationStatus(response.Status));
                break;
            case MacCommandId.DisassociationNotification when DisassociationNotificationCommand.TryDecode(payload, out var notification):
                json.WriteString("reason", MacNames.DisassociateReason(notification.Reason));
                break;
            case MacCommandId.CoordinatorRealignment when CoordinatorRealignmentCommand.TryDecode(payload, out var realignment):
                json.WriteString("pan_id", MacNames.Short(realignment.PanId));
                json.WriteString("coordinator_short_address", MacNames.Short(realignment.CoordinatorShortAddress));
                json.WriteNumber("logical_channel", realignment.LogicalChannel);
                json.WriteString("short_address", MacNames.Short(realignment.ShortAddress));
                if (realignment.ChannelPage is { } page)
                {
                    json.WriteNumber("channel_page", page);
                }

                break;
            case MacCommandId.GtsRequest when GtsRequestCommand.TryDecode(payload, out var gts):
                json.WriteNumber("gts_length", gts.GtsLength);
                json.WriteString("direction", gts.ReceiveOnly ? "receive" : "transmit");
                json.WriteString("characteristics_type", gts.Allocation ? "allocation" : "deallocation");
                break;
            default:
                if (MacCommand.IsKnown(id) && payload.Length < MacCommand.PayloadLength(id))
                {
                    json.WriteString("command_error", "command fields truncated");
                }

                break;
        }
    }

    /// <summary>The capability information field of an association request or a rejoin request.</summary>
    private static void WriteCapability(Utf8JsonWriter json, CapabilityInformation capability)
    {
        json.WriteStartObject("capability");
        json.WriteBoolean("alternate_pan_coordinator", capability.AlternatePanCoordinator);
        json.WriteBoolean("full_function_device", capability.DeviceType);
        json.WriteBoolean("mains_powered", capability.PowerSource);
        json.WriteBoolean("receiver_on_when_idle", capability.ReceiverOnWhenIdle);
        json.WriteBoolean("security_capability", capability.SecurityCapability);
        json.WriteBoolean("allocate_address", capability.AllocateAddress);
        json.WriteEndObject();
    }
}
