using ZigBee.Nwk.Nib;

namespace ZigBee.Nwk.Tables;

/// <summary>One neighbor table entry (§3.6.1.5, Tables 3-62 and 3-63), mutable in place by the NWK layer.</summary>
public sealed class NeighborEntry
{
    private ulong _extendedAddress;
    private ushort _networkAddress = 0xFFFF;

    /// <summary>The table holding this entry, which mirrors both addresses in arrays searched per frame received.</summary>
    internal NeighborTable? Owner;

    /// <summary>This entry's index in its owner's list (and mirror arrays).</summary>
    internal int Slot;

    /// <summary>64-bit IEEE address; 0 when not (yet) known.</summary>
    public ulong ExtendedAddress
    {
        get => _extendedAddress;
        internal set
        {
            _extendedAddress = value;
            Owner?.MirrorExtended(Slot, value);
        }
    }

    public ushort NetworkAddress
    {
        get => _networkAddress;
        internal set
        {
            _networkAddress = value;
            Owner?.MirrorNetwork(Slot, value);
        }
    }

    public NwkDeviceRole DeviceType { get; internal set; } = NwkDeviceRole.None;

    public bool RxOnWhenIdle { get; internal set; } = true;

    public NeighborRelationship Relationship { get; internal set; } = NeighborRelationship.None;

    /// <summary>Consecutive failed transmissions to this neighbour.</summary>
    public byte TransmitFailure { get; internal set; }

    /// <summary>LQI of the last frame received from this neighbour.</summary>
    public byte Lqi { get; internal set; }

    /// <summary>Cost of the link from this neighbour to us, from <see cref="Lqi"/>.</summary>
    public byte IncomingCost { get; internal set; } = LinkCost.Worst;

    /// <summary>Cost of the link from us to this neighbour as its link status reported it; 0 = not known.</summary>
    public byte OutgoingCost { get; internal set; }

    /// <summary>Link status periods since the last link status of this (router) neighbour.</summary>
    public byte Age { get; internal set; }

    /// <summary>Network depth the neighbour announced in its beacon (0xFF unknown).</summary>
    public byte Depth { get; internal set; } = 0xFF;

    /// <summary>From the beacon: the neighbour accepts joins now.</summary>
    public bool PermitJoining { get; internal set; }

    /// <summary>From the beacon: room for a router child / an end device child.</summary>
    public bool RouterCapacity { get; internal set; }

    public bool EndDeviceCapacity { get; internal set; }

    /// <summary>From discovery: the neighbour may be a parent for this device.</summary>
    public bool PotentialParent { get; internal set; }

    public ulong ExtendedPanId { get; internal set; }

    public ushort PanId { get; internal set; } = 0xFFFF;

    public byte LogicalChannel { get; internal set; }

    public byte UpdateId { get; internal set; }

    /// <summary>When a frame of this neighbour was last heard.</summary>
    public DateTimeOffset LastHeard { get; internal set; }

    /// <summary>Children only: how long the child may stay silent (R22 end device timeout).</summary>
    public TimeSpan Timeout { get; internal set; }

    /// <summary>Children only: keepalives seen (an R22 timeout request or a data poll since the last check).</summary>
    public bool KeepaliveReceived { get; internal set; }

    /// <summary>End device children only: the parent owes the concentrator a route record for this child.</summary>
    public bool RouteRecordRequired { get; internal set; }

    /// <summary>
    /// Routers only: the concentrator whose latest many-to-one route request this neighbour relayed to us, and the
    /// path cost it advertised (0xFFFF/0xFF: none heard). Lets a router whose many-to-one next hop failed pick another
    /// neighbour that is closer to the concentrator instead of flooding the network with a route discovery.
    /// </summary>
    public ushort ManyToOneConcentrator { get; internal set; } = 0xFFFF;

    public byte ManyToOneCost { get; internal set; } = 0xFF;

    public bool IsChild => Relationship is NeighborRelationship.Child or NeighborRelationship.UnauthenticatedChild;

    /// <summary>True for routers and the coordinator (they relay and send link status).</summary>
    public bool IsRouterCapable => DeviceType is NwkDeviceRole.Router or NwkDeviceRole.Coordinator;

    /// <summary>The cost of routing through this link: with nwkSymLink the worse of both directions once known.</summary>
    public byte LinkCostFor(bool symmetric) =>
        symmetric && OutgoingCost != 0 ? Math.Max(IncomingCost, OutgoingCost) : IncomingCost;

    internal void Reset()
    {
        ExtendedAddress = 0;
        NetworkAddress = 0xFFFF;
        DeviceType = NwkDeviceRole.None;
        RxOnWhenIdle = true;
        Relationship = NeighborRelationship.None;
        TransmitFailure = 0;
        Lqi = 0;
        IncomingCost = LinkCost.Worst;
        OutgoingCost = 0;
        Age = 0;
        Depth = 0xFF;
        PermitJoining = false;
        RouterCapacity = false;
        EndDeviceCapacity = false;
        PotentialParent = false;
        ExtendedPanId = 0;
        PanId = 0xFFFF;
        LogicalChannel = 0;
        UpdateId = 0;
        LastHeard = default;
        Timeout = TimeSpan.Zero;
        KeepaliveReceived = false;
        ManyToOneConcentrator = 0xFFFF;
        ManyToOneCost = 0xFF;
        RouteRecordRequired = false;
    }

    public override string ToString() =>
        $"0x{NetworkAddress:x4} {ExtendedAddress:X16} {DeviceType} {Relationship} lqi {Lqi} in {IncomingCost} out {OutgoingCost} age {Age}";
}
