using ZigBee.Aps.Frames;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Aps.Tables;
using ZigBee.Nwk;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;

namespace ZigBee.Aps.Service;

// APSDE-DATA.request: addressing modes, the binding table, acknowledged transmission with retries.
public sealed partial class ApsService
{
    /// <summary>
    /// APSDE-DATA.request (§2.2.4.1.1). Completes with the confirm: for an acknowledged frame when its APS
    /// acknowledgement arrives (Success) or apscMaxFrameRetries retransmissions went unanswered (NoAck); for an
    /// unacknowledged frame when NWK has sent it (a NWK failure gives NoAck, the NWK status beside it). An ASDU longer
    /// than <see cref="MaxAsduLength"/> is sent in blocks when the request permits fragmentation and asks for
    /// acknowledgement, and is AsduTooLong otherwise.
    /// </summary>
    public async Task<ApsdeDataConfirm> DataRequestAsync(ApsdeDataRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        Counters.DataRequests++;
        if (!_nwk.IsJoined)
        {
            return Confirm(request, ApsStatus.IllegalRequest);
        }

        if (request.SrcEndpoint == BroadcastEndpoint || (request.DstAddrMode is ApsAddressMode.Short or ApsAddressMode.Extended && request.DstEndpoint is > 0xF0 and < BroadcastEndpoint))
        {
            return Confirm(request, ApsStatus.InvalidParameter);
        }

        var asdu = request.Asdu.ToArray();
        var fragmented = asdu.Length > MaxAsduLength;
        if (fragmented && !CanFragment(request, asdu.Length))
        {
            return Confirm(request, ApsStatus.AsduTooLong);
        }

        switch (request.DstAddrMode)
        {
            case ApsAddressMode.Group when request.DstAddress > 0xFFFF:
                return Confirm(request, ApsStatus.InvalidParameter);

            case ApsAddressMode.Group:
                return Confirm(request, await SendGroupAsync((ushort)request.DstAddress, request, asdu), nwkStatus: NwkStatus.Success);

            case ApsAddressMode.Short when request.DstAddress is > 0xFFFF or (>= 0xFFF8 and < NwkConstants.BroadcastLowPowerRouters):
                return Confirm(request, ApsStatus.InvalidParameter);

            case ApsAddressMode.Short when request.DstAddress >= NwkConstants.BroadcastLowPowerRouters:
                if (fragmented)
                {
                    return Confirm(request, ApsStatus.AsduTooLong);
                }

                var broadcast = await SendBroadcastAsync((ushort)request.DstAddress, request, asdu);
                return Confirm(request, broadcast == NwkStatus.Success ? ApsStatus.Success : ApsStatus.NoAck, nwkStatus: broadcast);

            case ApsAddressMode.Short:
                {
                    var (status, nwk) = await SendToDeviceAsync((ushort)request.DstAddress, request.DstEndpoint, request, asdu, cancellationToken);
                    return Confirm(request, status, nwkStatus: nwk);
                }

            case ApsAddressMode.Extended:
                {
                    if (!TryResolve(request.DstAddress, out var address))
                    {
                        return Confirm(request, ApsStatus.NoShortAddress);
                    }

                    var (status, nwk) = await SendToDeviceAsync(address, request.DstEndpoint, request, asdu, cancellationToken);
                    return Confirm(request, status, nwkStatus: nwk);
                }

            case ApsAddressMode.None:
                return await SendThroughBindingsAsync(request, asdu, fragmented, cancellationToken);

            default:
                return Confirm(request, ApsStatus.InvalidParameter);
        }
    }

    private bool CanFragment(in ApsdeDataRequest request, int length)
    {
        const ApsTxOptions needed = ApsTxOptions.Acknowledged | ApsTxOptions.FragmentationPermitted;
        if ((request.TxOptions & needed) != needed || request.DstAddrMode == ApsAddressMode.Group || length > Options.MaxTransferSize)
        {
            return false;
        }

        // The first block's block number carries the block count in one octet (§2.2.5.1.8.2).
        return (length + BlockLength - 1) / BlockLength <= byte.MaxValue;
    }

    private bool TryResolve(ulong ieeeAddress, out ushort networkAddress)
    {
        if (ieeeAddress == _nwk.ExtendedAddress)
        {
            networkAddress = _nwk.NetworkAddress;
            return true;
        }

        return _nwk.Nib.AddressMap.TryGetNetwork(ieeeAddress, out networkAddress);
    }

    /// <summary>
    /// Mode 0x00 (§2.2.4.1.1.3): one transmission per binding entry of this source endpoint and cluster, each with
    /// its own APS counter. The confirm carries the first failure, or Success when every one succeeded.
    /// </summary>
    private async Task<ApsdeDataConfirm> SendThroughBindingsAsync(ApsdeDataRequest request, byte[] asdu, bool fragmented, CancellationToken cancellationToken)
    {
        var count = Bindings.CountMatches(request.SrcEndpoint, request.ClusterId);
        if (count == 0)
        {
            return Confirm(request, ApsStatus.NoBoundDevice, deliveries: 0);
        }

        var entries = new BindingEntry[count];
        count = Bindings.CopyMatches(request.SrcEndpoint, request.ClusterId, entries);
        var tasks = new Task<(ApsStatus Status, NwkStatus Nwk)>[count];
        for (var i = 0; i < count; i++)
        {
            var entry = entries[i];
            if (entry.DstAddrMode == ApsAddressMode.Group)
            {
                tasks[i] = fragmented
                    ? Task.FromResult((ApsStatus.AsduTooLong, NwkStatus.Success))
                    : WithNwk(SendGroupAsync((ushort)entry.DstAddress, request, asdu));
            }
            else if (TryResolve(entry.DstAddress, out var address))
            {
                tasks[i] = SendToDeviceAsync(address, entry.DstEndpoint, request, asdu, cancellationToken);
            }
            else
            {
                tasks[i] = Task.FromResult((ApsStatus.NoShortAddress, NwkStatus.Success));
            }
        }

        var status = ApsStatus.Success;
        var nwkStatus = NwkStatus.Success;
        for (var i = 0; i < count; i++)
        {
            var (one, nwk) = await tasks[i];
            if (status == ApsStatus.Success && one != ApsStatus.Success)
            {
                status = one;
                nwkStatus = nwk;
            }
        }

        return Confirm(request, status, deliveries: count, nwkStatus: nwkStatus);

        static async Task<(ApsStatus, NwkStatus)> WithNwk(Task<ApsStatus> task) => (await task, NwkStatus.Success);
    }

    /// <summary>Group delivery (§2.2.4.1.1.3): a NWK broadcast to every router and rx-on-when-idle device; members filter.</summary>
    private async Task<ApsStatus> SendGroupAsync(ushort group, ApsdeDataRequest request, byte[] asdu)
    {
        var header = ApsHeader.Group(group, request.ClusterId, request.ProfileId, request.SrcEndpoint, NextCounter());
        var status = await SendFrameAsync(NwkConstants.BroadcastRxOnWhenIdle, header, asdu, request.RadiusCounter);
        return status == NwkStatus.Success ? ApsStatus.Success : ApsStatus.NoAck;
    }

    /// <summary>Broadcast delivery to a NWK broadcast address; never acknowledged (§2.2.8.3.1).</summary>
    private Task<NwkStatus> SendBroadcastAsync(ushort address, ApsdeDataRequest request, byte[] asdu)
    {
        var header = ApsHeader.Broadcast(request.DstEndpoint, request.ClusterId, request.ProfileId, request.SrcEndpoint, NextCounter());
        return SendFrameAsync(address, header, asdu, request.RadiusCounter);
    }

    /// <summary>One device endpoint: fragmented, acknowledged, or plain.</summary>
    private async Task<(ApsStatus Status, NwkStatus Nwk)> SendToDeviceAsync(ushort address, byte endpoint, ApsdeDataRequest request, byte[] asdu, CancellationToken cancellationToken)
    {
        if (address >= NwkConstants.BroadcastLowPowerRouters)
        {
            return (ApsStatus.InvalidParameter, NwkStatus.Success);
        }

        var acknowledged = (request.TxOptions & ApsTxOptions.Acknowledged) != 0;
        var header = ApsHeader.Unicast(endpoint, request.ClusterId, request.ProfileId, request.SrcEndpoint, NextCounter(), acknowledged);
        if (asdu.Length > MaxAsduLength)
        {
            return await SendFragmentedAsync(address, header, asdu, request.RadiusCounter, cancellationToken);
        }

        if (!acknowledged)
        {
            var sent = await SendFrameAsync(address, header, asdu, request.RadiusCounter);
            return (sent == NwkStatus.Success ? ApsStatus.Success : ApsStatus.NoAck, sent);
        }

        var pending = new PendingAck(address, header.Counter, new AckWaiter(_time));
        _pendingAcks.Add(pending);
        try
        {
            var frame = Encode(header, asdu);
            var lastNwk = NwkStatus.Success;
            for (var attempt = 0; attempt <= Options.MaxFrameRetries; attempt++)
            {
                if (attempt > 0)
                {
                    Counters.Retries++;
                }

                lastNwk = await SendEncodedAsync(address, frame, header.Counter, request.RadiusCounter);
                if (await pending.Waiter.WaitAsync(Options.AckWaitDuration, cancellationToken))
                {
                    return (ApsStatus.Success, NwkStatus.Success);
                }
            }

            Counters.NoAck++;
            return (ApsStatus.NoAck, lastNwk);
        }
        finally
        {
            _pendingAcks.Remove(pending);
            pending.Waiter.Dispose();
        }
    }

    private Task<NwkStatus> SendFrameAsync(ushort destination, in ApsHeader header, ReadOnlySpan<byte> asdu, byte radius) =>
        SendEncodedAsync(destination, Encode(header, asdu), header.Counter, radius);

    private async Task<NwkStatus> SendEncodedAsync(ushort destination, byte[] frame, byte handle, byte radius)
    {
        Counters.FramesSent++;
        var confirm = await _nwk.DataRequestAsync(NldeDataRequest.To(destination, frame, handle, radius));
        return confirm.Status;
    }

    private static byte[] Encode(in ApsHeader header, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[header.Length + payload.Length];
        ApsFrame.Encode(header, payload, frame);
        return frame;
    }

    private ApsdeDataConfirm Confirm(in ApsdeDataRequest request, ApsStatus status, int deliveries = 1, NwkStatus nwkStatus = NwkStatus.Success) =>
        new(request.DstAddrMode, request.DstAddress, request.DstEndpoint, request.SrcEndpoint, status, Now, deliveries, nwkStatus);
}
