using System.Buffers;
using System.Text;
using System.Text.Json;
using ZigBee.Mac;
using ZigBee.Mac.Frames;

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

    public FrameJsonWriter(TextWriter output)
    {
        this.output = output;
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

    /// <summary>One object per layer, bottom up.</summary>
    private void WriteLayers(in MacFrame frame, ReadOnlySpan<byte> psdu) => WriteMac(frame, psdu);

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
                var capability = request.Capability;
                json.WriteStartObject("capability");
                json.WriteBoolean("alternate_pan_coordinator", capability.AlternatePanCoordinator);
                json.WriteBoolean("full_function_device", capability.DeviceType);
                json.WriteBoolean("mains_powered", capability.PowerSource);
                json.WriteBoolean("receiver_on_when_idle", capability.ReceiverOnWhenIdle);
                json.WriteBoolean("security_capability", capability.SecurityCapability);
                json.WriteBoolean("allocate_address", capability.AllocateAddress);
                json.WriteEndObject();
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
}
