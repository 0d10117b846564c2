using ZigBee.Mac.Frames;
using ZigBee.Zdo.Frames;
using ZigBee.Zdo.Service;
using ZigBee.XBee.Frames;

namespace ZigBee.XBee.Coordinator;

/// <summary>
/// The node a host-side <see cref="ZdoService"/> describes when the dongle runs the ZigBee stack: a coordinator (and
/// trust center) whose tables live inside the module, out of the host's sight. Permit joining and leave go to the
/// dongle; what the firmware keeps to itself (neighbours, routes, bindings, children, channel change, energy scans) is
/// answered NOT_SUPPORTED or empty. Use it with <see cref="ZdoServiceOptions.ServeRequests"/> false: the module
/// answers ZDP requests itself.
/// </summary>
public sealed class XBeeZdoNode(XBeeCoordinator coordinator) : IZdoNode
{

    public NodeDescriptor NodeDescriptor { get; } = new(ZdpLogicalType.Coordinator, false, false, 0, ZdpFrequencyBands.Band2400MHz,
        CapabilityInformation.Create(fullFunctionDevice: true, mainsPowered: true, receiverOnWhenIdle: true), Digi.ManufacturerCode, 0x52, 0x00FF,
        ZdpServerMask.Create(primaryTrustCenter: true, networkManager: true), 0x00FF, ZdpDescriptorCapability.None);

    public PowerDescriptor PowerDescriptor { get; } = new(ZdpPowerMode.ReceiverOnWhenIdle, ZdpPowerSources.Mains, ZdpPowerSources.Mains, ZdpPowerLevel.Percent100);

    public byte NwkUpdateId => 0;

    public int NeighborCount => 0;

    public int RouteCount => 0;

    public int BindingCount => 0;

    public int ChildCount => 0;

    /// <summary>The module announces itself; the host never does.</summary>
    public event Action<ushort, ulong, CapabilityInformation>? Announcing
    {
        add { }
        remove { }
    }

    public ZdpNeighborTableEntry GetNeighbor(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public ZdpRoutingTableEntry GetRoute(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public ZdpBinding GetBinding(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public ZdpStatus Bind(in ZdpBinding binding) => ZdpStatus.NotSupported;

    public ZdpStatus Unbind(in ZdpBinding binding) => ZdpStatus.NotSupported;

    public bool TryFindEndDeviceChild(ulong ieeeAddress, out ushort networkAddress)
    {
        networkAddress = 0xFFFF;
        return false;
    }

    public bool TryFindEndDeviceChild(ushort networkAddress, out ulong ieeeAddress)
    {
        ieeeAddress = 0;
        return false;
    }

    public int CopyChildren(Span<ushort> destination) => 0;

    public void NoteDeviceAnnounce(ushort networkAddress, ulong ieeeAddress)
    {
        // The module keeps its own address map; the coordinator's device list already learned the pair.
    }

    public async Task<ZdpStatus> PermitJoiningAsync(byte duration)
    {
        await coordinator.PermitJoiningAsync(duration);
        return ZdpStatus.Success;
    }

    public async Task<ZdpStatus> LeaveAsync(bool rejoin, bool removeChildren)
    {
        await coordinator.LeaveAsync();
        return ZdpStatus.Success;
    }

    public Task<ZdpStatus> RemoveChildAsync(ulong ieeeAddress, bool rejoin, bool removeChildren) => Task.FromResult(ZdpStatus.NotSupported);

    public Task<ZdpStatus> ChangeChannelAsync(byte channel, byte nwkUpdateId) => Task.FromResult(ZdpStatus.NotSupported);

    public Task<ZdoEnergyScan> EnergyScanAsync(uint channels, byte scanDuration, CancellationToken cancellationToken) =>
        Task.FromResult(new ZdoEnergyScan(ZdpStatus.NotSupported, 0, [], 0, 0));
}
