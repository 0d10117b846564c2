namespace ZigBee.Aps.Service.Primitives;

/// <summary>DstAddrMode of APSDE-DATA (§2.2.4.1.1, Table 2-2).</summary>
public enum ApsAddressMode : byte
{
    /// <summary>No destination: the frame goes to every entry of the binding table that matches the source endpoint and cluster.</summary>
    None = 0x00,

    /// <summary>A 16-bit group address; no destination endpoint.</summary>
    Group = 0x01,

    /// <summary>A 16-bit network address (or broadcast address) and a destination endpoint.</summary>
    Short = 0x02,

    /// <summary>A 64-bit IEEE address and a destination endpoint (resolved through the address map).</summary>
    Extended = 0x03,
}

/// <summary>TxOptions of APSDE-DATA.request (§2.2.4.1.1, Table 2-2).</summary>
[Flags]
public enum ApsTxOptions : byte
{
    None = 0x00,

    /// <summary>Security enabled transmission (takes effect with APS security).</summary>
    SecurityEnabled = 0x01,

    /// <summary>Use the NWK key (takes effect with APS security).</summary>
    UseNwkKey = 0x02,

    /// <summary>Acknowledged transmission.</summary>
    Acknowledged = 0x04,

    /// <summary>Fragmentation permitted.</summary>
    FragmentationPermitted = 0x08,

    /// <summary>Include the extended nonce in the APS security frame (takes effect with APS security).</summary>
    IncludeExtendedNonce = 0x10,
}

/// <summary>
/// APSDE-DATA.request (§2.2.4.1.1). <see cref="DstAddress"/> holds a 16-bit address or group in its low bits, or a
/// 64-bit IEEE address. <see cref="RadiusCounter"/> 0 means the NWK default (2 · nwkMaxDepth). The ASDU is copied
/// before the request's first await.
/// </summary>
public readonly record struct ApsdeDataRequest(
    ApsAddressMode DstAddrMode,
    ulong DstAddress,
    byte DstEndpoint,
    ushort ProfileId,
    ushort ClusterId,
    byte SrcEndpoint,
    ReadOnlyMemory<byte> Asdu,
    ApsTxOptions TxOptions = ApsTxOptions.None,
    byte RadiusCounter = 0)
{
    /// <summary>To one endpoint of the device with this network address (or to a broadcast address).</summary>
    public static ApsdeDataRequest ToShort(ushort address, byte dstEndpoint, ushort profileId, ushort clusterId, byte srcEndpoint, ReadOnlyMemory<byte> asdu, ApsTxOptions options = ApsTxOptions.None) =>
        new(ApsAddressMode.Short, address, dstEndpoint, profileId, clusterId, srcEndpoint, asdu, options);

    /// <summary>To one endpoint of the device with this IEEE address.</summary>
    public static ApsdeDataRequest ToExtended(ulong address, byte dstEndpoint, ushort profileId, ushort clusterId, byte srcEndpoint, ReadOnlyMemory<byte> asdu, ApsTxOptions options = ApsTxOptions.None) =>
        new(ApsAddressMode.Extended, address, dstEndpoint, profileId, clusterId, srcEndpoint, asdu, options);

    /// <summary>To every member of a group.</summary>
    public static ApsdeDataRequest ToGroup(ushort group, ushort profileId, ushort clusterId, byte srcEndpoint, ReadOnlyMemory<byte> asdu) =>
        new(ApsAddressMode.Group, group, 0, profileId, clusterId, srcEndpoint, asdu);

    /// <summary>To every destination the binding table holds for this source endpoint and cluster.</summary>
    public static ApsdeDataRequest ToBindings(ushort profileId, ushort clusterId, byte srcEndpoint, ReadOnlyMemory<byte> asdu, ApsTxOptions options = ApsTxOptions.None) =>
        new(ApsAddressMode.None, 0, 0, profileId, clusterId, srcEndpoint, asdu, options);
}

/// <summary>
/// APSDE-DATA.confirm (§2.2.4.1.2). For a request through the binding table it reports the first failure among the
/// bound destinations (Success when every one succeeded); <see cref="Deliveries"/> counts the destinations tried.
/// When the network layer could not send the frame, <see cref="Status"/> is NoAck and <see cref="NwkStatus"/> says why
/// (the spec lets the confirm carry the NLDE-DATA.confirm status; it is kept beside the APS one here).
/// </summary>
public readonly record struct ApsdeDataConfirm(
    ApsAddressMode DstAddrMode,
    ulong DstAddress,
    byte DstEndpoint,
    byte SrcEndpoint,
    ApsStatus Status,
    DateTimeOffset TxTime,
    int Deliveries = 1,
    Nwk.Service.NwkStatus NwkStatus = Nwk.Service.NwkStatus.Success);

/// <summary>SrcAddrMode of APSDE-DATA.indication: the source is known by its 16-bit address, and by its 64-bit one when the address map has it.</summary>
public readonly record struct ApsdeDataIndication(
    ApsAddressMode DstAddrMode,
    ushort DstAddress,
    byte DstEndpoint,
    ushort SrcAddress,
    ulong SrcIeeeAddress,
    byte SrcEndpoint,
    ushort ProfileId,
    ushort ClusterId,
    ReadOnlyMemory<byte> Asdu,
    ApsStatus Status,
    bool SecurityStatus,
    byte LinkQuality,
    DateTimeOffset RxTime,
    bool WasBroadcast = false);

/// <summary>APSDE-DATA.indication (§2.2.4.1.3). <see cref="ApsdeDataIndication.Asdu"/> is valid only during the call: copy what you keep.</summary>
public delegate void ApsdeDataIndicationHandler(in ApsdeDataIndication indication);
