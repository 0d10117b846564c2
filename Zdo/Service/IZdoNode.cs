using ZigBee.Mac.Frames;
using ZigBee.Zdo.Frames;

namespace ZigBee.Zdo.Service;

/// <summary>
/// What the ZDO server reads and changes on its own node beyond the data service: descriptors, the NWK neighbor and
/// routing tables, the APS binding table and the network management primitives. Our stack implements it over
/// NwkService and ApsService; a dongle that runs its own stack implements what its firmware exposes and answers
/// <see cref="ZdpStatus.NotSupported"/> for the rest.
/// </summary>
public interface IZdoNode
{
    /// <summary>The node descriptor this node answers Node_Desc_req with (R22 §2.3.2.3).</summary>
    NodeDescriptor NodeDescriptor { get; }

    /// <summary>The power descriptor this node answers Power_Desc_req with (R22 §2.3.2.4).</summary>
    PowerDescriptor PowerDescriptor { get; }

    /// <summary>nwkUpdateId: raised by every network-wide channel change.</summary>
    byte NwkUpdateId { get; }

    /// <summary>The neighbor table as Mgmt_Lqi_rsp reports it.</summary>
    int NeighborCount { get; }

    ZdpNeighborTableEntry GetNeighbor(int index);

    /// <summary>The routing table as Mgmt_Rtg_rsp reports it.</summary>
    int RouteCount { get; }

    ZdpRoutingTableEntry GetRoute(int index);

    /// <summary>The APS binding table as Mgmt_Bind_rsp reports it.</summary>
    int BindingCount { get; }

    ZdpBinding GetBinding(int index);

    /// <summary>APSME-BIND.request; the spec's ZDP status (Success, TableFull, NotSupported, InvalidEp).</summary>
    ZdpStatus Bind(in ZdpBinding binding);

    /// <summary>APSME-UNBIND.request; the spec's ZDP status (Success, NoEntry, InvalidEp).</summary>
    ZdpStatus Unbind(in ZdpBinding binding);

    /// <summary>The end device children (network and IEEE address) a parent answers address requests for.</summary>
    bool TryFindEndDeviceChild(ulong ieeeAddress, out ushort networkAddress);

    bool TryFindEndDeviceChild(ushort networkAddress, out ulong ieeeAddress);

    /// <summary>The network addresses of every child, for the extended NWK_addr_rsp / IEEE_addr_rsp.</summary>
    int CopyChildren(Span<ushort> destination);

    int ChildCount { get; }

    /// <summary>A Device_annce heard: the address map learns the pair (and NWK resolves a conflict it shows).</summary>
    void NoteDeviceAnnounce(ushort networkAddress, ulong ieeeAddress);

    /// <summary>NLME-PERMIT-JOINING.request.</summary>
    Task<ZdpStatus> PermitJoiningAsync(byte duration);

    /// <summary>NLME-LEAVE.request for this node.</summary>
    Task<ZdpStatus> LeaveAsync(bool rejoin, bool removeChildren);

    /// <summary>NLME-LEAVE.request for a child; <see cref="ZdpStatus.DeviceNotFound"/> when it is no child of this node.</summary>
    Task<ZdpStatus> RemoveChildAsync(ulong ieeeAddress, bool rejoin, bool removeChildren);

    /// <summary>Moves this node to <paramref name="channel"/> with the new nwkUpdateId (R22 §3.6.1.12.2 via Mgmt_NWK_Update_req).</summary>
    Task<ZdpStatus> ChangeChannelAsync(byte channel, byte nwkUpdateId);

    /// <summary>An energy-detect scan over <paramref name="channels"/> for Mgmt_NWK_Update_notify: the energy of each scanned channel, in channel order.</summary>
    Task<ZdoEnergyScan> EnergyScanAsync(uint channels, byte scanDuration, CancellationToken cancellationToken);

    /// <summary>
    /// Raised when this node has joined or rejoined (or formed, or changed address) and may announce itself: after it
    /// holds the network key on a secured network.
    /// </summary>
    event Action<ushort, ulong, CapabilityInformation>? Announcing;
}

/// <summary>The outcome of an energy scan for Mgmt_NWK_Update_notify: the channels scanned, their energies and the MAC's transmission counts.</summary>
public sealed record ZdoEnergyScan(ZdpStatus Status, uint ScannedChannels, byte[] Energies, ushort TotalTransmissions, ushort TransmissionFailures);
