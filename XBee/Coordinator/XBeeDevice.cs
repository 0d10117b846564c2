using ZigBee.XBee.Frames;

namespace ZigBee.XBee.Coordinator;

/// <summary>A device the dongle reported in the network: by node identification (0x95) or its Device_annce.</summary>
public sealed record XBeeDevice(ulong ExtendedAddress, ushort NetworkAddress)
{
    /// <summary>NI, when a node identification told it.</summary>
    public string? NodeIdentifier { get; init; }

    /// <summary>Router or end device, when a node identification told it.</summary>
    public XBeeDeviceType? DeviceType { get; init; }
}
