using System.Buffers;
using ZigBee.Aps.Frames;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Nwk;
using ZigBee.Nwk.Service.Primitives;

namespace ZigBee.Aps.Service;

// Frames from NWK: acknowledgements, duplicate rejection, delivery to endpoints and groups.
public sealed partial class ApsService
{
    private void OnNwkDataIndication(in NldeDataIndication indication, ReadOnlySpan<byte> nsdu)
    {
        if (!ApsFrame.TryDecode(nsdu, out var frame))
        {
            Counters.MalformedDropped++;
            return;
        }

        var header = frame.Header;
        if (header.FrameControl.Security)
        {
            OnSecuredFrame(indication, nsdu, frame);
            return;
        }

        switch (header.FrameType)
        {
            case ApsFrameType.Acknowledgement:
                OnAcknowledgement(indication.SrcAddr, header);
                break;

            case ApsFrameType.Command:
                if (header.FrameControl.AckRequest && IsUnicastToUs(indication))
                {
                    SendAck(indication.SrcAddr, ApsHeader.CommandAck(header.Counter));
                }

                _nwk.Nib.AddressMap.TryGetExtended(indication.SrcAddr, out var sender);
                OnCommand(indication, frame.Payload(nsdu), indication.SrcIeeeAddr != 0 ? indication.SrcIeeeAddr : sender, keyIdentifier: null);
                break;

            case ApsFrameType.Data:
                OnData(indication, header, frame.Payload(nsdu));
                break;

            default:
                // Inter-PAN frames travel outside the network and are not an APSDE service.
                Counters.NoEndpointDropped++;
                break;
        }
    }

    private static bool IsUnicastToUs(in NldeDataIndication indication) =>
        indication.DstAddrMode == NwkAddressMode.Unicast && indication.DstAddr < NwkConstants.BroadcastLowPowerRouters;

    private void OnData(in NldeDataIndication indication, in ApsHeader header, ReadOnlySpan<byte> payload)
    {
        var unicast = header.DeliveryMode == ApsDeliveryMode.Unicast && IsUnicastToUs(indication);
        if (header.HasBlockNumber)
        {
            if (unicast)
            {
                OnBlock(indication, header, payload);
            }
            else
            {
                Counters.ReassemblyRefused++;
            }

            return;
        }

        // §2.2.8.4.2: a duplicate is acknowledged again (the first acknowledgement may be what was lost), not delivered.
        if (unicast && header.FrameControl.AckRequest)
        {
            SendAck(indication.SrcAddr, DataAckFor(header));
        }

        if (!_duplicates.TryAccept(indication.SrcAddr, header.Counter, indication.RxTime))
        {
            Counters.DuplicatesRejected++;
            return;
        }

        Deliver(indication, header, payload);
    }

    /// <summary>The acknowledgement of a data frame: its endpoints swapped, its cluster, profile and counter.</summary>
    private static ApsHeader DataAckFor(in ApsHeader data) =>
        ApsHeader.DataAck(data.SourceEndpoint, data.ClusterId, data.ProfileId, data.DestinationEndpoint, data.Counter);

    /// <summary>
    /// Hands a whole ASDU to the endpoints it is for (§2.2.4.1.3): one endpoint, every active endpoint for the broadcast
    /// endpoint, or every member endpoint of a group — nobody else.
    /// </summary>
    private void Deliver(in NldeDataIndication indication, in ApsHeader header, ReadOnlySpan<byte> asdu)
    {
        Span<byte> endpoints = stackalloc byte[256];
        var count = 0;
        var mode = ApsAddressMode.Short;
        var dstAddress = indication.DstAddr;
        if (header.DeliveryMode == ApsDeliveryMode.Group)
        {
            mode = ApsAddressMode.Group;
            dstAddress = header.GroupAddress;
            count = Groups.CopyEndpoints(header.GroupAddress, endpoints);
        }
        else if (header.DestinationEndpoint == BroadcastEndpoint)
        {
            for (var endpoint = 1; endpoint < BroadcastEndpoint; endpoint++)
            {
                if (_activeEndpoints[endpoint])
                {
                    endpoints[count++] = (byte)endpoint;
                }
            }
        }
        else if (_activeEndpoints[header.DestinationEndpoint])
        {
            endpoints[count++] = header.DestinationEndpoint;
        }

        if (count == 0)
        {
            Counters.NoEndpointDropped++;
            return;
        }

        var handler = DataIndication;
        if (handler is null)
        {
            Counters.Indications += count;
            return;
        }

        // A rented copy: a handler may send, and a loopback frame arrives while this one is still being delivered.
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, asdu.Length));
        try
        {
            asdu.CopyTo(buffer);
            var memory = new ReadOnlyMemory<byte>(buffer, 0, asdu.Length);
            _nwk.Nib.AddressMap.TryGetExtended(indication.SrcAddr, out var sourceIeee);
            if (indication.SrcIeeeAddr != 0)
            {
                sourceIeee = indication.SrcIeeeAddr;
            }

            var wasBroadcast = indication.DstAddr >= NwkConstants.BroadcastLowPowerRouters || indication.DstAddrMode == NwkAddressMode.Multicast;
            for (var i = 0; i < count; i++)
            {
                Counters.Indications++;
                var apsIndication = new ApsdeDataIndication(
                    mode, dstAddress, endpoints[i], indication.SrcAddr, sourceIeee, header.SourceEndpoint, header.ProfileId, header.ClusterId,
                    memory, ApsStatus.Success, SecurityStatus: false, indication.LinkQuality, indication.RxTime, wasBroadcast);
                handler(apsIndication);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void OnAcknowledgement(ushort source, in ApsHeader header)
    {
        Counters.AcksReceived++;
        if (header.HasBlockNumber)
        {
            foreach (var sender in _fragmentSenders)
            {
                if (sender.Destination == source && sender.Counter == header.Counter)
                {
                    sender.OnAck(header.BlockNumber, header.AckBitfield);
                    return;
                }
            }
        }
        else
        {
            foreach (var pending in _pendingAcks)
            {
                if (pending.Destination == source && pending.Counter == header.Counter)
                {
                    pending.Waiter.Signal();
                    return;
                }
            }
        }

        Counters.UnmatchedAcks++;
    }

    /// <summary>Sends an APS acknowledgement; it is not itself acknowledged, so nothing waits for its confirm.</summary>
    private void SendAck(ushort destination, in ApsHeader ack)
    {
        Counters.AcksSent++;
        var frame = Encode(ack, ReadOnlySpan<byte>.Empty);
        _ = ObserveAsync(_nwk.DataRequestAsync(NldeDataRequest.To(destination, frame, ack.Counter)));

        static async Task ObserveAsync(ValueTask<NldeDataConfirm> confirm) => await confirm;
    }
}
