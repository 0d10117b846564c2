using Microsoft.Extensions.Logging;
using ZigBee.Mac.Frames;
using ZigBee.Mac.Pib;
using ZigBee.Mac.Service;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Nwk.Tables;

namespace ZigBee.Nwk.Service;

// NLME-JOIN (§3.6.1.4): association through the best potential parent, NWK rejoin, orphan; and the parent's side
// of each (address assignment, child entries, NLME-JOIN.indication).
public sealed partial class NwkService
{
    private TaskCompletionSource<(RejoinResponseCommand Response, ushort From)>? _rejoinWait;

    /// <summary>NLME-JOIN.request: association, NWK rejoin or orphan, as <see cref="NlmeJoinRequest.RejoinNetwork"/> says.</summary>
    public Task<NlmeJoinConfirm> JoinAsync(NlmeJoinRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.RejoinNetwork switch
        {
            NwkRejoinNetwork.Association => JoinByAssociationAsync(request),
            NwkRejoinNetwork.Rejoin => RejoinAsync(request),
            NwkRejoinNetwork.Orphan => JoinByOrphanAsync(request),
            _ => Task.FromResult(new NlmeJoinConfirm(NwkStatus.InvalidRequest, 0xFFFF, request.ExtendedPanId, 0)),
        };
    }

    private async Task<NlmeJoinConfirm> JoinByAssociationAsync(NlmeJoinRequest request)
    {
        if (IsJoined || _rejoinWait is not null)
        {
            return new(NwkStatus.InvalidRequest, Nib.NetworkAddress, Nib.ExtendedPanId, Nib.LogicalChannel);
        }

        var router = request.CapabilityInformation.DeviceType;
        // A beacon can be lost to a collision: scan again a few times before giving up.
        for (var scan = 0; scan < Options.DiscoveryAttempts && ChooseParent(request.ExtendedPanId, router, requirePermitJoining: true) is null; scan++)
        {
            await NetworkDiscoveryAsync(new NlmeNetworkDiscoveryRequest(request.ScanChannels, request.ScanDuration), request.ExtendedPanId);
        }

        var attempts = 0;
        while (true)
        {
            var parent = ChooseParent(request.ExtendedPanId, router, requirePermitJoining: true);
            if (parent is null)
            {
                return new(attempts == 0 ? NwkStatus.NoNetworks : NwkStatus.NotPermitted, 0xFFFF, request.ExtendedPanId, 0);
            }

            attempts++;
            var confirm = await _mac.AssociateRequestAsync(new MlmeAssociateRequest(parent.LogicalChannel, parent.PanId,
                MacAddress.FromShort(parent.NetworkAddress), request.CapabilityInformation));
            if (confirm.Status != MacStatus.Success || confirm.AssocShortAddress >= 0xFFF8)
            {
                // This parent will not have us: the next best one may (§3.6.1.4.1.1).
                parent.PotentialParent = false;
                continue;
            }

            await CompleteJoinAsync(parent, confirm.AssocShortAddress, request.CapabilityInformation, NwkAddressReason.Joined);
            return new(NwkStatus.Success, Nib.NetworkAddress, Nib.ExtendedPanId, Nib.LogicalChannel, ParentAddress);
        }
    }

    /// <summary>
    /// The best potential parent (§3.6.1.4.1.1): of the network, with room for this kind of device, not too deep;
    /// lowest link cost first (at most 3 when any such exists), then least depth, then best LQI.
    /// </summary>
    private NeighborEntry? ChooseParent(ulong extendedPanId, bool router, bool requirePermitJoining)
    {
        NeighborEntry? best = null;
        for (var index = 0; index < NeighborTable.Count; index++)
        {
            var n = NeighborTable[index];
            if (!n.PotentialParent || !n.IsRouterCapable || (extendedPanId != 0 && n.ExtendedPanId != extendedPanId)
                || (requirePermitJoining && !n.PermitJoining) || !(router ? n.RouterCapacity : n.EndDeviceCapacity)
                || n.Depth >= Nib.MaxDepth || n.NetworkAddress >= 0xFFF8)
            {
                continue;
            }

            if (best is null || Better(n, best))
            {
                best = n;
            }
        }

        return best;

        static bool Better(NeighborEntry a, NeighborEntry b)
        {
            var costA = Math.Max((byte)3, LinkCost.FromLqi(a.Lqi));
            var costB = Math.Max((byte)3, LinkCost.FromLqi(b.Lqi));
            if (costA != costB)
            {
                return costA < costB;
            }

            return a.Depth != b.Depth ? a.Depth < b.Depth : a.Lqi > b.Lqi;
        }
    }

    /// <summary>This device is on the network through <paramref name="parent"/> as <paramref name="address"/>.</summary>
    private async Task CompleteJoinAsync(NeighborEntry parent, ushort address, CapabilityInformation capability, NwkAddressReason reason)
    {
        var previousParent = NeighborTable.Find(ParentAddress);
        if (previousParent is not null && previousParent != parent && previousParent.Relationship == NeighborRelationship.Parent)
        {
            previousParent.Relationship = NeighborRelationship.None;
        }

        Nib.NetworkAddress = address;
        Nib.PanId = parent.PanId;
        Nib.ExtendedPanId = parent.ExtendedPanId;
        Nib.LogicalChannel = parent.LogicalChannel;
        Nib.Depth = (byte)Math.Min(255, parent.Depth + 1);
        Nib.UpdateId = parent.UpdateId;
        Nib.CapabilityInformation = capability;
        parent.Relationship = NeighborRelationship.Parent;
        parent.Age = 0;
        parent.TransmitFailure = 0;
        ParentAddress = parent.NetworkAddress;
        _parentFailures = 0;
        Nib.AddressMap.Set(address, Nib.IeeeAddress);
        await _mac.SetRequestAsync(MacPibAttribute.MacShortAddress, address);
        await _mac.SetRequestAsync(MacPibAttribute.MacPanId, parent.PanId);
        await _mac.SetRequestAsync(MacPibAttribute.MacCoordShortAddress, parent.NetworkAddress);
        await _mac.SetRequestAsync(MacPibAttribute.MacRxOnWhenIdle, capability.ReceiverOnWhenIdle || capability.DeviceType);
        Nib.DeviceType = capability.DeviceType ? NwkDeviceRole.Router : NwkDeviceRole.EndDevice;

        // Entries of other networks heard during discovery are no neighbours of ours.
        NeighborTable.RemoveWhere(e => e.PanId != Nib.PanId && !e.IsChild && e.Relationship != NeighborRelationship.Parent);
        if (IsEndDevice)
        {
            if (!Options.DeferEndDeviceTimeoutRequestUntilSecured || IsSecuring)
            {
                SendEndDeviceTimeoutRequest();
            }

            StartPolling();
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("{Reason} as 0x{Address:x4} ({Role}) through parent 0x{Parent:x4}, depth {Depth}", reason, address, Nib.DeviceType, ParentAddress, Nib.Depth);
        }

        DeviceAnnounce?.Invoke(new NwkDeviceAnnounce(address, Nib.IeeeAddress, capability, reason));
    }

    /// <summary>
    /// Sends the end device timeout request (§3.4.11) to the parent; false unless this device is a joined end device.
    /// Join sends it by itself, save with <see cref="NwkServiceOptions.DeferEndDeviceTimeoutRequestUntilSecured"/>.
    /// </summary>
    public bool SendEndDeviceTimeoutRequest()
    {
        if (!IsEndDevice || ParentAddress == 0xFFFF)
        {
            return false;
        }

        Span<byte> payload = stackalloc byte[4];
        var length = new EndDeviceTimeoutRequestCommand(Options.RequestedEndDeviceTimeout).Encode(payload);
        SendCommand(ParentAddress, payload[..length]);
        return true;
    }

    /// <summary>MLME-ASSOCIATE.indication on a router or coordinator: admit the device as a child (§3.6.1.4.1.2).</summary>
    private void OnAssociateIndication(in MlmeAssociateIndication indication)
    {
        if (!_routerStarted || IsEndDevice || !PermitJoining)
        {
            Observe(_mac.AssociateResponseAsync(new MlmeAssociateResponse(indication.DeviceAddress, MacAddress.BroadcastShort, MacStatus.PanAccessDenied)));
            return;
        }

        Observe(AcceptAssociationAsync(indication.DeviceAddress, indication.CapabilityInformation, indication.Lqi));
    }

    private async Task AcceptAssociationAsync(ulong device, CapabilityInformation capability, byte lqi)
    {
        var entry = AdmitChild(device, 0xFFFF, capability, lqi);
        if (entry is null)
        {
            await _mac.AssociateResponseAsync(new MlmeAssociateResponse(device, MacAddress.BroadcastShort, MacStatus.PanAtCapacity));
            return;
        }

        var address = entry.NetworkAddress;
        var status = await _mac.AssociateResponseAsync(new MlmeAssociateResponse(device, address, MacStatus.Success));
        // An end device whose response went out but whose ACKs were lost (NO_ACK, or TRANSACTION_EXPIRED when the
        // MAC kept it for a poll that never came because the device already had it) believes it is our child: it
        // polls us and the network reaches it only through us. Its entry stays; if it did not get the response it
        // associates again and AdmitChild reuses the entry, and if it is gone, child ageing (R22 §3.6.10.3) drops it.
        var mayHaveArrived = !capability.DeviceType && status is MacStatus.NoAck or MacStatus.TransactionExpired;
        if (status != MacStatus.Success && !mayHaveArrived)
        {
            if (NeighborTable.FindExtended(device) is { } stale && stale.NetworkAddress == address && stale.IsChild)
            {
                NeighborTable.Remove(stale);
                UpdateBeaconPayload();
            }

            return;
        }

        JoinIndication?.Invoke(new NlmeJoinIndication(address, device, capability, NwkRejoinNetwork.Association, false));
    }

    /// <summary>
    /// A child entry for <paramref name="device"/>: its old one when it is our child already, else a new one with
    /// <paramref name="wantedAddress"/> when free or a new stochastic address; null when we have no room.
    /// </summary>
    private NeighborEntry? AdmitChild(ulong device, ushort wantedAddress, CapabilityInformation capability, byte lqi)
    {
        var now = Now;
        var entry = NeighborTable.FindExtended(device);
        if (entry is not { IsChild: true })
        {
            var router = capability.DeviceType;
            var children = NeighborTable.ChildCount;
            if (children >= Nib.MaxChildren || (router && NeighborTable.RouterChildCount >= Nib.MaxRouters) || Nib.Depth >= Nib.MaxDepth)
            {
                return null;
            }

            var address = wantedAddress;
            if (address is 0 or >= 0xFFF8 || address == Nib.NetworkAddress
                || NeighborTable.Find(address) is { } other && other.ExtendedAddress != device
                || Nib.AddressMap.TryGetExtended(address, out var owner) && owner != device)
            {
                address = AllocateAddress();
            }

            entry ??= NeighborTable.GetOrAdd(address, device);
            if (entry is null)
            {
                return null;
            }

            entry.NetworkAddress = address;
        }

        entry.ExtendedAddress = device;
        entry.Relationship = NeighborRelationship.Child;
        entry.DeviceType = capability.DeviceType ? NwkDeviceRole.Router : NwkDeviceRole.EndDevice;
        entry.RxOnWhenIdle = capability.ReceiverOnWhenIdle;
        entry.Depth = (byte)Math.Min(255, Nib.Depth + 1);
        entry.PanId = Nib.PanId;
        entry.ExtendedPanId = Nib.ExtendedPanId;
        entry.LogicalChannel = Nib.LogicalChannel;
        entry.PotentialParent = false;
        entry.Lqi = lqi;
        entry.IncomingCost = LinkCost.FromLqi(lqi);
        entry.Age = 0;
        entry.LastHeard = now;
        entry.Timeout = NwkNib.EndDeviceTimeout(Nib.EndDeviceTimeoutDefault);
        Nib.AddressMap.Set(entry.NetworkAddress, device);
        UpdateBeaconPayload();
        if (entry.DeviceType == NwkDeviceRole.EndDevice)
        {
            StartChildAgeing();
        }

        return entry;
    }

    /// <summary>
    /// NWK rejoin (§3.6.1.4.2): find a parent by active scan (permit joining not needed), send it a rejoin request
    /// from our old address, and poll for its rejoin response with our address (the same or a new one).
    /// </summary>
    private async Task<NlmeJoinConfirm> RejoinAsync(NlmeJoinRequest request)
    {
        if (_rejoinWait is not null || _scan is not null)
        {
            return new(NwkStatus.InvalidRequest, Nib.NetworkAddress, Nib.ExtendedPanId, Nib.LogicalChannel);
        }

        var extendedPanId = request.ExtendedPanId != 0 ? request.ExtendedPanId : Nib.ExtendedPanId;
        var oldAddress = Nib.NetworkAddress < 0xFFF8 ? Nib.NetworkAddress : AllocateAddress();
        var capability = request.CapabilityInformation;
        var oldParent = NeighborTable.Find(ParentAddress);
        if (oldParent is not null)
        {
            oldParent.Relationship = NeighborRelationship.None;
            oldParent.PotentialParent = false;
        }

        // Off the network while rejoining: nothing is routed or polled meanwhile.
        _pollGeneration++;
        var wasRouting = _routerStarted;
        _routerStarted = false;
        _linkStatusTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Nib.DeviceType = NwkDeviceRole.None;
        ParentAddress = 0xFFFF;
        Counters.Rejoins++;
        for (var scan = 0; scan < Options.DiscoveryAttempts; scan++)
        {
            await NetworkDiscoveryAsync(new NlmeNetworkDiscoveryRequest(request.ScanChannels, request.ScanDuration), extendedPanId);
            if (ChooseParent(extendedPanId, capability.DeviceType, requirePermitJoining: false) is not null)
            {
                break;
            }
        }

        if (oldParent is not null && NeighborTable.Entries.Contains(oldParent) && oldParent.LastHeard < Now - TimeSpan.FromSeconds(1))
        {
            oldParent.PotentialParent = false;
        }

        while (ChooseParent(extendedPanId, capability.DeviceType, requirePermitJoining: false) is { } parent)
        {
            var response = await RequestRejoinAsync(parent, oldAddress, capability);
            if (response is { Status: RejoinStatus.Success } accepted && accepted.NetworkAddress < 0xFFF8)
            {
                await CompleteJoinAsync(parent, accepted.NetworkAddress, capability, NwkAddressReason.Rejoined);
                if (wasRouting && capability.DeviceType)
                {
                    await StartRouterAsync();
                }

                return new(NwkStatus.Success, Nib.NetworkAddress, Nib.ExtendedPanId, Nib.LogicalChannel, ParentAddress);
            }

            parent.PotentialParent = false;
        }

        // Still not on a network: keep the old address so a later rejoin asks for it again.
        Nib.NetworkAddress = oldAddress;
        return new(NwkStatus.NoNetworks, 0xFFFF, extendedPanId, 0);
    }

    private async Task<RejoinResponseCommand?> RequestRejoinAsync(NeighborEntry parent, ushort oldAddress, CapabilityInformation capability)
    {
        // Until the parent answers we have no short address: polls and the request go from our IEEE address.
        await _mac.SetRequestAsync(MacPibAttribute.MacShortAddress, MacAddress.NoShortAddress);
        await _mac.SetRequestAsync(MacPibAttribute.MacPanId, parent.PanId);
        await _mac.SetRequestAsync(MacPibAttribute.PhyCurrentChannel, parent.LogicalChannel);
        await _mac.SetRequestAsync(MacPibAttribute.MacCoordShortAddress, parent.NetworkAddress);
        await _mac.SetRequestAsync(MacPibAttribute.MacRxOnWhenIdle, capability.ReceiverOnWhenIdle);
        Nib.PanId = parent.PanId;
        Nib.NetworkAddress = oldAddress;
        var wait = new TaskCompletionSource<(RejoinResponseCommand Response, ushort From)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _rejoinWait = wait;
        try
        {
            Span<byte> payload = stackalloc byte[2];
            var length = new RejoinRequestCommand(capability).Encode(payload);
            SendCommand(parent.NetworkAddress, payload[..length], radius: 1, macDestination: MacAddress.FromShort(parent.NetworkAddress), macSourceExtended: true);
            var deadline = Now + Options.RejoinResponseWait;
            while (!wait.Task.IsCompleted && Now < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), _time);
                if (!wait.Task.IsCompleted && !capability.ReceiverOnWhenIdle)
                {
                    await _mac.PollRequestAsync(new MlmePollRequest(parent.PanId, MacAddress.FromShort(parent.NetworkAddress)));
                }
            }

            if (!wait.Task.IsCompleted)
            {
                return null;
            }

            var (response, from) = await wait.Task;
            return from == parent.NetworkAddress ? response : null;
        }
        finally
        {
            _rejoinWait = null;
        }
    }

    /// <summary>A rejoin request reaches a router: admit the device again (same address when free) and answer (§3.6.1.4.2.2).</summary>
    private void OnRejoinRequest(ReadOnlySpan<byte> payload, in NwkHeader header, in McpsDataIndication indication, DateTimeOffset now)
    {
        _ = now;
        if (!_routerStarted || IsEndDevice || !RejoinRequestCommand.TryDecode(payload, out var request))
        {
            Counters.DroppedUnsupported++;
            return;
        }

        var device = header.SourceIeeeAddress ?? indication.SrcAddr.Extended;
        if (device == 0)
        {
            Counters.DroppedUnsupported++;
            return;
        }

        var entry = AdmitChild(device, header.SourceAddress, request.Capability, indication.MpduLinkQuality);
        Span<byte> response = stackalloc byte[4];
        var length = new RejoinResponseCommand(entry?.NetworkAddress ?? 0xFFFF, entry is null ? RejoinStatus.PanAtCapacity : RejoinStatus.Success).Encode(response);
        // An unsecured rejoin request (a device without the current network key) is answered unsecured (§3.6.1.4.2).
        var secured = _incomingSecured;
        SendCommand(header.SourceAddress, response[..length], radius: 1, macDestination: MacAddress.FromExtended(device), indirect: !request.Capability.ReceiverOnWhenIdle,
            inTheClear: !secured);
        if (entry is not null)
        {
            JoinIndication?.Invoke(new NlmeJoinIndication(entry.NetworkAddress, device, request.Capability, NwkRejoinNetwork.Rejoin, secured));
        }
    }

    /// <summary>An unsolicited rejoin response from our parent gives us a new address (conflict resolution, §3.6.1.9.3).</summary>
    private void OnRejoinResponse(ReadOnlySpan<byte> payload, in NwkHeader header)
    {
        if (!RejoinResponseCommand.TryDecode(payload, out var response))
        {
            Counters.DroppedUnsupported++;
            return;
        }

        if (header.SourceAddress == ParentAddress && response.Status == RejoinStatus.Success
            && response.NetworkAddress != Nib.NetworkAddress && response.NetworkAddress < 0xFFF8)
        {
            ChangeNetworkAddress(response.NetworkAddress, NwkAddressReason.AddressConflict);
        }
    }

    /// <summary>Orphan rejoin (§3.6.1.4.3): the MAC's orphan scan finds the parent that still knows us.</summary>
    private async Task<NlmeJoinConfirm> JoinByOrphanAsync(NlmeJoinRequest request)
    {
        if (IsJoined)
        {
            return new(NwkStatus.InvalidRequest, Nib.NetworkAddress, Nib.ExtendedPanId, Nib.LogicalChannel);
        }

        var scan = await _mac.ScanRequestAsync(new MlmeScanRequest(MacScanType.Orphan, request.ScanChannels & 0x07FFF800, request.ScanDuration));
        if (scan.Status != MacStatus.Success)
        {
            return new(NwkStatus.NoNetworks, 0xFFFF, request.ExtendedPanId, 0);
        }

        var shortAddress = (ushort)(await _mac.GetRequestAsync(MacPibAttribute.MacShortAddress)).PibAttributeValue.Integer;
        var panId = (ushort)(await _mac.GetRequestAsync(MacPibAttribute.MacPanId)).PibAttributeValue.Integer;
        var parentAddress = (ushort)(await _mac.GetRequestAsync(MacPibAttribute.MacCoordShortAddress)).PibAttributeValue.Integer;
        var parentIeee = (await _mac.GetRequestAsync(MacPibAttribute.MacCoordExtendedAddress)).PibAttributeValue.Integer;
        var channel = (byte)(await _mac.GetRequestAsync(MacPibAttribute.PhyCurrentChannel)).PibAttributeValue.Integer;
        var parent = NeighborTable.GetOrAdd(parentAddress, parentIeee);
        if (parent is null)
        {
            return new(NwkStatus.NeighborTableFull, 0xFFFF, request.ExtendedPanId, 0);
        }

        parent.NetworkAddress = parentAddress;
        parent.PanId = panId;
        parent.LogicalChannel = channel;
        parent.ExtendedPanId = request.ExtendedPanId != 0 ? request.ExtendedPanId : Nib.ExtendedPanId;
        parent.DeviceType = parentAddress == NwkConstants.CoordinatorAddress ? NwkDeviceRole.Coordinator : NwkDeviceRole.Router;
        if (parent.Depth == 0xFF)
        {
            parent.Depth = (byte)(Nib.Depth > 0 ? Nib.Depth - 1 : 0);
        }

        await CompleteJoinAsync(parent, shortAddress, request.CapabilityInformation, NwkAddressReason.Rejoined);
        return new(NwkStatus.Success, Nib.NetworkAddress, Nib.ExtendedPanId, Nib.LogicalChannel, ParentAddress);
    }

    /// <summary>MLME-ORPHAN.indication: a child of ours lost us; tell it its address again.</summary>
    private void OnOrphanIndication(in MlmeOrphanIndication indication)
    {
        if (_routerStarted && NeighborTable.FindExtended(indication.OrphanAddress) is { IsChild: true } child)
        {
            child.LastHeard = Now;
            Observe(_mac.OrphanResponseAsync(new MlmeOrphanResponse(indication.OrphanAddress, child.NetworkAddress, true)));
        }
    }
}
