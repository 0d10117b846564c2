namespace ZigBee.Mac.Frames;

/// <summary>The 16-bit frame control field (§7.2.1.1) with every subfield; reserved bits are kept.</summary>
public readonly record struct FrameControl(ushort Value)
{
    public MacFrameType FrameType => (MacFrameType)(Value & 0x7);

    public bool SecurityEnabled => (Value & 0x0008) != 0;

    public bool FramePending => (Value & 0x0010) != 0;

    public bool AckRequest => (Value & 0x0020) != 0;

    public bool PanIdCompression => (Value & 0x0040) != 0;

    /// <summary>Bits 7–9, reserved in 802.15.4-2006.</summary>
    public int ReservedBits => (Value >> 7) & 0x7;

    public MacAddressingMode DestinationAddressingMode => (MacAddressingMode)((Value >> 10) & 0x3);

    public MacFrameVersion FrameVersion => (MacFrameVersion)((Value >> 12) & 0x3);

    public MacAddressingMode SourceAddressingMode => (MacAddressingMode)((Value >> 14) & 0x3);

    public static FrameControl Create(
        MacFrameType frameType,
        MacAddressingMode destinationMode,
        MacAddressingMode sourceMode,
        bool securityEnabled = false,
        bool framePending = false,
        bool ackRequest = false,
        bool panIdCompression = false,
        MacFrameVersion version = MacFrameVersion.Ieee2003) =>
        new((ushort)(((int)frameType & 0x7)
            | (securityEnabled ? 0x0008 : 0)
            | (framePending ? 0x0010 : 0)
            | (ackRequest ? 0x0020 : 0)
            | (panIdCompression ? 0x0040 : 0)
            | (((int)destinationMode & 0x3) << 10)
            | (((int)version & 0x3) << 12)
            | (((int)sourceMode & 0x3) << 14)));

    public FrameControl WithFramePending(bool value) => new((ushort)(value ? Value | 0x0010 : Value & ~0x0010));

    public FrameControl WithAddressingModes(MacAddressingMode destination, MacAddressingMode source) =>
        new((ushort)((Value & 0x33FF) | (((int)destination & 0x3) << 10) | (((int)source & 0x3) << 14)));

    public FrameControl WithSecurityEnabled(bool value) => new((ushort)(value ? Value | 0x0008 : Value & ~0x0008));
}
