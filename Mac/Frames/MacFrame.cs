using System.Buffers.Binary;

namespace ZigBee.Mac.Frames;

/// <summary>
/// A decoded MAC frame: its header, where its payload lies in the decoded buffer, and the FCS verdict.
/// The payload of a secured frame (MAC security) includes the MIC at its end (<see cref="MicLength"/> bytes); the
/// payload of a command frame starts with the command identifier; the payload of a 2015 frame with information
/// elements starts with them.
/// </summary>
public readonly record struct MacFrame(MacHeader Header, int PayloadOffset, int PayloadLength, bool HasFcs, bool FcsValid)
{
    /// <summary>Shortest legal MPDU with FCS: frame control, sequence number, FCS (an acknowledgment).</summary>
    public const int MinimumLength = 5;

    /// <summary>Bytes of message integrity code at the end of the payload (0 for unsecured frames).</summary>
    public int MicLength => Header.Security is { } security ? security.MicLength : 0;

    /// <summary>The payload, sliced from the buffer this frame was decoded from.</summary>
    public ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> buffer) => buffer.Slice(PayloadOffset, PayloadLength);

    /// <summary>The payload as a slice of the memory this frame was decoded from.</summary>
    public ReadOnlyMemory<byte> Payload(ReadOnlyMemory<byte> buffer) => buffer.Slice(PayloadOffset, PayloadLength);

    /// <summary>
    /// The command identifier of a command frame, or null for other frames, empty payloads and 2015 frames whose
    /// information elements come before the identifier (this stack does not walk them).
    /// </summary>
    public MacCommandId? CommandId(ReadOnlySpan<byte> buffer) =>
        Header.FrameType == MacFrameType.Command && PayloadLength > 0 && !Header.FrameControl.InformationElementsPresent
            ? (MacCommandId)buffer[PayloadOffset]
            : null;

    /// <summary>
    /// Decodes a PSDU. With <paramref name="hasFcs"/> the last two bytes are the FCS: its verdict is in
    /// <see cref="MacFrame.FcsValid"/> and a bad FCS does not fail decoding. Never throws, never allocates.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> psdu, out MacFrame frame, bool hasFcs = true) =>
        TryDecodeCore(psdu, hasFcs, out frame, out _, out _);

    /// <summary>As <see cref="TryDecode"/>, but throws <see cref="FrameFormatException"/> with offset and reason.</summary>
    public static MacFrame Decode(ReadOnlySpan<byte> psdu, bool hasFcs = true)
    {
        if (!TryDecodeCore(psdu, hasFcs, out var frame, out var offset, out var reason))
        {
            throw new FrameFormatException(offset, reason);
        }

        return frame;
    }

    /// <summary>As <see cref="TryDecode"/>, and on failure tells where and why (the reason is a constant string).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> psdu, bool hasFcs, out MacFrame frame, out int errorOffset, out string errorReason) =>
        TryDecodeCore(psdu, hasFcs, out frame, out errorOffset, out errorReason);

    private static bool TryDecodeCore(ReadOnlySpan<byte> psdu, bool hasFcs, out MacFrame frame, out int offset, out string reason)
    {
        frame = default;
        offset = 0;
        var end = psdu.Length - (hasFcs ? Fcs.Length : 0);
        if (end < 2)
        {
            offset = psdu.Length;
            reason = hasFcs ? "frame shorter than frame control plus FCS" : "frame shorter than frame control";
            return false;
        }

        var fc = new FrameControl(BinaryPrimitives.ReadUInt16LittleEndian(psdu));
        offset = 2;
        byte sequence = 0;
        if (!fc.SequenceNumberSuppression)
        {
            if (end < 3)
            {
                reason = "sequence number missing";
                return false;
            }

            sequence = psdu[2];
            offset = 3;
        }

        ushort dstPan = 0;
        if (fc.DestinationPanIdPresent && !TryReadPan(psdu, end, ref offset, out dstPan))
        {
            reason = "destination PAN identifier truncated";
            return false;
        }

        if (!TryReadAddress(psdu, end, fc.DestinationAddressingMode, ref offset, out var dst))
        {
            reason = "destination address truncated";
            return false;
        }

        var srcPan = fc.DestinationPanIdPresent ? dstPan : (ushort)0;
        if (fc.SourcePanIdPresent && !TryReadPan(psdu, end, ref offset, out srcPan))
        {
            reason = "source PAN identifier truncated";
            return false;
        }

        if (!TryReadAddress(psdu, end, fc.SourceAddressingMode, ref offset, out var src))
        {
            reason = "source address truncated";
            return false;
        }

        AuxiliarySecurityHeader? security = null;
        if (fc.SecurityEnabled && fc.FrameVersion != MacFrameVersion.Ieee2003)
        {
            // §7.6.2: the auxiliary security header ends the MHR of secured frames of version 1 and later.
            if (!AuxiliarySecurityHeader.TryRead(psdu[offset..end], fc.FrameVersion, out var aux, out var auxLength))
            {
                reason = "auxiliary security header truncated";
                return false;
            }

            offset += auxLength;
            if (end - offset < aux.MicLength)
            {
                reason = "payload shorter than the message integrity code";
                return false;
            }

            security = aux;
        }

        if (fc.FrameVersion != MacFrameVersion.Ieee2015 && !TryCheckNonPayloadFields(psdu[offset..end], fc.FrameType, out reason))
        {
            return false;
        }

        var header = new MacHeader(fc, sequence, dstPan, dst, srcPan, src, security);
        var fcsValid = hasFcs && Fcs.Check(psdu);
        frame = new MacFrame(header, offset, end - offset, hasFcs, fcsValid);
        reason = string.Empty;
        return true;
    }

    /// <summary>
    /// The fields the standard counts as header although they sit in the payload (§7.2.2.1, §7.2.2.4): a beacon's
    /// superframe, GTS and pending address fields, a command's identifier. They are never encrypted, so a frame
    /// without them is malformed whatever its security. 802.15.4-2015 (version 2) frames lay these out differently
    /// (enhanced beacons, command identifier after the information elements) and are not checked.
    /// </summary>
    private static bool TryCheckNonPayloadFields(ReadOnlySpan<byte> payload, MacFrameType type, out string reason)
    {
        reason = string.Empty;
        if (type == MacFrameType.Command && payload.IsEmpty)
        {
            reason = "command frame without command identifier";
            return false;
        }

        if (type == MacFrameType.Beacon && !Beacon.TryDecode(payload, out _))
        {
            reason = "beacon superframe, GTS or pending address fields truncated";
            return false;
        }

        return true;
    }

    private static bool TryReadPan(ReadOnlySpan<byte> psdu, int end, ref int offset, out ushort pan)
    {
        if (end - offset < 2)
        {
            pan = 0;
            return false;
        }

        pan = BinaryPrimitives.ReadUInt16LittleEndian(psdu[offset..]);
        offset += 2;
        return true;
    }

    private static bool TryReadAddress(ReadOnlySpan<byte> psdu, int end, MacAddressingMode mode, ref int offset, out MacAddress address)
    {
        address = MacAddress.None;
        switch (mode)
        {
            case MacAddressingMode.Short:
                if (end - offset < 2)
                {
                    return false;
                }

                address = MacAddress.FromShort(BinaryPrimitives.ReadUInt16LittleEndian(psdu[offset..]));
                offset += 2;
                return true;
            case MacAddressingMode.Extended:
                if (end - offset < 8)
                {
                    return false;
                }

                address = MacAddress.FromExtended(BinaryPrimitives.ReadUInt64LittleEndian(psdu[offset..]));
                offset += 8;
                return true;
            case MacAddressingMode.Reserved:
                // §7.2.1.1.6: mode 1 is reserved; it is kept, and carries no bytes (Wireshark stops dissecting here).
                address = MacAddress.FromReservedMode();
                return true;
            default:
                return true;
        }
    }

    /// <summary>Writes the MHR into <paramref name="destination"/>; returns its length.</summary>
    public static int EncodeHeader(in MacHeader header, Span<byte> destination)
    {
        var fc = header.Normalised();
        if (header.Security.HasValue && fc.FrameVersion == MacFrameVersion.Ieee2003)
        {
            throw new ArgumentException("802.15.4-2003 frames carry no auxiliary security header; use frame version 1 or later", nameof(header));
        }

        var length = header.Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the header needs {length}", nameof(destination));
        }

        BinaryPrimitives.WriteUInt16LittleEndian(destination, fc.Value);
        var offset = 2;
        if (!fc.SequenceNumberSuppression)
        {
            destination[2] = header.SequenceNumber;
            offset = 3;
        }

        if (fc.DestinationPanIdPresent)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[offset..], header.DestinationPanId);
            offset += 2;
        }

        offset += WriteAddress(header.Destination, destination[offset..]);
        if (fc.SourcePanIdPresent)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[offset..], header.SourcePanId);
            offset += 2;
        }

        offset += WriteAddress(header.Source, destination[offset..]);
        if (header.NormalisedSecurity(fc) is { } security)
        {
            offset += security.Write(destination[offset..]);
        }

        return offset;
    }

    /// <summary>
    /// Writes a whole MPDU — header, <paramref name="payload"/>, FCS — into <paramref name="destination"/>; returns
    /// its length. Throws <see cref="ArgumentException"/> when it exceeds aMaxPHYPacketSize or the destination.
    /// </summary>
    public static int Encode(in MacHeader header, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        var total = header.Length + payload.Length + Fcs.Length;
        if (total > Radio.Phy24GHz.MaxPhyPacketSize)
        {
            throw new ArgumentException($"frame of {total} bytes exceeds aMaxPHYPacketSize ({Radio.Phy24GHz.MaxPhyPacketSize})", nameof(payload));
        }

        if (destination.Length < total)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the frame needs {total}", nameof(destination));
        }

        var offset = EncodeHeader(header, destination);
        payload.CopyTo(destination[offset..]);
        offset += payload.Length;
        Fcs.Write(destination[..offset], destination[offset..]);
        return offset + Fcs.Length;
    }

    /// <summary>Writes an acknowledgment frame (§7.2.2.3) with FCS; returns 5.</summary>
    public static int EncodeAcknowledgment(byte sequence, bool framePending, Span<byte> destination)
    {
        var header = new MacHeader(
            FrameControl.Create(MacFrameType.Acknowledgment, MacAddressingMode.None, MacAddressingMode.None, framePending: framePending),
            sequence, 0, MacAddress.None, 0, MacAddress.None);
        return Encode(header, ReadOnlySpan<byte>.Empty, destination);
    }

    private static int WriteAddress(MacAddress address, Span<byte> destination)
    {
        switch (address.Mode)
        {
            case MacAddressingMode.Short:
                BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)address.Value);
                return 2;
            case MacAddressingMode.Extended:
                BinaryPrimitives.WriteUInt64LittleEndian(destination, address.Value);
                return 8;
            default:
                return 0;
        }
    }
}
