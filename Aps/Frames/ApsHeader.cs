using ZigBee.Nwk.Frames;

namespace ZigBee.Aps.Frames;

/// <summary>
/// The APS header (§2.2.5.1): frame control, then — as the frame type and delivery mode call for them — destination
/// endpoint, group address, cluster identifier, profile identifier, source endpoint, the APS counter, the extended
/// header (extended frame control, block number, acknowledgement bitfield) and the auxiliary security header.
/// Fields the frame does not carry are ignored on encoding and zero on decoding; encoding takes the security and
/// extended-header bits of the frame control from the presence of those fields, so they cannot disagree.
/// </summary>
public readonly record struct ApsHeader(
    ApsFrameControl FrameControl,
    byte DestinationEndpoint,
    ushort GroupAddress,
    ushort ClusterId,
    ushort ProfileId,
    byte SourceEndpoint,
    byte Counter,
    ApsFragmentation Fragmentation = ApsFragmentation.None,
    byte BlockNumber = 0,
    byte AckBitfield = 0,
    NwkAuxiliarySecurityHeader? Security = null)
{
    /// <summary>
    /// Bits 2–7 of the extended frame control (reserved, §2.2.5.1.8.1) as they were on air, in place (mask 0xFC), so a
    /// decoded header re-encodes to its bytes; 0 for headers built here.
    /// </summary>
    public byte ExtendedReservedBits { get; init; }

    public ApsFrameType FrameType => FrameControl.FrameType;

    public ApsDeliveryMode DeliveryMode => FrameControl.DeliveryMode;

    /// <summary>
    /// Cluster, profile (and, outside inter-PAN frames, source endpoint) are carried: data frames, inter-PAN frames and
    /// acknowledgements of data frames.
    /// </summary>
    public bool HasAddressing => FrameType switch
    {
        ApsFrameType.Data or ApsFrameType.InterPan => true,
        ApsFrameType.Acknowledgement => !FrameControl.AckFormat,
        _ => false,
    };

    /// <summary>The destination endpoint is carried: an endpoint-addressed frame in unicast or broadcast delivery.</summary>
    public bool HasDestinationEndpoint =>
        HasAddressing && FrameType != ApsFrameType.InterPan && DeliveryMode is ApsDeliveryMode.Unicast or ApsDeliveryMode.Broadcast;

    /// <summary>The group address is carried (group delivery of an addressed frame).</summary>
    public bool HasGroupAddress => HasAddressing && DeliveryMode == ApsDeliveryMode.Group;

    /// <summary>The source endpoint is carried (every addressed frame except inter-PAN ones).</summary>
    public bool HasSourceEndpoint => HasAddressing && FrameType != ApsFrameType.InterPan;

    /// <summary>The APS counter is carried (every frame except inter-PAN ones).</summary>
    public bool HasCounter => FrameType != ApsFrameType.InterPan;

    /// <summary>The extended header is carried: asked for by the frame control, or needed for fragmentation.</summary>
    public bool HasExtendedHeader => FrameControl.ExtendedHeader || Fragmentation != ApsFragmentation.None;

    /// <summary>The block number is carried (a fragmented frame or the acknowledgement of one).</summary>
    public bool HasBlockNumber => HasExtendedHeader && Fragmentation != ApsFragmentation.None;

    /// <summary>The acknowledgement bitfield is carried (the acknowledgement of a fragmented frame).</summary>
    public bool HasAckBitfield => HasBlockNumber && FrameType == ApsFrameType.Acknowledgement;

    /// <summary>Bytes this header takes on air (extended and auxiliary security headers included).</summary>
    public int Length =>
        1
        + (HasDestinationEndpoint ? 1 : 0)
        + (HasGroupAddress ? 2 : 0)
        + (HasAddressing ? 4 : 0)
        + (HasSourceEndpoint ? 1 : 0)
        + (HasCounter ? 1 : 0)
        + (HasExtendedHeader ? 1 : 0)
        + (HasBlockNumber ? 1 : 0)
        + (HasAckBitfield ? 1 : 0)
        + (Security is { } security ? security.Length : 0);

    /// <summary>A data frame to one endpoint of one device (unicast delivery).</summary>
    public static ApsHeader Unicast(byte destinationEndpoint, ushort clusterId, ushort profileId, byte sourceEndpoint, byte counter, bool ackRequest = false) =>
        new(ApsFrameControl.Create(ApsFrameType.Data, ApsDeliveryMode.Unicast, ackRequest: ackRequest), destinationEndpoint, 0, clusterId, profileId, sourceEndpoint, counter);

    /// <summary>A data frame in broadcast delivery (the NWK destination is a broadcast address; endpoint 0xFF is every endpoint).</summary>
    public static ApsHeader Broadcast(byte destinationEndpoint, ushort clusterId, ushort profileId, byte sourceEndpoint, byte counter) =>
        new(ApsFrameControl.Create(ApsFrameType.Data, ApsDeliveryMode.Broadcast), destinationEndpoint, 0, clusterId, profileId, sourceEndpoint, counter);

    /// <summary>A data frame to a group (group delivery; no destination endpoint).</summary>
    public static ApsHeader Group(ushort groupAddress, ushort clusterId, ushort profileId, byte sourceEndpoint, byte counter) =>
        new(ApsFrameControl.Create(ApsFrameType.Data, ApsDeliveryMode.Group), 0, groupAddress, clusterId, profileId, sourceEndpoint, counter);

    /// <summary>
    /// The acknowledgement of a data frame (§2.2.5.2.3): its destination endpoint is the data frame's source endpoint and
    /// the other way round; cluster, profile and counter are the data frame's.
    /// </summary>
    public static ApsHeader DataAck(byte destinationEndpoint, ushort clusterId, ushort profileId, byte sourceEndpoint, byte counter) =>
        new(ApsFrameControl.Create(ApsFrameType.Acknowledgement), destinationEndpoint, 0, clusterId, profileId, sourceEndpoint, counter);

    /// <summary>The acknowledgement of a command frame: frame control and counter only.</summary>
    public static ApsHeader CommandAck(byte counter) =>
        new(ApsFrameControl.Create(ApsFrameType.Acknowledgement, ackFormat: true), 0, 0, 0, 0, 0, counter);

    /// <summary>A command frame header (the command identifier starts the payload).</summary>
    public static ApsHeader Command(byte counter, bool ackRequest = false, ApsDeliveryMode deliveryMode = ApsDeliveryMode.Unicast) =>
        new(ApsFrameControl.Create(ApsFrameType.Command, deliveryMode, ackRequest: ackRequest), 0, 0, 0, 0, 0, counter);

    /// <summary>This header as block <paramref name="blockNumber"/> of a fragmented transfer (§2.2.8.4.5); block 0 carries the block count.</summary>
    public ApsHeader AsBlock(ApsFragmentation fragmentation, byte blockNumber) =>
        this with { Fragmentation = fragmentation, BlockNumber = blockNumber };

    /// <summary>The frame control as it goes on air: security and extended-header bits follow the fields.</summary>
    public ApsFrameControl Normalised()
    {
        var value = FrameControl.Value & ~0xA0;
        value |= Security.HasValue ? 0x20 : 0;
        value |= HasExtendedHeader ? 0x80 : 0;
        return new ApsFrameControl((byte)value);
    }
}
