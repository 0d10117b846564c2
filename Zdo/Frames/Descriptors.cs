using ZigBee.Mac.Frames;

namespace ZigBee.Zdo.Frames;

/// <summary>The logical type of a node descriptor (R22 §2.3.2.3.1). Reserved values are kept.</summary>
public enum ZdpLogicalType : byte
{
    Coordinator = 0,
    Router = 1,
    EndDevice = 2,
}

/// <summary>The frequency band bits of a node descriptor (R22 §2.3.2.3.5).</summary>
[Flags]
public enum ZdpFrequencyBands : byte
{
    None = 0,
    Band868MHz = 0x01,
    Band902MHz = 0x04,
    Band2400MHz = 0x08,
    EuropeanSubGHz = 0x10,
}

/// <summary>The descriptor capability field of a node descriptor (R22 §2.3.2.3.12).</summary>
[Flags]
public enum ZdpDescriptorCapability : byte
{
    None = 0,
    ExtendedActiveEndpointListAvailable = 0x01,
    ExtendedSimpleDescriptorListAvailable = 0x02,
}

/// <summary>The server mask of a node descriptor and of System_Server_Discovery (R22 §2.3.2.3.10).</summary>
public readonly record struct ZdpServerMask(ushort Value)
{
    public bool PrimaryTrustCenter => (Value & 0x0001) != 0;

    public bool BackupTrustCenter => (Value & 0x0002) != 0;

    public bool PrimaryBindingTableCache => (Value & 0x0004) != 0;

    public bool BackupBindingTableCache => (Value & 0x0008) != 0;

    public bool PrimaryDiscoveryCache => (Value & 0x0010) != 0;

    public bool BackupDiscoveryCache => (Value & 0x0020) != 0;

    public bool NetworkManager => (Value & 0x0040) != 0;

    /// <summary>Bits 9–15: the stack compliance revision (22 for R22; 0 before R21).</summary>
    public int StackComplianceRevision => Value >> 9;

    public static ZdpServerMask Create(bool primaryTrustCenter = false, bool networkManager = false, int stackComplianceRevision = 22) =>
        new((ushort)((primaryTrustCenter ? 0x0001 : 0) | (networkManager ? 0x0040 : 0) | ((stackComplianceRevision & 0x7F) << 9)));
}

/// <summary>
/// The node descriptor (R22 §2.3.2.3): 13 octets describing a node's type, radio, MAC capabilities and transfer sizes.
/// Reserved bits of the first octet are kept in <see cref="ReservedBits"/> so a descriptor re-encodes to its bytes.
/// </summary>
public readonly record struct NodeDescriptor(
    ZdpLogicalType LogicalType,
    bool ComplexDescriptorAvailable,
    bool UserDescriptorAvailable,
    byte ApsFlags,
    ZdpFrequencyBands FrequencyBands,
    CapabilityInformation MacCapability,
    ushort ManufacturerCode,
    byte MaximumBufferSize,
    ushort MaximumIncomingTransferSize,
    ZdpServerMask ServerMask,
    ushort MaximumOutgoingTransferSize,
    ZdpDescriptorCapability DescriptorCapability)
{
    public const int Size = 13;

    /// <summary>Bits 5–7 of the first octet, reserved.</summary>
    public byte ReservedBits { get; init; }

    public static bool TryDecode(ReadOnlySpan<byte> source, out NodeDescriptor descriptor)
    {
        descriptor = default;
        var reader = new ZdpReader(source);
        if (!reader.TryByte(out var first) || !reader.TryByte(out var second) || !reader.TryByte(out var capability)
            || !reader.TryUInt16(out var manufacturer) || !reader.TryByte(out var buffer) || !reader.TryUInt16(out var incoming)
            || !reader.TryUInt16(out var server) || !reader.TryUInt16(out var outgoing) || !reader.TryByte(out var descriptorCapability))
        {
            return false;
        }

        descriptor = new NodeDescriptor(
            (ZdpLogicalType)(first & 0x7), (first & 0x08) != 0, (first & 0x10) != 0, (byte)(second & 0x7), (ZdpFrequencyBands)(second >> 3),
            new CapabilityInformation(capability), manufacturer, buffer, incoming, new ZdpServerMask(server), outgoing, (ZdpDescriptorCapability)descriptorCapability)
        {
            ReservedBits = (byte)(first >> 5),
        };
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Size);
        var writer = new ZdpWriter(destination);
        writer.Byte((byte)(((byte)LogicalType & 0x7) | (ComplexDescriptorAvailable ? 0x08 : 0) | (UserDescriptorAvailable ? 0x10 : 0) | ((ReservedBits & 0x7) << 5)));
        writer.Byte((byte)((ApsFlags & 0x7) | (((byte)FrequencyBands & 0x1F) << 3)));
        writer.Byte(MacCapability.Value);
        writer.UInt16(ManufacturerCode);
        writer.Byte(MaximumBufferSize);
        writer.UInt16(MaximumIncomingTransferSize);
        writer.UInt16(ServerMask.Value);
        writer.UInt16(MaximumOutgoingTransferSize);
        writer.Byte((byte)DescriptorCapability);
        return writer.Offset;
    }
}

/// <summary>The current power mode of a power descriptor (R22 §2.3.2.4.1). Reserved values are kept.</summary>
public enum ZdpPowerMode : byte
{
    ReceiverOnWhenIdle = 0,
    Periodic = 1,
    Stimulated = 2,
}

/// <summary>Power sources of a power descriptor (R22 §2.3.2.4.2–3).</summary>
[Flags]
public enum ZdpPowerSources : byte
{
    None = 0,
    Mains = 0x1,
    RechargeableBattery = 0x2,
    DisposableBattery = 0x4,
}

/// <summary>The current power source level of a power descriptor (R22 §2.3.2.4.4). Reserved values are kept.</summary>
public enum ZdpPowerLevel : byte
{
    Critical = 0x0,
    Percent33 = 0x4,
    Percent66 = 0x8,
    Percent100 = 0xC,
}

/// <summary>The power descriptor (R22 §2.3.2.4): two octets of four 4-bit fields.</summary>
public readonly record struct PowerDescriptor(ZdpPowerMode CurrentPowerMode, ZdpPowerSources AvailablePowerSources, ZdpPowerSources CurrentPowerSource, ZdpPowerLevel CurrentPowerSourceLevel)
{
    public const int Size = 2;

    public static bool TryDecode(ReadOnlySpan<byte> source, out PowerDescriptor descriptor)
    {
        descriptor = default;
        if (source.Length < Size)
        {
            return false;
        }

        descriptor = new((ZdpPowerMode)(source[0] & 0xF), (ZdpPowerSources)(source[0] >> 4), (ZdpPowerSources)(source[1] & 0xF), (ZdpPowerLevel)(source[1] >> 4));
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Size);
        destination[0] = (byte)(((byte)CurrentPowerMode & 0xF) | (((byte)AvailablePowerSources & 0xF) << 4));
        destination[1] = (byte)(((byte)CurrentPowerSource & 0xF) | (((byte)CurrentPowerSourceLevel & 0xF) << 4));
        return Size;
    }
}

/// <summary>
/// The simple descriptor of one endpoint (R22 §2.3.2.5): endpoint, application profile and device, and its input and
/// output cluster lists. Decoded, the lists are views over the received bytes; to encode, pass arrays or spans.
/// <see cref="DeviceVersion"/> is the whole octet: the version in bits 0–3, reserved bits 4–7 kept.
/// </summary>
public readonly ref struct SimpleDescriptor
{
    public byte Endpoint { get; init; }

    public ushort ProfileId { get; init; }

    public ushort DeviceId { get; init; }

    public byte DeviceVersion { get; init; }

    public ZdpValueList<ushort> InputClusters { get; init; }

    public ZdpValueList<ushort> OutputClusters { get; init; }

    public int Length => 8 + InputClusters.EncodedLength + OutputClusters.EncodedLength;

    /// <summary>Decodes a simple descriptor from the front of <paramref name="source"/>; <paramref name="length"/> is the bytes it took.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out SimpleDescriptor descriptor, out int length)
    {
        descriptor = default;
        length = 0;
        var reader = new ZdpReader(source);
        if (!reader.TryByte(out var endpoint) || !reader.TryUInt16(out var profile) || !reader.TryUInt16(out var device) || !reader.TryByte(out var version)
            || !reader.TryByte(out var inCount) || !reader.TryList<ushort>(inCount, out var input)
            || !reader.TryByte(out var outCount) || !reader.TryList<ushort>(outCount, out var output))
        {
            return false;
        }

        descriptor = new SimpleDescriptor
        {
            Endpoint = endpoint, ProfileId = profile, DeviceId = device, DeviceVersion = version, InputClusters = input, OutputClusters = output,
        };
        length = reader.Offset;
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        ZdpWriter.CheckRoom(destination, Length);
        ZdpMessages.CheckCount(InputClusters.Count, nameof(InputClusters));
        ZdpMessages.CheckCount(OutputClusters.Count, nameof(OutputClusters));
        var writer = new ZdpWriter(destination);
        writer.Byte(Endpoint);
        writer.UInt16(ProfileId);
        writer.UInt16(DeviceId);
        writer.Byte(DeviceVersion);
        writer.Byte((byte)InputClusters.Count);
        writer.List(InputClusters);
        writer.Byte((byte)OutputClusters.Count);
        writer.List(OutputClusters);
        return writer.Offset;
    }
}
