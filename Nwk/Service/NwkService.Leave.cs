using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Nwk.Tables;

namespace ZigBee.Nwk.Service;

// NLME-LEAVE (§3.6.1.10) and NLME-RESET (§3.2.2.19).
public sealed partial class NwkService
{
    /// <summary>
    /// NLME-LEAVE.request: with <see cref="NlmeLeaveRequest.DeviceAddress"/> 0 this device leaves (a leave command
    /// to its neighbours, its children asked to leave too when <see cref="NlmeLeaveRequest.RemoveChildren"/>, then
    /// MLME-RESET); else the named child is asked to leave (indirectly when it sleeps) and forgotten.
    /// </summary>
    public async Task<NwkStatus> LeaveAsync(NlmeLeaveRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJoined)
        {
            return NwkStatus.InvalidRequest;
        }

        if (request.DeviceAddress == 0 || request.DeviceAddress == Nib.IeeeAddress)
        {
            await LeaveSelfAsync(request.RemoveChildren, request.Rejoin);
            return NwkStatus.Success;
        }

        if (NeighborTable.FindExtended(request.DeviceAddress) is not { IsChild: true } child)
        {
            return NwkStatus.UnknownDevice;
        }

        var address = child.NetworkAddress;
        await SendLeaveAsync(address, MacAddress.FromShort(address), !child.RxOnWhenIdle,
            LeaveCommand.Create(request.Rejoin, request: true, removeChildren: request.RemoveChildren), request.InTheClear);
        if (NeighborTable.FindExtended(request.DeviceAddress) is { IsChild: true } still)
        {
            NeighborTable.Remove(still);
        }

        RoutingTable.Remove(address);
        Nib.AddressMap.RemoveNetwork(address);
        UpdateBeaconPayload();
        return NwkStatus.Success;
    }

    private async Task LeaveSelfAsync(bool removeChildren, bool rejoin)
    {
        if (removeChildren)
        {
            foreach (var child in NeighborTable.Entries.ToArray())
            {
                if (child.IsChild)
                {
                    Observe(SendLeaveAsync(child.NetworkAddress, MacAddress.FromShort(child.NetworkAddress), !child.RxOnWhenIdle,
                        LeaveCommand.Create(rejoin, request: true, removeChildren: true)).AsTask());
                }
            }
        }

        var command = LeaveCommand.Create(rejoin, request: false, removeChildren: removeChildren);
        if (IsEndDevice)
        {
            await SendLeaveAsync(ParentAddress, MacAddress.FromShort(ParentAddress), false, command);
        }
        else
        {
            await SendLeaveAsync(NwkConstants.BroadcastRxOnWhenIdle, MacAddress.FromShort(MacAddress.BroadcastShort), false, command);
        }

        ClearNetworkState(keepNib: false);
        await _mac.ResetRequestAsync(setDefaultPib: true);
    }

    /// <summary>One leave command, straight to its MAC destination; completes with the MAC's confirm.</summary>
    private ValueTask<NldeDataConfirm> SendLeaveAsync(ushort destination, MacAddress macDestination, bool indirect, LeaveCommand command, bool inTheClear = false)
    {
        var op = Rent();
        op.Kind = macDestination.IsBroadcast ? NwkTxKind.Command : NwkTxKind.Command;
        op.HasCompletion = true;
        op.Destination = destination;
        op.Source = Nib.NetworkAddress;
        op.DiscoverRoute = false;
        var header = NwkHeader.Command(destination, Nib.NetworkAddress, 1, NextSequence(), sourceIeeeAddress: Nib.IeeeAddress);
        var headerLength = NwkFrame.EncodeHeader(header, op.Buffer);
        var length = headerLength + command.Encode(op.Buffer.AsSpan(headerLength));
        op.Length = length;
        op.HeaderLength = headerLength;
        var result = new ValueTask<NldeDataConfirm>(op, op.Version);
        var options = (macDestination.IsBroadcast ? MacTxOptions.None : MacTxOptions.Acknowledged) | (indirect ? MacTxOptions.Indirect : MacTxOptions.None);
        op.NextHop = macDestination.Short;
        op.Indirect = indirect;
        op.InTheClear = inTheClear;
        var frame = SecureOutgoing(op.Buffer, headerLength, length, inTheClear, op.Wire);
        if (frame.IsEmpty)
        {
            Finish(op, NwkStatus.MaxFrmCounter, MacStatus.Success, Now);
            return result;
        }

        op.Send(_mac, new McpsDataRequest(MacAddressingMode.Short, Nib.PanId, macDestination, frame, header.SequenceNumber, options));
        return result;
    }

    /// <summary>A leave command (§3.6.1.10.3): we are asked to leave, or a neighbour tells it leaves.</summary>
    private void OnLeave(ReadOnlySpan<byte> payload, in NwkHeader header, DateTimeOffset now)
    {
        _ = now;
        if (!LeaveCommand.TryDecode(payload, out var command))
        {
            Counters.DroppedUnsupported++;
            return;
        }

        var source = header.SourceAddress;
        if (command.Request)
        {
            if (header.DestinationAddress != Nib.NetworkAddress || _leaving)
            {
                return;
            }

            if (!Nib.LeaveRequestAllowed && source != ParentAddress)
            {
                return;
            }

            Observe(LeaveOnRequestAsync(command.Rejoin, command.RemoveChildren));
            return;
        }

        var neighbor = NeighborTable.Find(source);
        var ieee = header.SourceIeeeAddress ?? neighbor?.ExtendedAddress ?? 0;
        RoutingTable.Remove(source);
        RoutingTable.InvalidateVia(source);
        Nib.AddressMap.RemoveNetwork(source);
        if (neighbor is null)
        {
            return;
        }

        var wasChild = neighbor.IsChild;
        var wasParent = neighbor.Relationship == NeighborRelationship.Parent;
        NeighborTable.Remove(neighbor);
        if (wasChild)
        {
            UpdateBeaconPayload();
            LeaveIndication?.Invoke(new NlmeLeaveIndication(ieee, source, command.Rejoin));
        }

        if (wasParent && IsEndDevice && command.RemoveChildren && !_leaving)
        {
            Observe(LeaveOnRequestAsync(command.Rejoin, false));
        }
    }

    private bool _leaving;

    private async Task LeaveOnRequestAsync(bool rejoin, bool removeChildren)
    {
        _leaving = true;
        try
        {
            var address = Nib.NetworkAddress;
            var extendedPanId = Nib.ExtendedPanId;
            var channel = Nib.LogicalChannel;
            var capability = Nib.CapabilityInformation;
            await LeaveSelfAsync(removeChildren, rejoin);
            LeaveIndication?.Invoke(new NlmeLeaveIndication(0, address, rejoin));
            if (rejoin && Options.RejoinAfterLeaveWithRejoin)
            {
                Nib.NetworkAddress = address;
                await RejoinAsync(new NlmeJoinRequest(extendedPanId, NwkRejoinNetwork.Rejoin, capability, 1u << channel));
            }
        }
        finally
        {
            _leaving = false;
        }
    }

    /// <summary>
    /// NLME-RESET (§3.2.2.19): a cold start forgets the network and resets the MAC with its default PIB; a warm
    /// start keeps the NIB and the neighbours and only drops routes, broadcasts and frames in flight.
    /// </summary>
    public async Task<NwkStatus> ResetAsync(bool warmStart)
    {
        if (warmStart)
        {
            DropFramesAndRoutes();
            return NwkStatus.Success;
        }

        ClearNetworkState(keepNib: false);
        await _mac.ResetRequestAsync(setDefaultPib: true);
        Nib.CapabilityInformation = default;
        return NwkStatus.Success;
    }
}
