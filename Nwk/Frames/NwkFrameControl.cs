namespace ZigBee.Nwk.Frames;

/// <summary>The 16-bit NWK frame control field (§3.3.1.1) with every subfield; reserved values and bits are kept.</summary>
public readonly record struct NwkFrameControl(ushort Value)
{
    public NwkFrameType FrameType => (NwkFrameType)(Value & 0x3);

    /// <summary>Bits 2–5: the protocol version (nwkcProtocolVersion, 2 for ZigBee 2006 and later).</summary>
    public byte ProtocolVersion => (byte)((Value >> 2) & 0xF);

    /// <summary>Bits 6–7; values 2 and 3 are reserved and kept.</summary>
    public NwkDiscoverRoute DiscoverRoute => (NwkDiscoverRoute)((Value >> 6) & 0x3);

    public bool Multicast => (Value & 0x0100) != 0;

    public bool Security => (Value & 0x0200) != 0;

    public bool SourceRoute => (Value & 0x0400) != 0;

    public bool DestinationIeeeAddressPresent => (Value & 0x0800) != 0;

    public bool SourceIeeeAddressPresent => (Value & 0x1000) != 0;

    /// <summary>Bit 13 (R21 and later): set by an end device on frames it originates towards its parent.</summary>
    public bool EndDeviceInitiator => (Value & 0x2000) != 0;

    /// <summary>Bits 14–15, reserved.</summary>
    public int ReservedBits => Value >> 14;

    public static NwkFrameControl Create(
        NwkFrameType frameType,
        NwkDiscoverRoute discoverRoute = NwkDiscoverRoute.Suppress,
        bool multicast = false,
        bool security = false,
        bool sourceRoute = false,
        bool destinationIeeeAddress = false,
        bool sourceIeeeAddress = false,
        bool endDeviceInitiator = false,
        byte protocolVersion = NwkConstants.ProtocolVersion) =>
        new((ushort)(((int)frameType & 0x3)
            | ((protocolVersion & 0xF) << 2)
            | (((int)discoverRoute & 0x3) << 6)
            | (multicast ? 0x0100 : 0)
            | (security ? 0x0200 : 0)
            | (sourceRoute ? 0x0400 : 0)
            | (destinationIeeeAddress ? 0x0800 : 0)
            | (sourceIeeeAddress ? 0x1000 : 0)
            | (endDeviceInitiator ? 0x2000 : 0)));

    /// <summary>This frame control with the subfields that announce optional header fields set as given.</summary>
    public NwkFrameControl WithOptionalFields(bool multicast, bool security, bool sourceRoute, bool destinationIeeeAddress, bool sourceIeeeAddress) =>
        new((ushort)((Value & ~0x1F00)
            | (multicast ? 0x0100 : 0)
            | (security ? 0x0200 : 0)
            | (sourceRoute ? 0x0400 : 0)
            | (destinationIeeeAddress ? 0x0800 : 0)
            | (sourceIeeeAddress ? 0x1000 : 0)));
}
