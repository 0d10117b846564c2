using BenchmarkDotNet.Attributes;
using ZigBee.Aps.Frames;

namespace ZigBee.Benchmarks;

/// <summary>
/// Per-frame cost of the APS header codec: decode and encode a unicast data frame, a fragmented block (extended header)
/// and a data acknowledgement. Target: no allocation.
/// </summary>
[MemoryDiagnoser]
public class ApsFrameBenchmarks
{
    private static readonly byte[] ZclToggle = [0x01, 0x05, 0x02];

    private readonly ApsHeader data = ApsHeader.Unicast(1, 0x0006, 0x0104, 2, 7, ackRequest: true);
    private readonly ApsHeader block = ApsHeader.Unicast(1, 0x0019, 0x0104, 2, 40, ackRequest: true).AsBlock(ApsFragmentation.Subsequent, 2);
    private readonly ApsHeader ack = ApsHeader.DataAck(2, 0x0006, 0x0104, 1, 7);
    private readonly byte[] destination = new byte[127];
    private readonly byte[] dataBytes;
    private readonly byte[] blockBytes;
    private readonly byte[] ackBytes;

    public ApsFrameBenchmarks()
    {
        dataBytes = destination[..ApsFrame.Encode(data, ZclToggle, destination)];
        blockBytes = destination[..ApsFrame.Encode(block, new byte[60], destination)];
        ackBytes = destination[..ApsFrame.EncodeHeader(ack, destination)];
    }

    [Benchmark]
    public int DecodeData() => ApsFrame.TryDecode(dataBytes, out var frame) ? frame.Header.ClusterId + frame.PayloadLength : -1;

    [Benchmark]
    public int DecodeBlock() => ApsFrame.TryDecode(blockBytes, out var frame) ? frame.Header.BlockNumber + frame.PayloadLength : -1;

    [Benchmark]
    public int DecodeAck() => ApsFrame.TryDecode(ackBytes, out var frame) ? frame.Header.Counter : -1;

    [Benchmark]
    public int EncodeData() => ApsFrame.Encode(data, ZclToggle, destination);

    [Benchmark]
    public int EncodeBlockHeader() => ApsFrame.EncodeHeader(block, destination);

    [Benchmark]
    public int EncodeAck() => ApsFrame.EncodeHeader(ack, destination);
}
