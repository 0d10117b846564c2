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
/// addresses, and — for an extended request — NumAssocDev (the count of addresses in this frame) and, when it is not
/// 0, the start index of this page and the addresses.
/// </summary>
internal static class AddressResponseCodec
{
    public static bool TryDecode(ReadOnlySpan<byte> fields, out ZdpStatus status, out ulong ieee, out ushort nwk, out bool extended, out byte start, out ZdpValueList<ushort> devices)
    {
        status = default;
        ieee = 0;
        nwk = 0;
        extended = false;
        start = 0;
        devices = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryByte(out var statusByte) || !reader.TryUInt64(out ieee) || !reader.TryUInt16(out nwk))
        {
            return false;
        }

        status = (ZdpStatus)statusByte;
        if (reader.TryByte(out var count))
        {
            extended = true;

            // R22 §2.4.4.2.1: with no associated devices, StartIndex and the list are left out.
            if (count > 0)
            {
                return reader.TryByte(out start) && reader.TryList(count, out devices);
            }
        }

        return true;
    }

    public static int Length(bool extended, ZdpValueList<ushort> devices) => 11 + (extended ? 1 + (devices.Count > 0 ? 1 + devices.EncodedLength : 0) : 0);

    public static int Encode(Span<byte> destination, ZdpStatus status, ulong ieee, ushort nwk, bool extended, byte start, ZdpValueList<ushort> devices)
    {
        ZdpWriter.CheckRoom(destination, Length(extended, devices));
        ZdpMessages.CheckCount(devices.Count, nameof(devices));
        if (devices.Count > 0 && !extended)
        {
            throw new ArgumentException("only an extended address response lists associated devices", nameof(devices));
        }

        var writer = new ZdpWriter(destination);
        writer.Byte((byte)status);
        writer.UInt64(ieee);
        writer.UInt16(nwk);
        if (extended)
        {
            writer.Byte((byte)devices.Count);
            if (devices.Count > 0)
            {
                writer.Byte(start);
                writer.List(devices);
            }
        }

        return writer.Offset;
    }
}

/// <summary>
/// NWK_addr_rsp (R22 §2.4.4.2.1). A single response, or a failure, carries status and addresses only; an extended one
/// also a page of associated devices.
/// </summary>
public readonly ref struct NwkAddrResponse : IZdpMessage<NwkAddrResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.NwkAddrResponse;

    public ZdpStatus Status { get; init; }

    public ulong IeeeAddress { get; init; }

    public ushort NwkAddress { get; init; }

    /// <summary>NumAssocDev is present: the answer to an extended request that succeeded.</summary>
    public bool IsExtended { get; init; }

    /// <summary>Index of <see cref="AssociatedDevices"/>' first address in the remote device's list of associated devices.</summary>
    public byte StartIndex { get; init; }

    /// <summary>This page of the associated devices' network addresses; its count is NumAssocDev.</summary>
    public ZdpValueList<ushort> AssociatedDevices { get; init; }

    public int Length => AddressResponseCodec.Length(IsExtended, AssociatedDevices);

    public static bool TryDecode(ReadOnlySpan<byte> fields, out NwkAddrResponse value)
    {
        var ok = AddressResponseCodec.TryDecode(fields, out var status, out var ieee, out var nwk, out var extended, out var start, out var devices);
        value = ok
            ? new NwkAddrResponse { Status = status, IeeeAddress = ieee, NwkAddress = nwk, IsExtended = extended, StartIndex = start, AssociatedDevices = devices }
            : default;
        return ok;
    }

    public int Encode(Span<byte> destination) =>
        AddressResponseCodec.Encode(destination, Status, IeeeAddress, NwkAddress, IsExtended, StartIndex, AssociatedDevices);
}

/// <summary>IEEE_addr_rsp (R22 §2.4.4.2.2), laid out as NWK_addr_rsp.</summary>
public readonly ref struct IeeeAddrResponse : IZdpMessage<IeeeAddrResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.IeeeAddrResponse;

    public ZdpStatus Status { get; init; }

    public ulong IeeeAddress { get; init; }

    public ushort NwkAddress { get; init; }

    /// <summary>NumAssocDev is present: the answer to an extended request that succeeded.</summary>
    public bool IsExtended { get; init; }

    /// <summary>Index of <see cref="AssociatedDevices"/>' first address in the remote device's list of associated devices.</summary>
    public byte StartIndex { get; init; }

    /// <summary>This page of the associated devices' network addresses; its count is NumAssocDev.</summary>
    public ZdpValueList<ushort> AssociatedDevices { get; init; }

    public int Length => AddressResponseCodec.Length(IsExtended, AssociatedDevices);

    public static bool TryDecode(ReadOnlySpan<byte> fields, out IeeeAddrResponse value)
    {
        var ok = AddressResponseCodec.TryDecode(fields, out var status, out var ieee, out var nwk, out var extended, out var start, out var devices);
        value = ok
            ? new IeeeAddrResponse { Status = status, IeeeAddress = ieee, NwkAddress = nwk, IsExtended = extended, StartIndex = start, AssociatedDevices = devices }
            : default;
        return ok;
    }

    public int Encode(Span<byte> destination) =>
        AddressResponseCodec.Encode(destination, Status, IeeeAddress, NwkAddress, IsExtended, StartIndex, AssociatedDevices);
}
