using System.Buffers.Binary;
using ZigBee.Mac;

namespace ZigBee.Nwk.Frames;

/// <summary>
/// A decoded NWK frame (the MAC payload of a MAC data frame): its header and where its payload lies in the decoded
/// buffer. For a secured frame the payload is the encrypted payload alone and the MIC follows it
/// (<see cref="MicOffset"/>, <see cref="MicLength"/>); nothing is decrypted here. The payload of an unsecured command
/// frame starts with the command identifier.
/// </summary>
public readonly record struct NwkFrame(NwkHeader Header, int PayloadOffset, int PayloadLength)
{
    /// <summary>Bytes of MIC after the payload (0 for unsecured frames).</summary>
    public int MicLength => Header.Security.HasValue ? NwkAuxiliarySecurityHeader.MicLength : 0;

    /// <summary>Where the MIC starts (the end of the payload).</summary>
    public int MicOffset => PayloadOffset + PayloadLength;

    /// <summary>Where the auxiliary security header starts (the header ends with it); -1 for unsecured frames.</summary>
    public int SecurityHeaderOffset => Header.Security is { } security ? PayloadOffset - security.Length : -1;

    /// <summary>The payload (encrypted for secured frames), sliced from the buffer this frame was decoded from.</summary>
    public ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> buffer) => buffer.Slice(PayloadOffset, PayloadLength);

    /// <summary>The payload as a slice of the memory this frame was decoded from.</summary>
    public ReadOnlyMemory<byte> Payload(ReadOnlyMemory<byte> buffer) => buffer.Slice(PayloadOffset, PayloadLength);

    /// <summary>The MIC of a secured frame (empty for unsecured frames).</summary>
    public ReadOnlySpan<byte> Mic(ReadOnlySpan<byte> buffer) => buffer.Slice(MicOffset, MicLength);

    /// <summary>The command identifier of an unsecured command frame; null otherwise (a secured one's is encrypted).</summary>
    public NwkCommandId? CommandId(ReadOnlySpan<byte> buffer) =>
        Header.FrameType == NwkFrameType.Command && !Header.Security.HasValue && PayloadLength > 0
            ? (NwkCommandId)buffer[PayloadOffset]
            : null;

    /// <summary>Relay <paramref name="index"/> of the source route subframe, read from the decoded buffer.</summary>
    public ushort GetRelay(ReadOnlySpan<byte> buffer, int index) =>
        Header.SourceRoute is { } route
            ? route.GetRelay(buffer, index)
            : throw new InvalidOperationException("the frame carries no source route subframe");

    /// <summary>Decodes a NWK frame (a MAC data frame's payload). Never throws, never allocates.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> nwkFrame, out NwkFrame frame) =>
        TryDecodeCore(nwkFrame, out frame, out _, out _);

    /// <summary>As <see cref="TryDecode(ReadOnlySpan{byte}, out NwkFrame)"/>, but throws <see cref="FrameFormatException"/> with offset and reason.</summary>
    public static NwkFrame Decode(ReadOnlySpan<byte> nwkFrame)
    {
        if (!TryDecodeCore(nwkFrame, out var frame, out var offset, out var reason))
        {
            throw new FrameFormatException(offset, reason);
        }

        return frame;
    }

    /// <summary>As <see cref="TryDecode(ReadOnlySpan{byte}, out NwkFrame)"/>, and on failure tells where and why (a constant string).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> nwkFrame, out NwkFrame frame, out int errorOffset, out string errorReason) =>
        TryDecodeCore(nwkFrame, out frame, out errorOffset, out errorReason);

    private static bool TryDecodeCore(ReadOnlySpan<byte> data, out NwkFrame frame, out int offset, out string reason)
    {
        frame = default;
        offset = 0;
        if (data.Length < 2)
        {
            offset = data.Length;
            reason = "frame shorter than the NWK frame control";
            return false;
        }

        var fc = new NwkFrameControl(BinaryPrimitives.ReadUInt16LittleEndian(data));
        if (fc.FrameType == NwkFrameType.InterPan)
        {
            frame = new NwkFrame(new NwkHeader(fc, 0, 0, 0, 0), NwkHeader.InterPanLength, data.Length - NwkHeader.InterPanLength);
            reason = string.Empty;
            return true;
        }

        offset = 2;
        if (data.Length < NwkHeader.FixedLength)
        {
            reason = "NWK header shorter than its addresses, radius and sequence number";
            return false;
        }

        var destination = BinaryPrimitives.ReadUInt16LittleEndian(data[2..]);
        var source = BinaryPrimitives.ReadUInt16LittleEndian(data[4..]);
        var radius = data[6];
        var sequence = data[7];
        offset = NwkHeader.FixedLength;
        ulong? destinationIeee = null;
        if (fc.DestinationIeeeAddressPresent)
        {
            if (data.Length - offset < 8)
            {
                reason = "destination IEEE address truncated";
                return false;
            }

            destinationIeee = BinaryPrimitives.ReadUInt64LittleEndian(data[offset..]);
            offset += 8;
        }

        ulong? sourceIeee = null;
        if (fc.SourceIeeeAddressPresent)
        {
            if (data.Length - offset < 8)
            {
                reason = "source IEEE address truncated";
                return false;
            }

            sourceIeee = BinaryPrimitives.ReadUInt64LittleEndian(data[offset..]);
            offset += 8;
        }

        NwkMulticastControl? multicast = null;
        if (fc.Multicast)
        {
            if (data.Length - offset < 1)
            {
                reason = "multicast control missing";
                return false;
            }

            multicast = new NwkMulticastControl(data[offset]);
            offset++;
        }

        NwkSourceRoute? route = null;
        if (fc.SourceRoute)
        {
            if (data.Length - offset < 2)
            {
                reason = "source route subframe truncated";
                return false;
            }

            var count = data[offset];
            var index = data[offset + 1];
            offset += 2;
            if (data.Length - offset < 2 * count)
            {
                reason = "source route relay list truncated";
                return false;
            }

            route = new NwkSourceRoute(count, index, offset);
            offset += 2 * count;
        }

        NwkAuxiliarySecurityHeader? security = null;
        if (fc.Security)
        {
            if (!NwkAuxiliarySecurityHeader.TryRead(data[offset..], out var aux, out var auxLength))
            {
                reason = "auxiliary security header truncated";
                return false;
            }

            offset += auxLength;
            if (data.Length - offset < NwkAuxiliarySecurityHeader.MicLength)
            {
                reason = "payload shorter than the message integrity code";
                return false;
            }

            security = aux;
        }

        var payloadLength = data.Length - offset - (security.HasValue ? NwkAuxiliarySecurityHeader.MicLength : 0);
        if (fc.FrameType == NwkFrameType.Command && payloadLength == 0)
        {
            reason = "command frame without command identifier";
            return false;
        }

        var header = new NwkHeader(fc, destination, source, radius, sequence, destinationIeee, sourceIeee, multicast, route, security);
        frame = new NwkFrame(header, offset, payloadLength);
        reason = string.Empty;
        return true;
    }

    /// <summary>Writes a header without source route relays into <paramref name="destination"/>; returns its length.</summary>
    public static int EncodeHeader(in NwkHeader header, Span<byte> destination) =>
        EncodeHeader(header, ReadOnlySpan<ushort>.Empty, destination);

    /// <summary>
    /// Writes a header into <paramref name="destination"/>; returns its length. With a source route subframe,
    /// <paramref name="relays"/> is its relay list (relay 0 nearest the destination) and must hold
    /// <see cref="NwkSourceRoute.RelayCount"/> addresses; without one it must be empty.
    /// </summary>
    public static int EncodeHeader(in NwkHeader header, ReadOnlySpan<ushort> relays, Span<byte> destination)
    {
        var expectedRelays = header.SourceRoute is { } r && !header.IsInterPan ? r.RelayCount : 0;
        if (relays.Length != expectedRelays)
        {
            throw new ArgumentException($"the header announces {expectedRelays} relays; {relays.Length} given", nameof(relays));
        }

        var length = header.Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the header needs {length}", nameof(destination));
        }

        BinaryPrimitives.WriteUInt16LittleEndian(destination, header.Normalised().Value);
        if (header.IsInterPan)
        {
            return NwkHeader.InterPanLength;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], header.DestinationAddress);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], header.SourceAddress);
        destination[6] = header.Radius;
        destination[7] = header.SequenceNumber;
        var offset = NwkHeader.FixedLength;
        if (header.DestinationIeeeAddress is { } dst64)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[offset..], dst64);
            offset += 8;
        }

        if (header.SourceIeeeAddress is { } src64)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[offset..], src64);
            offset += 8;
        }

        if (header.MulticastControl is { } multicast)
        {
            destination[offset++] = multicast.Value;
        }

        if (header.SourceRoute is { } route)
        {
            destination[offset++] = route.RelayCount;
            destination[offset++] = route.RelayIndex;
            foreach (var relay in relays)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(destination[offset..], relay);
                offset += 2;
            }
        }

        if (header.Security is { } security)
        {
            offset += security.Write(destination[offset..]);
        }

        return offset;
    }

    /// <summary>
    /// Writes a whole NWK frame — header and <paramref name="payload"/> — into <paramref name="destination"/>; returns
    /// its length. For a secured frame the payload is the encrypted payload followed by its MIC.
    /// </summary>
    public static int Encode(in NwkHeader header, ReadOnlySpan<byte> payload, Span<byte> destination) =>
        Encode(header, ReadOnlySpan<ushort>.Empty, payload, destination);

    /// <summary>As <see cref="Encode(in NwkHeader, ReadOnlySpan{byte}, Span{byte})"/> with a source route relay list.</summary>
    public static int Encode(in NwkHeader header, ReadOnlySpan<ushort> relays, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        var total = header.Length + payload.Length;
        if (destination.Length < total)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the frame needs {total}", nameof(destination));
        }

        var offset = EncodeHeader(header, relays, destination);
        payload.CopyTo(destination[offset..]);
        return offset + payload.Length;
    }

    /// <summary>
    /// Overwrites the relay index of an encoded source-routed frame in place (a relaying router decrements it,
    /// §3.6.3.3.2). Throws <see cref="ArgumentException"/> when the frame carries no complete source route subframe.
    /// </summary>
    public static void SetRelayIndex(Span<byte> frame, byte index)
    {
        var at = RelayIndexOffset(frame);
        if (at < 0)
        {
            throw new ArgumentException("the frame carries no complete source route subframe", nameof(frame));
        }

        frame[at] = index;
    }

    /// <summary>Overwrites the radius of an encoded frame in place (a relaying device decrements it, §3.6.2.2).</summary>
    public static void SetRadius(Span<byte> frame, byte radius)
    {
        if (frame.Length < NwkHeader.FixedLength || (frame[0] & 0x3) == (int)NwkFrameType.InterPan)
        {
            throw new ArgumentException("the frame carries no radius (too short or inter-PAN)", nameof(frame));
        }

        frame[6] = radius;
    }

    /// <summary>Offset of the relay index of an encoded frame, or -1 when it has no complete source route subframe.</summary>
    public static int RelayIndexOffset(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < NwkHeader.FixedLength)
        {
            return -1;
        }

        var fc = new NwkFrameControl(BinaryPrimitives.ReadUInt16LittleEndian(frame));
        if (fc.FrameType == NwkFrameType.InterPan || !fc.SourceRoute)
        {
            return -1;
        }

        var at = NwkHeader.FixedLength + (fc.DestinationIeeeAddressPresent ? 8 : 0) + (fc.SourceIeeeAddressPresent ? 8 : 0) + (fc.Multicast ? 1 : 0);
        if (frame.Length < at + 2 || frame.Length < at + 2 + (2 * frame[at]))
        {
            return -1;
        }

        return at + 1;
    }
}
