namespace ZigBee.Mac.Frames;

/// <summary>
/// The MAC header (MHR, §7.2.1): frame control, sequence number, addressing fields and, for secured frames of
/// version 1 or later, the auxiliary security header. Encoding takes the addressing modes from
/// <see cref="Destination"/> and <see cref="Source"/> and (for frames of version 1 or later) the security bit from
/// <see cref="Security"/>, so the frame control cannot disagree with the fields that follow it.
/// A PAN identifier that is not on air decodes as the destination PAN identifier when that one is on air, else 0.
/// </summary>
public readonly record struct MacHeader(
    FrameControl FrameControl,
    byte SequenceNumber,
    ushort DestinationPanId,
    MacAddress Destination,
    ushort SourcePanId,
    MacAddress Source,
    AuxiliarySecurityHeader? Security = null)
{
    public MacFrameType FrameType => FrameControl.FrameType;

    /// <summary>False only for version 2 frames with sequence number suppression.</summary>
    public bool HasSequenceNumber => !FrameControl.SequenceNumberSuppression;

    /// <summary>True when the destination PAN identifier is on air.</summary>
    public bool HasDestinationPanId => FrameControl.DestinationPanIdPresent;

    /// <summary>True when the source PAN identifier is on air.</summary>
    public bool HasSourcePanId => FrameControl.SourcePanIdPresent;

    /// <summary>Bytes this header takes on air.</summary>
    public int Length
    {
        get
        {
            var fc = Normalised();
            var length = fc.SequenceNumberSuppression ? 2 : 3;
            if (fc.DestinationPanIdPresent)
            {
                length += 2;
            }

            length += Destination.Length;
            if (fc.SourcePanIdPresent)
            {
                length += 2;
            }

            length += Source.Length;
            if (NormalisedSecurity(fc) is { } security)
            {
                length += security.Length;
            }

            return length;
        }
    }

    /// <summary>A data frame header (version 2003, as ZigBee sends) with PAN ID compression when both ends are on one PAN.</summary>
    public static MacHeader Data(byte sequence, ushort panId, MacAddress destination, MacAddress source, bool ackRequest, bool framePending = false) =>
        new(
            FrameControl.Create(MacFrameType.Data, destination.Mode, source.Mode, ackRequest: ackRequest, framePending: framePending,
                panIdCompression: destination.Mode != MacAddressingMode.None && source.Mode != MacAddressingMode.None),
            sequence, panId, destination, panId, source);

    /// <summary>
    /// The frame control as it goes on air: addressing modes from the addresses; from version 1 on the security bit
    /// says whether an auxiliary security header follows. A 2003 frame keeps its security bit (its security fields are
    /// in the payload).
    /// </summary>
    internal FrameControl Normalised()
    {
        var fc = FrameControl.WithAddressingModes(Destination.Mode, Source.Mode);
        return fc.FrameVersion == MacFrameVersion.Ieee2003 ? fc : fc.WithSecurityEnabled(Security.HasValue);
    }

    /// <summary>The auxiliary security header as it goes on air, frame counter suppression following the frame version.</summary>
    internal AuxiliarySecurityHeader? NormalisedSecurity(FrameControl normalised)
    {
        if (Security is not { } security || normalised.FrameVersion == MacFrameVersion.Ieee2003)
        {
            return null;
        }

        var suppressed = normalised.FrameVersion == MacFrameVersion.Ieee2015 && (security.SecurityControl & 0x20) != 0;
        return security with { FrameCounterSuppressed = suppressed };
    }
}
