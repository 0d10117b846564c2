using ZigBee.Zdo.Frames;

namespace ZigBee.Zdo.Service;

/// <summary>
/// A response to a request this node sent: the status (<see cref="ZdpStatus.Timeout"/> when none came in time), who
/// answered, and the value when the status is success.
/// </summary>
public readonly record struct ZdoResult<T>(ZdpStatus Status, ushort Source, T? Value)
{
    public bool IsSuccess => Status == ZdpStatus.Success;
}

/// <summary>
/// NWK_addr_rsp / IEEE_addr_rsp: the device's two addresses and, for an extended request, a page of its children from
/// <see cref="StartIndex"/> (an empty page: no more children).
/// </summary>
public sealed record ZdoAddresses(ulong IeeeAddress, ushort NetworkAddress, int StartIndex, IReadOnlyList<ushort> Children);

/// <summary>One page of a remote table (Mgmt_Lqi_rsp, Mgmt_Rtg_rsp, Mgmt_Bind_rsp): the table's size, where this page starts, its entries.</summary>
public sealed record ZdoTablePage<T>(int TotalEntries, int StartIndex, IReadOnlyList<T> Entries);

/// <summary>Match_Desc_rsp: the device that matched and its matching endpoints.</summary>
public sealed record ZdoMatch(ushort NetworkAddress, IReadOnlyList<byte> Endpoints);
