using Microsoft.Extensions.Logging;
using ZigBee.Mac.Frames;
using ZigBee.Mac.Pib;
using ZigBee.Mac.Service;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Nwk.Tables;

namespace ZigBee.Nwk.Service;

// NLME-NETWORK-FORMATION, NLME-NETWORK-DISCOVERY, NLME-START-ROUTER and NLME-PERMIT-JOINING (§3.2.2, §3.6.1).
public sealed partial class NwkService
{
    /// <summary>A channel whose energy is within this of the quietest one counts as quiet too (then fewest networks wins).</summary>
    private const int QuietChannelMargin = 8;

    /// <summary>Collects what beacons say while a scan runs.</summary>
    private sealed class ScanContext(bool fillNeighbors, ulong assumedExtendedPanId = 0)
    {
        public readonly bool FillNeighbors = fillNeighbors;

        /// <summary>The extended PAN ID a descriptor without beacon payload is taken to have (see <see cref="NwkServiceOptions.MacOmitsBeaconPayload"/>).</summary>
        public readonly ulong AssumedExtendedPanId = assumedExtendedPanId;
        public readonly List<NetworkDescriptor> Networks = new();
        public readonly HashSet<ushort> PanIds = new();
        public readonly HashSet<ulong> ExtendedPanIds = new();
        public readonly Dictionary<byte, int> NetworksPerChannel = new();
    }

    private ScanContext? _scan;

    /// <summary>
    /// NLME-NETWORK-FORMATION (§3.6.1.1): an ED scan picks the quietest channels, an active scan the one with fewest
    /// networks, a PAN ID and extended PAN ID no neighbour uses; then the MAC starts as PAN coordinator with the
    /// ZigBee beacon payload, and this device is the coordinator at 0x0000.
    /// </summary>
    public async Task<NlmeNetworkFormationConfirm> NetworkFormationAsync(NlmeNetworkFormationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var channels = request.ScanChannels & 0x07FFF800;
        if (IsJoined || _scan is not null)
        {
            return new(NwkStatus.InvalidRequest, 0, 0xFFFF, 0);
        }

        if (channels == 0 || request.ScanDuration > 14)
        {
            return new(NwkStatus.InvalidParameter, 0, 0xFFFF, 0);
        }

        ClearNetworkState(keepNib: false);
        await _mac.ResetRequestAsync(setDefaultPib: true);
        var energy = await _mac.ScanRequestAsync(new MlmeScanRequest(MacScanType.EnergyDetect, channels, request.ScanDuration));
        if (energy.Status != MacStatus.Success || energy.EnergyDetectList.Count == 0)
        {
            return new(NwkStatus.StartupFailure, 0, 0xFFFF, 0);
        }

        // The ED list holds one entry per scanned channel, in ascending channel order.
        var levels = new byte[32];
        Array.Fill(levels, byte.MaxValue);
        var index = 0;
        var quietest = byte.MaxValue;
        for (var channel = 11; channel <= 26 && index < energy.EnergyDetectList.Count; channel++)
        {
            if ((channels & (1u << channel)) != 0)
            {
                levels[channel] = energy.EnergyDetectList[index++];
                quietest = Math.Min(quietest, levels[channel]);
            }
        }

        uint quiet = 0;
        for (var channel = 11; channel <= 26; channel++)
        {
            if ((channels & (1u << channel)) != 0 && levels[channel] <= quietest + QuietChannelMargin)
            {
                quiet |= 1u << channel;
            }
        }

        var context = new ScanContext(fillNeighbors: false);
        _scan = context;
        try
        {
            await _mac.ScanRequestAsync(new MlmeScanRequest(MacScanType.Active, quiet, request.ScanDuration));
        }
        finally
        {
            _scan = null;
        }

        byte best = 0;
        for (var channel = 11; channel <= 26; channel++)
        {
            if ((quiet & (1u << channel)) == 0)
            {
                continue;
            }

            if (best == 0 || Networks(context, channel) < Networks(context, best)
                || (Networks(context, channel) == Networks(context, best) && levels[channel] < levels[best]))
            {
                best = (byte)channel;
            }
        }

        var panId = request.PanId;
        if (panId == 0xFFFF)
        {
            do
            {
                panId = (ushort)_random.Next(1, 0x3FFF);
            }
            while (context.PanIds.Contains(panId));
        }
        else if (context.PanIds.Contains(panId) || panId > 0x3FFF)
        {
            return new(NwkStatus.StartupFailure, best, panId, request.ExtendedPanId);
        }

        var extendedPanId = request.ExtendedPanId != 0 ? request.ExtendedPanId : Nib.IeeeAddress;
        if (context.ExtendedPanIds.Contains(extendedPanId))
        {
            return new(NwkStatus.StartupFailure, best, panId, extendedPanId);
        }

        await _mac.SetRequestAsync(MacPibAttribute.MacShortAddress, (ulong)NwkConstants.CoordinatorAddress);
        await _mac.SetRequestAsync(MacPibAttribute.MacRxOnWhenIdle, true);
        await _mac.SetRequestAsync(MacPibAttribute.MacAssociationPermit, false);
        Nib.NetworkAddress = NwkConstants.CoordinatorAddress;
        Nib.PanId = panId;
        Nib.ExtendedPanId = extendedPanId;
        Nib.LogicalChannel = best;
        Nib.Depth = 0;
        Nib.CapabilityInformation = CapabilityInformation.Create(fullFunctionDevice: true, mainsPowered: true, receiverOnWhenIdle: true, alternatePanCoordinator: true);
        await _mac.SetRequestAsync(MacPibAttribute.MacBeaconPayload, MacPibValue.FromBytes(BeaconPayload()));
        var status = await _mac.StartRequestAsync(new MlmeStartRequest(panId, best, PanCoordinator: true, BatteryLifeExtension: request.BatteryLifeExtension));
        if (status != MacStatus.Success)
        {
            ClearNetworkState(keepNib: false);
            return new(NwkStatus.StartupFailure, best, panId, extendedPanId);
        }

        Nib.DeviceType = NwkDeviceRole.Coordinator;
        _routerStarted = true;
        StartLinkStatus();
        StartConcentrator();
        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("Formed PAN 0x{PanId:x4} (extended {ExtendedPanId:X16}) on channel {Channel}", panId, extendedPanId, best);
        }

        return new(NwkStatus.Success, best, panId, extendedPanId);
    }

    private static int Networks(ScanContext context, int channel) =>
        context.NetworksPerChannel.TryGetValue((byte)channel, out var n) ? n : 0;

    /// <summary>
    /// NLME-NETWORK-DISCOVERY (§3.6.1.3): an active scan; every ZigBee beacon fills the neighbor table with a
    /// potential parent (LQI, depth, capacity, permit joining) and the confirm lists the networks heard.
    /// </summary>
    public Task<NlmeNetworkDiscoveryConfirm> NetworkDiscoveryAsync(NlmeNetworkDiscoveryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NetworkDiscoveryAsync(request, assumedExtendedPanId: 0);
    }

    /// <summary>Network discovery for a join of <paramref name="assumedExtendedPanId"/> (0: any network).</summary>
    private async Task<NlmeNetworkDiscoveryConfirm> NetworkDiscoveryAsync(NlmeNetworkDiscoveryRequest request, ulong assumedExtendedPanId)
    {
        var channels = request.ScanChannels & 0x07FFF800;
        if (_scan is not null)
        {
            return new(NwkStatus.InvalidRequest, []);
        }

        if (channels == 0 || request.ScanDuration > 14)
        {
            return new(NwkStatus.InvalidParameter, []);
        }

        var context = new ScanContext(fillNeighbors: true, assumedExtendedPanId);
        _scan = context;
        MlmeScanConfirm scan;
        try
        {
            scan = await _mac.ScanRequestAsync(new MlmeScanRequest(MacScanType.Active, channels, request.ScanDuration));
        }
        finally
        {
            _scan = null;
        }

        if (scan.Status is not (MacStatus.Success or MacStatus.LimitReached or MacStatus.NoBeacon))
        {
            return new(NwkStatus.StartupFailure, context.Networks);
        }

        return new(NwkStatus.Success, context.Networks);
    }

    private void OnBeaconNotify(in MlmeBeaconNotifyIndication indication, ReadOnlySpan<ushort> pendingShort, ReadOnlySpan<ulong> pendingExtended, ReadOnlySpan<byte> sdu)
    {
        var context = _scan;
        var pan = indication.PanDescriptor;
        var superframe = pan.SuperframeSpec;
        if (context is null)
        {
            return;
        }

        if (!ZigBeeBeaconPayload.TryDecode(sdu, out var payload) || payload.ProtocolId != ZigBeeBeaconPayload.ZigBeeProtocolId)
        {
            if (!Options.MacOmitsBeaconPayload || !sdu.IsEmpty)
            {
                return;
            }

            // R22 §3.6.1.3 reads parents from the beacon payload; without one the superframe's association permit is
            // all there is (NwkServiceOptions.MacOmitsBeaconPayload says what is assumed).
            var depth = superframe.PanCoordinator ? (byte)0 : (byte)Math.Min(15, Math.Max(0, Nib.MaxDepth - 1));
            payload = ZigBeeBeaconPayload.Create(context.AssumedExtendedPanId, superframe.AssociationPermit, superframe.AssociationPermit, depth, Nib.UpdateId);
        }
        context.PanIds.Add(pan.CoordPanId);
        if (context.ExtendedPanIds.Add(payload.ExtendedPanId))
        {
            context.NetworksPerChannel[pan.LogicalChannel] = Networks(context, pan.LogicalChannel) + 1;
        }

        var found = false;
        for (var i = 0; i < context.Networks.Count; i++)
        {
            var known = context.Networks[i];
            if (known.ExtendedPanId == payload.ExtendedPanId && known.LogicalChannel == pan.LogicalChannel)
            {
                context.Networks[i] = known with
                {
                    PermitJoining = known.PermitJoining || superframe.AssociationPermit,
                    RouterCapacity = known.RouterCapacity || payload.RouterCapacity,
                    EndDeviceCapacity = known.EndDeviceCapacity || payload.EndDeviceCapacity,
                };
                found = true;
                break;
            }
        }

        if (!found)
        {
            context.Networks.Add(new NetworkDescriptor(payload.ExtendedPanId, pan.CoordPanId, payload.UpdateId, pan.LogicalChannel,
                payload.StackProfile, payload.ProtocolVersion, (byte)superframe.BeaconOrder, (byte)superframe.SuperframeOrder,
                superframe.AssociationPermit, payload.RouterCapacity, payload.EndDeviceCapacity));
        }

        if (!context.FillNeighbors || pan.CoordAddress.Mode == MacAddressingMode.None)
        {
            return;
        }

        var shortAddress = pan.CoordAddress.Mode == MacAddressingMode.Short ? pan.CoordAddress.Short : (ushort)0xFFFF;
        var neighbor = NeighborTable.GetOrAdd(shortAddress, pan.CoordAddress.Extended);
        if (neighbor is null)
        {
            return;
        }

        neighbor.NetworkAddress = shortAddress;
        neighbor.DeviceType = superframe.PanCoordinator ? NwkDeviceRole.Coordinator : NwkDeviceRole.Router;
        neighbor.PanId = pan.CoordPanId;
        neighbor.ExtendedPanId = payload.ExtendedPanId;
        neighbor.LogicalChannel = pan.LogicalChannel;
        neighbor.Depth = payload.DeviceDepth;
        neighbor.PermitJoining = superframe.AssociationPermit;
        neighbor.RouterCapacity = payload.RouterCapacity;
        neighbor.EndDeviceCapacity = payload.EndDeviceCapacity;
        neighbor.UpdateId = payload.UpdateId;
        neighbor.PotentialParent = payload.StackProfile == Nib.StackProfile;
        neighbor.Lqi = pan.LinkQuality;
        neighbor.IncomingCost = LinkCost.FromLqi(pan.LinkQuality);
        neighbor.LastHeard = Now;
    }

    /// <summary>
    /// NLME-START-ROUTER (§3.6.4.1): a router that joined starts its MAC as a coordinator on the network's PAN and
    /// channel, with a beacon payload announcing its capacity, and begins link status.
    /// </summary>
    public async Task<NwkStatus> StartRouterAsync()
    {
        if (Nib.DeviceType != NwkDeviceRole.Router)
        {
            return NwkStatus.InvalidRequest;
        }

        if (_routerStarted)
        {
            return NwkStatus.Success;
        }

        await _mac.SetRequestAsync(MacPibAttribute.MacRxOnWhenIdle, true);
        await _mac.SetRequestAsync(MacPibAttribute.MacAssociationPermit, false);
        await _mac.SetRequestAsync(MacPibAttribute.MacBeaconPayload, MacPibValue.FromBytes(BeaconPayload()));
        var status = await _mac.StartRequestAsync(new MlmeStartRequest(Nib.PanId, Nib.LogicalChannel, PanCoordinator: false));
        if (status != MacStatus.Success)
        {
            return NwkStatus.StartupFailure;
        }

        _routerStarted = true;
        StartLinkStatus();
        StartConcentrator();
        return NwkStatus.Success;
    }

    /// <summary>
    /// NLME-PERMIT-JOINING (§3.2.2.7): accept joins for <paramref name="permitDuration"/> seconds (0xFF: until told
    /// otherwise, 0: stop now). Sets macAssociationPermit; a timer turns it off again.
    /// </summary>
    public async Task<NwkStatus> PermitJoiningAsync(byte permitDuration)
    {
        if (!_routerStarted || IsEndDevice)
        {
            return NwkStatus.InvalidRequest;
        }

        await _mac.SetRequestAsync(MacPibAttribute.MacAssociationPermit, permitDuration != 0);
        PermitJoining = permitDuration != 0;
        _permitJoinTimer.Change(permitDuration is 0 or 0xFF ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(permitDuration), Timeout.InfiniteTimeSpan);
        return NwkStatus.Success;
    }

    /// <summary>NLME-PERMIT-JOINING for a duration (rounded up to whole seconds; 255 s and more: forever).</summary>
    public Task<NwkStatus> PermitJoiningAsync(TimeSpan duration) =>
        PermitJoiningAsync(duration <= TimeSpan.Zero ? (byte)0 : (byte)Math.Min(0xFF, Math.Ceiling(duration.TotalSeconds)));

    private void OnPermitJoinExpired()
    {
        PermitJoining = false;
        Observe(SetMacPibAsync(MacPibAttribute.MacAssociationPermit, false));
    }

    /// <summary>The NWK beacon payload (§3.6.7) with this device's capacity and depth now.</summary>
    private byte[] BeaconPayload()
    {
        var children = NeighborTable.ChildCount;
        var routerCapacity = children < Nib.MaxChildren && NeighborTable.RouterChildCount < Nib.MaxRouters && Nib.Depth < Nib.MaxDepth;
        var endDeviceCapacity = children < Nib.MaxChildren;
        var bytes = new byte[ZigBeeBeaconPayload.Length];
        ZigBeeBeaconPayload.Create(Nib.ExtendedPanId, routerCapacity, endDeviceCapacity, (byte)Math.Min(15, (int)Nib.Depth), Nib.UpdateId).Encode(bytes);
        return bytes;
    }

    private void UpdateBeaconPayload()
    {
        if (_routerStarted)
        {
            Observe(SetMacPibAsync(MacPibAttribute.MacBeaconPayload, MacPibValue.FromBytes(BeaconPayload())));
        }
    }
}
