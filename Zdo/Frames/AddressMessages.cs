namespace ZigBee.Zdo.Frames;

/// <summary>NWK_addr_req (R22 §2.4.3.1.1): asks the device with this IEEE address for its network address.</summary>
public readonly record struct NwkAddrRequest(ulong IeeeAddress, ZdpAddressRequestType RequestType, byte StartIndex) : IZdpMessage<NwkAddrRequest>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.NwkAddrRequest;

    public int Length => 10;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out NwkAddrRequest value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryUInt64(out var ieee) || !reader.TryByte(out var type) || !reader.TryByte(out var index))
        {
            return false;
        }

        value = new(ieee, (ZdpAddressRequestType)type, index);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        var writer = new ZdpWriter(destination);
        writer.UInt64(IeeeAddress);
        writer.Byte((byte)RequestType);
        writer.Byte(StartIndex);
        return writer.Offset;
    }
}

/// <summary>IEEE_addr_req (R22 §2.4.3.1.2): asks the device with this network address for its IEEE address.</summary>
public readonly record struct IeeeAddrRequest(ushort NwkAddrOfInterest, ZdpAddressRequestType RequestType, byte StartIndex) : IZdpMessage<IeeeAddrRequest>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.IeeeAddrRequest;

    public int Length => 4;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out IeeeAddrRequest value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryUInt16(out var address) || !reader.TryByte(out var type) || !reader.TryByte(out var index))
        {
            return false;
        }

        value = new(address, (ZdpAddressRequestType)type, index);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        var writer = new ZdpWriter(destination);
        writer.UInt16(NwkAddrOfInterest);
        writer.Byte((byte)RequestType);
        writer.Byte(StartIndex);
        return writer.Offset;
    }
}

/// <summary>
/// The fields NWK_addr_rsp and IEEE_addr_rsp share (R22 §2.4.4.2.1–2): status, the remote device's IEEE and network
/// addresses, and — for an extended request — the number of associated devices and, when there are any, the start
/// index and one page of their network addresses. The page holds as many addresses as follow in the frame, at most
/// <c>TotalAssociatedDevices - StartIndex</c>.
/// </summary>
internal static class AddressResponseCodec
{
    public static bool TryDecode(ReadOnlySpan<byte> fields, out ZdpStatus status, out ulong ieee, out ushort nwk, out bool extended, out byte total, out byte start, out ZdpValueList<ushort> devices)
    {
        status = default;
        ieee = 0;
        nwk = 0;
        extended = false;
        total = 0;
        start = 0;
        devices = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryByte(out var statusByte) || !reader.TryUInt64(out ieee) || !reader.TryUInt16(out nwk))
        {
            return false;
        }

        status = (ZdpStatus)statusByte;
        if (reader.TryByte(out total))
        {
            extended = true;

            // R22 §2.4.4.2.1: with no associated devices, StartIndex and the list are left out.
            if (total > 0)
            {
                if (!reader.TryByte(out start))
                {
                    return false;
                }

                var count = Math.Min(Math.Max(total - start, 0), reader.Remaining / 2);
                return reader.TryList(count, out devices);
            }
        }

        return true;
    }

    public static int Length(bool extended, byte total, ZdpValueList<ushort> devices) => 11 + (extended ? 1 + (total > 0 ? 1 + devices.EncodedLength : 0) : 0);

    public static int Encode(Span<byte> destination, ZdpStatus status, ulong ieee, ushort nwk, bool extended, byte total, byte start, ZdpValueList<ushort> devices)
    {
        ZdpWriter.CheckRoom(destination, Length(extended, total, devices));
        if (devices.Count > 0 && (!extended || devices.Count > total - start))
        {
            throw new ArgumentException("an address response lists at most TotalAssociatedDevices - StartIndex addresses, and only when extended", nameof(devices));
        }

        var writer = new ZdpWriter(destination);
        writer.Byte((byte)status);
        writer.UInt64(ieee);
        writer.UInt16(nwk);
        if (extended)
        {
            writer.Byte(total);
            if (total > 0)
            {
                writer.Byte(start);
                writer.List(devices);
            }
        }

        return writer.Offset;
    }
}

/// <summary>NWK_addr_rsp (R22 §2.4.4.2.1). <see cref="IsExtended"/>: the associated-device fields are present.</summary>
public readonly ref struct NwkAddrResponse : IZdpMessage<NwkAddrResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.NwkAddrResponse;

    public ZdpStatus Status { get; init; }

    public ulong IeeeAddress { get; init; }

    public ushort NwkAddress { get; init; }

    public bool IsExtended { get; init; }

    public byte TotalAssociatedDevices { get; init; }

    public byte StartIndex { get; init; }

    public ZdpValueList<ushort> AssociatedDevices { get; init; }

    public int Length => AddressResponseCodec.Length(IsExtended, TotalAssociatedDevices, AssociatedDevices);

    public static bool TryDecode(ReadOnlySpan<byte> fields, out NwkAddrResponse value)
    {
        var ok = AddressResponseCodec.TryDecode(fields, out var status, out var ieee, out var nwk, out var extended, out var total, out var start, out var devices);
        value = ok
            ? new NwkAddrResponse
            {
                Status = status, IeeeAddress = ieee, NwkAddress = nwk, IsExtended = extended, TotalAssociatedDevices = total, StartIndex = start, AssociatedDevices = devices,
            }
            : default;
        return ok;
    }

    public int Encode(Span<byte> destination) =>
        AddressResponseCodec.Encode(destination, Status, IeeeAddress, NwkAddress, IsExtended, TotalAssociatedDevices, StartIndex, AssociatedDevices);
}

/// <summary>IEEE_addr_rsp (R22 §2.4.4.2.2), laid out as NWK_addr_rsp.</summary>
public readonly ref struct IeeeAddrResponse : IZdpMessage<IeeeAddrResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.IeeeAddrResponse;

    public ZdpStatus Status { get; init; }

    public ulong IeeeAddress { get; init; }

    public ushort NwkAddress { get; init; }

    public bool IsExtended { get; init; }

    public byte TotalAssociatedDevices { get; init; }

    public byte StartIndex { get; init; }

    public ZdpValueList<ushort> AssociatedDevices { get; init; }

    public int Length => AddressResponseCodec.Length(IsExtended, TotalAssociatedDevices, AssociatedDevices);

    public static bool TryDecode(ReadOnlySpan<byte> fields, out IeeeAddrResponse value)
    {
        var ok = AddressResponseCodec.TryDecode(fields, out var status, out var ieee, out var nwk, out var extended, out var total, out var start, out var devices);
        value = ok
            ? new IeeeAddrResponse
            {
                Status = status, IeeeAddress = ieee, NwkAddress = nwk, IsExtended = extended, TotalAssociatedDevices = total, StartIndex = start, AssociatedDevices = devices,
            }
            : default;
        return ok;
    }

    public int Encode(Span<byte> destination) =>
        AddressResponseCodec.Encode(destination, Status, IeeeAddress, NwkAddress, IsExtended, TotalAssociatedDevices, StartIndex, AssociatedDevices);
}
