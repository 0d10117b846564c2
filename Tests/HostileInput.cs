using System.Buffers;

namespace ZigBee.Tests;

/// <summary>
/// The mutation engine of the hostile-input tests: frames from a corpus are bit-flipped, truncated, extended, replaced
/// by noise or given random control fields and boundary values, with a fixed seed, and fed to a decoder that must
/// answer false or FrameFormatException — anything else fails the test with the input that caused it.
/// </summary>
internal static class HostileInput
{
    /// <summary>Decodes one mutated input; true when it decoded, false when it was refused.</summary>
    public delegate bool Exercise(ReadOnlySpan<byte> input);

    /// <summary>Runs <paramref name="iterations"/> mutations; returns how many decoded and how many were refused.</summary>
    /// <param name="boundary">A third boundary value (besides 0x00 and 0xFF) written over a random byte.</param>
    /// <param name="finish">Applied to each mutated frame, e.g. to give it a correct FCS; may be null.</param>
    public static (int Decoded, int Refused) Run(
        IReadOnlyList<byte[]> corpus, int seed, int iterations, byte boundary, Exercise exercise, SpanAction<byte, Random>? finish = null)
    {
        var random = new Random(seed);
        var buffer = new byte[200];
        var decoded = 0;
        var refused = 0;
        for (var i = 0; i < iterations; i++)
        {
            var length = Mutate(corpus[random.Next(corpus.Count)], buffer, random, boundary);
            finish?.Invoke(buffer.AsSpan(0, length), random);
            var input = buffer.AsSpan(0, length);
            try
            {
                if (exercise(input))
                {
                    decoded++;
                }
                else
                {
                    refused++;
                }
            }
            catch (Exception exception) when (exception is not AssertFailedException)
            {
                Assert.Fail($"{exception.GetType().Name} on iteration {i}, input {Convert.ToHexString(input)}: {exception.Message}");
            }
        }

        return (decoded, refused);
    }

    private static int Mutate(byte[] source, byte[] buffer, Random random, byte boundary)
    {
        source.CopyTo(buffer, 0);
        var length = source.Length;
        switch (random.Next(7))
        {
            case 0: // flip a few bits
                for (var flips = random.Next(1, 5); flips > 0 && length > 0; flips--)
                {
                    buffer[random.Next(length)] ^= (byte)(1 << random.Next(8));
                }

                break;
            case 1: // truncate
                length = random.Next(length + 1);
                break;
            case 2: // extend with random bytes
                var extra = random.Next(1, 24);
                random.NextBytes(buffer.AsSpan(length, extra));
                length += extra;
                break;
            case 3: // random bytes of random length
                length = random.Next(0, 140);
                random.NextBytes(buffer.AsSpan(0, length));
                break;
            case 4: // a random frame control: every type, version, mode and flag
                RandomFrameControl(buffer, length, random);
                break;
            case 5: // a random frame control, then truncation
                RandomFrameControl(buffer, length, random);
                length = random.Next(length + 1);
                break;
            default: // a boundary value somewhere (counts, lengths, modes, options)
                if (length > 0)
                {
                    buffer[random.Next(length)] = random.Next(3) switch { 0 => 0x00, 1 => 0xFF, _ => boundary };
                }

                break;
        }

        return length;
    }

    private static void RandomFrameControl(byte[] buffer, int length, Random random)
    {
        if (length >= 2)
        {
            buffer[0] = (byte)random.Next(256);
            buffer[1] = (byte)random.Next(256);
        }
    }
}
