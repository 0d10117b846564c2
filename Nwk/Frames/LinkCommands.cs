using System.Buffers.Binary;

namespace ZigBee.Nwk.Frames;

/// <summary>
/// One link status entry (§3.4.8.3.2): neighbour network address, incoming cost (bits 0–2 of the link cost byte) and
/// outgoing cost (bits 4–6). <see cref="ReservedBits"/> keeps bits 3 and 7 of a decoded link cost byte.
/// </summary>
public readonly record struct LinkStatusEntry(ushort NeighborAddress, byte IncomingCost, byte OutgoingCost)
{
    public byte ReservedBits { get; init; }

    /// <summary>The link cost byte as it goes on air.</summary>
    public byte LinkCost => (byte)((IncomingCost & 0x7) | ((OutgoingCost & 0x7) << 4) | (ReservedBits & 0x88));

    public static LinkStatusEntry FromLinkCost(ushort neighborAddress, byte linkCost) =>
        new(neighborAddress, (byte)(linkCost & 0x7), (byte)((linkCost >> 4) & 0x7)) { ReservedBits = (byte)(linkCost & 0x88) };
}

/// <summary>
/// Link status (§3.4.8): options (entry count bits 0–4, first frame bit 5, last frame bit 6, bit 7 reserved and kept)
/// and the link status list, left in the decoded payload (<see cref="EntriesOffset"/> is relative to the payload given
/// to <see cref="TryDecode"/>).
/// </summary>
public readonly record struct LinkStatusCommand(byte Options, int EntriesOffset = 2)
{
    /// <summary>At most 31 entries fit the 5-bit count.</summary>
    public const int MaxEntries = 31;

    public int EntryCount => Options & 0x1F;

    public bool FirstFrame => (Options & 0x20) != 0;

    public bool LastFrame => (Options & 0x40) != 0;

    public int Length => 2 + (3 * EntryCount);

    public LinkStatusEntry GetEntry(ReadOnlySpan<byte> payload, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, EntryCount);
        var at = EntriesOffset + (3 * index);
        return LinkStatusEntry.FromLinkCost(BinaryPrimitives.ReadUInt16LittleEndian(payload[at..]), payload[at + 2]);
    }

    public static bool TryDecode(ReadOnlySpan<byte> payload, out LinkStatusCommand command)
    {
        command = default;
        if (!NwkCommand.Has(payload, NwkCommandId.LinkStatus) || payload.Length < 2 + (3 * (payload[1] & 0x1F)))
        {
            return false;
        }

        command = new(payload[1], 2);
        return true;
    }

    /// <summary>Writes a link status command with <paramref name="entries"/> (at most 31); returns its length.</summary>
    public static int Encode(bool firstFrame, bool lastFrame, ReadOnlySpan<LinkStatusEntry> entries, Span<byte> destination)
    {
        if (entries.Length > MaxEntries)
        {
            throw new ArgumentException("a link status command lists at most 31 entries", nameof(entries));
        }

        var length = 2 + (3 * entries.Length);
        NwkCommand.CheckRoom(destination, length);
        destination[0] = (byte)NwkCommandId.LinkStatus;
        destination[1] = (byte)(entries.Length | (firstFrame ? 0x20 : 0) | (lastFrame ? 0x40 : 0));
        for (var i = 0; i < entries.Length; i++)
        {
            var at = 2 + (3 * i);
            BinaryPrimitives.WriteUInt16LittleEndian(destination[at..], entries[i].NeighborAddress);
            destination[at + 2] = entries[i].LinkCost;
        }

        return length;
    }
}

/// <summary>One entry of a link power delta command (§3.4.13.3.3): device address and power delta in dB.</summary>
public readonly record struct LinkPowerDeltaEntry(ushort Address, sbyte PowerDelta);

/// <summary>
/// Link power delta (§3.4.13): options (type bits 0–1, bits 2–7 reserved and kept), list count and the power list,
/// left in the decoded payload (<see cref="EntriesOffset"/> is relative to the payload given to <see cref="TryDecode"/>).
/// </summary>
public readonly record struct LinkPowerDeltaCommand(byte Options, byte Count, int EntriesOffset = 3)
{
    /// <summary>Bits 0–1; 3 is reserved and kept.</summary>
    public LinkPowerDeltaType Type => (LinkPowerDeltaType)(Options & 0x3);

    public int Length => 3 + (3 * Count);

    public LinkPowerDeltaEntry GetEntry(ReadOnlySpan<byte> payload, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, (int)Count);
        var at = EntriesOffset + (3 * index);
        return new LinkPowerDeltaEntry(BinaryPrimitives.ReadUInt16LittleEndian(payload[at..]), (sbyte)payload[at + 2]);
    }

    public static bool TryDecode(ReadOnlySpan<byte> payload, out LinkPowerDeltaCommand command)
    {
        command = default;
        if (!NwkCommand.Has(payload, NwkCommandId.LinkPowerDelta) || payload.Length < 3 + (3 * payload[2]))
        {
            return false;
        }

        command = new(payload[1], payload[2], 3);
        return true;
    }

    /// <summary>Writes a link power delta command of <paramref name="type"/> with <paramref name="entries"/> (at most 255); returns its length.</summary>
    public static int Encode(LinkPowerDeltaType type, ReadOnlySpan<LinkPowerDeltaEntry> entries, Span<byte> destination)
    {
        if (entries.Length > byte.MaxValue)
        {
            throw new ArgumentException("a link power delta command lists at most 255 entries", nameof(entries));
        }

        var length = 3 + (3 * entries.Length);
        NwkCommand.CheckRoom(destination, length);
        destination[0] = (byte)NwkCommandId.LinkPowerDelta;
        destination[1] = (byte)((int)type & 0x3);
        destination[2] = (byte)entries.Length;
        for (var i = 0; i < entries.Length; i++)
        {
            var at = 3 + (3 * i);
            BinaryPrimitives.WriteUInt16LittleEndian(destination[at..], entries[i].Address);
            destination[at + 2] = (byte)entries[i].PowerDelta;
        }

        return length;
    }
}
