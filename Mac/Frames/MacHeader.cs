namespace ZigBee.Mac.Frames;

/// <summary>
/// The MAC header (MHR, §7.2.1): frame control, sequence number, addressing fields and, for secured frames of
/// version 1 or later, the auxiliary security header. Encoding takes the addressing modes from
/// <see cref="Destination"/> and <see cref="Source"/> and the security bit from <see cref="Security"/>,
/// so the frame control cannot disagree with the fields that follow it.
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

    /// <summary>True when the destination PAN identifier is on air.</summary>
    public bool HasDestinationPanId => FrameControl.DestinationAddressingMode != MacAddressingMode.None;

    /// <summary>True when the source PAN identifier is on air (source present and no PAN ID compression).</summary>
    public bool HasSourcePanId =>
        FrameControl.SourceAddressingMode != MacAddressingMode.None && !FrameControl.PanIdCompression;

    /// <summary>Bytes this header takes on air.</summary>
    public int Length
    {
        get
        {
            var fc = Normalised();
            var length = 3;
            if (fc.DestinationAddressingMode != MacAddressingMode.None)
            {
                length += 2 + Destination.Length;
            }

            if (fc.SourceAddressingMode != MacAddressingMode.None)
            {
                length += (fc.PanIdCompression ? 0 : 2) + Source.Length;
            }

            if (Security is { } security)
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

    internal FrameControl Normalised() =>
        FrameControl.WithAddressingModes(Destination.Mode, Source.Mode).WithSecurityEnabled(Security.HasValue);
}
