using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using ZigBee.Mac.Frames;
using ZigBee.Mac.Pib;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Nwk.Tables;

namespace ZigBee.Nwk.Service;

// Mesh routing (§3.6.3): AODV route discovery with path costs, route replies along the best path, many-to-one
// routes to a concentrator, route records and source routes, network status, address conflicts.
public sealed partial class NwkService
{
    /// <summary>
    /// Asks the network for a route to <paramref name="destination"/> (NLME-ROUTE-DISCOVERY, unicast mode) and
    /// waits until it is found or nwkcRouteDiscoveryTime passes.
    /// </summary>
    public async Task<NwkStatus> RouteDiscoveryAsync(ushort destination)
    {
        if (!IsJoined || IsEndDevice || !_routerStarted || destination >= 0xFFF8)
        {
            return NwkStatus.InvalidRequest;
        }

        StartRouteDiscovery(destination);
        var deadline = Now + Options.RouteDiscoveryTime;
        while (Now < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), _time);
            if (RoutingTable.Find(destination) is { Status: RouteStatus.Active })
            {
                return NwkStatus.Success;
            }
        }

        return NwkStatus.RouteDiscoveryFailed;
    }

    /// <summary>NLME-ROUTE-DISCOVERY with DstAddrMode 0: a many-to-one route request from this concentrator (§3.6.3.5.1).</summary>
    public NwkStatus StartManyToOneRouteDiscovery()
    {
        if (!_routerStarted || IsEndDevice)
        {
            return NwkStatus.InvalidRequest;
        }

        _lastManyToOneRequest = Now;
        ExpireTables(_lastManyToOneRequest);
        var id = ++_routeRequestId;
        Span<byte> payload = stackalloc byte[16];
        var mode = ManyToOneMode.RouteRecordSupported;
        var length = RouteRequestCommand.Create(id, NwkConstants.BroadcastRouters, 0, mode).Encode(payload);
        _routeDiscovery.Add(Nib.NetworkAddress, id, Nib.NetworkAddress, NwkConstants.BroadcastRouters, 0, Now + Options.RouteDiscoveryTime);
        Counters.ManyToOneRequestsSent++;
        BroadcastRouteRequest(payload[..length], Nib.ConcentratorRadius, Options.InitialRouteRequestRetries, TimeSpan.Zero);
        return NwkStatus.Success;
    }

    private DateTimeOffset _lastManyToOneRequest = DateTimeOffset.MinValue;

    /// <summary>
    /// The layer above learnt of a new router (its Device_annce): it has no route to this concentrator yet and would
    /// flood the network with a route discovery for one at its first frame here. A many-to-one route request soon
    /// (rate-limited as <see cref="RefreshManyToOneRoutes(DateTimeOffset)"/>) gives it one first; when to issue one is
    /// the application's choice (R22 §3.6.3.5.1).
    /// </summary>
    public void RefreshManyToOneRoutes() => RefreshManyToOneRoutes(Now);

    /// <summary>
    /// A router asked for a route to this concentrator: it (and likely others, e.g. routers that joined since the last
    /// many-to-one request or lost their route) has no many-to-one route, and each would flood the network with a
    /// discovery of its own. One many-to-one request soon, at most every ConcentratorMinRefreshTime, serves them all:
    /// one asked for too early goes out when that time is up instead of being dropped.
    /// </summary>
    private void RefreshManyToOneRoutes(DateTimeOffset now)
    {
        if (!Nib.IsConcentrator || !_routerStarted || _lastManyToOneRequest == DateTimeOffset.MinValue)
        {
            // The first request is already due, once the first link statuses are in.
            return;
        }

        // Jittered, so the reply to the request that asked goes out first; the period restarts from the request.
        var due = now + RandomDelay(Options.MinRouteRequestJitter, Options.MaxRouteRequestJitter);
        var allowed = _lastManyToOneRequest + Options.ConcentratorMinRefreshTime;
        if (allowed > due)
        {
            due = allowed;
        }

        if (due < _concentratorDue)
        {
            ScheduleConcentrator(due - now);
        }
    }

    private DateTimeOffset _concentratorDue = DateTimeOffset.MaxValue;

    private void ScheduleConcentrator(TimeSpan delay)
    {
        _concentratorDue = delay == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : Now + delay;
        _concentratorTimer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private void OnConcentratorTimer()
    {
        if (!Nib.IsConcentrator || !_routerStarted)
        {
            return;
        }

        _concentratorDue = DateTimeOffset.MaxValue;
        StartManyToOneRouteDiscovery();
        if (Nib.ConcentratorDiscoveryTime > TimeSpan.Zero)
        {
            ScheduleConcentrator(Nib.ConcentratorDiscoveryTime);
        }
    }

    private void StartConcentrator()
    {
        if (Nib.IsConcentrator)
        {
            // The first many-to-one request waits for the first link statuses, so relays know their neighbours.
            ScheduleConcentrator(Nib.LinkStatusPeriod + Options.LinkStatusJitter);
        }
    }

    private void StartRouteDiscovery(ushort destination)
    {
        var now = Now;
        var route = RoutingTable.GetOrAdd(destination, now);
        route.Status = RouteStatus.DiscoveryUnderway;
        // A concentrator's entry stays many-to-one: a discovery mends the path there, the destination is still a
        // concentrator (its next request refreshes the route, and the route found carries a route record first).
        route.RouteRecordRequired = false;
        route.LastUsed = now;
        if (now + Options.RouteDiscoveryTime < _discoveringRoutesDue)
        {
            _discoveringRoutesDue = now + Options.RouteDiscoveryTime;
        }

        var id = ++_routeRequestId;
        ExpireTables(now);
        _routeDiscovery.Add(Nib.NetworkAddress, id, Nib.NetworkAddress, destination, 0, now + Options.RouteDiscoveryTime);

        Counters.RouteDiscoveriesStarted++;
        Span<byte> payload = stackalloc byte[16];
        ulong? ieee = Nib.AddressMap.TryGetExtended(destination, out var known) ? known : null;
        var length = RouteRequestCommand.Create(id, destination, 0, destinationIeeeAddress: ieee).Encode(payload);
        BroadcastRouteRequest(payload[..length], Nib.DefaultRadius, Options.InitialRouteRequestRetries, TimeSpan.Zero);
    }

    /// <summary>A route request from this device: to the routers, repeated nwkcRREQRetries times, no passive ack.</summary>
    private void BroadcastRouteRequest(ReadOnlySpan<byte> payload, byte radius, int retries, TimeSpan delay)
    {
        var header = NwkHeader.Command(NwkConstants.BroadcastRouters, Nib.NetworkAddress, radius, NextSequence(), sourceIeeeAddress: Nib.IeeeAddress);
        var job = RentJob();
        var headerLength = NwkFrame.EncodeHeader(header, job.Buffer);
        payload.CopyTo(job.Buffer.AsSpan(headerLength));
        job.Length = headerLength + payload.Length;
        job.HeaderLength = headerLength;
        job.Source = header.SourceAddress;
        job.SequenceNumber = header.SequenceNumber;
        QueueRouteRequest(job, retries, delay);
    }

    private void QueueRouteRequest(BroadcastJob job, int retries, TimeSpan delay)
    {
        var now = Now;
        job.PassiveAck = false;
        job.TransmissionsLeft = 1 + retries;
        job.RetryInterval = Options.RouteRequestRetryInterval;
        job.Due = now + delay;
        _jobs.Add(job);
        WakeAt(job.Due);
    }

    /// <summary>The cost of the link from a neighbour, or from this frame's LQI when the neighbour is not known.</summary>
    private byte LinkCostFrom(ushort neighbor, byte lqi)
    {
        if (Nib.ReportConstantCost)
        {
            return LinkCost.Worst;
        }

        return NeighborTable.Find(neighbor) is { } entry ? entry.LinkCostFor(Nib.SymLink) : LinkCost.FromLqi(lqi);
    }

    /// <summary>A route request heard by a router (§3.6.3.5.2).</summary>
    private void OnRouteRequest(ReadOnlySpan<byte> bytes, in NwkFrame frame, ushort sender, byte lqi, DateTimeOffset now)
    {
        var header = frame.Header;
        if (!RouteRequestCommand.TryDecode(frame.Payload(bytes), out var request) || sender == 0xFFFF)
        {
            Counters.DroppedUnsupported++;
            return;
        }

        Counters.RouteRequestsReceived++;
        var origin = header.SourceAddress;
        if (origin == Nib.NetworkAddress)
        {
            return;
        }

        var pathCost = (byte)Math.Min(255, request.PathCost + LinkCostFrom(sender, lqi));
        if (request.ManyToOne != ManyToOneMode.None && NeighborTable.Find(sender) is { IsRouterCapable: true } relay)
        {
            // Every copy counts here, the worse ones too: each is a neighbour's own distance to the concentrator.
            relay.ManyToOneConcentrator = origin;
            relay.ManyToOneCost = request.PathCost;
        }

        var discovery = _routeDiscovery.Find(origin, request.RouteRequestId);
        if (discovery is null)
        {
            discovery = _routeDiscovery.Add(origin, request.RouteRequestId, sender, request.DestinationAddress, pathCost, now + Options.RouteDiscoveryTime);
            if (discovery is null && request.ManyToOne != ManyToOneMode.None && _routeDiscovery.RemoveOldest())
            {
                // A concentrator's request gives every router its route there at once; missed, it costs a discovery of
                // this router's own later. The oldest discovery, its flood passed and its reply relayed seconds ago,
                // gives way (nwkcRouteDiscoveryTime keeps an entry longer than a flood lasts).
                discovery = _routeDiscovery.Add(origin, request.RouteRequestId, sender, request.DestinationAddress, pathCost, now + Options.RouteDiscoveryTime);
            }

            if (discovery is null)
            {
                Counters.DroppedBufferFull++;
                return;
            }
        }
        else if (pathCost < discovery.ForwardCost)
        {
            discovery.SenderAddress = sender;
            discovery.ForwardCost = pathCost;
        }
        else
        {
            return;
        }

        if (request.ManyToOne != ManyToOneMode.None)
        {
            // A concentrator's request: keep the route back to it, answer nothing (§3.6.3.5.2).
            var route = RoutingTable.GetOrAdd(origin, now);
            route.Status = RouteStatus.Active;
            route.NextHopAddress = sender;
            route.ManyToOne = true;
            route.RouteRecordRequired = request.ManyToOne == ManyToOneMode.RouteRecordSupported;
            route.NoRouteCache = request.ManyToOne == ManyToOneMode.RouteRecordNotSupported;
            route.PathCost = pathCost;
            route.LastUsed = now;
            if (route.RouteRecordRequired)
            {
                for (var index = 0; index < NeighborTable.Count; index++)
                {
                    var child = NeighborTable[index];
                    child.RouteRecordRequired = child.IsChild && child.DeviceType == NwkDeviceRole.EndDevice;
                }
            }
        }
        else
        {
            var target = request.DestinationAddress;
            var child = NeighborTable.Find(target);
            if (target == Nib.NetworkAddress || child is { IsChild: true, DeviceType: NwkDeviceRole.EndDevice })
            {
                // We are the destination, or its parent: reply along the best path seen (§3.6.3.5.2).
                var responderIeee = target == Nib.NetworkAddress ? Nib.IeeeAddress : child!.ExtendedAddress;
                SendRouteReply(sender, request.RouteRequestId, origin, target, 0, header.SourceIeeeAddress, responderIeee == 0 ? null : responderIeee);
                NoteReverseRoute(origin, sender, pathCost, now);
                if (target == Nib.NetworkAddress)
                {
                    RefreshManyToOneRoutes(now);
                }

                return;
            }
        }

        if (header.Radius <= 1 || bytes.Length > NwkTxOperation.MaxFrameLength)
        {
            return;
        }

        // A better path cost for a request still being repeated here: its remaining transmissions carry the new cost
        // (and radius) instead of a second series of three going out beside it (§3.6.3.5.2).
        for (var i = 0; i < _jobs.Count; i++)
        {
            var queued = _jobs[i];
            if (!queued.PassiveAck && queued.Source == origin && queued.SequenceNumber == header.SequenceNumber && queued.TransmissionsLeft > 0
                && queued.Length == bytes.Length)
            {
                bytes.CopyTo(queued.Buffer);
                NwkFrame.SetRadius(queued.Buffer, (byte)(header.Radius - 1));
                queued.Buffer[frame.PayloadOffset + 5] = pathCost;
                return;
            }
        }

        var job = RentJob();
        bytes.CopyTo(job.Buffer);
        job.Length = bytes.Length;
        job.HeaderLength = frame.PayloadOffset;
        NwkFrame.SetRadius(job.Buffer, (byte)(header.Radius - 1));
        job.Buffer[frame.PayloadOffset + 5] = pathCost;
        job.Source = origin;
        job.SequenceNumber = header.SequenceNumber;
        QueueRouteRequest(job, Options.RouteRequestRetries, RandomDelay(Options.MinRouteRequestJitter, Options.MaxRouteRequestJitter));
    }

    /// <summary>
    /// The next hop of a many-to-one route failed: any router neighbour strictly closer to the concentrator (by the
    /// cost it advertised in the last many-to-one request, so it does not route through us) will do. The frame goes
    /// there and the route follows; no route discovery floods the network for a route the concentrator maintains.
    /// </summary>
    private bool TryManyToOneDetour(NwkTxOperation op)
    {
        if (RoutingTable.Find(op.Destination) is not { ManyToOne: true } route || !RepairManyToOneRoute(route, op.NextHop))
        {
            return false;
        }

        op.NextHop = route.NextHopAddress;
        op.UnicastRetries = 0;
        TransmitUnicast(op);
        return true;
    }

    /// <summary>
    /// Points a many-to-one route at the router neighbour, other than <paramref name="failedHop"/>, with the cheapest
    /// way to the concentrator among those strictly closer to it than this route's cost; false when there is none.
    /// </summary>
    private bool RepairManyToOneRoute(RouteEntry route, ushort failedHop)
    {
        NeighborEntry? best = null;
        var bestCost = int.MaxValue;
        for (var index = 0; index < NeighborTable.Count; index++)
        {
            var neighbor = NeighborTable[index];
            if (neighbor.NetworkAddress == failedHop || neighbor.ManyToOneConcentrator != route.DestinationAddress || !neighbor.IsRouterCapable
                || neighbor.ManyToOneCost >= route.PathCost || !IsLinkAlive(neighbor))
            {
                continue;
            }

            var cost = neighbor.ManyToOneCost + neighbor.LinkCostFor(Nib.SymLink);
            if (cost < bestCost)
            {
                best = neighbor;
                bestCost = cost;
            }
        }

        if (best is null)
        {
            return false;
        }

        route.Status = RouteStatus.Active;
        route.NextHopAddress = best.NetworkAddress;
        route.PathCost = (byte)Math.Min(255, bestCost);
        Counters.ManyToOneDetours++;
        return true;
    }

    /// <summary>A route reply goes hop by hop back along the senders of the route discovery table (§3.6.3.5.3).</summary>
    private void SendRouteReply(ushort nextHop, byte requestId, ushort originator, ushort responder, byte pathCost, ulong? originatorIeee, ulong? responderIeee)
    {
        Span<byte> payload = stackalloc byte[32];
        var length = RouteReplyCommand.Create(requestId, originator, responder, pathCost, false, originatorIeee, responderIeee).Encode(payload);
        Counters.RouteRepliesSent++;
        SendCommand(nextHop, payload[..length], macDestination: MacAddress.FromShort(nextHop));
    }

    private void OnRouteReply(ReadOnlySpan<byte> payload, in NwkHeader header, ushort sender, byte lqi, DateTimeOffset now)
    {
        if (IsEndDevice || !_routerStarted || !RouteReplyCommand.TryDecode(payload, out var reply) || sender == 0xFFFF)
        {
            Counters.DroppedUnsupported++;
            return;
        }

        _ = header;
        if (reply.ResponderIeeeAddress is { } responderIeee)
        {
            NoteAddress(reply.ResponderAddress, responderIeee);
        }

        var cost = (byte)Math.Min(255, reply.PathCost + LinkCostFrom(sender, lqi));
        var responder = reply.ResponderAddress;
        if (reply.OriginatorAddress == Nib.NetworkAddress)
        {
            var route = RoutingTable.GetOrAdd(responder, now);
            var found = route.Status != RouteStatus.Active;
            if (found || cost < route.PathCost || route.NextHopAddress == sender)
            {
                route.Status = RouteStatus.Active;
                route.NextHopAddress = sender;
                route.PathCost = cost;
                route.LastUsed = now;
                if (route.ManyToOne && !route.NoRouteCache)
                {
                    // A new path to a concentrator: it learns the path before the next data (§3.6.3.5.4), instead of
                    // finding its source route back broken and flooding the network with a discovery of its own.
                    route.RouteRecordRequired = true;
                }

                if (found)
                {
                    Counters.RoutesFound++;
                }

                FlushPending(responder);
            }

            return;
        }

        ExpireTables(now);
        var discovery = _routeDiscovery.Find(reply.OriginatorAddress, reply.RouteRequestId);
        if (discovery is null || cost >= discovery.ResidualCost)
        {
            return;
        }

        discovery.ResidualCost = cost;
        if (RoutingTable.Find(responder) is not { ManyToOne: true, Status: RouteStatus.Active })
        {
            // A relay's active many-to-one route to a concentrator is left as it is, as by NoteReverseRoute: the
            // concentrator maintains it, and a reply for another router's discovery says nothing against it.
            var relayRoute = RoutingTable.GetOrAdd(responder, now);
            relayRoute.Status = RouteStatus.Active;
            relayRoute.NextHopAddress = sender;
            relayRoute.PathCost = cost;
            relayRoute.LastUsed = now;
        }

        SendRouteReply(discovery.SenderAddress, reply.RouteRequestId, reply.OriginatorAddress, responder, cost, reply.OriginatorIeeeAddress, reply.ResponderIeeeAddress);
        NoteReverseRoute(reply.OriginatorAddress, discovery.SenderAddress, discovery.ForwardCost, now);
    }

    /// <summary>
    /// With nwkSymLink, a route discovery makes the route back to its originator as well (§3.6.3.5.3): the path its
    /// request took, so the answer to the originator's first frame (an APS acknowledgement) needs no discovery of its
    /// own. A concentrator's many-to-one route, or a cheaper active route, is left as it is.
    /// </summary>
    private void NoteReverseRoute(ushort originator, ushort nextHop, byte cost, DateTimeOffset now)
    {
        if (!Nib.SymLink || originator == Nib.NetworkAddress || nextHop >= 0xFFF8)
        {
            return;
        }

        if (RoutingTable.Find(originator) is { Status: RouteStatus.Active } existing
            && (existing.ManyToOne || (existing.PathCost < cost && existing.NextHopAddress != nextHop)))
        {
            return;
        }

        var route = RoutingTable.GetOrAdd(originator, now);
        route.Status = RouteStatus.Active;
        route.NextHopAddress = nextHop;
        route.PathCost = cost;
        route.ManyToOne = false;
        route.LastUsed = now;
    }

    /// <summary>A route record to the concentrator, before the first data along a fresh many-to-one route.</summary>
    private void SendRouteRecord(ushort concentrator)
    {
        Span<byte> payload = stackalloc byte[2];
        var length = RouteRecordCommand.Encode(ReadOnlySpan<ushort>.Empty, payload);
        Counters.RouteRecordsSent++;
        SendCommand(concentrator, payload[..length]);
    }

    /// <summary>A route record for an end device child: from the child's address, this parent as its first relay.</summary>
    private void SendRouteRecordFor(NeighborEntry child, ushort concentrator)
    {
        var op = Rent();
        op.Kind = NwkTxKind.Command;
        op.Destination = concentrator;
        op.Source = child.NetworkAddress;
        op.DiscoverRoute = false;
        var header = NwkHeader.Command(concentrator, child.NetworkAddress, Nib.DefaultRadius, NextSequence(),
            sourceIeeeAddress: child.ExtendedAddress == 0 ? null : child.ExtendedAddress);
        var headerLength = NwkFrame.EncodeHeader(header, op.Buffer);
        _relayScratch[0] = Nib.NetworkAddress;
        var length = headerLength + RouteRecordCommand.Encode(_relayScratch.AsSpan(0, 1), op.Buffer.AsSpan(headerLength));
        op.Length = length;
        op.HeaderLength = headerLength;
        Counters.RouteRecordsSent++;
        SubmitUnicast(op);
    }

    /// <summary>Relays a route record, adding this device to its relay list (§3.6.3.5.4).</summary>
    private void RelayRouteRecord(ReadOnlySpan<byte> bytes, in NwkFrame frame)
    {
        var header = frame.Header;
        var payload = frame.Payload(bytes);
        if (!RouteRecordCommand.TryDecode(payload, out var record) || record.RelayCount >= _relayScratch.Length - 1)
        {
            Counters.DroppedUnsupported++;
            return;
        }

        var count = record.RelayCount;
        for (var i = 0; i < count; i++)
        {
            _relayScratch[i] = record.GetRelay(payload, i);
        }

        _relayScratch[count] = Nib.NetworkAddress;
        var relayed = header with { Radius = (byte)(header.Radius - 1) };
        var op = Rent();
        var headerLength = NwkFrame.EncodeHeader(relayed, op.Buffer);
        var total = headerLength + RouteRecordCommand.Encode(_relayScratch.AsSpan(0, count + 1), op.Buffer.AsSpan(headerLength));
        if (total + SecurityBytes > MaxMacPayload)
        {
            Counters.DroppedUnsupported++;
            Return(op);
            return;
        }

        op.Length = total;
        op.HeaderLength = headerLength;
        op.Kind = NwkTxKind.Relay;
        op.Destination = header.DestinationAddress;
        op.Source = header.SourceAddress;
        op.DiscoverRoute = false;
        SubmitUnicast(op);
    }

    private void OnRouteRecord(ReadOnlySpan<byte> payload, in NwkHeader header, DateTimeOffset now)
    {
        if (!RouteRecordCommand.TryDecode(payload, out var record) || record.RelayCount > _relayScratch.Length)
        {
            Counters.DroppedUnsupported++;
            return;
        }

        for (var i = 0; i < record.RelayCount; i++)
        {
            _relayScratch[i] = record.GetRelay(payload, i);
        }

        if (Nib.IsConcentrator)
        {
            Nib.RouteRecordTable.Set(header.SourceAddress, _relayScratch.AsSpan(0, record.RelayCount), now);
            SendHeldFramesAlongRecord(header.SourceAddress);
        }
    }

    private void OnNetworkStatus(ReadOnlySpan<byte> payload, in NwkHeader header)
    {
        if (!NetworkStatusCommand.TryDecode(payload, out var status))
        {
            Counters.DroppedUnsupported++;
            return;
        }

        Counters.NetworkStatusReceived++;
        var address = status.DestinationAddress;
        switch (status.Status)
        {
            case NwkStatusCode.NoRouteAvailable:
            case NwkStatusCode.TreeLinkFailure:
            case NwkStatusCode.NonTreeLinkFailure:
                // The route broke further along: forget it, the next frame discovers a new one (§3.6.3.7). A
                // many-to-one route stays, inactive: its cost lets the next frame take a closer neighbour instead.
                if (RoutingTable.Find(address) is { ManyToOne: true } manyToOne)
                {
                    manyToOne.Status = RouteStatus.Inactive;
                }
                else
                {
                    RoutingTable.Remove(address);
                }

                break;
            case NwkStatusCode.SourceRouteFailure:
                Nib.RouteRecordTable.Remove(address);
                break;
            case NwkStatusCode.AddressConflict:
                OnAddressConflictReported(address);
                break;
        }

        NetworkStatusIndication?.Invoke(new NlmeNwkStatusIndication(status.Status, address, header.SourceAddress));
    }

    /// <summary>
    /// Learns which IEEE address uses a network address and detects conflicts (§3.6.1.9): a second IEEE address
    /// for one network address, or someone else using ours.
    /// </summary>
    private void NoteAddress(ushort networkAddress, ulong ieeeAddress)
    {
        // Most frames name a pair checked moments ago (every copy of a flood names its originator, and floods overlap):
        // nothing can have changed while the map has not and our own address is another.
        if (IsNoted(networkAddress, ieeeAddress) && networkAddress != Nib.NetworkAddress)
        {
            return;
        }

        if (ieeeAddress == 0 || networkAddress >= 0xFFF8 || !IsJoined)
        {
            return;
        }

        if (networkAddress == Nib.NetworkAddress)
        {
            if (ieeeAddress != Nib.IeeeAddress)
            {
                Counters.AddressConflictsDetected++;
                ResolveOwnConflict();
            }

            return;
        }

        if (ieeeAddress == Nib.IeeeAddress)
        {
            return;
        }

        if (Nib.AddressMap.TryGetExtended(networkAddress, out var known) && known == ieeeAddress)
        {
            Noted(networkAddress, ieeeAddress);
            return;
        }

        if (known != 0 && known != ieeeAddress)
        {
            Counters.AddressConflictsDetected++;
            Nib.AddressMap.RemoveNetwork(networkAddress);
            ReportAddressConflict(networkAddress);
            return;
        }

        Nib.AddressMap.Set(networkAddress, ieeeAddress);
        Noted(networkAddress, ieeeAddress);
    }

    // The last pairs NoteAddress found in the address map, forgotten whenever the map changes. Held inline in this
    // object (which every frame received touches anyway), so a remembered pair costs no look-up elsewhere in memory.
    private const int NotedPairs = 4;
    private NotedNetworkAddresses _notedNetwork;
    private NotedIeeeAddresses _notedIeee;
    private int _notedNext;

    private bool IsNoted(ushort networkAddress, ulong ieeeAddress)
    {
        var index = ((ReadOnlySpan<ushort>)_notedNetwork).IndexOf(networkAddress);
        return index >= 0 && _notedIeee[index] == ieeeAddress;
    }

    private void Noted(ushort networkAddress, ulong ieeeAddress)
    {
        // A network address is held once: a pair for it replaces the old one in place.
        var index = ((ReadOnlySpan<ushort>)_notedNetwork).IndexOf(networkAddress);
        if (index < 0)
        {
            index = _notedNext;
            _notedNext = (_notedNext + 1) % NotedPairs;
        }

        _notedNetwork[index] = networkAddress;
        _notedIeee[index] = ieeeAddress;
    }

    private void ForgetNoted() => ((Span<ushort>)_notedNetwork).Fill(0xFFFF);

    [InlineArray(NotedPairs)]
    private struct NotedNetworkAddresses
    {
        private ushort _element;
    }

    [InlineArray(NotedPairs)]
    private struct NotedIeeeAddresses
    {
        private ulong _element;
    }

    private ushort _lastConflictAddress = 0xFFFF;
    private DateTimeOffset _lastConflictReport;

    /// <summary>Tells the network about a conflict (network status 0x0d to 0xFFFD), or fixes it for our own child.</summary>
    private void ReportAddressConflict(ushort address)
    {
        var now = Now;
        if (address == _lastConflictAddress && now - _lastConflictReport < Nib.NetworkBroadcastDeliveryTime)
        {
            return;
        }

        _lastConflictAddress = address;
        _lastConflictReport = now;
        if (NeighborTable.Find(address) is { IsChild: true, DeviceType: NwkDeviceRole.EndDevice } child)
        {
            GiveChildNewAddress(child);
        }

        Span<byte> payload = stackalloc byte[8];
        var length = new NetworkStatusCommand(NwkStatusCode.AddressConflict, address).Encode(payload);
        var header = NwkHeader.Command(NwkConstants.BroadcastRxOnWhenIdle, Nib.NetworkAddress, Nib.DefaultRadius, NextSequence(), sourceIeeeAddress: Nib.IeeeAddress);
        // Counted when it goes out (RunBroadcastJobs): it may yet be withdrawn.
        OriginateBroadcast(header, payload[..length], maxJitter: Options.AddressConflictReportJitter);
    }

    /// <summary>
    /// Another device reported the conflict: the network hears of it already, so this device's own report of it, still
    /// waiting for its jitter, is withdrawn, and one it detects next (from a frame still on its way) is not sent.
    /// </summary>
    private void WithdrawConflictReport(ushort address)
    {
        _lastConflictAddress = address;
        _lastConflictReport = Now;
        for (var i = _jobs.Count - 1; i >= 0; i--)
        {
            var job = _jobs[i];
            if (job.Sent || !IsOwnNetworkStatus(job, out var queued) || queued.Status != NwkStatusCode.AddressConflict || queued.DestinationAddress != address)
            {
                continue;
            }

            _jobs[i] = _jobs[^1];
            _jobs.RemoveAt(_jobs.Count - 1);
            _jobPool.Push(job);
        }
    }

    /// <summary>Whether a broadcast job is a network status command this device originated, and which.</summary>
    private bool IsOwnNetworkStatus(BroadcastJob job, out NetworkStatusCommand status)
    {
        status = default;
        return job.Source == Nib.NetworkAddress && (NwkFrameType)(job.Buffer[0] & 3) == NwkFrameType.Command
            && NetworkStatusCommand.TryDecode(job.Buffer.AsSpan(job.HeaderLength, job.Length - job.HeaderLength), out status);
    }

    private void OnAddressConflictReported(ushort address)
    {
        WithdrawConflictReport(address);
        Nib.AddressMap.RemoveNetwork(address);
        RoutingTable.Remove(address);
        if (address == Nib.NetworkAddress)
        {
            ResolveOwnConflict();
        }
        else if (NeighborTable.Find(address) is { IsChild: true, DeviceType: NwkDeviceRole.EndDevice } child)
        {
            GiveChildNewAddress(child);
        }
    }

    /// <summary>
    /// Our address is used by another device: a router takes a new random one (§3.6.1.9.3); the coordinator keeps
    /// 0x0000 (the other device moves); an end device waits for its parent to give it one.
    /// </summary>
    private void ResolveOwnConflict()
    {
        if (Nib.DeviceType != NwkDeviceRole.Router)
        {
            return;
        }

        ChangeNetworkAddress(AllocateAddress(), NwkAddressReason.AddressConflict);
    }

    /// <summary>Takes a new network address and announces it to the layer above.</summary>
    internal void ChangeNetworkAddress(ushort address, NwkAddressReason reason)
    {
        Nib.NetworkAddress = address;
        Observe(SetMacPibAsync(MacPibAttribute.MacShortAddress, address));
        Counters.AddressChanges++;
        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("Network address now 0x{Address:x4} ({Reason})", address, reason);
        }

        DeviceAnnounce?.Invoke(new NwkDeviceAnnounce(address, Nib.IeeeAddress, Nib.CapabilityInformation, reason));
    }

    /// <summary>A parent resolves its end device child's conflict with an unsolicited rejoin response (§3.6.1.9.3).</summary>
    private void GiveChildNewAddress(NeighborEntry child)
    {
        var old = child.NetworkAddress;
        var address = AllocateAddress();
        child.NetworkAddress = address;
        Nib.AddressMap.Set(address, child.ExtendedAddress);
        Span<byte> payload = stackalloc byte[4];
        var length = new RejoinResponseCommand(address, RejoinStatus.Success).Encode(payload);
        // The child still uses (and polls from) its old short address: the response goes there.
        SendCommand(old, payload[..length], radius: 1, macDestination: MacAddress.FromShort(old), indirect: !child.RxOnWhenIdle);
    }

    /// <summary>A stochastic address (§3.6.1.7.2): random, not 0x0000, below 0xFFF8, not known to be in use.</summary>
    private ushort AllocateAddress()
    {
        while (true)
        {
            var address = (ushort)_random.Next(1, 0xFFF8);
            if (address != Nib.NetworkAddress && NeighborTable.Find(address) is null && !Nib.AddressMap.TryGetExtended(address, out _)
                && RoutingTable.Find(address) is null)
            {
                return address;
            }
        }
    }

    private async Task SetMacPibAsync(MacPibAttribute attribute, MacPibValue value) =>
        await _mac.SetRequestAsync(attribute, value);
}
