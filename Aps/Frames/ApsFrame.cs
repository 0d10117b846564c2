using System.Buffers.Binary;
using ZigBee.Mac;
using ZigBee.Nwk.Frames;

namespace ZigBee.Aps.Frames;

/// <summary>
/// A decoded APS frame (a NWK data frame's payload): its header and where its payload lies in the decoded buffer. For
/// a secured frame the payload is the encrypted payload alone and the MIC follows it; nothing is decrypted here. The
/// payload of an unsecured command frame starts with the command identifier.
/// </summary>
public readonly record struct ApsFrame(ApsHeader Header, int PayloadOffset, int PayloadLength)
{
    /// <summary>Bytes of MIC after the payload of a secured frame (ENC-MIC-32, §4.4.1.1); 0 for unsecured frames.</summary>
    public int MicLength => Header.Security.HasValue ? NwkAuxiliarySecurityHeader.MicLength : 0;

    public int MicOffset => PayloadOffset + PayloadLength;

    public ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> buffer) => buffer.Slice(PayloadOffset, PayloadLength);

    public ReadOnlyMemory<byte> Payload(ReadOnlyMemory<byte> buffer) => buffer.Slice(PayloadOffset, PayloadLength);

    public ReadOnlySpan<byte> Mic(ReadOnlySpan<byte> buffer) => buffer.Slice(MicOffset, MicLength);

    /// <summary>The command identifier of an unsecured command frame; null otherwise (a secured one's is encrypted).</summary>
    public ApsCommandId? CommandId(ReadOnlySpan<byte> buffer) =>
        Header.FrameType == ApsFrameType.Command && !Header.Security.HasValue && PayloadLength > 0
            ? (ApsCommandId)buffer[PayloadOffset]
            : null;

    /// <summary>Decodes an APS frame. Never throws, never allocates.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> apsFrame, out ApsFrame frame) =>
        TryDecodeCore(apsFrame, out frame, out _, out _);

    /// <summary>As <see cref="TryDecode(ReadOnlySpan{byte}, out ApsFrame)"/>, and on failure tells where and why (a constant string).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> apsFrame, out ApsFrame frame, out int errorOffset, out string errorReason) =>
        TryDecodeCore(apsFrame, out frame, out errorOffset, out errorReason);

    /// <summary>As <see cref="TryDecode(ReadOnlySpan{byte}, out ApsFrame)"/>, but throws <see cref="FrameFormatException"/> with offset and reason.</summary>
    public static ApsFrame Decode(ReadOnlySpan<byte> apsFrame)
    {
        if (!TryDecodeCore(apsFrame, out var frame, out var offset, out var reason))
        {
            throw new FrameFormatException(offset, reason);
        }

        return frame;
    }

    private static bool TryDecodeCore(ReadOnlySpan<byte> data, out ApsFrame frame, out int offset, out string reason)
    {
        frame = default;
        offset = 0;
        if (data.IsEmpty)
        {
            reason = "frame shorter than the APS frame control";
            return false;
        }

        var fc = new ApsFrameControl(data[0]);
        var header = new ApsHeader(fc, 0, 0, 0, 0, 0, 0);
        offset = 1;
        if (header.HasAddressing && fc.DeliveryMode == ApsDeliveryMode.Indirect)
        {
            // §2.2.5.1.1.2: indirect delivery (ZigBee 2004) is reserved since ZigBee 2006, so its field layout is undefined.
            reason = "indirect delivery mode is reserved since ZigBee 2006";
            return false;
        }

        var addressingLength = (header.HasDestinationEndpoint ? 1 : 0) + (header.HasGroupAddress ? 2 : 0)
            + (header.HasAddressing ? 4 : 0) + (header.HasSourceEndpoint ? 1 : 0) + (header.HasCounter ? 1 : 0);
        if (data.Length - offset < addressingLength)
        {
            reason = "APS addressing fields or counter truncated";
            return false;
        }

        byte destinationEndpoint = 0;
        if (header.HasDestinationEndpoint)
        {
            destinationEndpoint = data[offset++];
        }

        ushort group = 0;
        if (header.HasGroupAddress)
        {
            group = BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]);
            offset += 2;
        }

        ushort cluster = 0;
        ushort profile = 0;
        if (header.HasAddressing)
        {
            cluster = BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]);
            profile = BinaryPrimitives.ReadUInt16LittleEndian(data[(offset + 2)..]);
            offset += 4;
        }

        byte sourceEndpoint = 0;
        if (header.HasSourceEndpoint)
        {
            sourceEndpoint = data[offset++];
        }

        byte counter = 0;
        if (header.HasCounter)
        {
            counter = data[offset++];
        }

        var fragmentation = ApsFragmentation.None;
        byte extendedReserved = 0;
        byte block = 0;
        byte bitfield = 0;
        if (fc.ExtendedHeader)
        {
            if (data.Length - offset < 1)
            {
                reason = "extended frame control missing";
                return false;
            }

            fragmentation = (ApsFragmentation)(data[offset] & 0x3);
            extendedReserved = (byte)(data[offset] & 0xFC);
            offset++;
            if (fragmentation != ApsFragmentation.None)
            {
                var needed = fc.FrameType == ApsFrameType.Acknowledgement ? 2 : 1;
                if (data.Length - offset < needed)
                {
                    reason = "block number or acknowledgement bitfield truncated";
                    return false;
                }

                block = data[offset++];
                if (needed == 2)
                {
                    bitfield = data[offset++];
                }
            }
        }

        NwkAuxiliarySecurityHeader? security = null;
        var micLength = 0;
        if (fc.Security)
        {
            if (!NwkAuxiliarySecurityHeader.TryRead(data[offset..], out var aux, out var auxLength))
            {
                reason = "auxiliary security header truncated";
                return false;
            }

            security = aux;
            offset += auxLength;
            micLength = NwkAuxiliarySecurityHeader.MicLength;
            if (data.Length - offset < micLength)
            {
                reason = "secured frame shorter than its MIC";
                return false;
            }
        }

        header = new ApsHeader(fc, destinationEndpoint, group, cluster, profile, sourceEndpoint, counter, fragmentation, block, bitfield, security)
        {
            ExtendedReservedBits = extendedReserved,
        };
        frame = new ApsFrame(header, offset, data.Length - offset - micLength);
        reason = string.Empty;
        return true;
    }

    /// <summary>Writes the APS header into <paramref name="destination"/>; returns its length.</summary>
    public static int EncodeHeader(in ApsHeader header, Span<byte> destination)
    {
        var length = header.Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the APS header needs {length}", nameof(destination));
        }

        var offset = 0;
        destination[offset++] = header.Normalised().Value;
        if (header.HasDestinationEndpoint)
        {
            destination[offset++] = header.DestinationEndpoint;
        }

        if (header.HasGroupAddress)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[offset..], header.GroupAddress);
            offset += 2;
        }

        if (header.HasAddressing)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[offset..], header.ClusterId);
            BinaryPrimitives.WriteUInt16LittleEndian(destination[(offset + 2)..], header.ProfileId);
            offset += 4;
        }

        if (header.HasSourceEndpoint)
        {
            destination[offset++] = header.SourceEndpoint;
        }

        if (header.HasCounter)
        {
            destination[offset++] = header.Counter;
        }

        if (header.HasExtendedHeader)
        {
            destination[offset++] = (byte)(((int)header.Fragmentation & 0x3) | (header.ExtendedReservedBits & 0xFC));
            if (header.HasBlockNumber)
            {
                destination[offset++] = header.BlockNumber;
            }

            if (header.HasAckBitfield)
            {
                destination[offset++] = header.AckBitfield;
            }
        }

        if (header.Security is { } security)
        {
            offset += security.Write(destination[offset..]);
        }

        return offset;
    }

    /// <summary>
    /// Writes a whole APS frame — header and <paramref name="payload"/> — into <paramref name="destination"/>; returns
    /// its length. For a secured frame the payload is the encrypted payload followed by its MIC.
    /// </summary>
    public static int Encode(in ApsHeader header, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        var total = header.Length + payload.Length;
        if (destination.Length < total)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the frame needs {total}", nameof(destination));
        }

        var offset = EncodeHeader(header, destination);
        payload.CopyTo(destination[offset..]);
        return offset + payload.Length;
    }
}
