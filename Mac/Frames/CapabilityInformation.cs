namespace ZigBee.Mac.Frames;

/// <summary>The capability information field of an association request (§7.3.1.2); reserved bits 4–5 are kept.</summary>
public readonly record struct CapabilityInformation(byte Value)
{
    public bool AlternatePanCoordinator => (Value & 0x01) != 0;

    /// <summary>True for a full-function device (a ZigBee router or coordinator).</summary>
    public bool DeviceType => (Value & 0x02) != 0;

    /// <summary>True when mains powered.</summary>
    public bool PowerSource => (Value & 0x04) != 0;

    public bool ReceiverOnWhenIdle => (Value & 0x08) != 0;

    /// <summary>Bits 4–5, reserved.</summary>
    public int ReservedBits => (Value >> 4) & 0x3;

    public bool SecurityCapability => (Value & 0x40) != 0;

    public bool AllocateAddress => (Value & 0x80) != 0;

    public static CapabilityInformation Create(bool fullFunctionDevice, bool mainsPowered, bool receiverOnWhenIdle, bool allocateAddress = true, bool securityCapability = false, bool alternatePanCoordinator = false) =>
        new((byte)((alternatePanCoordinator ? 0x01 : 0)
            | (fullFunctionDevice ? 0x02 : 0)
            | (mainsPowered ? 0x04 : 0)
            | (receiverOnWhenIdle ? 0x08 : 0)
            | (securityCapability ? 0x40 : 0)
            | (allocateAddress ? 0x80 : 0)));
}
