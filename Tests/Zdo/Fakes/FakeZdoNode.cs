using ZigBee.Mac.Frames;
using ZigBee.Zdo.Frames;
using ZigBee.Zdo.Service;

namespace ZigBee.Tests.Zdo.Fakes;

/// <summary>
/// An <see cref="IZdoNode"/> whose tables a test sets directly, and which records every management action the ZDO
/// asks of it (permit joining, leave, channel change, energy scan) with the virtual time it happened.
/// </summary>
internal sealed class FakeZdoNode(Func<TimeSpan> clock) : IZdoNode
{
    public NodeDescriptor NodeDescriptor { get; set; }

    public PowerDescriptor PowerDescriptor { get; set; }

    public byte NwkUpdateId { get; set; }

    public List<ZdpNeighborTableEntry> Neighbors { get; } = [];

    public List<ZdpRoutingTableEntry> Routes { get; } = [];

    public List<ZdpBinding> Bindings { get; } = [];

    public int BindingCapacity { get; set; } = 8;

    public List<(ushort NetworkAddress, ulong IeeeAddress)> EndDeviceChildren { get; } = [];

    /// <summary>Router children: listed by the extended address responses, but not answered for.</summary>
    public List<ushort> RouterChildren { get; } = [];

    public List<(ushort NetworkAddress, ulong IeeeAddress)> Announcements { get; } = [];

    public List<(byte Duration, TimeSpan At)> PermitJoinings { get; } = [];

    public ZdpStatus PermitJoiningStatus { get; set; } = ZdpStatus.Success;

    public List<(bool Rejoin, bool RemoveChildren)> Leaves { get; } = [];

    public List<(byte Channel, byte NwkUpdateId, TimeSpan At)> ChannelChanges { get; } = [];

    public List<(uint Channels, byte Duration)> EnergyScans { get; } = [];

    /// <summary>The energy the fake measures on a channel.</summary>
    public static byte EnergyOf(int channel) => (byte)(channel * 7);

    public int NeighborCount => Neighbors.Count;

    public int RouteCount => Routes.Count;

    public int BindingCount => Bindings.Count;

    public int ChildCount => EndDeviceChildren.Count + RouterChildren.Count;

    public event Action<ushort, ulong, CapabilityInformation>? Announcing;

    public ZdpNeighborTableEntry GetNeighbor(int index) => Neighbors[index];

    public ZdpRoutingTableEntry GetRoute(int index) => Routes[index];

    public ZdpBinding GetBinding(int index) => Bindings[index];

    public ZdpStatus Bind(in ZdpBinding binding)
    {
        if (Bindings.Contains(binding))
        {
            return ZdpStatus.Success;
        }

        if (Bindings.Count >= BindingCapacity)
        {
            return ZdpStatus.TableFull;
        }

        Bindings.Add(binding);
        return ZdpStatus.Success;
    }

    public ZdpStatus Unbind(in ZdpBinding binding) => Bindings.Remove(binding) ? ZdpStatus.Success : ZdpStatus.NoEntry;

    public bool TryFindEndDeviceChild(ulong ieeeAddress, out ushort networkAddress)
    {
        foreach (var child in EndDeviceChildren)
        {
            if (child.IeeeAddress == ieeeAddress)
            {
                networkAddress = child.NetworkAddress;
                return true;
            }
        }

        networkAddress = 0xFFFF;
        return false;
    }

    public bool TryFindEndDeviceChild(ushort networkAddress, out ulong ieeeAddress)
    {
        foreach (var child in EndDeviceChildren)
        {
            if (child.NetworkAddress == networkAddress)
            {
                ieeeAddress = child.IeeeAddress;
                return true;
            }
        }

        ieeeAddress = 0;
        return false;
    }

    public int CopyChildren(Span<ushort> destination)
    {
        // As many as fit, like the stack's table walk.
        var count = 0;
        foreach (var child in EndDeviceChildren.Select(c => c.NetworkAddress).Concat(RouterChildren))
        {
            if (count == destination.Length)
            {
                break;
            }

            destination[count++] = child;
        }

        return count;
    }

    public void NoteDeviceAnnounce(ushort networkAddress, ulong ieeeAddress) => Announcements.Add((networkAddress, ieeeAddress));

    public Task<ZdpStatus> PermitJoiningAsync(byte duration)
    {
        PermitJoinings.Add((duration, clock()));
        return Task.FromResult(PermitJoiningStatus);
    }

    public Task<ZdpStatus> LeaveAsync(bool rejoin, bool removeChildren)
    {
        Leaves.Add((rejoin, removeChildren));
        return Task.FromResult(ZdpStatus.Success);
    }

    public Task<ZdpStatus> RemoveChildAsync(ulong ieeeAddress, bool rejoin, bool removeChildren) =>
        Task.FromResult(TryFindEndDeviceChild(ieeeAddress, out ushort _) ? ZdpStatus.Success : ZdpStatus.DeviceNotFound);

    public Task<ZdpStatus> ChangeChannelAsync(byte channel, byte nwkUpdateId)
    {
        ChannelChanges.Add((channel, nwkUpdateId, clock()));
        NwkUpdateId = nwkUpdateId;
        return Task.FromResult(ZdpStatus.Success);
    }

    /// <summary>Scans every 2.4 GHz channel of the mask and measures <see cref="EnergyOf"/> on each.</summary>
    public Task<ZdoEnergyScan> EnergyScanAsync(uint channels, byte scanDuration, CancellationToken cancellationToken)
    {
        EnergyScans.Add((channels, scanDuration));
        var scanned = channels & 0x07FFF800;
        var energies = new List<byte>();
        for (var channel = 11; channel <= 26; channel++)
        {
            if ((scanned & (1u << channel)) != 0)
            {
                energies.Add(EnergyOf(channel));
            }
        }

        return Task.FromResult(new ZdoEnergyScan(ZdpStatus.Success, scanned, [.. energies], 100, 3));
    }

    /// <summary>Raises <see cref="Announcing"/> as NWK would after a join.</summary>
    public void Announce(ushort networkAddress, ulong ieeeAddress, CapabilityInformation capability) => Announcing?.Invoke(networkAddress, ieeeAddress, capability);
}
