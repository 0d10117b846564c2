using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Nwk.Service;
using ZigBee.XBee.Frames;

namespace ZigBee.XBee.Coordinator;

// APSDE-DATA over explicit addressing (0x11 → 0x8B) and explicit receive (0x91 → indication).
public sealed partial class XBeeCoordinator
{
    /// <summary>
    /// APSDE-DATA.request through the dongle: an explicit addressing frame (0x11) with the request's endpoints, cluster,
    /// profile and radius, and the transmit status (0x8B) mapped to the confirm. Unicasts are acknowledged end to end
    /// by the firmware unless the request asks for no acknowledgement (then "disable retries"); a group goes as a
    /// multicast; the binding-table mode has no API frame (the dongle's bindings are out of the host's reach), so it
    /// is NOT_SUPPORTED. Throws <see cref="TimeoutException"/> or <see cref="Serial.SerialLinkException"/> when the
    /// line fails, as every I/O fault.
    /// </summary>
    public async Task<ApsdeDataConfirm> DataRequestAsync(ApsdeDataRequest request, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        ulong destination64;
        ushort destination16;
        var options = TransmitOptions.None;
        switch (request.DstAddrMode)
        {
            case ApsAddressMode.Short when request.DstAddress is > 0xFFFF or (>= 0xFFF8 and < 0xFFFB) or 0xFFFE:
                // Reserved addresses, and 0xFFFE which the API reads as "unknown".
                return Confirm(request, ApsStatus.InvalidParameter);
            case ApsAddressMode.Short when request.DstAddress >= 0xFFFB:
                destination64 = XBeeAddress.Broadcast64;
                destination16 = (ushort)request.DstAddress;
                break;
            case ApsAddressMode.Short:
                destination16 = (ushort)request.DstAddress;
                destination64 = FindDevice(destination16)?.ExtendedAddress ?? XBeeAddress.Unknown64;
                break;
            case ApsAddressMode.Extended:
                destination64 = request.DstAddress;
                destination16 = _devices.TryGetValue(request.DstAddress, out var known) ? known.NetworkAddress : XBeeAddress.Unknown16;
                break;
            case ApsAddressMode.Group when request.DstAddress <= 0xFFFF:
                // Multicast (Digi's "Multicast transmissions", XBee 3 Zigbee guide 90002002): the 64-bit field does
                // not matter and is best all ones; the 16-bit field is the group.
                destination64 = XBeeAddress.Unknown64;
                destination16 = (ushort)request.DstAddress;
                options |= TransmitOptions.Multicast;
                break;
            case ApsAddressMode.None:
                return Confirm(request, ApsStatus.NotSupported, deliveries: 0);
            default:
                return Confirm(request, ApsStatus.InvalidParameter);
        }

        var broadcast = destination64 == XBeeAddress.Broadcast64 || (options & TransmitOptions.Multicast) != 0;
        if (!broadcast && (request.TxOptions & ApsTxOptions.Acknowledged) == 0)
        {
            options |= TransmitOptions.DisableRetries;
        }

        if ((request.TxOptions & ApsTxOptions.SecurityEnabled) != 0)
        {
            options |= TransmitOptions.ApsEncryption;
        }

        var asdu = request.Asdu;
        var response = await _link.RequestAsync(
            (destination, frameId) => new ExplicitAddressingCommandFrame(frameId, destination64, destination16, request.SrcEndpoint, request.DstEndpoint,
                request.ClusterId, request.ProfileId, request.RadiusCounter, options, asdu.Span).Encode(destination),
            ApiFrameType.TransmitStatus, Options.TransmitStatusTimeout, cancellationToken);
        if (!TransmitStatusFrame.TryDecode(response, out var status))
        {
            throw new Serial.SerialLinkException($"{_link.PortName}: malformed transmit status");
        }

        var (aps, nwk) = ToConfirmStatus(status.DeliveryStatus);
        return Confirm(request, aps, nwk);
    }

    /// <summary>
    /// The firmware's delivery status (0x8B, ZigBee RF Modules guide 90000976) as the APSDE-DATA.confirm status (R22
    /// Table 2-4) with the NWK status beside it where the failure was the network's.
    /// </summary>
    public static (ApsStatus Aps, NwkStatus Nwk) ToConfirmStatus(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Success => (ApsStatus.Success, NwkStatus.Success),
        DeliveryStatus.MacAckFailure or DeliveryStatus.CcaFailure => (ApsStatus.NoAck, NwkStatus.MacFailure),
        DeliveryStatus.NetworkAckFailure or DeliveryStatus.IndirectMessageUnrequested => (ApsStatus.NoAck, NwkStatus.Success),
        DeliveryStatus.RouteNotFound => (ApsStatus.NoAck, NwkStatus.RouteDiscoveryFailed),
        DeliveryStatus.BroadcastSourceFailedToHearNeighborRelay => (ApsStatus.NoAck, NwkStatus.MacFailure),
        DeliveryStatus.AddressNotFound => (ApsStatus.NoShortAddress, NwkStatus.Success),
        DeliveryStatus.NotJoinedToNetwork => (ApsStatus.IllegalRequest, NwkStatus.InvalidRequest),
        DeliveryStatus.SelfAddressed or DeliveryStatus.InvalidDestinationEndpoint or DeliveryStatus.InvalidBindingTableIndex
            or DeliveryStatus.AttemptedBroadcastWithApsTransmission => (ApsStatus.InvalidParameter, NwkStatus.Success),
        DeliveryStatus.AttemptedUnicastWithApsTransmissionButEeIsZero => (ApsStatus.SecurityFail, NwkStatus.NoKey),
        DeliveryStatus.DataPayloadTooLarge => (ApsStatus.AsduTooLong, NwkStatus.Success),
        _ => (ApsStatus.NoAck, NwkStatus.FrameNotBuffered),
    };

    private ApsdeDataConfirm Confirm(in ApsdeDataRequest request, ApsStatus status, NwkStatus nwk = NwkStatus.Success, int deliveries = 1) =>
        new(request.DstAddrMode, request.DstAddress, request.DstEndpoint, request.SrcEndpoint, status, _time.GetUtcNow(), deliveries, nwk);

    private void Indicate(ulong source64, ushort source16, byte sourceEndpoint, byte destinationEndpoint, ushort clusterId, ushort profileId,
        ReceiveOptions options, ReadOnlySpan<byte> data)
    {
        var broadcast = (options & ReceiveOptions.Broadcast) != 0;
        data.CopyTo(_asdu);
        var indication = new ApsdeDataIndication(ApsAddressMode.Short, broadcast ? (ushort)0xFFFF : NetworkAddress, destinationEndpoint, source16,
            source64 == XBeeAddress.Unknown64 ? 0 : source64, sourceEndpoint, profileId, clusterId, _asdu.AsMemory(0, data.Length), ApsStatus.Success,
            SecurityStatus: (options & ReceiveOptions.ApsEncrypted) != 0, LinkQuality: 0, _time.GetUtcNow(), broadcast);
        DataIndication?.Invoke(indication);
    }
}
