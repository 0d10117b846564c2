using ZigBee.Aps.Service.Primitives;

namespace ZigBee.Aps.Tables;

/// <summary>
/// An apsBindingTable entry (§2.2.8.2.1): the source IEEE address and endpoint, the cluster, and a destination that is
/// either a group (<see cref="ApsAddressMode.Group"/>, the group in the low 16 bits of <see cref="DstAddress"/>,
/// <see cref="DstEndpoint"/> ignored) or one endpoint of a device (<see cref="ApsAddressMode.Extended"/>, its IEEE
/// address and <see cref="DstEndpoint"/>).
/// </summary>
public readonly record struct BindingEntry(
    ulong SrcAddress,
    byte SrcEndpoint,
    ushort ClusterId,
    ApsAddressMode DstAddrMode,
    ulong DstAddress,
    byte DstEndpoint)
{
    /// <summary>A binding to one endpoint of the device with this IEEE address.</summary>
    public static BindingEntry ToDevice(ulong src, byte srcEp, ushort cluster, ulong dst, byte dstEp) =>
        new(src, srcEp, cluster, ApsAddressMode.Extended, dst, dstEp);

    /// <summary>A binding to every member of a group.</summary>
    public static BindingEntry ToGroup(ulong src, byte srcEp, ushort cluster, ushort group) =>
        new(src, srcEp, cluster, ApsAddressMode.Group, group, 0);

    /// <summary>The group of a group binding (the low 16 bits of <see cref="DstAddress"/>).</summary>
    public ushort GroupAddress => (ushort)DstAddress;

    /// <summary>True when both entries name the same binding: a group binding's DstEndpoint plays no part.</summary>
    public bool SameBinding(in BindingEntry other) =>
        SrcAddress == other.SrcAddress
        && SrcEndpoint == other.SrcEndpoint
        && ClusterId == other.ClusterId
        && DstAddrMode == other.DstAddrMode
        && DstAddress == other.DstAddress
        && (DstAddrMode == ApsAddressMode.Group || DstEndpoint == other.DstEndpoint);
}
