namespace ZigBee.Nwk.Service.Primitives;

/// <summary>DstAddrMode of NLDE-DATA (§3.2.1.1.1, Table 3-2).</summary>
public enum NwkAddressMode : byte
{
    None = 0x00,

    /// <summary>A 16-bit multicast group address.</summary>
    Multicast = 0x01,

    /// <summary>A 16-bit network address of one device, or a broadcast address (0xFFFF, 0xFFFD, 0xFFFC, 0xFFFB).</summary>
    Unicast = 0x02,
}

/// <summary>
/// NLDE-DATA.request (§3.2.1.1). <see cref="Radius"/> 0 means 2 · nwkMaxDepth. <see cref="SecurityEnable"/> matters
/// only with nwkSecureAllFrames FALSE (then it decides whether this frame is secured); with TRUE, the default, every
/// frame is secured once the device holds a network key. The NSDU is copied before the request returns.
/// </summary>
public readonly record struct NldeDataRequest(
    NwkAddressMode DstAddrMode,
    ushort DstAddr,
    ReadOnlyMemory<byte> Nsdu,
    byte NsduHandle,
    byte Radius = 0,
    bool DiscoverRoute = true,
    bool SecurityEnable = false,
    byte NonmemberRadius = 7)
{
    /// <summary>
    /// Sends this one frame without NWK security even under nwkSecureAllFrames: the transport key to a joiner that holds
    /// no network key yet, and the tunnelled frame a parent relays to it (§4.4.3, §4.6.3.2).
    /// </summary>
    public bool InTheClear { get; init; }

    /// <summary>A unicast (or broadcast, when <paramref name="destination"/> is 0xFFF8 and above) data request.</summary>
    public static NldeDataRequest To(ushort destination, ReadOnlyMemory<byte> nsdu, byte handle = 0, byte radius = 0) =>
        new(NwkAddressMode.Unicast, destination, nsdu, handle, radius);
}

/// <summary>NLDE-DATA.confirm (§3.2.1.2): the request's handle, its status, and the MAC status behind a failure.</summary>
public readonly record struct NldeDataConfirm(byte NsduHandle, NwkStatus Status, DateTimeOffset TxTime, Mac.Service.MacStatus MacStatus = Mac.Service.MacStatus.Success);

/// <summary>
/// NLDE-DATA.indication (§3.2.1.3) without the NSDU (passed beside it). <see cref="MacSrcAddr"/> is the last hop,
/// <see cref="Radius"/> what was left of the frame's radius on arrival.
/// </summary>
public readonly record struct NldeDataIndication(
    NwkAddressMode DstAddrMode,
    ushort DstAddr,
    ushort SrcAddr,
    ulong SrcIeeeAddr,
    ushort MacSrcAddr,
    byte LinkQuality,
    byte Radius,
    byte SequenceNumber,
    bool SecurityUse,
    DateTimeOffset RxTime);

/// <summary>NLDE-DATA.indication; <paramref name="nsdu"/> is valid only during the call (copy what you keep).</summary>
public delegate void NldeDataIndicationHandler(in NldeDataIndication indication, ReadOnlySpan<byte> nsdu);
