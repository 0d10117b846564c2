namespace ZigBee.Zdo.Frames;

/// <summary>
/// The header the paged table responses share (R22 §2.4.4.4.2–4): status, the table's total entries, the start index
/// of this page and the entries in it. It is present whatever the status; a failure carries no entries.
/// </summary>
internal static class TablePage
{
    public static bool TryDecode<T>(ReadOnlySpan<byte> fields, out ZdpStatus status, out byte total, out byte start, out ZdpEntryList<T> entries)
        where T : struct, IZdpEntry<T>
    {
        status = default;
        total = 0;
        start = 0;
        entries = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryByte(out var statusByte) || !reader.TryByte(out total) || !reader.TryByte(out start) || !reader.TryByte(out var count)
            || !reader.TryEntries(count, out entries))
        {
            return false;
        }

        status = (ZdpStatus)statusByte;
        return true;
    }

    public static int Encode<T>(Span<byte> destination, ZdpStatus status, byte total, byte start, ZdpEntryList<T> entries)
        where T : struct, IZdpEntry<T>
    {
        ZdpWriter.CheckRoom(destination, 4 + entries.EncodedLength);
        ZdpMessages.CheckCount(entries.Count, nameof(entries));
        var writer = new ZdpWriter(destination);
        writer.Byte((byte)status);
        writer.Byte(total);
        writer.Byte(start);
        writer.Byte((byte)entries.Count);
        writer.Entries(entries);
        return writer.Offset;
    }
}

/// <summary>Mgmt_Lqi_rsp (R22 §2.4.4.4.2): one page of the neighbor table.</summary>
public readonly ref struct MgmtLqiResponse : IZdpMessage<MgmtLqiResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.MgmtLqiResponse;

    public ZdpStatus Status { get; init; }

    /// <summary>Entries in the whole neighbor table.</summary>
    public byte NeighborTableEntries { get; init; }

    public byte StartIndex { get; init; }

    public ZdpEntryList<ZdpNeighborTableEntry> Neighbors { get; init; }

    public int Length => 4 + Neighbors.EncodedLength;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out MgmtLqiResponse value)
    {
        var ok = TablePage.TryDecode<ZdpNeighborTableEntry>(fields, out var status, out var total, out var start, out var entries);
        value = ok ? new MgmtLqiResponse { Status = status, NeighborTableEntries = total, StartIndex = start, Neighbors = entries } : default;
        return ok;
    }

    public int Encode(Span<byte> destination) => TablePage.Encode(destination, Status, NeighborTableEntries, StartIndex, Neighbors);
}

/// <summary>Mgmt_Rtg_rsp (R22 §2.4.4.4.3): one page of the routing table.</summary>
public readonly ref struct MgmtRtgResponse : IZdpMessage<MgmtRtgResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.MgmtRtgResponse;

    public ZdpStatus Status { get; init; }

    /// <summary>Entries in the whole routing table.</summary>
    public byte RoutingTableEntries { get; init; }

    public byte StartIndex { get; init; }

    public ZdpEntryList<ZdpRoutingTableEntry> Routes { get; init; }

    public int Length => 4 + Routes.EncodedLength;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out MgmtRtgResponse value)
    {
        var ok = TablePage.TryDecode<ZdpRoutingTableEntry>(fields, out var status, out var total, out var start, out var entries);
        value = ok ? new MgmtRtgResponse { Status = status, RoutingTableEntries = total, StartIndex = start, Routes = entries } : default;
        return ok;
    }

    public int Encode(Span<byte> destination) => TablePage.Encode(destination, Status, RoutingTableEntries, StartIndex, Routes);
}

/// <summary>Mgmt_Bind_rsp (R22 §2.4.4.4.4): one page of the binding table; entries are 14 or 21 octets by address mode.</summary>
public readonly ref struct MgmtBindResponse : IZdpMessage<MgmtBindResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.MgmtBindResponse;

    public ZdpStatus Status { get; init; }

    /// <summary>Entries in the whole binding table.</summary>
    public byte BindingTableEntries { get; init; }

    public byte StartIndex { get; init; }

    public ZdpEntryList<ZdpBinding> Bindings { get; init; }

    public int Length => 4 + Bindings.EncodedLength;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out MgmtBindResponse value)
    {
        var ok = TablePage.TryDecode<ZdpBinding>(fields, out var status, out var total, out var start, out var entries);
        value = ok ? new MgmtBindResponse { Status = status, BindingTableEntries = total, StartIndex = start, Bindings = entries } : default;
        return ok;
    }

    public int Encode(Span<byte> destination) => TablePage.Encode(destination, Status, BindingTableEntries, StartIndex, Bindings);
}

/// <summary>Mgmt_Leave_rsp (R22 §2.4.4.4.5).</summary>
public readonly record struct MgmtLeaveResponse(ZdpStatus Status) : IZdpMessage<MgmtLeaveResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.MgmtLeaveResponse;

    public int Length => 1;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out MgmtLeaveResponse value)
    {
        var ok = ZdpMessages.TryStatus(fields, out var status);
        value = new(status);
        return ok;
    }

    public int Encode(Span<byte> destination) => ZdpMessages.EncodeStatus(Status, destination);
}

/// <summary>Mgmt_Permit_Joining_rsp (R22 §2.4.4.4.7).</summary>
public readonly record struct MgmtPermitJoiningResponse(ZdpStatus Status) : IZdpMessage<MgmtPermitJoiningResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.MgmtPermitJoiningResponse;

    public int Length => 1;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out MgmtPermitJoiningResponse value)
    {
        var ok = ZdpMessages.TryStatus(fields, out var status);
        value = new(status);
        return ok;
    }

    public int Encode(Span<byte> destination) => ZdpMessages.EncodeStatus(Status, destination);
}

/// <summary>
/// Mgmt_NWK_Update_notify (R22 §2.4.4.4.9): the answer to an energy scan of (enhanced) Mgmt_NWK_Update_req, or an
/// unsolicited report of interference: channels scanned, the transmission counters, and one energy value per channel.
/// </summary>
public readonly ref struct MgmtNwkUpdateNotify : IZdpMessage<MgmtNwkUpdateNotify>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.MgmtNwkUpdateNotify;

    public ZdpStatus Status { get; init; }

    public uint ScannedChannels { get; init; }

    public ushort TotalTransmissions { get; init; }

    public ushort TransmissionFailures { get; init; }

    public ZdpValueList<byte> EnergyValues { get; init; }

    public int Length => 10 + EnergyValues.EncodedLength;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out MgmtNwkUpdateNotify value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryByte(out var status) || !reader.TryUInt32(out var channels) || !reader.TryUInt16(out var total) || !reader.TryUInt16(out var failures)
            || !reader.TryByte(out var count) || !reader.TryList<byte>(count, out var energies))
        {
            return false;
        }

        value = new MgmtNwkUpdateNotify
        {
            Status = (ZdpStatus)status, ScannedChannels = channels, TotalTransmissions = total, TransmissionFailures = failures, EnergyValues = energies,
        };
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        ZdpMessages.CheckCount(EnergyValues.Count, nameof(EnergyValues));
        var writer = new ZdpWriter(destination);
        writer.Byte((byte)Status);
        writer.UInt32(ScannedChannels);
        writer.UInt16(TotalTransmissions);
        writer.UInt16(TransmissionFailures);
        writer.Byte((byte)EnergyValues.Count);
        writer.List(EnergyValues);
        return writer.Offset;
    }
}
