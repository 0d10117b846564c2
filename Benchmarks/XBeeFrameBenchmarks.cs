using BenchmarkDotNet.Attributes;
using ZigBee.XBee.Frames;

namespace ZigBee.Benchmarks;

/// <summary>
/// Per-frame cost of the XBee API codec for an explicit addressing frame (0x11) with a 40-byte payload, in API mode 1
/// and escaped mode 2: encode (typed frame, then framing) and decode (the stream reader over a buffer of frames, then the
/// typed decode). Target: no allocation.
/// </summary>
[MemoryDiagnoser]
public class XBeeFrameBenchmarks
{
    private const int FramesPerBuffer = 64;

    private readonly byte[] payload = new byte[40];
    private readonly byte[] frameData = new byte[64];
    private readonly byte[] wire = new byte[ApiFrame.MaxEncodedLength(64)];
    private byte[] stream = [];
    private ApiFrameReader reader = new(ApiMode.Unescaped);

    [Params(ApiMode.Unescaped, ApiMode.Escaped)]
    public ApiMode Mode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // A fixed pseudo-random payload: in escaped mode some of its bytes need escaping, as real ZCL payloads do.
        new Random(40).NextBytes(payload);
        var one = wire[..Encode()];
        stream = [.. Enumerable.Repeat(one, FramesPerBuffer).SelectMany(frame => frame)];
        reader = new ApiFrameReader(Mode);
    }

    [Benchmark]
    public int Encode()
    {
        var length = new ExplicitAddressingCommandFrame(1, 0x0013A20040522BAA, 0x7D84, 0xE8, 0x01, 0x0006, 0x0104, 0, TransmitOptions.None, payload).Encode(frameData);
        return ApiFrame.Encode(frameData.AsSpan(0, length), Mode, wire);
    }

    [Benchmark(OperationsPerInvoke = FramesPerBuffer)]
    public int Decode()
    {
        ReadOnlySpan<byte> input = stream;
        var sum = 0;
        while (reader.TryRead(ref input, out var received))
        {
            if (ExplicitAddressingCommandFrame.TryDecode(received, out var frame))
            {
                sum += frame.ClusterId + frame.Data.Length;
            }
        }

        return sum;
    }
}
