using BenchmarkDotNet.Attributes;
using ZigBee.Mac.Frames;

namespace ZigBee.Benchmarks;

/// <summary>Per-frame cost of the MAC wire format: decode a typical data frame and a beacon, encode a data frame.</summary>
[MemoryDiagnoser]
public class MacFrameBenchmarks
{
    // NWK/APS/ZCL Toggle data frame with FCS (../shared/VECTORS.md).
    private static readonly byte[] Toggle = Convert.FromHexString("61 88 03 62 1A 34 12 00 00 48 00 34 12 00 00 1E 10 00 01 06 00 04 01 01 07 01 05 02 BF B7".Replace(" ", string.Empty, StringComparison.Ordinal));

    private readonly byte[] beacon = BuildBeacon();
    private readonly byte[] destination = new byte[127];
    private readonly byte[] payload = Toggle[9..^2];
    private readonly MacHeader header = MacHeader.Data(3, 0x1A62, MacAddress.FromShort(0x1234), MacAddress.FromShort(0x0000), ackRequest: true);

    [Benchmark]
    public bool TryDecodeDataFrame() => MacFrame.TryDecode(Toggle, out _);

    [Benchmark]
    public bool TryDecodeBeacon() => MacFrame.TryDecode(beacon, out _);

    [Benchmark]
    public int EncodeDataFrame() => MacFrame.Encode(header, payload, destination);

    /// <summary>A ZigBee router's beacon: non-beacon superframe, no GTS or pending addresses, 15-byte beacon payload.</summary>
    private static byte[] BuildBeacon()
    {
        var macPayload = new byte[32];
        var length = Beacon.Encode(
            SuperframeSpecification.NonBeacon(panCoordinator: true, associationPermit: true),
            [],
            [],
            Convert.FromHexString("0022840102030405060708FFFFFF00"),
            macPayload);
        var beaconHeader = new MacHeader(FrameControl.Create(MacFrameType.Beacon, MacAddressingMode.None, MacAddressingMode.Short), 9, 0, MacAddress.None, 0x1A62, MacAddress.FromShort(0));
        var frame = new byte[127];
        return frame[..MacFrame.Encode(beaconHeader, macPayload.AsSpan(0, length), frame)];
    }
}
