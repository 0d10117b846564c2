using ZigBee.Aps.Service;
using ZigBee.Aps.Tables;
using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Nwk.Tables;
using ZigBee.Zdo.Frames;
using ZigBee.Zdo.Service;

namespace ZigBee.Stack.Zdo;

/// <summary>
/// <see cref="IZdoNode"/> over our own stack: descriptors from the NIB and APS settings, Mgmt tables from the NWK
/// neighbor and routing tables and the APS binding table, management through NLME and APSME. It raises
/// <see cref="Announcing"/> when NWK reports a join, rejoin or new address, and on a secured network only once the
/// device holds the network key (R22 §2.5.5.5.4.2: Device_annce follows authentication).
/// </summary>
public sealed class StackZdoNode : IZdoNode, IDisposable
{
    private readonly NwkService _nwk;
    private readonly ApsService _aps;
    private NwkDeviceAnnounce? _awaitingKey;

    public StackZdoNode(NwkService nwk, ApsService aps, ushort manufacturerCode = 0)
    {
        ArgumentNullException.ThrowIfNull(nwk);
        ArgumentNullException.ThrowIfNull(aps);
        _nwk = nwk;
        _aps = aps;
        ManufacturerCode = manufacturerCode;
        _nwk.DeviceAnnounce += OnDeviceAnnounce;
        _aps.Authenticated += OnAuthenticated;
    }

    public event Action<ushort, ulong, CapabilityInformation>? Announcing;

    public ushort ManufacturerCode { get; }

    public NodeDescriptor NodeDescriptor
    {
        get
        {
            var type = _nwk.Role switch
            {
                NwkDeviceRole.Coordinator => ZdpLogicalType.Coordinator,
                NwkDeviceRole.Router => ZdpLogicalType.Router,
                _ => ZdpLogicalType.EndDevice,
            };
            var trustCenter = _aps.IsTrustCenter;
            var transfer = (ushort)Math.Min(_aps.Options.MaxTransferSize, 0x7FFF);
            return new NodeDescriptor(type, false, false, 0, ZdpFrequencyBands.Band2400MHz, _nwk.Nib.CapabilityInformation, ManufacturerCode,
                (byte)Math.Clamp(_aps.MaxAsduLength, 0, 0x7F), transfer, ZdpServerMask.Create(trustCenter, networkManager: type == ZdpLogicalType.Coordinator),
                transfer, ZdpDescriptorCapability.None);
        }
    }

    public PowerDescriptor PowerDescriptor => _nwk.Nib.CapabilityInformation.ReceiverOnWhenIdle
        ? new PowerDescriptor(ZdpPowerMode.ReceiverOnWhenIdle, ZdpPowerSources.Mains, ZdpPowerSources.Mains, ZdpPowerLevel.Percent100)
        : new PowerDescriptor(ZdpPowerMode.Periodic, ZdpPowerSources.DisposableBattery, ZdpPowerSources.DisposableBattery, ZdpPowerLevel.Percent100);

    public byte NwkUpdateId => _nwk.Nib.UpdateId;

    public int NeighborCount => _nwk.NeighborTable.Count;

    public ZdpNeighborTableEntry GetNeighbor(int index)
    {
        var entry = _nwk.NeighborTable[index];
        var type = entry.DeviceType switch
        {
            NwkDeviceRole.Coordinator => ZdpNeighborDeviceType.Coordinator,
            NwkDeviceRole.Router => ZdpNeighborDeviceType.Router,
            NwkDeviceRole.EndDevice => ZdpNeighborDeviceType.EndDevice,
            _ => ZdpNeighborDeviceType.Unknown,
        };
        var relationship = entry.Relationship switch
        {
            NeighborRelationship.Parent => ZdpNeighborRelationship.Parent,
            NeighborRelationship.Child or NeighborRelationship.UnauthenticatedChild => ZdpNeighborRelationship.Child,
            NeighborRelationship.Sibling => ZdpNeighborRelationship.Sibling,
            NeighborRelationship.PreviousChild => ZdpNeighborRelationship.PreviousChild,
            _ => ZdpNeighborRelationship.None,
        };
        var permit = entry.IsRouterCapable ? (entry.PermitJoining ? ZdpPermitJoining.Accepting : ZdpPermitJoining.NotAccepting) : ZdpPermitJoining.Unknown;
        var extendedPanId = entry.ExtendedPanId != 0 ? entry.ExtendedPanId : _nwk.Nib.ExtendedPanId;
        return new ZdpNeighborTableEntry(extendedPanId, entry.ExtendedAddress, entry.NetworkAddress, type,
            entry.RxOnWhenIdle ? ZdpRxOnWhenIdle.On : ZdpRxOnWhenIdle.Off, relationship, permit, entry.Depth, entry.Lqi);
    }

    public int RouteCount => _nwk.RoutingTable.Count;

    public ZdpRoutingTableEntry GetRoute(int index)
    {
        var route = _nwk.RoutingTable[index];
        return new ZdpRoutingTableEntry(route.DestinationAddress, (ZdpRouteStatus)route.Status, MemoryConstrained: false, route.ManyToOne,
            route.RouteRecordRequired, route.NextHopAddress);
    }

    public int BindingCount => _aps.Bindings.Count;

    public ZdpBinding GetBinding(int index)
    {
        var entry = _aps.Bindings[index];
        return entry.DstAddrMode == Aps.Service.Primitives.ApsAddressMode.Group
            ? ZdpBinding.ToGroup(entry.SrcAddress, entry.SrcEndpoint, entry.ClusterId, entry.GroupAddress)
            : ZdpBinding.ToDevice(entry.SrcAddress, entry.SrcEndpoint, entry.ClusterId, entry.DstAddress, entry.DstEndpoint);
    }

    public ZdpStatus Bind(in ZdpBinding binding) => _aps.Bind(ToEntry(binding)) switch
    {
        ApsStatus.Success => ZdpStatus.Success,
        ApsStatus.TableFull => ZdpStatus.TableFull,
        ApsStatus.IllegalRequest => ZdpStatus.NotSupported,
        _ => ZdpStatus.InvalidEp,
    };

    public ZdpStatus Unbind(in ZdpBinding binding) => _aps.Unbind(ToEntry(binding)) switch
    {
        ApsStatus.Success => ZdpStatus.Success,
        ApsStatus.InvalidBinding => ZdpStatus.NoEntry,
        ApsStatus.IllegalRequest => ZdpStatus.NotSupported,
        _ => ZdpStatus.InvalidEp,
    };

    public bool TryFindEndDeviceChild(ulong ieeeAddress, out ushort networkAddress)
    {
        var entry = _nwk.NeighborTable.FindExtended(ieeeAddress);
        networkAddress = entry?.NetworkAddress ?? 0xFFFF;
        return entry is { IsChild: true, DeviceType: NwkDeviceRole.EndDevice };
    }

    public bool TryFindEndDeviceChild(ushort networkAddress, out ulong ieeeAddress)
    {
        var entry = _nwk.NeighborTable.Find(networkAddress);
        ieeeAddress = entry?.ExtendedAddress ?? 0;
        return entry is { IsChild: true, DeviceType: NwkDeviceRole.EndDevice };
    }

    public int ChildCount => _nwk.ChildCount;

    public int CopyChildren(Span<ushort> destination)
    {
        var count = 0;
        foreach (var entry in _nwk.NeighborTable.Entries)
        {
            if (entry.IsChild && count < destination.Length)
            {
                destination[count++] = entry.NetworkAddress;
            }
        }

        return count;
    }

    public void NoteDeviceAnnounce(ushort networkAddress, ulong ieeeAddress) => _nwk.NoteDeviceAnnounce(networkAddress, ieeeAddress);

    public async Task<ZdpStatus> PermitJoiningAsync(byte duration) =>
        await _nwk.PermitJoiningAsync(duration).ConfigureAwait(true) == NwkStatus.Success ? ZdpStatus.Success : ZdpStatus.NotPermitted;

    public async Task<ZdpStatus> LeaveAsync(bool rejoin, bool removeChildren) =>
        await _nwk.LeaveAsync(new NlmeLeaveRequest(0, removeChildren, rejoin)).ConfigureAwait(true) == NwkStatus.Success ? ZdpStatus.Success : ZdpStatus.NotPermitted;

    public async Task<ZdpStatus> RemoveChildAsync(ulong ieeeAddress, bool rejoin, bool removeChildren)
    {
        if (_nwk.NeighborTable.FindExtended(ieeeAddress) is not { IsChild: true })
        {
            return ZdpStatus.DeviceNotFound;
        }

        return await _nwk.LeaveAsync(new NlmeLeaveRequest(ieeeAddress, removeChildren, rejoin)).ConfigureAwait(true) == NwkStatus.Success
            ? ZdpStatus.Success
            : ZdpStatus.NotPermitted;
    }

    public async Task<ZdpStatus> ChangeChannelAsync(byte channel, byte nwkUpdateId) =>
        await _nwk.ChangeChannelAsync(channel, nwkUpdateId).ConfigureAwait(true) == NwkStatus.Success ? ZdpStatus.Success : ZdpStatus.InvRequestType;

    public async Task<ZdoEnergyScan> EnergyScanAsync(uint channels, byte scanDuration, CancellationToken cancellationToken)
    {
        var mac = _nwk.Mac;
        var transmitted = mac.Counters.FramesTransmitted;
        var failures = mac.Counters.NoAck + mac.Counters.ChannelAccessFailures;
        var scan = await mac.ScanRequestAsync(new MlmeScanRequest(MacScanType.EnergyDetect, channels & 0x07FFF800, scanDuration)).ConfigureAwait(true);
        var scanned = (channels & 0x07FFF800) & ~scan.UnscannedChannels;
        var status = scan.Status == MacStatus.Success ? ZdpStatus.Success : ZdpStatus.NotPermitted;
        return new ZdoEnergyScan(status, scanned, [.. scan.EnergyDetectList], (ushort)Math.Min(transmitted, ushort.MaxValue), (ushort)Math.Min(failures, ushort.MaxValue));
    }

    public void Dispose()
    {
        _nwk.DeviceAnnounce -= OnDeviceAnnounce;
        _aps.Authenticated -= OnAuthenticated;
    }

    private static BindingEntry ToEntry(in ZdpBinding binding) => binding.DestinationMode == ZdpBindAddressMode.Group
        ? BindingEntry.ToGroup(binding.SourceAddress, binding.SourceEndpoint, binding.ClusterId, binding.GroupAddress)
        : BindingEntry.ToDevice(binding.SourceAddress, binding.SourceEndpoint, binding.ClusterId, binding.DestinationAddress, binding.DestinationEndpoint);

    private void OnDeviceAnnounce(in NwkDeviceAnnounce announce)
    {
        // On a secured network a joiner cannot be heard until it holds the key: announce once the trust center sent it.
        if (_nwk.Nib.SecurityMaterialSet.Active is null && _nwk.Options.DeferEndDeviceTimeoutRequestUntilSecured)
        {
            _awaitingKey = announce;
            return;
        }

        Announcing?.Invoke(announce.NetworkAddress, announce.IeeeAddress, announce.Capability);
    }

    private void OnAuthenticated(ApsService aps)
    {
        if (_awaitingKey is { } announce)
        {
            _awaitingKey = null;
            Announcing?.Invoke(_nwk.NetworkAddress, announce.IeeeAddress, announce.Capability);
        }
    }
}
