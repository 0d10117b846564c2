namespace ZigBee.Zdo.Frames;

/// <summary>Node_Desc_req (R22 §2.4.3.1.3).</summary>
public readonly record struct NodeDescRequest(ushort NwkAddrOfInterest) : IZdpMessage<NodeDescRequest>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.NodeDescRequest;

    public int Length => 2;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out NodeDescRequest value)
    {
        var ok = ZdpMessages.TryAddress(fields, out var address);
        value = new(address);
        return ok;
    }

    public int Encode(Span<byte> destination) => ZdpMessages.EncodeAddress(NwkAddrOfInterest, destination);
}

/// <summary>Power_Desc_req (R22 §2.4.3.1.4).</summary>
public readonly record struct PowerDescRequest(ushort NwkAddrOfInterest) : IZdpMessage<PowerDescRequest>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.PowerDescRequest;

    public int Length => 2;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out PowerDescRequest value)
    {
        var ok = ZdpMessages.TryAddress(fields, out var address);
        value = new(address);
        return ok;
    }

    public int Encode(Span<byte> destination) => ZdpMessages.EncodeAddress(NwkAddrOfInterest, destination);
}

/// <summary>Active_EP_req (R22 §2.4.3.1.6).</summary>
public readonly record struct ActiveEpRequest(ushort NwkAddrOfInterest) : IZdpMessage<ActiveEpRequest>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.ActiveEpRequest;

    public int Length => 2;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out ActiveEpRequest value)
    {
        var ok = ZdpMessages.TryAddress(fields, out var address);
        value = new(address);
        return ok;
    }

    public int Encode(Span<byte> destination) => ZdpMessages.EncodeAddress(NwkAddrOfInterest, destination);
}

/// <summary>Simple_Desc_req (R22 §2.4.3.1.5): the simple descriptor of one endpoint (1–254).</summary>
public readonly record struct SimpleDescRequest(ushort NwkAddrOfInterest, byte Endpoint) : IZdpMessage<SimpleDescRequest>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.SimpleDescRequest;

    public int Length => 3;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out SimpleDescRequest value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryUInt16(out var address) || !reader.TryByte(out var endpoint))
        {
            return false;
        }

        value = new(address, endpoint);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        var writer = new ZdpWriter(destination);
        writer.UInt16(NwkAddrOfInterest);
        writer.Byte(Endpoint);
        return writer.Offset;
    }
}

/// <summary>
/// Node_Desc_rsp (R22 §2.4.4.2.3): status, NWKAddrOfInterest and, on success only, the node descriptor.
/// </summary>
public readonly record struct NodeDescResponse(ZdpStatus Status, ushort NwkAddrOfInterest, NodeDescriptor Descriptor) : IZdpMessage<NodeDescResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.NodeDescResponse;

    public int Length => 3 + (Status == ZdpStatus.Success ? NodeDescriptor.Size : 0);

    public static NodeDescResponse Failure(ZdpStatus status, ushort nwkAddrOfInterest) => new(status, nwkAddrOfInterest, default);

    public static bool TryDecode(ReadOnlySpan<byte> fields, out NodeDescResponse value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryByte(out var status) || !reader.TryUInt16(out var address))
        {
            return false;
        }

        var descriptor = default(NodeDescriptor);
        if ((ZdpStatus)status == ZdpStatus.Success && !NodeDescriptor.TryDecode(fields[reader.Offset..], out descriptor))
        {
            return false;
        }

        value = new((ZdpStatus)status, address, descriptor);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        var writer = new ZdpWriter(destination);
        writer.Byte((byte)Status);
        writer.UInt16(NwkAddrOfInterest);
        return Status == ZdpStatus.Success ? writer.Offset + Descriptor.Encode(destination[writer.Offset..]) : writer.Offset;
    }
}

/// <summary>Power_Desc_rsp (R22 §2.4.4.2.4): status, NWKAddrOfInterest and, on success only, the power descriptor.</summary>
public readonly record struct PowerDescResponse(ZdpStatus Status, ushort NwkAddrOfInterest, PowerDescriptor Descriptor) : IZdpMessage<PowerDescResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.PowerDescResponse;

    public int Length => 3 + (Status == ZdpStatus.Success ? PowerDescriptor.Size : 0);

    public static PowerDescResponse Failure(ZdpStatus status, ushort nwkAddrOfInterest) => new(status, nwkAddrOfInterest, default);

    public static bool TryDecode(ReadOnlySpan<byte> fields, out PowerDescResponse value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryByte(out var status) || !reader.TryUInt16(out var address))
        {
            return false;
        }

        var descriptor = default(PowerDescriptor);
        if ((ZdpStatus)status == ZdpStatus.Success && !PowerDescriptor.TryDecode(fields[reader.Offset..], out descriptor))
        {
            return false;
        }

        value = new((ZdpStatus)status, address, descriptor);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        var writer = new ZdpWriter(destination);
        writer.Byte((byte)Status);
        writer.UInt16(NwkAddrOfInterest);
        return Status == ZdpStatus.Success ? writer.Offset + Descriptor.Encode(destination[writer.Offset..]) : writer.Offset;
    }
}

/// <summary>
/// Simple_Desc_rsp (R22 §2.4.4.2.5): status, NWKAddrOfInterest, the descriptor's length and, on success only, the
/// simple descriptor; on failure the length is 0. The length octet must match the descriptor it announces.
/// </summary>
public readonly ref struct SimpleDescResponse : IZdpMessage<SimpleDescResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.SimpleDescResponse;

    public ZdpStatus Status { get; init; }

    public ushort NwkAddrOfInterest { get; init; }

    /// <summary>Meaningful when <see cref="Status"/> is Success.</summary>
    public SimpleDescriptor Descriptor { get; init; }

    public int Length => 4 + (Status == ZdpStatus.Success ? Descriptor.Length : 0);

    public static bool TryDecode(ReadOnlySpan<byte> fields, out SimpleDescResponse value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryByte(out var status) || !reader.TryUInt16(out var address) || !reader.TryByte(out var length))
        {
            return false;
        }

        var descriptor = default(SimpleDescriptor);
        if ((ZdpStatus)status == ZdpStatus.Success
            && (!reader.TryBytes(length, out var bytes) || !SimpleDescriptor.TryDecode(bytes, out descriptor, out var used) || used != length))
        {
            return false;
        }

        value = new SimpleDescResponse { Status = (ZdpStatus)status, NwkAddrOfInterest = address, Descriptor = descriptor };
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        var success = Status == ZdpStatus.Success;
        if (success && Descriptor.Length > byte.MaxValue)
        {
            throw new ArgumentException("a simple descriptor longer than 255 octets does not fit its length field");
        }

        var writer = new ZdpWriter(destination);
        writer.Byte((byte)Status);
        writer.UInt16(NwkAddrOfInterest);
        writer.Byte((byte)(success ? Descriptor.Length : 0));
        return success ? writer.Offset + Descriptor.Encode(destination[writer.Offset..]) : writer.Offset;
    }
}

/// <summary>Active_EP_rsp (R22 §2.4.4.2.7): status, NWKAddrOfInterest and the active endpoints (none on failure).</summary>
public readonly ref struct ActiveEpResponse : IZdpMessage<ActiveEpResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.ActiveEpResponse;

    public ZdpStatus Status { get; init; }

    public ushort NwkAddrOfInterest { get; init; }

    public ZdpValueList<byte> ActiveEndpoints { get; init; }

    public int Length => 4 + ActiveEndpoints.EncodedLength;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out ActiveEpResponse value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryByte(out var status) || !reader.TryUInt16(out var address) || !reader.TryByte(out var count) || !reader.TryList<byte>(count, out var endpoints))
        {
            return false;
        }

        value = new ActiveEpResponse { Status = (ZdpStatus)status, NwkAddrOfInterest = address, ActiveEndpoints = endpoints };
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        ZdpMessages.CheckCount(ActiveEndpoints.Count, nameof(ActiveEndpoints));
        var writer = new ZdpWriter(destination);
        writer.Byte((byte)Status);
        writer.UInt16(NwkAddrOfInterest);
        writer.Byte((byte)ActiveEndpoints.Count);
        writer.List(ActiveEndpoints);
        return writer.Offset;
    }
}

/// <summary>
/// Match_Desc_req (R22 §2.4.3.1.7): which endpoints of NWKAddrOfInterest (or of every device, when broadcast) carry
/// this profile and one of these input or output clusters.
/// </summary>
public readonly ref struct MatchDescRequest : IZdpMessage<MatchDescRequest>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.MatchDescRequest;

    public ushort NwkAddrOfInterest { get; init; }

    public ushort ProfileId { get; init; }

    public ZdpValueList<ushort> InputClusters { get; init; }

    public ZdpValueList<ushort> OutputClusters { get; init; }

    public int Length => 6 + InputClusters.EncodedLength + OutputClusters.EncodedLength;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out MatchDescRequest value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryUInt16(out var address) || !reader.TryUInt16(out var profile)
            || !reader.TryByte(out var inCount) || !reader.TryList<ushort>(inCount, out var input)
            || !reader.TryByte(out var outCount) || !reader.TryList<ushort>(outCount, out var output))
        {
            return false;
        }

        value = new MatchDescRequest { NwkAddrOfInterest = address, ProfileId = profile, InputClusters = input, OutputClusters = output };
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        ZdpMessages.CheckCount(InputClusters.Count, nameof(InputClusters));
        ZdpMessages.CheckCount(OutputClusters.Count, nameof(OutputClusters));
        var writer = new ZdpWriter(destination);
        writer.UInt16(NwkAddrOfInterest);
        writer.UInt16(ProfileId);
        writer.Byte((byte)InputClusters.Count);
        writer.List(InputClusters);
        writer.Byte((byte)OutputClusters.Count);
        writer.List(OutputClusters);
        return writer.Offset;
    }
}

/// <summary>Match_Desc_rsp (R22 §2.4.4.2.8): status, NWKAddrOfInterest and the matching endpoints.</summary>
public readonly ref struct MatchDescResponse : IZdpMessage<MatchDescResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.MatchDescResponse;

    public ZdpStatus Status { get; init; }

    public ushort NwkAddrOfInterest { get; init; }

    public ZdpValueList<byte> MatchList { get; init; }

    public int Length => 4 + MatchList.EncodedLength;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out MatchDescResponse value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryByte(out var status) || !reader.TryUInt16(out var address) || !reader.TryByte(out var count) || !reader.TryList<byte>(count, out var matches))
        {
            return false;
        }

        value = new MatchDescResponse { Status = (ZdpStatus)status, NwkAddrOfInterest = address, MatchList = matches };
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        ZdpMessages.CheckCount(MatchList.Count, nameof(MatchList));
        var writer = new ZdpWriter(destination);
        writer.Byte((byte)Status);
        writer.UInt16(NwkAddrOfInterest);
        writer.Byte((byte)MatchList.Count);
        writer.List(MatchList);
        return writer.Offset;
    }
}
