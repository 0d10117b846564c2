using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Nwk.Tables;

namespace ZigBee.Nwk.Service;

// The receive path (§3.6.2.2 and §3.6.3.3): decode, learn the neighbour and addresses, then deliver, relay or
// process a command. Bad input is counted and dropped, never thrown.
public sealed partial class NwkService
{
    private void OnMacData(in McpsDataIndication indication, ReadOnlySpan<byte> msdu)
    {
        if (_disposed)
        {
            return;
        }

        if (!IsJoined && _rejoinWait is null)
        {
            Counters.DroppedNotJoined++;
            return;
        }

        if (!NwkFrame.TryDecode(msdu, out var frame))
        {
            Counters.DroppedDecodeError++;
            return;
        }

        var header = frame.Header;
        if (header.FrameControl.ProtocolVersion != NwkConstants.ProtocolVersion || header.FrameType is not (NwkFrameType.Data or NwkFrameType.Command))
        {
            Counters.DroppedUnsupported++;
            return;
        }

        // A broadcast to the routers is not for an end device at all: dropped before its security is checked, as a
        // unicast for another device is by the MAC (§3.6.5: 0xFFFC addresses routers and the coordinator only).
        if (IsEndDevice && header.DestinationAddress == NwkConstants.BroadcastRouters && !header.FrameControl.Multicast)
        {
            Counters.DroppedNotForUs++;
            return;
        }

        var depth = _plainDepth++;
        try
        {
            if (UnsecureIncoming(msdu, ref frame, depth, out var bytes))
            {
                OnFrame(indication, bytes, frame);
            }
        }
        finally
        {
            _plainDepth--;
        }
    }

    /// <summary>A frame that passed security, in the clear: learn, then deliver, relay or process it.</summary>
    private void OnFrame(in McpsDataIndication indication, ReadOnlySpan<byte> bytes, in NwkFrame frame)
    {
        var header = frame.Header;
        var now = Now;
        var macSource = indication.SrcAddr.Mode == MacAddressingMode.Short ? indication.SrcAddr.Short : (ushort)0xFFFF;
        var sender = indication.SrcAddr.Mode switch
        {
            MacAddressingMode.Short => NeighborTable.Find(macSource),
            MacAddressingMode.Extended => NeighborTable.FindExtended(indication.SrcAddr.Extended),
            _ => null,
        };
        if (sender is not null)
        {
            HeardFrom(sender, indication.MpduLinkQuality, now);
            if (header.SourceIeeeAddress is { } ieee && header.SourceAddress == macSource && sender.ExtendedAddress == 0)
            {
                sender.ExtendedAddress = ieee;
            }
        }

        if (!IsJoined)
        {
            // Rejoining: only the rejoin response matters (§3.6.1.4.2).
            if (header.FrameType == NwkFrameType.Command && frame.CommandId(bytes) == NwkCommandId.RejoinResponse
                && RejoinResponseCommand.TryDecode(frame.Payload(bytes), out var response))
            {
                _rejoinWait?.TrySetResult((response, header.SourceAddress));
            }
            else
            {
                Counters.DroppedNotJoined++;
            }

            return;
        }

        if (header.SourceIeeeAddress is { } sourceIeee)
        {
            NoteAddress(header.SourceAddress, sourceIeee);
        }

        var destination = header.DestinationAddress;
        if (header.FrameControl.Multicast || destination >= 0xFFF8)
        {
            OnBroadcast(indication, bytes, frame, macSource, now);
            return;
        }

        if (destination == Nib.NetworkAddress)
        {
            Deliver(indication, bytes, frame, macSource, now);
            return;
        }

        if (IsEndDevice || !_routerStarted)
        {
            Counters.DroppedNotForUs++;
            return;
        }

        Relay(bytes, frame, now);
    }

    /// <summary>Updates what a received frame tells about the neighbour that sent it.</summary>
    private void HeardFrom(NeighborEntry neighbor, byte lqi, DateTimeOffset now)
    {
        neighbor.Lqi = lqi;
        neighbor.IncomingCost = Nib.ReportConstantCost ? LinkCost.Worst : LinkCost.FromLqi(lqi);
        neighbor.LastHeard = now;
        if (neighbor.IsChild)
        {
            neighbor.KeepaliveReceived = true;
        }
    }

    private void Deliver(in McpsDataIndication indication, ReadOnlySpan<byte> bytes, in NwkFrame frame, ushort macSource, DateTimeOffset now)
    {
        var header = frame.Header;
        if (header.FrameType == NwkFrameType.Command)
        {
            OnCommand(indication, bytes, frame, macSource, now);
            return;
        }

        if (!header.FrameControl.Multicast && _unicastDuplicates.IsDuplicate(header.SourceAddress, header.SequenceNumber, now))
        {
            Counters.DroppedDuplicateUnicast++;
            return;
        }

        var mode = header.FrameControl.Multicast ? NwkAddressMode.Multicast : NwkAddressMode.Unicast;
        var delivered = new NldeDataIndication(mode, header.DestinationAddress, header.SourceAddress, header.SourceIeeeAddress ?? 0,
            macSource, indication.MpduLinkQuality, header.Radius, header.SequenceNumber, _incomingSecured, now);
        Counters.DataDelivered++;
        DataIndication?.Invoke(delivered, frame.Payload(bytes));
    }

    /// <summary>Forwards a unicast frame for another device (§3.6.3.3), along a source route when it has one.</summary>
    private void Relay(ReadOnlySpan<byte> bytes, in NwkFrame frame, DateTimeOffset now)
    {
        var header = frame.Header;
        if (header.Radius <= 1)
        {
            // The frame has used up its hops: this one would be one too many.
            Counters.DroppedRadiusExhausted++;
            return;
        }

        if (header.FrameType == NwkFrameType.Command && frame.CommandId(bytes) == NwkCommandId.RouteRecord)
        {
            RelayRouteRecord(bytes, frame);
            return;
        }

        if (bytes.Length > NwkTxOperation.MaxFrameLength)
        {
            Counters.DroppedUnsupported++;
            return;
        }

        var op = Rent();
        op.Kind = NwkTxKind.Relay;
        op.Destination = header.DestinationAddress;
        op.Source = header.SourceAddress;
        op.DiscoverRoute = header.FrameControl.DiscoverRoute == NwkDiscoverRoute.Enable;
        bytes.CopyTo(op.Buffer);
        op.Length = bytes.Length;
        op.HeaderLength = frame.PayloadOffset;
        NwkFrame.SetRadius(op.Buffer, (byte)(header.Radius - 1));
        if (header.SourceRoute is { } route)
        {
            // Relay index counts down to 0, the relay nearest the destination (§3.6.3.3.2).
            op.SourceRouted = true;
            if (route.RelayIndex >= route.RelayCount)
            {
                Counters.DroppedUnsupported++;
                Return(op);
                return;
            }

            if (route.RelayIndex == 0)
            {
                op.NextHop = header.DestinationAddress;
                if (NeighborTable.Find(op.NextHop) is { IsChild: true, RxOnWhenIdle: false })
                {
                    op.Indirect = true;
                }
            }
            else
            {
                op.NextHop = frame.GetRelay(bytes, route.RelayIndex - 1);
                NwkFrame.SetRelayIndex(op.Buffer.AsSpan(0, op.Length), (byte)(route.RelayIndex - 1));
            }

            TransmitUnicast(op);
            return;
        }

        _ = now;
        SubmitUnicast(op);
    }

    private void OnCommand(in McpsDataIndication indication, ReadOnlySpan<byte> bytes, in NwkFrame frame, ushort macSource, DateTimeOffset now)
    {
        var header = frame.Header;
        var payload = frame.Payload(bytes);
        switch (frame.CommandId(bytes))
        {
            case NwkCommandId.RouteReply:
                OnRouteReply(payload, header, macSource, indication.MpduLinkQuality, now);
                return;
            case NwkCommandId.NetworkStatus:
                OnNetworkStatus(payload, header);
                return;
            case NwkCommandId.Leave:
                OnLeave(payload, header, now);
                return;
            case NwkCommandId.RouteRecord:
                OnRouteRecord(payload, header, now);
                return;
            case NwkCommandId.RejoinRequest:
                OnRejoinRequest(payload, header, indication, now);
                return;
            case NwkCommandId.RejoinResponse:
                OnRejoinResponse(payload, header);
                return;
            case NwkCommandId.LinkStatus:
                OnLinkStatus(payload, header, macSource, indication.MpduLinkQuality, now);
                return;
            case NwkCommandId.EndDeviceTimeoutRequest:
                OnEndDeviceTimeoutRequest(payload, header, now);
                return;
            case NwkCommandId.EndDeviceTimeoutResponse:
                if (EndDeviceTimeoutResponseCommand.TryDecode(payload, out var response) && header.SourceAddress == ParentAddress)
                {
                    Nib.ParentInformation = response.ParentInformation;
                }
                else
                {
                    Counters.DroppedUnsupported++;
                }

                return;
            default:
                // Route requests arrive as broadcasts; network report/update and link power delta are not implemented.
                Counters.DroppedUnsupported++;
                return;
        }
    }

    /// <summary>A broadcast (or multicast) frame (§3.6.5): once to the layer above, relayed by routers, passive acks.</summary>
    private void OnBroadcast(in McpsDataIndication indication, ReadOnlySpan<byte> bytes, in NwkFrame frame, ushort macSource, DateTimeOffset now)
    {
        var header = frame.Header;
        ExpireTables(now);
        if (header.SourceAddress == Nib.NetworkAddress)
        {
            // Our own broadcast relayed by a neighbour: that is its passive acknowledgement.
            _btt.Find(header.SourceAddress, header.SequenceNumber)?.MarkRelayed(macSource);
            return;
        }

        if (header.FrameType == NwkFrameType.Command && frame.CommandId(bytes) == NwkCommandId.RouteRequest)
        {
            // Route requests are kept apart by the route discovery table, not the BTT: better paths must pass (§3.6.3.5.2).
            if (_routerStarted && !IsEndDevice)
            {
                OnRouteRequest(bytes, frame, macSource, indication.MpduLinkQuality, now);
            }

            return;
        }

        var record = _btt.Find(header.SourceAddress, header.SequenceNumber);
        if (record is not null)
        {
            record.MarkRelayed(macSource);
            Counters.DroppedDuplicateBroadcast++;
            return;
        }

        record = _btt.Add(header.SourceAddress, header.SequenceNumber, now + Nib.NetworkBroadcastDeliveryTime);
        if (record is null)
        {
            // No room to remember it: deliver would risk doing it twice, so the frame is dropped (BT_TABLE_FULL).
            Counters.DroppedBufferFull++;
            return;
        }

        record.MarkRelayed(macSource);
        var destination = header.DestinationAddress;
        var forUs = header.FrameControl.Multicast || destination switch
        {
            NwkConstants.BroadcastAll => true,
            NwkConstants.BroadcastRxOnWhenIdle => !IsEndDevice || Nib.CapabilityInformation.ReceiverOnWhenIdle,
            NwkConstants.BroadcastRouters or NwkConstants.BroadcastLowPowerRouters => !IsEndDevice,
            _ => false,
        };
        if (forUs)
        {
            Deliver(indication, bytes, frame, macSource, now);
        }

        if (!_routerStarted || IsEndDevice || !IsJoined)
        {
            return;
        }

        if (destination == NwkConstants.BroadcastAll || header.FrameControl.Multicast)
        {
            CopyToSleepyChildren(bytes, frame.PayloadOffset, macSource, header.SourceAddress);
        }

        if (header.Radius <= 1)
        {
            return;
        }

        var job = RentJob();
        bytes.CopyTo(job.Buffer);
        job.Length = bytes.Length;
        job.HeaderLength = frame.PayloadOffset;
        NwkFrame.SetRadius(job.Buffer, (byte)(header.Radius - 1));
        job.Source = header.SourceAddress;
        job.SequenceNumber = header.SequenceNumber;
        ScheduleBroadcast(job, header.Radius - 1 > 1, RandomDelay(TimeSpan.Zero, Options.MaxBroadcastJitter), now);
        Counters.BroadcastsRelayed++;
    }

    /// <summary>Puts a broadcast out with its retries: passive acknowledgement ends them early (§3.6.5).</summary>
    private void ScheduleBroadcast(BroadcastJob job, bool neighboursRelay, TimeSpan delay, DateTimeOffset now)
    {
        job.PassiveAck = neighboursRelay;
        job.TransmissionsLeft = 1 + Nib.MaxBroadcastRetries;
        job.RetryInterval = Nib.PassiveAckTimeout;
        job.Due = now + delay;
        _jobs.Add(job);
        WakeAt(job.Due);
    }

    /// <summary>Originates a broadcast: recorded in the BTT, jittered, and copied to sleeping children for 0xFFFF.</summary>
    private NwkStatus OriginateBroadcast(in NwkHeader header, ReadOnlySpan<byte> payload, bool retries = true, TimeSpan maxJitter = default)
    {
        var now = Now;
        if (header.Length + payload.Length + SecurityBytes > MaxMacPayload)
        {
            return NwkStatus.InvalidParameter;
        }

        ExpireTables(now);
        var record = _btt.Add(header.SourceAddress, header.SequenceNumber, now + Nib.NetworkBroadcastDeliveryTime);
        if (record is null)
        {
            Counters.DroppedBufferFull++;
            return NwkStatus.BtTableFull;
        }

        var job = RentJob();
        var headerLength = NwkFrame.EncodeHeader(header, job.Buffer);
        payload.CopyTo(job.Buffer.AsSpan(headerLength));
        job.Length = headerLength + payload.Length;
        job.HeaderLength = headerLength;
        job.Source = header.SourceAddress;
        job.SequenceNumber = header.SequenceNumber;
        Counters.BroadcastsSent++;
        if (IsEndDevice)
        {
            // An end device hands its broadcast to its parent, which relays it (§3.6.5).
            var op = Rent();
            op.Kind = NwkTxKind.Broadcast;
            job.Buffer.AsSpan(0, job.Length).CopyTo(op.Buffer);
            op.Length = job.Length;
            op.HeaderLength = job.HeaderLength;
            op.NextHop = ParentAddress;
            _jobPool.Push(job);
            TransmitUnicast(op);
            return NwkStatus.Success;
        }

        var jitter = maxJitter > Options.MaxBroadcastJitter ? maxJitter : Options.MaxBroadcastJitter;
        ScheduleBroadcast(job, retries && header.Radius > 1, RandomDelay(TimeSpan.Zero, jitter), now);
        if (!retries)
        {
            job.TransmissionsLeft = 1;
        }

        if (header.DestinationAddress == NwkConstants.BroadcastAll || header.MulticastControl.HasValue)
        {
            CopyToSleepyChildren(job.Buffer.AsSpan(0, job.Length), job.HeaderLength, 0xFFFF, header.SourceAddress);
        }

        return NwkStatus.Success;
    }

    /// <summary>Sleeping children do not hear broadcasts: their parent queues a copy for each (§3.6.5).</summary>
    private void CopyToSleepyChildren(ReadOnlySpan<byte> bytes, int headerLength, ushort except, ushort source)
    {
        for (var index = 0; index < NeighborTable.Count; index++)
        {
            var child = NeighborTable[index];
            if (!child.IsChild || child.RxOnWhenIdle || child.NetworkAddress == except || child.NetworkAddress == source)
            {
                continue;
            }

            var op = Rent();
            op.Kind = NwkTxKind.Broadcast;
            bytes.CopyTo(op.Buffer);
            op.Length = bytes.Length;
            op.HeaderLength = headerLength;
            op.NextHop = child.NetworkAddress;
            op.Indirect = true;
            Counters.BroadcastsToSleepyChildren++;
            TransmitUnicast(op);
        }
    }

    /// <summary>Sends the broadcasts whose time has come; stops those every router neighbour has relayed.</summary>
    private void RunBroadcastJobs(DateTimeOffset now)
    {
        for (var i = _jobs.Count - 1; i >= 0; i--)
        {
            var job = _jobs[i];
            if (job.Due > now)
            {
                continue;
            }

            var done = job.TransmissionsLeft <= 0 || (job.Sent && job.PassiveAck && AllRouterNeighboursRelayed(job));
            if (!done)
            {
                if (job.Sent)
                {
                    Counters.BroadcastRetries++;
                }

                var op = Rent();
                op.Kind = NwkTxKind.Broadcast;
                var frame = SecureOutgoing(job.Buffer, job.HeaderLength, job.Length, false, op.Wire);
                if (frame.IsEmpty)
                {
                    Return(op);
                    job.TransmissionsLeft = 0;
                }
                else
                {
                    var request = new McpsDataRequest(MacAddressingMode.Short, Nib.PanId, MacAddress.FromShort(MacAddress.BroadcastShort),
                        frame, job.Buffer[7], MacTxOptions.None);
                    op.Send(_mac, request);
                }

                if (!job.Sent && IsOwnNetworkStatus(job, out _))
                {
                    Counters.NetworkStatusSent++;
                }

                job.Sent = true;
                job.TransmissionsLeft--;
                job.Due = now + job.RetryInterval;
                done = job.TransmissionsLeft <= 0 && !job.PassiveAck;
            }

            if (done)
            {
                _jobs[i] = _jobs[^1];
                _jobs.RemoveAt(_jobs.Count - 1);
                _jobPool.Push(job);
            }
        }
    }

    private bool AllRouterNeighboursRelayed(BroadcastJob job)
    {
        var record = _btt.Find(job.Source, job.SequenceNumber);
        if (record is null)
        {
            return true;
        }

        for (var index = 0; index < NeighborTable.Count; index++)
        {
            var neighbor = NeighborTable[index];
            if (neighbor.IsRouterCapable && IsLinkAlive(neighbor) && neighbor.PanId == Nib.PanId && !record.HasRelayed(neighbor.NetworkAddress))
            {
                return false;
            }
        }

        return true;
    }
}
