namespace ZigBee.Zdo.Frames;

/// <summary>Mgmt_Lqi_req (R22 §2.4.3.3.2): one page of the neighbor table, from <see cref="StartIndex"/>.</summary>
public readonly record struct MgmtLqiRequest(byte StartIndex) : IZdpMessage<MgmtLqiRequest>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.MgmtLqiRequest;

    public int Length => 1;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out MgmtLqiRequest value)
    {
        var ok = ZdpMessages.TryIndex(fields, out var index);
        value = new(index);
        return ok;
    }

    public int Encode(Span<byte> destination) => ZdpMessages.EncodeByte(StartIndex, destination);
}

/// <summary>Mgmt_Rtg_req (R22 §2.4.3.3.3): one page of the routing table, from <see cref="StartIndex"/>.</summary>
public readonly record struct MgmtRtgRequest(byte StartIndex) : IZdpMessage<MgmtRtgRequest>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.MgmtRtgRequest;

    public int Length => 1;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out MgmtRtgRequest value)
    {
        var ok = ZdpMessages.TryIndex(fields, out var index);
        value = new(index);
        return ok;
    }

    public int Encode(Span<byte> destination) => ZdpMessages.EncodeByte(StartIndex, destination);
}

/// <summary>Mgmt_Bind_req (R22 §2.4.3.3.4): one page of the binding table, from <see cref="StartIndex"/>.</summary>
public readonly record struct MgmtBindRequest(byte StartIndex) : IZdpMessage<MgmtBindRequest>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.MgmtBindRequest;

    public int Length => 1;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out MgmtBindRequest value)
    {
        var ok = ZdpMessages.TryIndex(fields, out var index);
        value = new(index);
        return ok;
    }

    public int Encode(Span<byte> destination) => ZdpMessages.EncodeByte(StartIndex, destination);
}

/// <summary>
/// Mgmt_Leave_req (R22 §2.4.3.3.5): asks a device to leave (DeviceAddress is its own IEEE address, or 0 for itself),
/// taking its children along, and to rejoin or not. Bits 0–5 of the flags octet are reserved and kept.
/// </summary>
public readonly record struct MgmtLeaveRequest(ulong DeviceAddress, bool RemoveChildren, bool Rejoin) : IZdpMessage<MgmtLeaveRequest>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.MgmtLeaveRequest;

    /// <summary>Bits 0–5 of the flags octet, reserved.</summary>
    public byte ReservedBits { get; init; }

    public int Length => 9;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out MgmtLeaveRequest value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryUInt64(out var address) || !reader.TryByte(out var flags))
        {
            return false;
        }

        value = new(address, (flags & 0x40) != 0, (flags & 0x80) != 0) { ReservedBits = (byte)(flags & 0x3F) };
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        var writer = new ZdpWriter(destination);
        writer.UInt64(DeviceAddress);
        writer.Byte((byte)((ReservedBits & 0x3F) | (RemoveChildren ? 0x40 : 0) | (Rejoin ? 0x80 : 0)));
        return writer.Offset;
    }
}

/// <summary>
/// Mgmt_Permit_Joining_req (R22 §2.4.3.3.7): open joining for <see cref="PermitDuration"/> seconds (0 closes, 0xFF is
/// forever, which R22 deprecates). <see cref="TcSignificance"/> is always 1 in R22 and kept as sent.
/// </summary>
public readonly record struct MgmtPermitJoiningRequest(byte PermitDuration, byte TcSignificance = 1) : IZdpMessage<MgmtPermitJoiningRequest>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.MgmtPermitJoiningRequest;

    public int Length => 2;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out MgmtPermitJoiningRequest value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryByte(out var duration) || !reader.TryByte(out var significance))
        {
            return false;
        }

        value = new(duration, significance);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        destination[0] = PermitDuration;
        destination[1] = TcSignificance;
        return 2;
    }
}

/// <summary>
/// The scan duration of Mgmt_NWK_Update_req and its enhanced form (R22 §2.4.3.3.9) decides which fields follow:
/// 0x00–0x05 is an energy scan (ScanCount follows), 0xFE a channel change (nwkUpdateId follows), 0xFF a change of
/// apsChannelMask and nwkManagerAddr (nwkUpdateId and nwkManagerAddr follow). Other durations carry nothing more.
/// </summary>
public static class ZdpScanDuration
{
    public const byte MaximumScan = 0x05;

    public const byte ChannelChange = 0xFE;

    public const byte ChangeParameters = 0xFF;

    public static bool HasScanCount(byte duration) => duration <= MaximumScan;

    public static bool HasUpdateId(byte duration) => duration >= ChannelChange;

    public static bool HasManagerAddress(byte duration) => duration == ChangeParameters;

    internal static int TailLength(byte duration) => HasScanCount(duration) ? 1 : HasManagerAddress(duration) ? 3 : HasUpdateId(duration) ? 1 : 0;

    internal static bool TryReadTail(ref ZdpReader reader, byte duration, out byte scanCount, out byte updateId, out ushort manager)
    {
        scanCount = 0;
        updateId = 0;
        manager = 0;
        if (HasScanCount(duration))
        {
            return reader.TryByte(out scanCount);
        }

        if (HasUpdateId(duration) && !reader.TryByte(out updateId))
        {
            return false;
        }

        return !HasManagerAddress(duration) || reader.TryUInt16(out manager);
    }

    internal static void WriteTail(ref ZdpWriter writer, byte duration, byte scanCount, byte updateId, ushort manager)
    {
        if (HasScanCount(duration))
        {
            writer.Byte(scanCount);
            return;
        }

        if (HasUpdateId(duration))
        {
            writer.Byte(updateId);
        }

        if (HasManagerAddress(duration))
        {
            writer.UInt16(manager);
        }
    }
}

/// <summary>
/// Mgmt_NWK_Update_req (R22 §2.4.3.3.9): an energy scan, a channel change or new network manager parameters, by
/// <see cref="ScanDuration"/> (see <see cref="ZdpScanDuration"/>); fields the duration does not carry are 0 and not written.
/// </summary>
public readonly record struct MgmtNwkUpdateRequest(uint ScanChannels, byte ScanDuration, byte ScanCount, byte NwkUpdateId, ushort NwkManagerAddress)
    : IZdpMessage<MgmtNwkUpdateRequest>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.MgmtNwkUpdateRequest;

    public int Length => 5 + ZdpScanDuration.TailLength(ScanDuration);

    public static MgmtNwkUpdateRequest EnergyScan(uint scanChannels, byte scanDuration, byte scanCount) => new(scanChannels, scanDuration, scanCount, 0, 0);

    public static MgmtNwkUpdateRequest ChannelChange(uint channel, byte nwkUpdateId) => new(channel, ZdpScanDuration.ChannelChange, 0, nwkUpdateId, 0);

    public static MgmtNwkUpdateRequest ChangeParameters(uint channelMask, byte nwkUpdateId, ushort nwkManagerAddress) =>
        new(channelMask, ZdpScanDuration.ChangeParameters, 0, nwkUpdateId, nwkManagerAddress);

    public static bool TryDecode(ReadOnlySpan<byte> fields, out MgmtNwkUpdateRequest value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryUInt32(out var channels) || !reader.TryByte(out var duration)
            || !ZdpScanDuration.TryReadTail(ref reader, duration, out var count, out var updateId, out var manager))
        {
            return false;
        }

        value = new(channels, duration, count, updateId, manager);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        var writer = new ZdpWriter(destination);
        writer.UInt32(ScanChannels);
        writer.Byte(ScanDuration);
        ZdpScanDuration.WriteTail(ref writer, ScanDuration, ScanCount, NwkUpdateId, NwkManagerAddress);
        return writer.Offset;
    }
}

/// <summary>
/// Mgmt_NWK_Enhanced_Update_req (R22 §2.4.3.3.12): Mgmt_NWK_Update_req over several channel pages. Each element of
/// <see cref="ScanChannels"/> is a 32-bit channel page (bits 27–31) and channel mask (bits 0–26).
/// </summary>
public readonly ref struct MgmtNwkEnhancedUpdateRequest : IZdpMessage<MgmtNwkEnhancedUpdateRequest>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.MgmtNwkEnhancedUpdateRequest;

    public ZdpValueList<uint> ScanChannels { get; init; }

    public byte ScanDuration { get; init; }

    public byte ScanCount { get; init; }

    public byte NwkUpdateId { get; init; }

    public ushort NwkManagerAddress { get; init; }

    public int Length => 2 + ScanChannels.EncodedLength + ZdpScanDuration.TailLength(ScanDuration);

    public static bool TryDecode(ReadOnlySpan<byte> fields, out MgmtNwkEnhancedUpdateRequest value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryByte(out var pages) || !reader.TryList<uint>(pages, out var channels) || !reader.TryByte(out var duration)
            || !ZdpScanDuration.TryReadTail(ref reader, duration, out var count, out var updateId, out var manager))
        {
            return false;
        }

        value = new MgmtNwkEnhancedUpdateRequest
        {
            ScanChannels = channels, ScanDuration = duration, ScanCount = count, NwkUpdateId = updateId, NwkManagerAddress = manager,
        };
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        ZdpMessages.CheckCount(ScanChannels.Count, nameof(ScanChannels));
        var writer = new ZdpWriter(destination);
        writer.Byte((byte)ScanChannels.Count);
        writer.List(ScanChannels);
        writer.Byte(ScanDuration);
        ZdpScanDuration.WriteTail(ref writer, ScanDuration, ScanCount, NwkUpdateId, NwkManagerAddress);
        return writer.Offset;
    }
}
