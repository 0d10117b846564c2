using System.Buffers.Binary;

namespace ZigBee.Mac.Frames;

/// <summary>The superframe specification of a beacon (§7.2.2.1.2).</summary>
public readonly record struct SuperframeSpecification(ushort Value)
{
    public int BeaconOrder => Value & 0xF;

    public int SuperframeOrder => (Value >> 4) & 0xF;

    public int FinalCapSlot => (Value >> 8) & 0xF;

    public bool BatteryLifeExtension => (Value & 0x1000) != 0;

    /// <summary>Bit 13, reserved.</summary>
    public bool ReservedBit => (Value & 0x2000) != 0;

    public bool PanCoordinator => (Value & 0x4000) != 0;

    public bool AssociationPermit => (Value & 0x8000) != 0;

    /// <summary>The superframe specification of a non-beacon network (beacon and superframe order 15, final CAP slot 15).</summary>
    public static SuperframeSpecification NonBeacon(bool panCoordinator, bool associationPermit) =>
        new((ushort)(0x0FFF | (panCoordinator ? 0x4000 : 0) | (associationPermit ? 0x8000 : 0)));
}

/// <summary>One GTS descriptor of a beacon (§7.2.2.1.3): device short address, starting slot (4 bits), length (4 bits).</summary>
public readonly record struct GtsDescriptor(ushort ShortAddress, byte StartingSlot, byte Length);

/// <summary>
/// A decoded beacon MAC payload (§7.2.2.1): superframe specification, GTS fields, pending address list and the
/// beacon payload, as offsets into the decoded buffer so nothing is copied.
/// </summary>
public readonly record struct Beacon(
    SuperframeSpecification Superframe,
    byte GtsSpecification,
    byte GtsDirections,
    int GtsDescriptorsOffset,
    byte PendingAddressSpecification,
    int PendingAddressesOffset,
    int BeaconPayloadOffset,
    int BeaconPayloadLength)
{
    public int GtsDescriptorCount => GtsSpecification & 0x7;

    public bool GtsPermit => (GtsSpecification & 0x80) != 0;

    /// <summary>True when GTS <paramref name="index"/> is a receive-only GTS (bit <paramref name="index"/> of the GTS directions mask, §7.2.2.1.4).</summary>
    public bool IsReceiveGts(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, GtsDescriptorCount);
        return (GtsDirections & (1 << index)) != 0;
    }

    public int PendingShortCount => PendingAddressSpecification & 0x7;

    public int PendingExtendedCount => (PendingAddressSpecification >> 4) & 0x7;

    /// <summary>GTS descriptor <paramref name="index"/>, read from the buffer the beacon was decoded from.</summary>
    public GtsDescriptor GetGtsDescriptor(ReadOnlySpan<byte> macPayload, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, GtsDescriptorCount);
        var at = GtsDescriptorsOffset + (3 * index);
        return new GtsDescriptor(BinaryPrimitives.ReadUInt16LittleEndian(macPayload[at..]), (byte)(macPayload[at + 2] & 0xF), (byte)(macPayload[at + 2] >> 4));
    }

    public ushort GetPendingShort(ReadOnlySpan<byte> macPayload, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, PendingShortCount);
        return BinaryPrimitives.ReadUInt16LittleEndian(macPayload[(PendingAddressesOffset + (2 * index))..]);
    }

    public ulong GetPendingExtended(ReadOnlySpan<byte> macPayload, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, PendingExtendedCount);
        return BinaryPrimitives.ReadUInt64LittleEndian(macPayload[(PendingAddressesOffset + (2 * PendingShortCount) + (8 * index))..]);
    }

    public ReadOnlySpan<byte> BeaconPayload(ReadOnlySpan<byte> macPayload) => macPayload.Slice(BeaconPayloadOffset, BeaconPayloadLength);

    /// <summary>Decodes a beacon frame's MAC payload; offsets are relative to <paramref name="macPayload"/>. Never throws.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> macPayload, out Beacon beacon)
    {
        beacon = default;
        if (macPayload.Length < 4)
        {
            return false;
        }

        var superframe = new SuperframeSpecification(BinaryPrimitives.ReadUInt16LittleEndian(macPayload));
        var gtsSpec = macPayload[2];
        var offset = 3;
        byte directions = 0;
        var gtsCount = gtsSpec & 0x7;
        if (gtsCount > 0)
        {
            if (macPayload.Length < offset + 1 + (3 * gtsCount) + 1)
            {
                return false;
            }

            directions = macPayload[offset];
            offset++;
        }

        var gtsOffset = offset;
        offset += 3 * gtsCount;
        var pendingSpec = macPayload[offset];
        offset++;
        var pendingOffset = offset;
        offset += (2 * (pendingSpec & 0x7)) + (8 * ((pendingSpec >> 4) & 0x7));
        if (offset > macPayload.Length)
        {
            return false;
        }

        beacon = new Beacon(superframe, gtsSpec, directions, gtsOffset, pendingSpec, pendingOffset, offset, macPayload.Length - offset);
        return true;
    }

    /// <summary>
    /// Writes a beacon MAC payload with no GTS: superframe specification, the pending address lists (at most 7 of
    /// each, §7.2.2.1.6) and the beacon payload. Returns its length.
    /// </summary>
    public static int Encode(
        SuperframeSpecification superframe,
        ReadOnlySpan<ushort> pendingShort,
        ReadOnlySpan<ulong> pendingExtended,
        ReadOnlySpan<byte> beaconPayload,
        Span<byte> destination) =>
        Encode(superframe, gtsPermit: false, ReadOnlySpan<GtsDescriptor>.Empty, 0, pendingShort, pendingExtended, beaconPayload, destination);

    /// <summary>
    /// Writes a beacon MAC payload with GTS fields (§7.2.2.1.3–5): at most 7 descriptors, each starting slot and length
    /// below 16; <paramref name="gtsDirections"/> is the directions mask (bit n set: descriptor n is receive-only),
    /// written only when there are descriptors. Returns its length.
    /// </summary>
    public static int Encode(
        SuperframeSpecification superframe,
        bool gtsPermit,
        ReadOnlySpan<GtsDescriptor> gts,
        byte gtsDirections,
        ReadOnlySpan<ushort> pendingShort,
        ReadOnlySpan<ulong> pendingExtended,
        ReadOnlySpan<byte> beaconPayload,
        Span<byte> destination)
    {
        if (gts.Length > 7)
        {
            throw new ArgumentException("a beacon lists at most 7 GTS descriptors", nameof(gts));
        }

        if (pendingShort.Length > 7 || pendingExtended.Length > 7)
        {
            throw new ArgumentException("a beacon lists at most 7 short and 7 extended pending addresses");
        }

        var length = 4 + (gts.Length > 0 ? 1 + (3 * gts.Length) : 0) + (2 * pendingShort.Length) + (8 * pendingExtended.Length) + beaconPayload.Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the beacon needs {length}", nameof(destination));
        }

        BinaryPrimitives.WriteUInt16LittleEndian(destination, superframe.Value);
        destination[2] = (byte)(gts.Length | (gtsPermit ? 0x80 : 0));
        var offset = 3;
        if (gts.Length > 0)
        {
            destination[offset++] = gtsDirections;
            foreach (var descriptor in gts)
            {
                if (descriptor.StartingSlot > 0xF || descriptor.Length > 0xF)
                {
                    throw new ArgumentException("a GTS starting slot and length are 4-bit fields", nameof(gts));
                }

                BinaryPrimitives.WriteUInt16LittleEndian(destination[offset..], descriptor.ShortAddress);
                destination[offset + 2] = (byte)(descriptor.StartingSlot | (descriptor.Length << 4));
                offset += 3;
            }
        }

        destination[offset++] = (byte)(pendingShort.Length | (pendingExtended.Length << 4));
        foreach (var address in pendingShort)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[offset..], address);
            offset += 2;
        }

        foreach (var address in pendingExtended)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[offset..], address);
            offset += 8;
        }

        beaconPayload.CopyTo(destination[offset..]);
        return offset + beaconPayload.Length;
    }
}
