using BenchmarkDotNet.Attributes;
using ZigBee.Mac.Frames;
using ZigBee.Zdo.Frames;

namespace ZigBee.Benchmarks;

/// <summary>
/// Per-message cost of the ZDP codec: decode (reading every field and list element) and encode of a Node_Desc_rsp, a
/// Simple_Desc_rsp with eight clusters and a Mgmt_Lqi_rsp with three neighbors. Target: no allocation.
/// </summary>
[MemoryDiagnoser]
public class ZdpFrameBenchmarks
{
    private static readonly ushort[] InputClusters = [0x0000, 0x0003, 0x0004, 0x0005, 0x0006, 0x0008, 0x0300];
    private static readonly ushort[] OutputClusters = [0x0019];

    private static readonly ZdpNeighborTableEntry[] Neighbors =
    [
        new(0xDDDDDDDDDDDDDDDD, 0x00124B0001020304, 0x796F, ZdpNeighborDeviceType.EndDevice, ZdpRxOnWhenIdle.Off, ZdpNeighborRelationship.Child, ZdpPermitJoining.NotAccepting, 1, 200),
        new(0xDDDDDDDDDDDDDDDD, 0x00124B00AABBCCDD, 0x1234, ZdpNeighborDeviceType.Router, ZdpRxOnWhenIdle.On, ZdpNeighborRelationship.Sibling, ZdpPermitJoining.Accepting, 2, 120),
        new(0xDDDDDDDDDDDDDDDD, 0x00124B0011223344, 0x0000, ZdpNeighborDeviceType.Coordinator, ZdpRxOnWhenIdle.On, ZdpNeighborRelationship.Parent, ZdpPermitJoining.Accepting, 0, 255),
    ];

    private readonly NodeDescResponse node = new(ZdpStatus.Success, 0x796F, new NodeDescriptor(
        ZdpLogicalType.Router, false, false, 0, ZdpFrequencyBands.Band2400MHz, CapabilityInformation.Create(true, true, true), 0x115F, 82, 128,
        ZdpServerMask.Create(), 128, ZdpDescriptorCapability.None));

    private readonly byte[] destination = new byte[127];
    private readonly byte[] nodeBytes;
    private readonly byte[] simpleBytes;
    private readonly byte[] lqiBytes;

    public ZdpFrameBenchmarks()
    {
        nodeBytes = destination[..node.Encode(destination)];
        simpleBytes = destination[..EncodeSimpleDescResponse()];
        lqiBytes = destination[..EncodeMgmtLqiResponse()];
    }

    [Benchmark]
    public int DecodeNodeDescResponse() =>
        NodeDescResponse.TryDecode(nodeBytes, out var response) ? response.Descriptor.ManufacturerCode + response.Descriptor.MaximumIncomingTransferSize : -1;

    [Benchmark]
    public int DecodeSimpleDescResponse()
    {
        if (!SimpleDescResponse.TryDecode(simpleBytes, out var response))
        {
            return -1;
        }

        var sum = response.Descriptor.ProfileId;
        foreach (var cluster in response.Descriptor.InputClusters)
        {
            sum += cluster;
        }

        foreach (var cluster in response.Descriptor.OutputClusters)
        {
            sum += cluster;
        }

        return sum;
    }

    [Benchmark]
    public int DecodeMgmtLqiResponse()
    {
        if (!MgmtLqiResponse.TryDecode(lqiBytes, out var response))
        {
            return -1;
        }

        var sum = 0;
        foreach (var neighbor in response.Neighbors)
        {
            sum += neighbor.Lqi + neighbor.NetworkAddress;
        }

        return sum;
    }

    [Benchmark]
    public int EncodeNodeDescResponse() => node.Encode(destination);

    [Benchmark]
    public int EncodeSimpleDescResponse() => new SimpleDescResponse
    {
        Status = ZdpStatus.Success,
        NwkAddrOfInterest = 0x796F,
        Descriptor = new SimpleDescriptor { Endpoint = 1, ProfileId = 0x0104, DeviceId = 0x0102, DeviceVersion = 1, InputClusters = InputClusters, OutputClusters = OutputClusters },
    }.Encode(destination);

    [Benchmark]
    public int EncodeMgmtLqiResponse() => new MgmtLqiResponse
    {
        Status = ZdpStatus.Success,
        NeighborTableEntries = 3,
        StartIndex = 0,
        Neighbors = Neighbors,
    }.Encode(destination);
}
