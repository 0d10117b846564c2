namespace ZigBee.Nwk.Service.Primitives;

/// <summary>
/// NLME-NETWORK-FORMATION.request (§3.2.2.5). <see cref="PanId"/> 0xFFFF lets the layer pick one no neighbour uses;
/// <see cref="ExtendedPanId"/> 0 takes this device's IEEE address (nwkExtendedPANID).
/// </summary>
public sealed record NlmeNetworkFormationRequest(
    uint ScanChannels = 0x07FFF800,
    byte ScanDuration = 3,
    ushort PanId = 0xFFFF,
    ulong ExtendedPanId = 0,
    bool BatteryLifeExtension = false);

/// <summary>NLME-NETWORK-FORMATION.confirm (§3.2.2.6) with the network it started.</summary>
public sealed record NlmeNetworkFormationConfirm(NwkStatus Status, byte LogicalChannel, ushort PanId, ulong ExtendedPanId);

/// <summary>NLME-NETWORK-DISCOVERY.request (§3.2.2.1).</summary>
public sealed record NlmeNetworkDiscoveryRequest(uint ScanChannels = 0x07FFF800, byte ScanDuration = 3);

/// <summary>A network descriptor (§3.2.2.2, Table 3-9): one ZigBee network heard in beacons.</summary>
public readonly record struct NetworkDescriptor(
    ulong ExtendedPanId,
    ushort PanId,
    byte UpdateId,
    byte LogicalChannel,
    byte StackProfile,
    byte ZigBeeVersion,
    byte BeaconOrder,
    byte SuperframeOrder,
    bool PermitJoining,
    bool RouterCapacity,
    bool EndDeviceCapacity);

/// <summary>NLME-NETWORK-DISCOVERY.confirm (§3.2.2.2); the potential parents are in the neighbor table.</summary>
public sealed record NlmeNetworkDiscoveryConfirm(NwkStatus Status, IReadOnlyList<NetworkDescriptor> NetworkDescriptors);
