namespace ZigBee.Mac.Frames;

/// <summary>The 16-bit frame control field (§7.2.1.1) with every subfield; reserved bits are kept.</summary>
public readonly record struct FrameControl(ushort Value)
{
    public MacFrameType FrameType => (MacFrameType)(Value & 0x7);

    public bool SecurityEnabled => (Value & 0x0008) != 0;

    public bool FramePending => (Value & 0x0010) != 0;

    public bool AckRequest => (Value & 0x0020) != 0;

    public bool PanIdCompression => (Value & 0x0040) != 0;

    /// <summary>Bits 7–9, reserved in 802.15.4-2006 (802.15.4-2015 gives bits 8 and 9 a meaning in version 2 frames).</summary>
    public int ReservedBits => (Value >> 7) & 0x7;

    public MacAddressingMode DestinationAddressingMode => (MacAddressingMode)((Value >> 10) & 0x3);

    public MacFrameVersion FrameVersion => (MacFrameVersion)((Value >> 12) & 0x3);

    public MacAddressingMode SourceAddressingMode => (MacAddressingMode)((Value >> 14) & 0x3);

    /// <summary>
    /// Bit 8 of a frame of version 2 (802.15.4-2015 §7.2.1.6): the sequence number is not sent. In frames of
    /// other versions the bit is reserved and ignored.
    /// </summary>
    public bool SequenceNumberSuppression => FrameVersion == MacFrameVersion.Ieee2015 && (Value & 0x0100) != 0;

    /// <summary>
    /// Bit 9 of a frame of version 2 (802.15.4-2015 §7.2.1.7): information elements follow the header. This stack
    /// does not interpret them: they stay at the start of the payload.
    /// </summary>
    public bool InformationElementsPresent => FrameVersion == MacFrameVersion.Ieee2015 && (Value & 0x0200) != 0;

    /// <summary>True when the destination PAN identifier is on air (§7.2.1.1.5; 802.15.4-2015 table 7-2 for version 2).</summary>
    public bool DestinationPanIdPresent
    {
        get
        {
            var destination = CarriesAddress(DestinationAddressingMode);
            if (FrameVersion != MacFrameVersion.Ieee2015)
            {
                return destination;
            }

            if (!HasPanIdsIn2015Frames(FrameType))
            {
                return false;
            }

            var source = CarriesAddress(SourceAddressingMode);
            if (!destination)
            {
                // Rows 1, 2, 5, 6: only "no addresses, compression set" carries a (destination) PAN identifier.
                return !source && PanIdCompression;
            }

            // Rows 3, 4, 7, 8 omit it when compressed; rows 9–14 always carry it.
            if (!source || (DestinationAddressingMode == MacAddressingMode.Extended && SourceAddressingMode == MacAddressingMode.Extended))
            {
                return !PanIdCompression;
            }

            return true;
        }
    }

    /// <summary>True when the source PAN identifier is on air (§7.2.1.1.5; 802.15.4-2015 table 7-2 for version 2).</summary>
    public bool SourcePanIdPresent
    {
        get
        {
            if (!CarriesAddress(SourceAddressingMode) || PanIdCompression)
            {
                return false;
            }

            if (FrameVersion != MacFrameVersion.Ieee2015)
            {
                return true;
            }

            // Version 2: rows 5, 9, 10, 11 carry it; row 7 (both extended, uncompressed) does not.
            return HasPanIdsIn2015Frames(FrameType)
                && !(DestinationAddressingMode == MacAddressingMode.Extended && SourceAddressingMode == MacAddressingMode.Extended);
        }
    }

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

    public FrameControl WithAddressingModes(MacAddressingMode destination, MacAddressingMode source) =>
        new((ushort)((Value & 0x33FF) | (((int)destination & 0x3) << 10) | (((int)source & 0x3) << 14)));

    public FrameControl WithSecurityEnabled(bool value) => new((ushort)(value ? Value | 0x0008 : Value & ~0x0008));

    /// <summary>Modes 2 and 3 carry an address; mode 0 does not and reserved mode 1 is laid out like it (no PAN, no address).</summary>
    private static bool CarriesAddress(MacAddressingMode mode) => mode >= MacAddressingMode.Short;

    // 802.15.4-2015 §7.2.1.5: PAN ID compression applies to beacon, data, ack and command frames; the other types carry no PAN ID.
    private static bool HasPanIdsIn2015Frames(MacFrameType type) => type <= MacFrameType.Command;
}
