using System.Buffers.Binary;
using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Nwk;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Service;
using ZigBee.XBee.Frames;
using ZigBee.Zdo.Frames;

namespace ZigBee.XBee.Emulator;

// Data: transmit requests from the host (0x10, 0x11 → 0x8B) and what the network sends the host (0x90, 0x91, 0x95, 0xA1).
public sealed partial class ZigBeeFirmware
{
    /// <summary>The 0x95 frame's bytes before the node identification payload: API id, source 64, source 16, options.</summary>
    internal const int NodeIdentificationHeaderLength = 12;

    private readonly Dictionary<ushort, ushort[]> _reportedRoutes = new();

    protected override void HandleFrame(ReadOnlySpan<byte> frameData)
    {
        switch ((ApiFrameType)frameData[0])
        {
            case ApiFrameType.TransmitRequest when TransmitRequestFrame.TryDecode(frameData, out var tx):
                // 0x10 is the explicit frame with Digi's data endpoint, cluster and profile.
                Observe(TransmitAsync(tx.FrameId, tx.Destination64, tx.Destination16, Digi.DataEndpoint, Digi.DataEndpoint, Digi.DataCluster, Digi.Profile,
                    tx.BroadcastRadius, tx.Options, tx.Data.ToArray()));
                break;
            case ApiFrameType.ExplicitAddressingCommand when ExplicitAddressingCommandFrame.TryDecode(frameData, out var ex):
                Observe(TransmitAsync(ex.FrameId, ex.Destination64, ex.Destination16, ex.SourceEndpoint, ex.DestinationEndpoint, ex.ClusterId, ex.ProfileId,
                    ex.BroadcastRadius, ex.Options, ex.Data.ToArray()));
                break;
            case ApiFrameType.CreateSourceRoute when CreateSourceRouteFrame.TryDecode(frameData, out var route):
                CreateSourceRoute(route);
                break;
            case ApiFrameType.RegisterJoiningDevice when RegisterJoiningDeviceFrame.TryDecode(frameData, out var register):
                RegisterJoiningDevice(register);
                break;
            default:
                // Unknown types and malformed frames are dropped without an answer, as the firmware does.
                UnknownFrames++;
                break;
        }
    }

    /// <summary>
    /// 0x10/0x11 → APSDE-DATA.request on the coordinator's APS → 0x8B. Delivery statuses follow the ZigBee RF Modules
    /// user guide 90000976, "ZigBee Transmit Status" (0x8B) table: not joined 0x22, payload over NP 0x74, to itself
    /// 0x23, APS encryption asked with EE=0 0x2E or on a broadcast 0x2D, an IEEE address no discovery resolves 0x24,
    /// no route 0x25, no end-to-end (APS) acknowledgement 0x21, no MAC acknowledgement without retries 0x01.
    /// </summary>
    private async Task TransmitAsync(byte frameId, ulong destination64, ushort destination16, byte sourceEndpoint, byte destinationEndpoint,
        ushort clusterId, ushort profileId, byte radius, TransmitOptions options, byte[] data)
    {
        var (status, discovery, address, retries) = await DeliverAsync(destination64, destination16, sourceEndpoint, destinationEndpoint, clusterId, profileId, radius, options, data);
        if (frameId != 0)
        {
            var length = new TransmitStatusFrame(frameId, address, retries, status, discovery).Encode(_out);
            SendToHost(_out.AsSpan(0, length));
        }
    }

    private async Task<(DeliveryStatus Status, DiscoveryStatus Discovery, ushort Address, byte Retries)> DeliverAsync(ulong destination64, ushort destination16,
        byte sourceEndpoint, byte destinationEndpoint, ushort clusterId, ushort profileId, byte radius, TransmitOptions options, byte[] data)
    {
        if (!Nwk.IsJoined || AssociationIndication != Formed)
        {
            return (DeliveryStatus.NotJoinedToNetwork, DiscoveryStatus.NoDiscoveryOverhead, XBeeAddress.Unknown16, 0);
        }

        var multicast = (options & TransmitOptions.Multicast) != 0;
        var broadcast = !multicast && (destination64 == XBeeAddress.Broadcast64 || IsBroadcast(destination16));
        var encrypted = (options & TransmitOptions.ApsEncryption) != 0;
        if (data.Length > Aps.MaxAsduLength)
        {
            return (DeliveryStatus.DataPayloadTooLarge, DiscoveryStatus.NoDiscoveryOverhead, XBeeAddress.Unknown16, 0);
        }

        if (encrypted && (broadcast || multicast))
        {
            return (DeliveryStatus.AttemptedBroadcastWithApsTransmission, DiscoveryStatus.NoDiscoveryOverhead, XBeeAddress.Unknown16, 0);
        }

        if (encrypted && !_settings.EncryptionEnabled)
        {
            return (DeliveryStatus.AttemptedUnicastWithApsTransmissionButEeIsZero, DiscoveryStatus.NoDiscoveryOverhead, XBeeAddress.Unknown16, 0);
        }

        if (destinationEndpoint is > 0xF0 and < ApsService.BroadcastEndpoint && destinationEndpoint is not (Digi.DataEndpoint or Digi.DeviceObjectEndpoint))
        {
            return (DeliveryStatus.InvalidDestinationEndpoint, DiscoveryStatus.NoDiscoveryOverhead, XBeeAddress.Unknown16, 0);
        }

        if (multicast)
        {
            // Transmit option 0x08: the 16-bit destination is a group; APS sends it as a NWK broadcast (§2.2.4.1.1.3).
            var grouped = await Aps.DataRequestAsync(new ApsdeDataRequest(ApsAddressMode.Group, destination16, 0, profileId, clusterId, sourceEndpoint, data,
                ApsTxOptions.None, radius));
            return (grouped.Status == ApsStatus.Success ? DeliveryStatus.Success : DeliveryStatus.BroadcastSourceFailedToHearNeighborRelay,
                DiscoveryStatus.NoDiscoveryOverhead, destination16, 0);
        }

        if (broadcast)
        {
            // A 64-bit broadcast goes to every device (0xFFFF) unless the 16-bit field names a narrower broadcast.
            var to = IsBroadcast(destination16) ? destination16 : NwkConstants.BroadcastAll;
            var sent = await Aps.DataRequestAsync(new ApsdeDataRequest(ApsAddressMode.Short, to, destinationEndpoint, profileId, clusterId, sourceEndpoint, data,
                ApsTxOptions.None, radius));
            return (sent.Status == ApsStatus.Success ? DeliveryStatus.Success : DeliveryStatus.BroadcastSourceFailedToHearNeighborRelay,
                DiscoveryStatus.NoDiscoveryOverhead, to, 0);
        }

        if (destination64 == ExtendedAddress || (destination64 == 0 && destination16 is 0 or XBeeAddress.Unknown16) || destination16 == Nwk.NetworkAddress)
        {
            return (DeliveryStatus.SelfAddressed, DiscoveryStatus.NoDiscoveryOverhead, Nwk.NetworkAddress, 0);
        }

        var discovery = DiscoveryStatus.NoDiscoveryOverhead;
        ushort address;
        if (destination16 < XBeeAddress.Unknown16)
        {
            address = destination16;
        }
        else if (!Nwk.Nib.AddressMap.TryGetNetwork(destination64, out address))
        {
            // Unknown 16-bit address: the firmware asks the network (NWK_addr_req broadcast) before it gives up.
            discovery = DiscoveryStatus.AddressDiscovery;
            var found = await Zdo.NetworkAddressAsync(destination64);
            if (found.Status != ZdpStatus.Success || found.Value is not { } found64)
            {
                return (DeliveryStatus.AddressNotFound, discovery, XBeeAddress.Unknown16, 0);
            }

            address = found64.NetworkAddress;
            Nwk.NoteDeviceAnnounce(address, destination64);
        }

        var acknowledged = (options & TransmitOptions.DisableRetries) == 0;
        var txOptions = (acknowledged ? ApsTxOptions.Acknowledged : ApsTxOptions.None) | (encrypted ? ApsTxOptions.SecurityEnabled : ApsTxOptions.None);
        var discoveries = Nwk.Counters.RouteDiscoveriesStarted;
        var retries = Aps.Counters.Retries;
        var confirm = await Aps.DataRequestAsync(new ApsdeDataRequest(ApsAddressMode.Short, address, destinationEndpoint, profileId, clusterId, sourceEndpoint, data,
            txOptions, radius));
        if (Nwk.Counters.RouteDiscoveriesStarted != discoveries)
        {
            discovery = discovery == DiscoveryStatus.AddressDiscovery ? DiscoveryStatus.AddressAndRouteDiscovery : DiscoveryStatus.RouteDiscovery;
        }

        // Retries of this transmission, as far as the APS counters tell them apart from others running meanwhile.
        return (Map(confirm, acknowledged), discovery, address, (byte)Math.Min(Aps.Counters.Retries - retries, byte.MaxValue));
    }

    /// <summary>0xFFFB–0xFFFF but 0xFFFE, which in an API frame means "16-bit address unknown".</summary>
    private static bool IsBroadcast(ushort address) => address >= NwkConstants.BroadcastLowPowerRouters && address != XBeeAddress.Unknown16;

    private static DeliveryStatus Map(in ApsdeDataConfirm confirm, bool acknowledged) => confirm.Status switch
    {
        ApsStatus.Success => DeliveryStatus.Success,
        ApsStatus.NoAck when confirm.NwkStatus is NwkStatus.RouteDiscoveryFailed or NwkStatus.RouteError => DeliveryStatus.RouteNotFound,
        ApsStatus.NoAck when acknowledged => DeliveryStatus.NetworkAckFailure,
        ApsStatus.NoAck => DeliveryStatus.MacAckFailure,
        ApsStatus.AsduTooLong => DeliveryStatus.DataPayloadTooLarge,
        ApsStatus.IllegalRequest => DeliveryStatus.NotJoinedToNetwork,
        ApsStatus.NoShortAddress => DeliveryStatus.AddressNotFound,
        ApsStatus.InvalidParameter => DeliveryStatus.InvalidDestinationEndpoint,
        ApsStatus.SecurityFail or ApsStatus.SecuredLinkKey or ApsStatus.SecuredNwkKey => DeliveryStatus.AttemptedUnicastWithApsTransmissionButEeIsZero,
        _ => DeliveryStatus.ResourceError,
    };

    /// <summary>APSDE-DATA.indication on the dongle → the host: 0x95 for a node identification, 0x91 (AO≠0) or 0x90 (AO=0).</summary>
    private void OnCoordinatorData(in ApsdeDataIndication indication)
    {
        _lastLinkQuality = indication.LinkQuality;
        var source64 = indication.SrcIeeeAddress;
        if (source64 == 0 && !Nwk.Nib.AddressMap.TryGetExtended(indication.SrcAddress, out source64))
        {
            source64 = XBeeAddress.Unknown64;
        }

        var options = indication.WasBroadcast ? ReceiveOptions.Broadcast : ReceiveOptions.Acknowledged;
        if (Nwk.NeighborTable.Find(indication.SrcAddress) is { IsChild: true, DeviceType: NwkDeviceRole.EndDevice })
        {
            options |= ReceiveOptions.FromEndDevice;
        }

        ReportRouteRecord(source64, indication.SrcAddress);
        if (indication.ProfileId == Digi.Profile && indication.DstEndpoint == Digi.DataEndpoint && indication.ClusterId == Digi.NodeIdentificationCluster)
        {
            if (indication.SrcAddress != Nwk.NetworkAddress)
            {
                // (Our own discovery broadcast comes back to us too: not an identification.)
                SendNodeIdentification(source64, indication.SrcAddress, options, indication.Asdu.Span);
            }

            return;
        }

        if (indication.ProfileId == Digi.Profile && indication.DstEndpoint == Digi.DeviceObjectEndpoint)
        {
            // Remote AT commands for the dongle itself are the firmware's business, not the host's.
            return;
        }

        int length;
        if (_settings.ApiOptions == 0)
        {
            if (indication.DstEndpoint == ApsService.ZdoEndpoint)
            {
                // AO=0: ZDO traffic stays inside the module.
                return;
            }

            length = new ReceivePacketFrame(source64, indication.SrcAddress, options, indication.Asdu.Span).Encode(_out);
        }
        else
        {
            length = new ExplicitRxIndicatorFrame(source64, indication.SrcAddress, indication.SrcEndpoint, indication.DstEndpoint, indication.ClusterId,
                indication.ProfileId, options, indication.Asdu.Span).Encode(_out);
        }

        SendToHost(_out.AsSpan(0, length));
    }

    private void SendNodeIdentification(ulong source64, ushort source16, ReceiveOptions options, ReadOnlySpan<byte> payload)
    {
        if (NodeIdentificationHeaderLength + payload.Length > _out.Length)
        {
            return;
        }

        _out[0] = (byte)ApiFrameType.NodeIdentificationIndicator;
        BinaryPrimitives.WriteUInt64BigEndian(_out.AsSpan(1), source64);
        BinaryPrimitives.WriteUInt16BigEndian(_out.AsSpan(9), source16);
        _out[11] = (byte)options;
        payload.CopyTo(_out.AsSpan(NodeIdentificationHeaderLength));
        var frame = _out.AsSpan(0, NodeIdentificationHeaderLength + payload.Length);
        // Only a well-formed identification reaches the host: as the answer to a discovery, or as 0x95.
        if (NodeIdentificationFrame.TryDecode(frame, out var identification) && !TryAnswerDiscovery(identification, payload)
            && identification.SourceEvent != (NodeIdentificationEvent)DiscoveryAnswer)
        {
            SendToHost(frame);
        }
    }

    /// <summary>0xA1: the path a device's route record gave the coordinator (relays nearest the device first), once per change.</summary>
    private void ReportRouteRecord(ulong source64, ushort source16)
    {
        if (!Nwk.Nib.RouteRecordTable.TryGet(source16, out var relays) || relays.IsEmpty)
        {
            return;
        }

        if (_reportedRoutes.TryGetValue(source16, out var reported) && relays.SequenceEqual(reported))
        {
            return;
        }

        _reportedRoutes[source16] = relays.ToArray();
        var length = new RouteRecordFrame(source64, source16, ReceiveOptions.Acknowledged, new XBeeAddressList(relays)).Encode(_out);
        SendToHost(_out.AsSpan(0, length));
    }
}
