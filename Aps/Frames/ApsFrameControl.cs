namespace ZigBee.Aps.Frames;

/// <summary>
/// The APS frame control octet (§2.2.5.1.1): frame type (bits 0–1), delivery mode (2–3), acknowledgement format (4),
/// security (5), acknowledgement request (6), extended header present (7).
/// </summary>
public readonly record struct ApsFrameControl(byte Value)
{
    public ApsFrameType FrameType => (ApsFrameType)(Value & 0x3);

    public ApsDeliveryMode DeliveryMode => (ApsDeliveryMode)((Value >> 2) & 0x3);

    /// <summary>Bit 4 of an acknowledgement: set when it acknowledges a command (no endpoint, cluster or profile fields).</summary>
    public bool AckFormat => (Value & 0x10) != 0;

    public bool Security => (Value & 0x20) != 0;

    public bool AckRequest => (Value & 0x40) != 0;

    public bool ExtendedHeader => (Value & 0x80) != 0;

    public static ApsFrameControl Create(
        ApsFrameType frameType,
        ApsDeliveryMode deliveryMode = ApsDeliveryMode.Unicast,
        bool ackFormat = false,
        bool security = false,
        bool ackRequest = false,
        bool extendedHeader = false) =>
        new((byte)(((int)frameType & 0x3)
            | (((int)deliveryMode & 0x3) << 2)
            | (ackFormat ? 0x10 : 0)
            | (security ? 0x20 : 0)
            | (ackRequest ? 0x40 : 0)
            | (extendedHeader ? 0x80 : 0)));
}
