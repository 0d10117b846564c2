using ZigBee.Nwk.Security;

namespace ZigBee.Aps.Service;

/// <summary>Sizes and timings of the APS service; defaults follow ZigBee R22 §2.2.7 and the ZigBee PRO stack profile.</summary>
public sealed class ApsServiceOptions
{
    /// <summary>Entries of the binding table (apsBindingTable).</summary>
    public int BindingTableCapacity { get; init; } = 16;

    /// <summary>(group, endpoint) pairs of the group table (apsGroupTable).</summary>
    public int GroupTableCapacity { get; init; } = 16;

    /// <summary>Entries of the duplicate rejection table (apsDuplicateRejectionTableSize).</summary>
    public int DuplicateRejectionTableCapacity { get; init; } = 32;

    /// <summary>
    /// How long a (source, APS counter) pair is remembered to reject duplicates (apsDuplicateRejectionTimeout). It must
    /// outlast every retransmission of one frame — (apscMaxFrameRetries + 1) · apsAckWaitDuration = 6.4 s, plus the
    /// time NWK may hold a frame while it finds a route — or a late retransmission is delivered twice.
    /// </summary>
    public TimeSpan DuplicateRejectionTimeout { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary>apscMaxFrameRetries: retransmissions of an acknowledged frame before NO_ACK.</summary>
    public int MaxFrameRetries { get; init; } = 3;

    /// <summary>
    /// apsAckWaitDuration = 0.05 s · (2 · nwkcMaxDepth) + the security encrypt/decrypt delay of 0.1 s (§2.2.7.1,
    /// Table 2-24): 1.6 s with nwkcMaxDepth 15.
    /// </summary>
    public TimeSpan AckWaitDuration { get; init; } = TimeSpan.FromSeconds((0.05 * 2 * 15) + 0.1);

    /// <summary>apsMaxWindowSize (1–8): blocks of a fragmented transfer sent before an acknowledgement is needed.</summary>
    public int MaxWindowSize { get; init; } = 8;

    /// <summary>apsInterframeDelay: the gap between blocks of one window.</summary>
    public TimeSpan InterframeDelay { get; init; } = TimeSpan.Zero;

    /// <summary>How long a partly received fragmented transfer is kept without news before it is dropped.</summary>
    public TimeSpan ReassemblyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest ASDU accepted for fragmentation (bounded by 256 blocks).</summary>
    public int MaxTransferSize { get; init; } = 16384;

    /// <summary>Fragmented transfers received at once (partial, or completed and kept to answer retransmissions); more are refused.</summary>
    public int MaxPendingReassemblies { get; init; } = 8;

    /// <summary>Entries of apsDeviceKeyPairSet (a trust center holds one per admitted device).</summary>
    public int KeyPairCapacity { get; init; } = 256;

    /// <summary>
    /// The trust-center link key this device was given before joining (§4.6.3.2.3): the default global key
    /// "ZigBeeAlliance09", or the key derived from its install code.
    /// </summary>
    public ZigBeeKey TrustCenterLinkKey { get; init; } = ZigBeeKey.DefaultTrustCenterLinkKey;
}
