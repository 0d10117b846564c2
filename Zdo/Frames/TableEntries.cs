namespace ZigBee.Zdo.Frames;

/// <summary>The device type of a neighbor table entry (R22 Table 2.126).</summary>
public enum ZdpNeighborDeviceType : byte
{
    Coordinator = 0,
    Router = 1,
    EndDevice = 2,
    Unknown = 3,
}

/// <summary>The RxOnWhenIdle field of a neighbor table entry (R22 Table 2.126). Value 3 is reserved and kept.</summary>
public enum ZdpRxOnWhenIdle : byte
{
    Off = 0,
    On = 1,
    Unknown = 2,
}

/// <summary>The relationship field of a neighbor table entry (R22 Table 2.126). Values 5–7 are reserved and kept.</summary>
public enum ZdpNeighborRelationship : byte
{
    Parent = 0,
    Child = 1,
    Sibling = 2,
    None = 3,
    PreviousChild = 4,
}

/// <summary>The permit joining field of a neighbor table entry (R22 Table 2.126). Value 3 is reserved and kept.</summary>
public enum ZdpPermitJoining : byte
{
    NotAccepting = 0,
    Accepting = 1,
    Unknown = 2,
}

/// <summary>
/// One neighbor table entry of Mgmt_Lqi_rsp (R22 Table 2.126, 22 octets). Reserved bits (bit 7 of the type octet,
/// bits 2–7 of the permit-joining octet) are kept so an entry re-encodes to its bytes.
/// </summary>
public readonly record struct ZdpNeighborTableEntry(
    ulong ExtendedPanId,
    ulong ExtendedAddress,
    ushort NetworkAddress,
    ZdpNeighborDeviceType DeviceType,
    ZdpRxOnWhenIdle RxOnWhenIdle,
    ZdpNeighborRelationship Relationship,
    ZdpPermitJoining PermitJoining,
    byte Depth,
    byte Lqi) : IZdpEntry<ZdpNeighborTableEntry>
{
    public const int Size = 22;

    /// <summary>Bit 7 of the device type octet, reserved.</summary>
    public byte TypeReservedBit { get; init; }

    /// <summary>Bits 2–7 of the permit joining octet, reserved.</summary>
    public byte PermitJoiningReservedBits { get; init; }

    public int Length => Size;

    public static bool TryDecode(ReadOnlySpan<byte> source, out ZdpNeighborTableEntry entry, out int length)
    {
        entry = default;
        length = 0;
        var reader = new ZdpReader(source);
        if (!reader.TryUInt64(out var panId) || !reader.TryUInt64(out var address) || !reader.TryUInt16(out var nwk) || !reader.TryByte(out var type)
            || !reader.TryByte(out var permit) || !reader.TryByte(out var depth) || !reader.TryByte(out var lqi))
        {
            return false;
        }

        entry = new ZdpNeighborTableEntry(
            panId, address, nwk, (ZdpNeighborDeviceType)(type & 0x3), (ZdpRxOnWhenIdle)((type >> 2) & 0x3), (ZdpNeighborRelationship)((type >> 4) & 0x7),
            (ZdpPermitJoining)(permit & 0x3), depth, lqi)
        {
            TypeReservedBit = (byte)(type >> 7),
            PermitJoiningReservedBits = (byte)(permit >> 2),
        };
        length = Size;
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Size);
        var writer = new ZdpWriter(destination);
        writer.UInt64(ExtendedPanId);
        writer.UInt64(ExtendedAddress);
        writer.UInt16(NetworkAddress);
        writer.Byte((byte)(((byte)DeviceType & 0x3) | (((byte)RxOnWhenIdle & 0x3) << 2) | (((byte)Relationship & 0x7) << 4) | ((TypeReservedBit & 0x1) << 7)));
        writer.Byte((byte)(((byte)PermitJoining & 0x3) | ((PermitJoiningReservedBits & 0x3F) << 2)));
        writer.Byte(Depth);
        writer.Byte(Lqi);
        return writer.Offset;
    }
}

/// <summary>The status of a routing table entry (R22 Table 2.128). Values 5–7 are reserved and kept.</summary>
public enum ZdpRouteStatus : byte
{
    Active = 0,
    DiscoveryUnderway = 1,
    DiscoveryFailed = 2,
    Inactive = 3,
    ValidationUnderway = 4,
}

/// <summary>One routing table entry of Mgmt_Rtg_rsp (R22 Table 2.128, 5 octets); reserved bits 6–7 of the flags are kept.</summary>
public readonly record struct ZdpRoutingTableEntry(
    ushort DestinationAddress, ZdpRouteStatus Status, bool MemoryConstrained, bool ManyToOne, bool RouteRecordRequired, ushort NextHopAddress)
    : IZdpEntry<ZdpRoutingTableEntry>
{
    public const int Size = 5;

    /// <summary>Bits 6–7 of the status octet, reserved.</summary>
    public byte ReservedBits { get; init; }

    public int Length => Size;

    public static bool TryDecode(ReadOnlySpan<byte> source, out ZdpRoutingTableEntry entry, out int length)
    {
        entry = default;
        length = 0;
        var reader = new ZdpReader(source);
        if (!reader.TryUInt16(out var destination) || !reader.TryByte(out var flags) || !reader.TryUInt16(out var nextHop))
        {
            return false;
        }

        entry = new ZdpRoutingTableEntry(destination, (ZdpRouteStatus)(flags & 0x7), (flags & 0x08) != 0, (flags & 0x10) != 0, (flags & 0x20) != 0, nextHop)
        {
            ReservedBits = (byte)(flags >> 6),
        };
        length = Size;
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Size);
        var writer = new ZdpWriter(destination);
        writer.UInt16(DestinationAddress);
        writer.Byte((byte)(((byte)Status & 0x7) | (MemoryConstrained ? 0x08 : 0) | (ManyToOne ? 0x10 : 0) | (RouteRecordRequired ? 0x20 : 0) | ((ReservedBits & 0x3) << 6)));
        writer.UInt16(NextHopAddress);
        return writer.Offset;
    }
}
