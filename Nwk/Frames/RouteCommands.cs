using System.Buffers.Binary;

namespace ZigBee.Nwk.Frames;

/// <summary>
/// Route request (§3.4.1): command options (many-to-one bits 3–4, destination IEEE address bit 5, multicast bit 6;
/// others reserved and kept), route request identifier, destination address, path cost and, when the options say
/// so, the destination IEEE address. Encoding sets bit 5 from <see cref="DestinationIeeeAddress"/>.
/// </summary>
public readonly record struct RouteRequestCommand(byte Options, byte RouteRequestId, ushort DestinationAddress, byte PathCost, ulong? DestinationIeeeAddress = null)
{
    public ManyToOneMode ManyToOne => (ManyToOneMode)((Options >> 3) & 0x3);

    public bool DestinationIeeeAddressPresent => (Options & 0x20) != 0;

    public bool Multicast => (Options & 0x40) != 0;

    public int Length => 6 + (DestinationIeeeAddress.HasValue ? 8 : 0);

    public static byte CreateOptions(ManyToOneMode manyToOne, bool destinationIeeeAddress, bool multicast) =>
        (byte)((((int)manyToOne & 0x3) << 3) | (destinationIeeeAddress ? 0x20 : 0) | (multicast ? 0x40 : 0));

    public static RouteRequestCommand Create(byte routeRequestId, ushort destination, byte pathCost, ManyToOneMode manyToOne = ManyToOneMode.None, bool multicast = false, ulong? destinationIeeeAddress = null) =>
        new(CreateOptions(manyToOne, destinationIeeeAddress.HasValue, multicast), routeRequestId, destination, pathCost, destinationIeeeAddress);

    public static bool TryDecode(ReadOnlySpan<byte> payload, out RouteRequestCommand command)
    {
        command = default;
        if (!NwkCommand.Has(payload, NwkCommandId.RouteRequest))
        {
            return false;
        }

        var options = payload[1];
        ulong? ieee = null;
        if ((options & 0x20) != 0)
        {
            if (payload.Length < 14)
            {
                return false;
            }

            ieee = BinaryPrimitives.ReadUInt64LittleEndian(payload[6..]);
        }

        command = new(options, payload[2], BinaryPrimitives.ReadUInt16LittleEndian(payload[3..]), payload[5], ieee);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        NwkCommand.CheckRoom(destination, length);
        destination[0] = (byte)NwkCommandId.RouteRequest;
        destination[1] = (byte)((Options & ~0x20) | (DestinationIeeeAddress.HasValue ? 0x20 : 0));
        destination[2] = RouteRequestId;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[3..], DestinationAddress);
        destination[5] = PathCost;
        if (DestinationIeeeAddress is { } ieee)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[6..], ieee);
        }

        return length;
    }
}

/// <summary>
/// Route reply (§3.4.2): command options (originator IEEE address bit 4, responder IEEE address bit 5, multicast
/// bit 6; others reserved and kept), route request identifier, originator and responder addresses, path cost and the
/// IEEE addresses the options announce. Encoding sets bits 4 and 5 from the IEEE address fields.
/// </summary>
public readonly record struct RouteReplyCommand(
    byte Options,
    byte RouteRequestId,
    ushort OriginatorAddress,
    ushort ResponderAddress,
    byte PathCost,
    ulong? OriginatorIeeeAddress = null,
    ulong? ResponderIeeeAddress = null)
{
    public bool OriginatorIeeeAddressPresent => (Options & 0x10) != 0;

    public bool ResponderIeeeAddressPresent => (Options & 0x20) != 0;

    public bool Multicast => (Options & 0x40) != 0;

    public int Length => 8 + (OriginatorIeeeAddress.HasValue ? 8 : 0) + (ResponderIeeeAddress.HasValue ? 8 : 0);

    public static RouteReplyCommand Create(byte routeRequestId, ushort originator, ushort responder, byte pathCost, bool multicast = false, ulong? originatorIeeeAddress = null, ulong? responderIeeeAddress = null) =>
        new((byte)((originatorIeeeAddress.HasValue ? 0x10 : 0) | (responderIeeeAddress.HasValue ? 0x20 : 0) | (multicast ? 0x40 : 0)),
            routeRequestId, originator, responder, pathCost, originatorIeeeAddress, responderIeeeAddress);

    public static bool TryDecode(ReadOnlySpan<byte> payload, out RouteReplyCommand command)
    {
        command = default;
        if (!NwkCommand.Has(payload, NwkCommandId.RouteReply))
        {
            return false;
        }

        var options = payload[1];
        var offset = 8;
        ulong? originator = null;
        if ((options & 0x10) != 0)
        {
            if (payload.Length < offset + 8)
            {
                return false;
            }

            originator = BinaryPrimitives.ReadUInt64LittleEndian(payload[offset..]);
            offset += 8;
        }

        ulong? responder = null;
        if ((options & 0x20) != 0)
        {
            if (payload.Length < offset + 8)
            {
                return false;
            }

            responder = BinaryPrimitives.ReadUInt64LittleEndian(payload[offset..]);
        }

        command = new(options, payload[2], BinaryPrimitives.ReadUInt16LittleEndian(payload[3..]), BinaryPrimitives.ReadUInt16LittleEndian(payload[5..]), payload[7], originator, responder);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        NwkCommand.CheckRoom(destination, length);
        destination[0] = (byte)NwkCommandId.RouteReply;
        destination[1] = (byte)((Options & ~0x30) | (OriginatorIeeeAddress.HasValue ? 0x10 : 0) | (ResponderIeeeAddress.HasValue ? 0x20 : 0));
        destination[2] = RouteRequestId;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[3..], OriginatorAddress);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[5..], ResponderAddress);
        destination[7] = PathCost;
        var offset = 8;
        if (OriginatorIeeeAddress is { } originator)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[offset..], originator);
            offset += 8;
        }

        if (ResponderIeeeAddress is { } responder)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[offset..], responder);
        }

        return length;
    }
}

/// <summary>
/// Route record (§3.4.5): relay count and relay list (relay 0 nearest the originator). The list stays in the decoded
/// payload: <see cref="RelayListOffset"/> is relative to the payload given to <see cref="TryDecode"/>.
/// </summary>
public readonly record struct RouteRecordCommand(byte RelayCount, int RelayListOffset = 2)
{
    public int Length => 2 + (2 * RelayCount);

    public ushort GetRelay(ReadOnlySpan<byte> payload, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, (int)RelayCount);
        return BinaryPrimitives.ReadUInt16LittleEndian(payload[(RelayListOffset + (2 * index))..]);
    }

    public static bool TryDecode(ReadOnlySpan<byte> payload, out RouteRecordCommand command)
    {
        command = default;
        if (!NwkCommand.Has(payload, NwkCommandId.RouteRecord) || payload.Length < 2 + (2 * payload[1]))
        {
            return false;
        }

        command = new(payload[1], 2);
        return true;
    }

    /// <summary>Writes a route record with <paramref name="relays"/> (at most 255); returns its length.</summary>
    public static int Encode(ReadOnlySpan<ushort> relays, Span<byte> destination)
    {
        if (relays.Length > byte.MaxValue)
        {
            throw new ArgumentException("a route record lists at most 255 relays", nameof(relays));
        }

        var length = 2 + (2 * relays.Length);
        NwkCommand.CheckRoom(destination, length);
        destination[0] = (byte)NwkCommandId.RouteRecord;
        destination[1] = (byte)relays.Length;
        for (var i = 0; i < relays.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[(2 + (2 * i))..], relays[i]);
        }

        return length;
    }
}
