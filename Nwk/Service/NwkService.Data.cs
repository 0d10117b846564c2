using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Nwk.Tables;

namespace ZigBee.Nwk.Service;

// NLDE-DATA and the unicast send path: next hop choice, MAC transmission, confirms, route repair.
public sealed partial class NwkService
{
    /// <summary>MAC payload room: aMaxPHYPacketSize minus a MAC header with short addresses and PAN ID compression and the FCS.</summary>
    private const int MaxMacPayload = 127 - 11;

    /// <summary>NWK data header of a unicast frame as this service sends it: addresses, radius, sequence number and the source IEEE address.</summary>
    private const int UnicastDataHeaderLength = NwkHeader.FixedLength + 8;

    /// <summary>
    /// The largest NSDU a unicast NLDE-DATA.request carries in one frame (the layer above sizes its frames and
    /// fragments by it). A concentrator sends a frame that would not fit with its relay list hop by hop instead.
    /// </summary>
    public int MaxNsduLength => MaxMacPayload - UnicastDataHeaderLength - SecurityBytes;

    /// <summary>What NWK security adds to each frame this device sends now (0 while it sends in the clear).</summary>
    private int SecurityBytes => IsSecuring ? SecurityOverhead : 0;

    /// <summary>
    /// NLDE-DATA.request (§3.2.1.1): unicast along a route (discovered first when needed and allowed), or broadcast
    /// to 0xFFFF/0xFFFD/0xFFFC/0xFFFB, or to a multicast group (as a broadcast to 0xFFFD the layer above filters).
    /// Await the result exactly once: it is a pooled ValueTask. Broadcasts confirm once accepted into the
    /// broadcast transaction table.
    /// </summary>
    public ValueTask<NldeDataConfirm> DataRequestAsync(in NldeDataRequest request)
    {
        var now = Now;
        if (!IsJoined || _disposed)
        {
            return new(new NldeDataConfirm(request.NsduHandle, NwkStatus.InvalidRequest, now));
        }

        if (request.DstAddrMode is not (NwkAddressMode.Unicast or NwkAddressMode.Multicast))
        {
            return new(new NldeDataConfirm(request.NsduHandle, NwkStatus.InvalidParameter, now));
        }

        var radius = request.Radius == 0 ? Nib.DefaultRadius : request.Radius;
        Counters.DataRequests++;
        var multicast = request.DstAddrMode == NwkAddressMode.Multicast;
        if (multicast || request.DstAddr >= 0xFFF8)
        {
            if (!multicast && request.DstAddr < NwkConstants.BroadcastLowPowerRouters)
            {
                return new(new NldeDataConfirm(request.NsduHandle, NwkStatus.InvalidParameter, now));
            }

            var header = NwkHeader.Data(request.DstAddr, Nib.NetworkAddress, radius, NextSequence(), NwkDiscoverRoute.Suppress, sourceIeeeAddress: Nib.IeeeAddress);
            if (multicast)
            {
                header = header with { MulticastControl = NwkMulticastControl.Create(NwkMulticastMode.Member, request.NonmemberRadius & 7, 7) };
            }

            var status = OriginateBroadcast(header, request.Nsdu.Span);
            if (status == NwkStatus.Success)
            {
                Counters.DataConfirmedSuccess++;
            }
            else
            {
                Counters.DataConfirmedFailure++;
            }

            return new(new NldeDataConfirm(request.NsduHandle, status, now));
        }

        if (request.DstAddr == Nib.NetworkAddress)
        {
            // To ourselves: straight up, as the spec's loopback (§3.6.2.1).
            var indication = new NldeDataIndication(NwkAddressMode.Unicast, request.DstAddr, Nib.NetworkAddress, Nib.IeeeAddress, Nib.NetworkAddress, 255, radius, Nib.SequenceNumber, false, now);
            Counters.DataDelivered++;
            DataIndication?.Invoke(indication, request.Nsdu.Span);
            Counters.DataConfirmedSuccess++;
            return new(new NldeDataConfirm(request.NsduHandle, NwkStatus.Success, now));
        }

        // A concentrator answers along the path the device's route record gave (§3.6.3.3.2); a record without relays
        // says the device reached it directly, so it is one hop away, whether or not its neighbour table knows it yet.
        ReadOnlySpan<ushort> relays = default;
        var recorded = Nib.IsConcentrator && !IsEndDevice && NeighborTable.Find(request.DstAddr) is null
            && Nib.RouteRecordTable.TryGet(request.DstAddr, out relays) && relays.Length <= Nib.MaxSourceRoute;
        ulong? sourceIeee = Nib.IeeeAddress;
        var sourceRouted = recorded && relays.Length > 0 && FitsSourceRoute(relays.Length, request.Nsdu.Length, ref sourceIeee);
        var direct = recorded && relays.Length == 0;
        var unicast = NwkHeader.Data(request.DstAddr, Nib.NetworkAddress, radius, NextSequence(),
            request.DiscoverRoute ? NwkDiscoverRoute.Enable : NwkDiscoverRoute.Suppress, sourceIeeeAddress: sourceIeee);
        if (sourceRouted)
        {
            unicast = unicast with { SourceRoute = new NwkSourceRoute((byte)relays.Length, (byte)(relays.Length - 1)) };
        }
        else
        {
            relays = default;
        }

        var inTheClear = request.InTheClear || (!Nib.SecureAllFrames && !request.SecurityEnable);
        if (unicast.Length + request.Nsdu.Length + (inTheClear ? 0 : SecurityBytes) > MaxMacPayload)
        {
            Counters.DataConfirmedFailure++;
            return new(new NldeDataConfirm(request.NsduHandle, NwkStatus.InvalidParameter, now));
        }

        var op = Rent();
        op.Kind = NwkTxKind.Data;
        op.HasCompletion = true;
        op.NsduHandle = request.NsduHandle;
        op.Destination = request.DstAddr;
        op.Source = Nib.NetworkAddress;
        op.DiscoverRoute = request.DiscoverRoute;
        var headerLength = NwkFrame.EncodeHeader(unicast, relays, op.Buffer);
        request.Nsdu.Span.CopyTo(op.Buffer.AsSpan(headerLength));
        op.Length = headerLength + request.Nsdu.Length;
        op.HeaderLength = headerLength;
        op.InTheClear = inTheClear;
        var result = new ValueTask<NldeDataConfirm>(op, op.Version);
        if (sourceRouted || direct)
        {
            // Along the record, never rerouted on the way: a failure forgets the record (§3.6.3.3.2).
            op.SourceRouted = true;
            op.NextHop = direct ? request.DstAddr : relays[^1];
            if (sourceRouted)
            {
                Counters.SourceRoutedFramesSent++;
            }

            TransmitUnicast(op);
        }
        else
        {
            SubmitUnicast(op);
        }

        return result;
    }

    /// <summary>
    /// Whether a source-routed frame with <paramref name="relayCount"/> relays and this NSDU fits one MAC frame. The
    /// source IEEE address is an optional header field (§3.3.1.7): left out, it makes room for four more relays, so
    /// a far device is answered along its route record instead of after a network-wide route discovery.
    /// </summary>
    private bool FitsSourceRoute(int relayCount, int nsduLength, ref ulong? sourceIeee)
    {
        var room = MaxMacPayload - (UnicastDataHeaderLength + 2 + (2 * relayCount) + nsduLength + SecurityBytes);
        if (room >= 0)
        {
            return true;
        }

        if (room + 8 < 0)
        {
            return false;
        }

        sourceIeee = null;
        return true;
    }

    /// <summary>Sends a unicast frame to its next hop, or holds it while a route is found, or gives up.</summary>
    private void SubmitUnicast(NwkTxOperation op)
    {
        if (ResolveNextHop(op))
        {
            TransmitUnicast(op);
            return;
        }

        // A frame that may not start a discovery (a route record, or one sent with discovery suppressed) still waits
        // for one already underway to its destination rather than being lost a moment before the route is found.
        if (IsEndDevice || !_routerStarted || (!op.DiscoverRoute && RoutingTable.Find(op.Destination) is not { Status: RouteStatus.DiscoveryUnderway }))
        {
            DropNoRoute(op);
            return;
        }

        BufferForDiscovery(op);
    }

    /// <summary>
    /// The next hop (§3.6.3.3): an end device child directly (indirectly when it sleeps), an active route's next
    /// hop, a router neighbour directly; an end device always sends through its parent.
    /// </summary>
    private bool ResolveNextHop(NwkTxOperation op)
    {
        var destination = op.Destination;
        if (IsEndDevice)
        {
            op.NextHop = ParentAddress;
            return ParentAddress != 0xFFFF;
        }

        var neighbor = NeighborTable.Find(destination);
        if (neighbor is { IsChild: true, DeviceType: NwkDeviceRole.EndDevice })
        {
            op.NextHop = destination;
            op.Indirect = !neighbor.RxOnWhenIdle;
            return true;
        }

        var route = RoutingTable.Find(destination);
        if (route is { ManyToOne: true, Status: RouteStatus.Inactive } && route.NextHopAddress != destination)
        {
            // A many-to-one route that failed is mended from the neighbours' advertised costs, for relayed frames (a
            // route record cannot discover) as for our own, before a discovery floods the network for it. Without
            // another closer neighbour, the hop that failed is tried again while it is still a live neighbour: a frame
            // lost to a busy relay is not a broken path, and a network-wide discovery would only find it again.
            if (!RepairManyToOneRoute(route, route.NextHopAddress))
            {
                RepairManyToOneRoute(route, failedHop: 0xFFFF);
            }
        }

        if (route is { Status: RouteStatus.Active })
        {
            route.LastUsed = Now;
            op.NextHop = route.NextHopAddress;
            if (route.ManyToOne && route.RouteRecordRequired && op.Kind == NwkTxKind.Data)
            {
                // The concentrator learns the path before the data (§3.6.3.5.4).
                route.RouteRecordRequired = false;
                SendRouteRecord(destination);
            }
            else if (route.ManyToOne && !route.NoRouteCache && op.Kind == NwkTxKind.Relay
                && NeighborTable.Find(op.Source) is { IsChild: true, DeviceType: NwkDeviceRole.EndDevice, RouteRecordRequired: true } child)
            {
                // End devices send no route records: their parent sends one on their behalf (R21 §3.6.3.5.4).
                child.RouteRecordRequired = false;
                SendRouteRecordFor(child, destination);
            }

            return true;
        }

        if (neighbor is not null && neighbor.IsRouterCapable && IsLinkAlive(neighbor))
        {
            op.NextHop = destination;
            return true;
        }

        return false;
    }

    private bool IsLinkAlive(NeighborEntry neighbor) =>
        neighbor.Age <= Nib.RouterAgeLimit && (neighbor.PanId == Nib.PanId || neighbor.IsChild || neighbor.Relationship == NeighborRelationship.Parent);

    private void TransmitUnicast(NwkTxOperation op)
    {
        var destination = op.NextHopExtended != 0 ? MacAddress.FromExtended(op.NextHopExtended) : MacAddress.FromShort(op.NextHop);
        var options = MacTxOptions.Acknowledged | (op.Indirect ? MacTxOptions.Indirect : MacTxOptions.None);
        var frame = SecureOutgoing(op.Buffer, op.HeaderLength, op.Length, op.InTheClear, op.Wire);
        if (frame.IsEmpty)
        {
            Finish(op, Nib.OutgoingFrameCounter == uint.MaxValue ? NwkStatus.MaxFrmCounter : NwkStatus.InvalidParameter, MacStatus.Success, Now);
            return;
        }

        var request = new McpsDataRequest(op.MacSourceExtended ? MacAddressingMode.Extended : MacAddressingMode.Short, Nib.PanId, destination, frame, op.Buffer[7], options);
        op.Send(_mac, request);
    }

    /// <summary>nwkcUnicastRetryDelay has passed: the frame goes to the MAC again, unless this node has left or stopped.</summary>
    internal void RetryUnicast(NwkTxOperation op)
    {
        if (!IsJoined || _disposed)
        {
            Finish(op, NwkStatus.MacFailure, MacStatus.NoAck, Now);
            return;
        }

        // While this frame waited, another may have found the link broken and the route a new next hop: follow it.
        if (!op.SourceRouted && RoutingTable.Find(op.Destination) is { Status: RouteStatus.Active } route && route.NextHopAddress != op.NextHop
            && op.NextHop != op.Destination)
        {
            op.NextHop = route.NextHopAddress;
            op.UnicastRetries = 0;
        }

        TransmitUnicast(op);
    }

    /// <summary>The MAC confirmed a transmission (on the node's loop).</summary>
    internal void OnMacConfirm(NwkTxOperation op, in McpsDataConfirm confirm)
    {
        if (op.Kind == NwkTxKind.Broadcast)
        {
            Return(op);
            return;
        }

        var neighbor = op.NextHopExtended == 0 ? NeighborTable.Find(op.NextHop) : null;
        if (confirm.Status == MacStatus.Success)
        {
            if (neighbor is not null)
            {
                neighbor.TransmitFailure = 0;
            }

            if (IsEndDevice && op.NextHop == ParentAddress)
            {
                _parentFailures = 0;
            }

            if (op.Kind == NwkTxKind.Relay)
            {
                Counters.FramesRelayed++;
            }

            Finish(op, NwkStatus.Success, MacStatus.Success, confirm.Timestamp);
            return;
        }

        Counters.MacTransmitFailures++;
        if (!op.Indirect && op.NextHopExtended == 0 && IsJoined && op.UnicastRetries < NwkConstants.UnicastRetries)
        {
            // nwkcUnicastRetries after nwkcUnicastRetryDelay (§3.5.1): a NO_ACK is often a receiver busy relaying the
            // frame it already has (its ACK lost), and the pause lets it finish; a copy it has is dropped as a duplicate.
            op.UnicastRetries++;
            Counters.Retransmissions++;
            op.RetryAfter(_time, NwkConstants.UnicastRetryDelay);
            return;
        }

        if (neighbor is not null && neighbor.TransmitFailure < byte.MaxValue)
        {
            neighbor.TransmitFailure++;
        }

        if (IsEndDevice)
        {
            if (op.NextHop == ParentAddress && op.NextHopExtended == 0)
            {
                OnParentFailure();
            }

            Finish(op, NwkStatus.MacFailure, confirm.Status, confirm.Timestamp);
            return;
        }

        if (op.Indirect || op.NextHopExtended != 0 || !IsJoined)
        {
            // A sleeping child that did not poll in time: nothing to repair.
            Finish(op, NwkStatus.MacFailure, confirm.Status, confirm.Timestamp);
            return;
        }

        // A frame that failed every retry on a link whose link status is good is lost, but the link is kept: it counts
        // as failed (§3.6.3.7 route maintenance: routes through it are invalidated, it is no longer a direct next hop
        // until heard again) only after LinkFailureLimit such frames in a row (the neighbour table's transmit failure
        // field), or when nothing keeps it alive.
        if (neighbor is not null && neighbor.TransmitFailure < Options.LinkFailureLimit && IsLinkAlive(neighbor))
        {
            Finish(op, NwkStatus.MacFailure, confirm.Status, confirm.Timestamp);
            return;
        }

        if (neighbor is null || Now - neighbor.LastHeard > 2 * Nib.LinkStatusPeriod)
        {
            // Silent for two link status periods as well: the neighbour is gone, and every route through it. (One
            // period is not enough: its link statuses come every period plus up to LinkStatusJitter, so a router
            // heard only by them, like a busy coordinator whose unicasts the frame filter drops, looks silent for
            // a whole period every time and lost its routes to any MAC failure in that gap.)
            RoutingTable.InvalidateVia(op.NextHop);
            if (neighbor is not null && !neighbor.IsChild)
            {
                neighbor.Age = (byte)Math.Min(255, Nib.RouterAgeLimit + 1);
            }
        }
        else
        {
            // Still heard (link status, relayed frames): busy or fading, not gone. Only this destination's route is
            // given up; other routes through it find out for themselves, and the next frame starts a fresh count.
            if (RoutingTable.Find(op.Destination) is { Status: RouteStatus.Active } failed && failed.NextHopAddress == op.NextHop)
            {
                failed.Status = RouteStatus.Inactive;
            }

            neighbor.TransmitFailure = 0;
        }

        if (!op.SourceRouted && TryManyToOneDetour(op))
        {
            return;
        }

        if (op.SourceRouted)
        {
            if (op.Kind == NwkTxKind.Relay)
            {
                SendNetworkStatus(op.Source, NwkStatusCode.SourceRouteFailure, op.Destination);
            }
            else
            {
                Nib.RouteRecordTable.Remove(op.Destination);
            }

            Finish(op, NwkStatus.RouteError, confirm.Status, confirm.Timestamp);
            return;
        }

        if (op.Kind == NwkTxKind.Data && !op.RepairTried && op.DiscoverRoute && _routerStarted)
        {
            // Route repair by the source: discover again and send this frame along the new route.
            op.RepairTried = true;
            op.NextHop = 0xFFFF;
            Counters.RouteRepairs++;
            RoutingTable.Remove(op.Destination);
            BufferForDiscovery(op);
            return;
        }

        if (op.Kind == NwkTxKind.Relay)
        {
            Counters.RouteRepairs++;
            SendNetworkStatus(op.Source, NwkStatusCode.NonTreeLinkFailure, op.Destination);
        }

        Finish(op, NwkStatus.RouteError, confirm.Status, confirm.Timestamp);
    }

    private void Finish(NwkTxOperation op, NwkStatus status, MacStatus macStatus, DateTimeOffset now)
    {
        if (op.HasCompletion)
        {
            if (status == NwkStatus.Success)
            {
                Counters.DataConfirmedSuccess++;
            }
            else
            {
                Counters.DataConfirmedFailure++;
            }

            op.Complete(new NldeDataConfirm(op.NsduHandle, status, now, macStatus));
            return;
        }

        Return(op);
    }

    private void DropNoRoute(NwkTxOperation op)
    {
        Counters.DroppedNoRoute++;
        if (op.Kind == NwkTxKind.Relay && op.Source != Nib.NetworkAddress)
        {
            SendNetworkStatus(op.Source, NwkStatusCode.NoRouteAvailable, op.Destination);
        }

        Finish(op, NwkStatus.RouteDiscoveryFailed, MacStatus.Success, Now);
    }

    /// <summary>Holds a frame while its route is discovered (nwkcRouteDiscoveryTime at most).</summary>
    private void BufferForDiscovery(NwkTxOperation op)
    {
        var now = Now;
        if (_pending.Count >= Options.PendingFrameCapacity)
        {
            Counters.DroppedBufferFull++;
            if (op.Kind == NwkTxKind.Relay)
            {
                SendNetworkStatus(op.Source, NwkStatusCode.NoRouteAvailable, op.Destination);
            }

            Finish(op, NwkStatus.FrameNotBuffered, MacStatus.Success, now);
            return;
        }

        op.Deadline = now + Options.RouteDiscoveryTime;
        _pending.Add(op);
        WakeAt(op.Deadline);
        if (RoutingTable.Find(op.Destination) is { Status: RouteStatus.DiscoveryUnderway } || IsAwaitingRecord(op.Destination))
        {
            return;
        }

        if (WaitsForRouteRecord(op))
        {
            AwaitRouteRecord(op.Destination, now);
            return;
        }

        StartRouteDiscovery(op.Destination);
    }

    /// <summary>Sends the frames that waited for <paramref name="destination"/> now that a route exists.</summary>
    private void FlushPending(ushort destination)
    {
        for (var i = 0; i < _pending.Count; i++)
        {
            var op = _pending[i];
            if (op.Destination != destination)
            {
                continue;
            }

            _pending.RemoveAt(i--);
            if (ResolveNextHop(op))
            {
                TransmitUnicast(op);
            }
            else
            {
                DropNoRoute(op);
            }
        }
    }

    private void ExpirePending(DateTimeOffset now)
    {
        for (var i = 0; i < _pending.Count; i++)
        {
            var op = _pending[i];
            if (op.Deadline > now)
            {
                continue;
            }

            _pending.RemoveAt(i--);
            if (RoutingTable.Find(op.Destination) is { Status: RouteStatus.DiscoveryUnderway } route)
            {
                route.Status = RouteStatus.DiscoveryFailed;
                Counters.RouteDiscoveriesFailed++;
            }

            Counters.DroppedNoRoute++;
            if (op.Kind == NwkTxKind.Relay)
            {
                SendNetworkStatus(op.Source, NwkStatusCode.NoRouteAvailable, op.Destination);
            }

            Finish(op, NwkStatus.RouteDiscoveryFailed, MacStatus.Success, now);
        }
    }

    /// <summary>
    /// Encodes a command from this device and sends it: along the routing when <paramref name="macDestination"/>
    /// is default, else straight to that MAC address (a neighbour, or an IEEE address for rejoin responses).
    /// </summary>
    private void SendCommand(ushort destination, ReadOnlySpan<byte> command, byte radius = 0, bool discoverRoute = false,
        MacAddress macDestination = default, bool indirect = false, bool macSourceExtended = false, bool inTheClear = false)
    {
        var op = Rent();
        op.Kind = NwkTxKind.Command;
        op.Destination = destination;
        op.Source = Nib.NetworkAddress;
        op.DiscoverRoute = discoverRoute;
        var header = NwkHeader.Command(destination, Nib.NetworkAddress, radius == 0 ? Nib.DefaultRadius : radius, NextSequence(),
            discoverRoute ? NwkDiscoverRoute.Enable : NwkDiscoverRoute.Suppress, sourceIeeeAddress: Nib.IeeeAddress);
        var headerLength = NwkFrame.EncodeHeader(header, op.Buffer);
        command.CopyTo(op.Buffer.AsSpan(headerLength));
        op.Length = headerLength + command.Length;
        op.HeaderLength = headerLength;
        op.InTheClear = inTheClear;
        op.MacSourceExtended = macSourceExtended;
        switch (macDestination.Mode)
        {
            case MacAddressingMode.Short:
                op.NextHop = macDestination.Short;
                op.Indirect = indirect;
                TransmitUnicast(op);
                return;
            case MacAddressingMode.Extended:
                op.NextHopExtended = macDestination.Extended;
                op.Indirect = indirect;
                TransmitUnicast(op);
                return;
            default:
                SubmitUnicast(op);
                return;
        }
    }

    private void SendNetworkStatus(ushort destination, NwkStatusCode code, ushort address)
    {
        if (destination == Nib.NetworkAddress || destination >= 0xFFF8 || !IsJoined)
        {
            return;
        }

        Span<byte> payload = stackalloc byte[8];
        var length = new NetworkStatusCommand(code, address).Encode(payload);
        Counters.NetworkStatusSent++;
        SendCommand(destination, payload[..length]);
    }
}
