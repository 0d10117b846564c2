using ZigBee.XBee.Frames;

namespace ZigBee.Tests.XBee;

/// <summary>
/// A million mutations (fixed seeds) of frame data for every typed decoder, and of byte streams for the reader in both
/// modes: nothing throws, whatever decodes re-encodes to the same bytes, and the reader's counters add up.
/// </summary>
[TestClass]
public sealed class XBeeHostileTests
{
    private const int Iterations = 1_000_000;

    [TestMethod]
    public void TypedDecodersSurviveMutatedFrameData()
    {
        var corpus = Corpus();
        var random = new Random(0x7E7D);
        var buffer = new byte[400];
        var again = new byte[400];
        var decoded = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var length = Mutate(corpus[random.Next(corpus.Count)], buffer, random);
            var input = buffer.AsSpan(0, length);
            try
            {
                var accepted = XBeeCodecs.DecodeWithAll(input, again);
                Assert.IsLessThanOrEqualTo(1, accepted, Convert.ToHexString(input));
                decoded += accepted;
                Assert.IsFalse(string.IsNullOrEmpty(ApiFrameNames.Describe(input)));
            }
            catch (Exception exception) when (exception is not AssertFailedException)
            {
                Assert.Fail($"{exception.GetType().Name} on iteration {i}, input {Convert.ToHexString(input)}: {exception.Message}");
            }
        }

        // The mutations must leave many frames decodable, or the test would only be exercising the refusals.
        Assert.IsGreaterThan(Iterations / 10, decoded);
        Assert.IsLessThan(Iterations, decoded);
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped, 11)]
    [DataRow(ApiMode.Escaped, 12)]
    public void ReaderSurvivesMutatedStreamsAndItsCountersAddUp(ApiMode mode, int seed)
    {
        var corpus = Corpus();
        var random = new Random(seed);
        var frame = new byte[400];
        var again = new byte[400];
        var stream = new byte[4096];
        long delimiters = 0;
        long total = 0;
        var reader = new ApiFrameReader(mode, maxFrameDataLength: 300);
        var streams = Iterations / 4;
        for (var i = 0; i < streams; i++)
        {
            // Four mutated frames (mutated as frame data or as wire bytes) per stream, fed in random chunks.
            var streamLength = 0;
            for (var f = 0; f < 4; f++)
            {
                var dataLength = Mutate(corpus[random.Next(corpus.Count)], frame, random);
                if (dataLength == 0)
                {
                    continue;
                }

                var wire = stream.AsSpan(streamLength);
                var written = ApiFrame.Encode(frame.AsSpan(0, dataLength), mode, wire);
                if (random.Next(3) == 0)
                {
                    written = MutateWire(wire, written, random);
                }

                streamLength += written;
            }

            var bytes = stream.AsSpan(0, streamLength);
            delimiters += bytes.Count(ApiFrame.StartDelimiter);
            total += streamLength;
            var at = 0;
            try
            {
                while (at < streamLength)
                {
                    var size = Math.Min(random.Next(1, 64), streamLength - at);
                    ReadOnlySpan<byte> chunk = bytes.Slice(at, size);
                    at += size;
                    while (reader.TryRead(ref chunk, out var frameData))
                    {
                        Assert.IsTrue(frameData.Length is > 0 and <= 300);
                        XBeeCodecs.DecodeWithAll(frameData, again);
                    }
                }
            }
            catch (Exception exception) when (exception is not AssertFailedException)
            {
                Assert.Fail($"{exception.GetType().Name} on stream {i}, {Convert.ToHexString(bytes)}: {exception.Message}");
            }
        }

        var counters = reader.Counters;
        var started = counters.Frames + counters.Rejected + (reader.InFrame ? 1 : 0);
        if (mode == ApiMode.Escaped)
        {
            // Every 0x7E starts a frame, which ends in exactly one counter.
            Assert.AreEqual(delimiters, started, counters.ToString());
        }
        else
        {
            // A 0x7E inside a frame is data, and each delimiter starts at most one frame even when scanned again.
            Assert.IsLessThanOrEqualTo(delimiters, started, counters.ToString());
        }

        Assert.IsLessThanOrEqualTo(total, counters.BytesSkipped);
        Assert.IsGreaterThan(streams, counters.Frames, counters.ToString());
        Assert.IsGreaterThan(0, counters.BadChecksums);
        Assert.IsGreaterThan(0, counters.Oversized + counters.EmptyFrames);
        Assert.IsGreaterThan(0, counters.BytesSkipped);
        if (mode == ApiMode.Escaped)
        {
            Assert.IsGreaterThan(0, counters.Truncated);
        }
    }

    private static List<byte[]> Corpus() =>
        [.. XBeeVectors.All.Select(XBeeVectors.FrameData), .. XBeeSamples.All().Select(sample => sample.FrameData)];

    /// <summary>Mutates frame data: bit flips, truncation, insertions of framing bytes, random bytes, a random API identifier.</summary>
    private static int Mutate(byte[] source, byte[] buffer, Random random)
    {
        source.CopyTo(buffer, 0);
        var length = source.Length;
        switch (random.Next(7))
        {
            case 0:
                for (var flips = random.Next(1, 5); flips > 0 && length > 0; flips--)
                {
                    buffer[random.Next(length)] ^= (byte)(1 << random.Next(8));
                }

                break;
            case 1:
                length = random.Next(length + 1);
                break;
            case 2:
                length = Insert(buffer, length, random, random.Next(2) == 0 ? ApiFrame.StartDelimiter : ApiFrame.Escape);
                break;
            case 3:
                var extra = random.Next(1, 24);
                random.NextBytes(buffer.AsSpan(length, extra));
                length += extra;
                break;
            case 4:
                length = random.Next(0, 120);
                random.NextBytes(buffer.AsSpan(0, length));
                break;
            case 5:
                if (length > 0)
                {
                    buffer[0] = (byte)random.Next(256);
                }

                break;
            default:
                if (length > 0)
                {
                    buffer[random.Next(length)] = random.Next(3) switch { 0 => 0x00, 1 => 0xFF, _ => 0x7E };
                }

                break;
        }

        return length;
    }

    /// <summary>Mutates encoded bytes: a random length field, a cut, a framing byte inserted, a bit flipped.</summary>
    private static int MutateWire(Span<byte> wire, int length, Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                wire[1] = (byte)random.Next(3);
                wire[2] = (byte)random.Next(256);
                return length;
            case 1:
                return random.Next(length + 1);
            case 2:
                var at = random.Next(1, length + 1);
                wire[at..length].CopyTo(wire[(at + 1)..]);
                wire[at] = random.Next(2) == 0 ? ApiFrame.StartDelimiter : ApiFrame.Escape;
                return length + 1;
            default:
                wire[random.Next(length)] ^= (byte)(1 << random.Next(8));
                return length;
        }
    }

    private static int Insert(byte[] buffer, int length, Random random, byte value)
    {
        var at = random.Next(length + 1);
        buffer.AsSpan(at, length - at).CopyTo(buffer.AsSpan(at + 1));
        buffer[at] = value;
        return length + 1;
    }
}
