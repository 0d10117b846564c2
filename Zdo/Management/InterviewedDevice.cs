using ZigBee.Zdo.Frames;
using ZigBee.Zdo.Service;

namespace ZigBee.Zdo.Management;

/// <summary>What the network manager learned about a device by interviewing it: its descriptors and endpoints.</summary>
public sealed record InterviewedDevice(
    ulong IeeeAddress,
    ushort NetworkAddress,
    NodeDescriptor NodeDescriptor,
    PowerDescriptor? PowerDescriptor,
    IReadOnlyList<ZdoEndpoint> Endpoints,
    DateTimeOffset InterviewedAt);
