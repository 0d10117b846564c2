namespace ZigBee.Aps.Frames;

/// <summary>APS frame type, frame control bits 0–1 (§2.2.5.1.1.1).</summary>
public enum ApsFrameType : byte
{
    Data = 0,
    Command = 1,
    Acknowledgement = 2,
    InterPan = 3,
}

/// <summary>
/// Delivery mode, frame control bits 2–3 (§2.2.5.1.1.2). Indirect (0b01) was removed in ZigBee 2006 and is reserved
/// since: binding-table delivery now sends a unicast frame per binding.
/// </summary>
public enum ApsDeliveryMode : byte
{
    Unicast = 0,
    Indirect = 1,
    Broadcast = 2,
    Group = 3,
}

/// <summary>Fragmentation subfield of the extended frame control, bits 0–1 (§2.2.5.1.8.1).</summary>
public enum ApsFragmentation : byte
{
    None = 0,
    First = 1,
    Subsequent = 2,
    Reserved = 3,
}
