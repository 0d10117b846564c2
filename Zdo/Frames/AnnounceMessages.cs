using ZigBee.Mac.Frames;

namespace ZigBee.Zdo.Frames;

/// <summary>Device_annce (R22 §2.4.3.1.11): a device that joined or rejoined tells the network its addresses and capabilities.</summary>
public readonly record struct DeviceAnnce(ushort NwkAddress, ulong IeeeAddress, CapabilityInformation Capability) : IZdpMessage<DeviceAnnce>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.DeviceAnnce;

    public int Length => 11;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out DeviceAnnce value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryUInt16(out var nwk) || !reader.TryUInt64(out var ieee) || !reader.TryByte(out var capability))
        {
            return false;
        }

        value = new(nwk, ieee, new CapabilityInformation(capability));
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        var writer = new ZdpWriter(destination);
        writer.UInt16(NwkAddress);
        writer.UInt64(IeeeAddress);
        writer.Byte(Capability.Value);
        return writer.Offset;
    }
}

/// <summary>Parent_annce (R22 §2.4.3.1.12): a router lists the IEEE addresses of its end-device children.</summary>
public readonly ref struct ParentAnnce : IZdpMessage<ParentAnnce>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.ParentAnnce;

    public ZdpValueList<ulong> Children { get; init; }

    public int Length => 1 + Children.EncodedLength;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out ParentAnnce value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryByte(out var count) || !reader.TryList<ulong>(count, out var children))
        {
            return false;
        }

        value = new ParentAnnce { Children = children };
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        ZdpMessages.CheckCount(Children.Count, nameof(Children));
        var writer = new ZdpWriter(destination);
        writer.Byte((byte)Children.Count);
        writer.List(Children);
        return writer.Offset;
    }
}

/// <summary>Parent_annce_rsp (R22 §2.4.4.2.13): status and the announced children that are also this router's children.</summary>
public readonly ref struct ParentAnnceResponse : IZdpMessage<ParentAnnceResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.ParentAnnceResponse;

    public ZdpStatus Status { get; init; }

    public ZdpValueList<ulong> Children { get; init; }

    public int Length => 2 + Children.EncodedLength;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out ParentAnnceResponse value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryByte(out var status) || !reader.TryByte(out var count) || !reader.TryList<ulong>(count, out var children))
        {
            return false;
        }

        value = new ParentAnnceResponse { Status = (ZdpStatus)status, Children = children };
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        ZdpMessages.CheckCount(Children.Count, nameof(Children));
        var writer = new ZdpWriter(destination);
        writer.Byte((byte)Status);
        writer.Byte((byte)Children.Count);
        writer.List(Children);
        return writer.Offset;
    }
}

/// <summary>System_Server_Discovery_req (R22 §2.4.3.1.13): which devices provide the services of this server mask.</summary>
public readonly record struct SystemServerDiscoveryRequest(ZdpServerMask ServerMask) : IZdpMessage<SystemServerDiscoveryRequest>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.SystemServerDiscoveryRequest;

    public int Length => 2;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out SystemServerDiscoveryRequest value)
    {
        var ok = ZdpMessages.TryAddress(fields, out var mask);
        value = new(new ZdpServerMask(mask));
        return ok;
    }

    public int Encode(Span<byte> destination) => ZdpMessages.EncodeAddress(ServerMask.Value, destination);
}

/// <summary>System_Server_Discovery_rsp (R22 §2.4.4.2.10): status and the requested services this device provides.</summary>
public readonly record struct SystemServerDiscoveryResponse(ZdpStatus Status, ZdpServerMask ServerMask) : IZdpMessage<SystemServerDiscoveryResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.SystemServerDiscoveryResponse;

    public int Length => 3;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out SystemServerDiscoveryResponse value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryByte(out var status) || !reader.TryUInt16(out var mask))
        {
            return false;
        }

        value = new((ZdpStatus)status, new ZdpServerMask(mask));
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        var writer = new ZdpWriter(destination);
        writer.Byte((byte)Status);
        writer.UInt16(ServerMask.Value);
        return writer.Offset;
    }
}
