using ZigBee.Mac.Frames;
using ZigBee.Nwk.Tables;

namespace ZigBee.Nwk.Nib;

/// <summary>
/// The NWK information base (ZigBee specification R22 §3.5.2, Table 3-58) with the spec's attribute names and
/// defaults. The tables it names (nwkNeighborTable, nwkRouteTable, nwkAddressMap, ...) are objects of their own.
/// Read and change it on the node's loop; <see cref="Service.NwkService"/> keeps the MAC PIB in step where the spec
/// says so (network address, PAN ID).
/// </summary>
public sealed class NwkNib
{
    internal NwkNib(NeighborTable neighbors, RoutingTable routes, AddressMap addressMap, RouteRecordTable routeRecords, int incomingFrameCounterCapacity = 64)
    {
        SecurityMaterialSet = new NwkSecurityMaterialSet(incomingFrameCounterCapacity);
        NeighborTable = neighbors;
        RouteTable = routes;
        AddressMap = addressMap;
        RouteRecordTable = routeRecords;
    }

    /// <summary>nwkSequenceNumber: of the next NWK frame this device originates.</summary>
    public byte SequenceNumber { get; set; }

    /// <summary>nwkPassiveAckTimeout: how long a broadcast waits to hear its router neighbours relay it.</summary>
    public TimeSpan PassiveAckTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>nwkMaxBroadcastRetries.</summary>
    public byte MaxBroadcastRetries { get; set; } = 3;

    /// <summary>nwkMaxChildren (end devices and routers together).</summary>
    public byte MaxChildren { get; set; } = 20;

    /// <summary>nwkMaxDepth; a radius of 0 in NLDE-DATA means 2 · nwkMaxDepth.</summary>
    public byte MaxDepth { get; set; } = 15;

    /// <summary>nwkMaxRouters (children that are routers).</summary>
    public byte MaxRouters { get; set; } = 6;

    /// <summary>nwkNeighborTable.</summary>
    public NeighborTable NeighborTable { get; }

    /// <summary>nwkNetworkBroadcastDeliveryTime: how long a broadcast transaction table entry lives.</summary>
    public TimeSpan NetworkBroadcastDeliveryTime { get; set; } = TimeSpan.FromSeconds(9);

    /// <summary>nwkReportConstantCost: FALSE uses LQI-based link costs; TRUE reports cost 7 for every link.</summary>
    public bool ReportConstantCost { get; set; }

    /// <summary>nwkRouteTable.</summary>
    public RoutingTable RouteTable { get; }

    /// <summary>nwkSymLink: routes use both directions of a link (link status gives outgoing costs).</summary>
    public bool SymLink { get; set; } = true;

    /// <summary>nwkCapabilityInformation: as sent in association or rejoin.</summary>
    public CapabilityInformation CapabilityInformation { get; set; }

    /// <summary>nwkAddrAlloc.</summary>
    public NwkAddressAllocation AddrAlloc { get; set; } = NwkAddressAllocation.Stochastic;

    /// <summary>nwkUseTreeRouting: FALSE in ZigBee PRO; tree routing is not implemented.</summary>
    public bool UseTreeRouting { get; set; }

    /// <summary>nwkManagerAddr: the network manager (0x0000 by default).</summary>
    public ushort ManagerAddr { get; set; }

    /// <summary>nwkMaxSourceRoute: most relays a source route may list.</summary>
    public byte MaxSourceRoute { get; set; } = 12;

    /// <summary>nwkUpdateId.</summary>
    public byte UpdateId { get; set; }

    /// <summary>nwkTransactionPersistenceTime, in superframe periods (mirrors macTransactionPersistenceTime).</summary>
    public ushort TransactionPersistenceTime { get; set; } = 0x01F4;

    /// <summary>nwkNetworkAddress: 0xFFFF when not joined.</summary>
    public ushort NetworkAddress { get; set; } = 0xFFFF;

    /// <summary>nwkStackProfile: 2 (ZigBee PRO).</summary>
    public byte StackProfile { get; set; } = NwkConstants.StackProfilePro;

    /// <summary>nwkExtendedPANID: 0 when not on a network.</summary>
    public ulong ExtendedPanId { get; set; }

    /// <summary>nwkIsConcentrator: this device sends many-to-one route requests.</summary>
    public bool IsConcentrator { get; set; }

    /// <summary>nwkConcentratorRadius: hops its many-to-one route requests travel.</summary>
    public byte ConcentratorRadius { get; set; } = 10;

    /// <summary>nwkConcentratorDiscoveryTime: between many-to-one route requests (0 = only when asked).</summary>
    public TimeSpan ConcentratorDiscoveryTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>nwkLinkStatusPeriod: between link status commands of routers and the coordinator.</summary>
    public TimeSpan LinkStatusPeriod { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>nwkRouterAgeLimit: link status periods a router neighbour may stay silent before its link is dropped.</summary>
    public byte RouterAgeLimit { get; set; } = 3;

    /// <summary>nwkUniqueAddr: FALSE with stochastic addressing (conflicts are possible and detected).</summary>
    public bool UniqueAddr { get; set; }

    /// <summary>nwkAddressMap: extended ↔ network addresses this device learned.</summary>
    public AddressMap AddressMap { get; }

    /// <summary>The concentrator's route record table (source routes to devices that sent a route record).</summary>
    public RouteRecordTable RouteRecordTable { get; }

    /// <summary>nwkPANId (mirrors macPANId): 0xFFFF when not on a network.</summary>
    public ushort PanId { get; set; } = 0xFFFF;

    /// <summary>nwkIeeeAddress (aExtendedAddress of the MAC).</summary>
    public ulong IeeeAddress { get; internal set; }

    /// <summary>nwkLeaveRequestAllowed: honour leave commands with the request bit from other devices.</summary>
    public bool LeaveRequestAllowed { get; set; } = true;

    /// <summary>nwkParentInformation: the parent information bits of the last end device timeout response.</summary>
    public byte ParentInformation { get; set; }

    /// <summary>nwkEndDeviceTimeoutDefault: the timeout enumeration a parent gives children that never ask (8 = 256 min).</summary>
    public byte EndDeviceTimeoutDefault { get; set; } = 8;

    /// <summary>nwkLeaveRequestWithoutRejoinAllowed.</summary>
    public bool LeaveRequestWithoutRejoinAllowed { get; set; } = true;

    /// <summary>nwkDeviceType in R22 terms: the role this device has on its network.</summary>
    public NwkDeviceRole DeviceType { get; set; } = NwkDeviceRole.None;

    /// <summary>nwkcProtocolVersion as used on air.</summary>
    public byte ProtocolVersion => NwkConstants.ProtocolVersion;

    /// <summary>The logical channel of the network (nwkLogicalChannel in R22).</summary>
    public byte LogicalChannel { get; set; }

    /// <summary>Depth of this device in the network (0 for the coordinator).</summary>
    public byte Depth { get; set; }

    /// <summary>
    /// nwkSecurityLevel (§4.3.1, Table 4-2): 5 (ENC-MIC-32) in ZigBee PRO; 0 turns NWK security off. Frames carry 0
    /// on air whatever it is; the level secured with is this one (the nonce and a-data use it).
    /// </summary>
    public byte SecurityLevel { get; set; } = 5;

    /// <summary>nwkSecurityMaterialSet: the active network key, an alternate one, and their incoming frame counters.</summary>
    public NwkSecurityMaterialSet SecurityMaterialSet { get; }

    /// <summary>nwkActiveKeySeqNumber: the key sequence number of the active network key (0 before one arrived).</summary>
    public byte ActiveKeySeqNumber => SecurityMaterialSet.ActiveKeySeqNumber;

    /// <summary>
    /// nwkAllFresh: TRUE checks every incoming frame for freshness even when the incoming frame counters of its key
    /// are full (a frame from one more sender is then refused); FALSE lets the sender heard longest ago give way.
    /// </summary>
    public bool AllFresh { get; set; } = true;

    /// <summary>
    /// nwkSecureAllFrames: TRUE secures every outgoing NWK frame and refuses unsecured ones (save the spec's rejoin
    /// exceptions); FALSE secures commands and the data frames NLDE-DATA asks to (SecurityEnable), and accepts
    /// unsecured data frames. A device holding a key secures whatever it relays either way.
    /// </summary>
    public bool SecureAllFrames { get; set; } = true;

    /// <summary>
    /// The outgoing frame counter of the next secured frame this device sends (one counter for every key, so a key
    /// switch never brings a value back); persisted ahead of use in blocks through an INwkFrameCounterStore.
    /// </summary>
    public uint OutgoingFrameCounter { get; internal set; }

    /// <summary>Radius used when NLDE-DATA asks for 0: 2 · nwkMaxDepth.</summary>
    public byte DefaultRadius => (byte)Math.Min(255, 2 * MaxDepth);

    /// <summary>The R22 end device timeout enumeration (§3.4.11.3.1): 0 = 10 s, n = 2^n minutes (1–14).</summary>
    public static TimeSpan EndDeviceTimeout(byte value) =>
        value == 0 ? TimeSpan.FromSeconds(10) : TimeSpan.FromMinutes(1 << Math.Min((int)value, 14));
}
