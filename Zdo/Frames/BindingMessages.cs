namespace ZigBee.Zdo.Frames;

/// <summary>
/// One binding (R22 §2.4.3.2.2 and Table 2.131): source IEEE address, source endpoint, cluster, and a destination that is
/// either a group (mode 0x01, 16-bit group address) or a device (mode 0x03, IEEE address and endpoint). It is the
/// layout of Bind_req, Unbind_req and of each Mgmt_Bind_rsp binding table entry; other modes do not decode.
/// </summary>
public readonly record struct ZdpBinding(
    ulong SourceAddress, byte SourceEndpoint, ushort ClusterId, ZdpBindAddressMode DestinationMode, ushort GroupAddress, ulong DestinationAddress, byte DestinationEndpoint)
    : IZdpEntry<ZdpBinding>
{
    public int Length => DestinationMode == ZdpBindAddressMode.Group ? 14 : 21;

    public static ZdpBinding ToGroup(ulong sourceAddress, byte sourceEndpoint, ushort clusterId, ushort groupAddress) =>
        new(sourceAddress, sourceEndpoint, clusterId, ZdpBindAddressMode.Group, groupAddress, 0, 0);

    public static ZdpBinding ToDevice(ulong sourceAddress, byte sourceEndpoint, ushort clusterId, ulong destinationAddress, byte destinationEndpoint) =>
        new(sourceAddress, sourceEndpoint, clusterId, ZdpBindAddressMode.Extended, 0, destinationAddress, destinationEndpoint);

    public static bool TryDecode(ReadOnlySpan<byte> source, out ZdpBinding entry, out int length)
    {
        entry = default;
        length = 0;
        var reader = new ZdpReader(source);
        if (!reader.TryUInt64(out var src) || !reader.TryByte(out var srcEndpoint) || !reader.TryUInt16(out var cluster) || !reader.TryByte(out var mode))
        {
            return false;
        }

        switch ((ZdpBindAddressMode)mode)
        {
            case ZdpBindAddressMode.Group when reader.TryUInt16(out var group):
                entry = ToGroup(src, srcEndpoint, cluster, group);
                break;
            case ZdpBindAddressMode.Extended when reader.TryUInt64(out var dst) && reader.TryByte(out var dstEndpoint):
                entry = ToDevice(src, srcEndpoint, cluster, dst, dstEndpoint);
                break;
            default:
                return false;
        }

        length = reader.Offset;
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        if (DestinationMode is not (ZdpBindAddressMode.Group or ZdpBindAddressMode.Extended))
        {
            throw new ArgumentException($"destination address mode 0x{(byte)DestinationMode:x2} is reserved (R22 Table 2.131)", nameof(destination));
        }

        ZdpWriter.CheckRoom(destination, Length);
        var writer = new ZdpWriter(destination);
        writer.UInt64(SourceAddress);
        writer.Byte(SourceEndpoint);
        writer.UInt16(ClusterId);
        writer.Byte((byte)DestinationMode);
        if (DestinationMode == ZdpBindAddressMode.Group)
        {
            writer.UInt16(GroupAddress);
        }
        else
        {
            writer.UInt64(DestinationAddress);
            writer.Byte(DestinationEndpoint);
        }

        return writer.Offset;
    }
}

/// <summary>Bind_req (R22 §2.4.3.2.2): asks the binding table holder to add <see cref="Binding"/>.</summary>
public readonly record struct BindRequest(ZdpBinding Binding) : IZdpMessage<BindRequest>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.BindRequest;

    public int Length => Binding.Length;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out BindRequest value)
    {
        var ok = ZdpBinding.TryDecode(fields, out var binding, out _);
        value = new(binding);
        return ok;
    }

    public int Encode(Span<byte> destination) => Binding.Encode(destination);
}

/// <summary>Unbind_req (R22 §2.4.3.2.3): asks the binding table holder to remove <see cref="Binding"/>.</summary>
public readonly record struct UnbindRequest(ZdpBinding Binding) : IZdpMessage<UnbindRequest>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.UnbindRequest;

    public int Length => Binding.Length;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out UnbindRequest value)
    {
        var ok = ZdpBinding.TryDecode(fields, out var binding, out _);
        value = new(binding);
        return ok;
    }

    public int Encode(Span<byte> destination) => Binding.Encode(destination);
}

/// <summary>Bind_rsp (R22 §2.4.4.3.2).</summary>
public readonly record struct BindResponse(ZdpStatus Status) : IZdpMessage<BindResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.BindResponse;

    public int Length => 1;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out BindResponse value)
    {
        var ok = ZdpMessages.TryStatus(fields, out var status);
        value = new(status);
        return ok;
    }

    public int Encode(Span<byte> destination) => ZdpMessages.EncodeStatus(Status, destination);
}

/// <summary>Unbind_rsp (R22 §2.4.4.3.3).</summary>
public readonly record struct UnbindResponse(ZdpStatus Status) : IZdpMessage<UnbindResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.UnbindResponse;

    public int Length => 1;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out UnbindResponse value)
    {
        var ok = ZdpMessages.TryStatus(fields, out var status);
        value = new(status);
        return ok;
    }

    public int Encode(Span<byte> destination) => ZdpMessages.EncodeStatus(Status, destination);
}

/// <summary>
/// End_Device_Bind_req (R22 §2.4.3.2.1): sent to the coordinator by each of two devices whose user pressed "bind"; it
/// names the binding target, the sender's IEEE address and endpoint, profile, and the clusters to match.
/// </summary>
public readonly ref struct EndDeviceBindRequest : IZdpMessage<EndDeviceBindRequest>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.EndDeviceBindRequest;

    public ushort BindingTarget { get; init; }

    public ulong SourceIeeeAddress { get; init; }

    public byte SourceEndpoint { get; init; }

    public ushort ProfileId { get; init; }

    public ZdpValueList<ushort> InputClusters { get; init; }

    public ZdpValueList<ushort> OutputClusters { get; init; }

    public int Length => 15 + InputClusters.EncodedLength + OutputClusters.EncodedLength;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out EndDeviceBindRequest value)
    {
        value = default;
        var reader = new ZdpReader(fields);
        if (!reader.TryUInt16(out var target) || !reader.TryUInt64(out var source) || !reader.TryByte(out var endpoint) || !reader.TryUInt16(out var profile)
            || !reader.TryByte(out var inCount) || !reader.TryList<ushort>(inCount, out var input)
            || !reader.TryByte(out var outCount) || !reader.TryList<ushort>(outCount, out var output))
        {
            return false;
        }

        value = new EndDeviceBindRequest
        {
            BindingTarget = target, SourceIeeeAddress = source, SourceEndpoint = endpoint, ProfileId = profile, InputClusters = input, OutputClusters = output,
        };
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        ZdpMessages.CheckCount(InputClusters.Count, nameof(InputClusters));
        ZdpMessages.CheckCount(OutputClusters.Count, nameof(OutputClusters));
        var writer = new ZdpWriter(destination);
        writer.UInt16(BindingTarget);
        writer.UInt64(SourceIeeeAddress);
        writer.Byte(SourceEndpoint);
        writer.UInt16(ProfileId);
        writer.Byte((byte)InputClusters.Count);
        writer.List(InputClusters);
        writer.Byte((byte)OutputClusters.Count);
        writer.List(OutputClusters);
        return writer.Offset;
    }
}

/// <summary>End_Device_Bind_rsp (R22 §2.4.4.3.1).</summary>
public readonly record struct EndDeviceBindResponse(ZdpStatus Status) : IZdpMessage<EndDeviceBindResponse>
{
    public static ZdpClusterId ClusterId => ZdpClusterId.EndDeviceBindResponse;

    public int Length => 1;

    public static bool TryDecode(ReadOnlySpan<byte> fields, out EndDeviceBindResponse value)
    {
        var ok = ZdpMessages.TryStatus(fields, out var status);
        value = new(status);
        return ok;
    }

    public int Encode(Span<byte> destination) => ZdpMessages.EncodeStatus(Status, destination);
}
