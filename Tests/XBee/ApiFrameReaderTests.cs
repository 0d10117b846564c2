using ZigBee.XBee.Frames;
using static ZigBee.Tests.XBee.XBeeVectors;

namespace ZigBee.Tests.XBee;

/// <summary>The stream reader: frames in any chunks, garbage, bad checksums, cut-off and oversized frames, in both modes.</summary>
[TestClass]
public sealed class ApiFrameReaderTests
{
    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public void FramesSplitIntoSingleBytes(ApiMode mode)
    {
        var stream = Concat(mode, All);
        var reader = new ApiFrameReader(mode);
        var frames = new List<byte[]>();
        foreach (var value in stream)
        {
            ReadOnlySpan<byte> chunk = [value];
            while (reader.TryRead(ref chunk, out var frameData))
            {
                frames.Add(frameData.ToArray());
            }

            Assert.IsTrue(chunk.IsEmpty);
        }

        AssertFrames(All, frames);
        Assert.AreEqual(All.Length, reader.Counters.Frames);
        Assert.AreEqual(0, reader.Counters.BytesSkipped);
        Assert.AreEqual(0, reader.Counters.Rejected);
        Assert.IsFalse(reader.InFrame);
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public void FramesInRandomChunks(ApiMode mode)
    {
        var stream = Concat(mode, All);
        var random = new Random(7);
        for (var round = 0; round < 50; round++)
        {
            var reader = new ApiFrameReader(mode);
            var frames = new List<byte[]>();
            var at = 0;
            while (at < stream.Length)
            {
                var size = Math.Min(random.Next(1, 40), stream.Length - at);
                ReadOnlySpan<byte> chunk = stream.AsSpan(at, size);
                at += size;
                while (reader.TryRead(ref chunk, out var frameData))
                {
                    frames.Add(frameData.ToArray());
                }
            }

            AssertFrames(All, frames);
        }
    }

    [TestMethod]
    public void OneCallReturnsOneFrameAndLeavesTheRest()
    {
        var stream = Concat(ApiMode.Unescaped, [ModemStatusCoordinatorStarted, Tx154Status]);
        var reader = new ApiFrameReader(ApiMode.Unescaped);
        ReadOnlySpan<byte> input = stream;
        Assert.IsTrue(reader.TryRead(ref input, out var first));
        CollectionAssert.AreEqual(FrameData(ModemStatusCoordinatorStarted), first.ToArray());
        Assert.AreEqual(Bytes(Tx154Status).Length, input.Length);
        Assert.IsTrue(reader.TryRead(ref input, out var second));
        CollectionAssert.AreEqual(FrameData(Tx154Status), second.ToArray());
        Assert.IsFalse(reader.TryRead(ref input, out _));
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public void GarbageBetweenFramesIsCountedAsSkipped(ApiMode mode)
    {
        byte[] garbage = [0x00, 0xFF, 0x12, 0x55];
        var stream = Join(garbage, Encode(mode, TransmitStatus), garbage, garbage, Encode(mode, Rx16), garbage);
        var reader = ReadAll(mode, stream, out var frames);
        AssertFrames([TransmitStatus, Rx16], frames);
        Assert.AreEqual(4 * garbage.Length, reader.Counters.BytesSkipped);
        Assert.AreEqual(0, reader.Counters.Rejected);
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public void BadChecksumIsSkippedAndTheNextFrameRead(ApiMode mode)
    {
        var bad = Encode(mode, ExplicitRx);
        bad[^1] ^= 0x01;
        var reader = ReadAll(mode, Join(bad, Encode(mode, TransmitStatus)), out var frames);
        AssertFrames([TransmitStatus], frames);
        Assert.AreEqual(1, reader.Counters.BadChecksums);
        Assert.AreEqual(1, reader.Counters.Frames);
    }

    [TestMethod]
    public void EscapedTruncatedFrameIsCutByTheNextDelimiter()
    {
        var cut = Encode(ApiMode.Escaped, ExplicitRx)[..12];
        var reader = ReadAll(ApiMode.Escaped, Join(cut, Encode(ApiMode.Escaped, TransmitStatus)), out var frames);
        AssertFrames([TransmitStatus], frames);
        Assert.AreEqual(1, reader.Counters.Truncated);
        Assert.AreEqual(0, reader.Counters.BadChecksums);
        Assert.AreEqual(0, reader.Counters.BytesSkipped);
    }

    [TestMethod]
    public void UnescapedTruncatedFrameDoesNotHideTheFrameInsideIt()
    {
        // The cut frame's length swallows the whole next frame; its checksum then fails, and the bytes after its
        // delimiter are scanned again, where the next frame is found intact.
        var cut = Encode(ApiMode.Unescaped, ExplicitRx)[..12];
        var stream = Join(cut, Encode(ApiMode.Unescaped, TransmitStatus), Encode(ApiMode.Unescaped, ModemStatusCoordinatorStarted), new byte[20]);
        var reader = ReadAll(ApiMode.Unescaped, stream, out var frames);
        AssertFrames([TransmitStatus, ModemStatusCoordinatorStarted], frames);
        Assert.AreEqual(1, reader.Counters.BadChecksums);
    }

    [TestMethod]
    public void UnescapedFrameHiddenInAFailedFrameIsFoundWhenDeliveredByteByByte()
    {
        var cut = Encode(ApiMode.Unescaped, RemoteAtCommandResponseSl)[..9];
        var stream = Join(cut, Encode(ApiMode.Unescaped, ReceivePacket), Encode(ApiMode.Unescaped, Tx154Status), new byte[30]);
        var reader = new ApiFrameReader(ApiMode.Unescaped);
        var frames = new List<byte[]>();
        foreach (var value in stream)
        {
            ReadOnlySpan<byte> chunk = [value];
            while (reader.TryRead(ref chunk, out var frameData))
            {
                frames.Add(frameData.ToArray());
            }
        }

        AssertFrames([ReceivePacket, Tx154Status], frames);
    }

    [TestMethod]
    public void UnescapedDelimiterAsDataIsNotAFrameStart()
    {
        // A remote 16-bit address of 0x7E7E: legal data in mode 1.
        byte[] data = [(byte)ApiFrameType.TransmitStatus, 0x01, 0x7E, 0x7E, 0x00, 0x00, 0x00];
        var wire = new byte[ApiFrame.MaxEncodedLength(data.Length)];
        var written = ApiFrame.Encode(data, ApiMode.Unescaped, wire);
        var reader = ReadAll(ApiMode.Unescaped, wire[..written], out var frames);
        Assert.HasCount(1, frames);
        CollectionAssert.AreEqual(data, frames[0]);
        Assert.AreEqual(0, reader.Counters.Rejected);
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public void OversizedAndEmptyLengthsAreRefused(ApiMode mode)
    {
        var reader = ReadAll(mode, Join([0x7E, 0x04, 0x01], [0x7E, 0x00, 0x00], Encode(mode, ModemStatusCoordinatorStarted)), out var frames, maxFrameDataLength: 1024);
        AssertFrames([ModemStatusCoordinatorStarted], frames);
        Assert.AreEqual(1, reader.Counters.Oversized);
        Assert.AreEqual(1, reader.Counters.EmptyFrames);
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public void SmallLimitRefusesLongFramesButKeepsShortOnes(ApiMode mode)
    {
        var reader = ReadAll(mode, Join(Encode(mode, ExplicitRx), Encode(mode, Tx154Status)), out var frames, maxFrameDataLength: 8);
        AssertFrames([Tx154Status], frames);
        Assert.AreEqual(1, reader.Counters.Oversized);
    }

    [TestMethod]
    public void ResetDropsAFrameInProgress()
    {
        var whole = Encode(ApiMode.Escaped, TransmitStatus);
        var reader = new ApiFrameReader(ApiMode.Escaped);
        ReadOnlySpan<byte> head = whole.AsSpan(0, 5);
        Assert.IsFalse(reader.TryRead(ref head, out _));
        Assert.IsTrue(reader.InFrame);
        reader.Reset();
        Assert.IsFalse(reader.InFrame);
        ReadOnlySpan<byte> tail = whole.AsSpan(5);
        Assert.IsFalse(reader.TryRead(ref tail, out _));
        Assert.AreEqual(whole.Length - 5, reader.Counters.BytesSkipped);
    }

    [TestMethod]
    public void ModeChangeAppliesToTheNextFrame()
    {
        var reader = new ApiFrameReader(ApiMode.Unescaped);
        ReadAll(reader, Encode(ApiMode.Unescaped, TransmitRequest), out var first);
        reader.Mode = ApiMode.Escaped;
        ReadAll(reader, Bytes(TransmitRequestEscaped), out var second);
        Assert.HasCount(1, first);
        Assert.HasCount(1, second);
        CollectionAssert.AreEqual(first[0], second[0]);
        Assert.AreEqual(ApiMode.Escaped, reader.Mode);
    }

    [TestMethod]
    public void ConstructorRefusesImpossibleLimits()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ApiFrameReader(ApiMode.Escaped, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ApiFrameReader(ApiMode.Escaped, 0x10000));
    }

    internal static byte[] Encode(ApiMode mode, string vector)
    {
        var data = FrameData(vector);
        var wire = new byte[ApiFrame.MaxEncodedLength(data.Length)];
        return wire[..ApiFrame.Encode(data, mode, wire)];
    }

    private static byte[] Concat(ApiMode mode, IEnumerable<string> vectors) => Join([.. vectors.Select(vector => Encode(mode, vector))]);

    private static byte[] Join(params byte[][] parts) => [.. parts.SelectMany(part => part)];

    private static ApiFrameReader ReadAll(ApiMode mode, byte[] stream, out List<byte[]> frames, int maxFrameDataLength = 1024)
    {
        var reader = new ApiFrameReader(mode, maxFrameDataLength);
        ReadAll(reader, stream, out frames);
        return reader;
    }

    private static void ReadAll(ApiFrameReader reader, byte[] stream, out List<byte[]> frames)
    {
        frames = [];
        ReadOnlySpan<byte> input = stream;
        while (reader.TryRead(ref input, out var frameData))
        {
            frames.Add(frameData.ToArray());
        }

        Assert.IsTrue(input.IsEmpty);
    }

    private static void AssertFrames(IReadOnlyList<string> expected, List<byte[]> frames)
    {
        Assert.HasCount(expected.Count, frames);
        for (var i = 0; i < expected.Count; i++)
        {
            CollectionAssert.AreEqual(FrameData(expected[i]), frames[i], expected[i]);
        }
    }
}
