using System.Buffers.Binary;
using ZigBee.Mac.Radio;
using ZigBee.Simulation.Medium;

namespace ZigBee.Tests.Simulation;

/// <summary>
/// The medium reads a frame's destination once and checks each receiver's filter against it; whatever the bytes, a
/// receiver must get exactly the frames <see cref="RadioFrameFilter.Accepts"/> passes and count the others as filtered.
/// </summary>
[TestClass]
public sealed class MediumFilterEquivalenceTests
{
    private const ushort Pan = 0x1A2B;
    private const ushort Short = 0x0042;
    private const ulong Extended = 0x00124B00DEADBEEF;

    [TestMethod]
    public void EveryReceiverPassesExactlyWhatItsFilterAccepts()
    {
        var filters = new[]
        {
            default,
            new RadioFrameFilter(false, Pan, Short, Extended, true, 7),
            new RadioFrameFilter(true, Pan, Short, Extended),
            new RadioFrameFilter(true, Pan, Short, Extended, AwaitingAcknowledgment: true, AcknowledgmentSequence: 7),
            new RadioFrameFilter(true, 0xFFFF, 0xFFFF, Extended, AwaitingAcknowledgment: true, AcknowledgmentSequence: 0xFF),
            new RadioFrameFilter(true, 0x0000, 0xFFFE, 0, AwaitingAcknowledgment: false, AcknowledgmentSequence: 7),
        };
        var bed = new MediumTestBed(filters.Length + 1);
        for (var i = 0; i < filters.Length; i++)
        {
            bed.Medium.LinkDirected(0, i + 1);
            bed[i + 1].SetFrameFilter(filters[i]);
        }

        var random = new Random(21);
        var expected = new int[filters.Length];
        var refused = 0;
        for (var n = 0; n < 4000; n++)
        {
            var psdu = MakeFrame(random);
            for (var i = 0; i < filters.Length; i++)
            {
                if (filters[i].Accepts(psdu))
                {
                    expected[i]++;
                }
                else
                {
                    refused++;
                }
            }

            var before = bed.Handlers.Select(h => h.Received.Count).ToArray();
            bed[0].Transmit(psdu);
            bed.Scheduler.RunUntilIdle();
            for (var i = 0; i < filters.Length; i++)
            {
                var got = bed.Handlers[i + 1].Received.Count - before[i + 1];
                Assert.AreEqual(filters[i].Accepts(psdu) ? 1 : 0, got, $"filter {i}, frame {Convert.ToHexString(psdu)}");
            }
        }

        for (var i = 0; i < filters.Length; i++)
        {
            Assert.HasCount(expected[i], bed.Handlers[i + 1].Received);
            Assert.AreEqual(4000L - expected[i], bed[i + 1].FramesFiltered);
        }

        Assert.AreEqual((long)refused, bed.Medium.Statistics.Filtered);
        Assert.IsGreaterThan(2000, expected.Skip(2).Sum(), "the filters that are on pass many frames");
        Assert.IsGreaterThan(2000, refused, "and refuse many");
    }

    /// <summary>Frames built to reach every branch of a filter: each frame type, version and addressing mode, PANs and addresses that match, are broadcast or differ, and lengths around where the destination ends.</summary>
    private static byte[] MakeFrame(Random random)
    {
        var type = random.Next(8);
        var version = random.Next(5) == 0 ? random.Next(2, 4) : random.Next(2);
        var mode = random.Next(4);
        var frameControl = type | (mode << 10) | (version << 12) | (random.Next(2) << 6);
        var length = random.Next(4) switch
        {
            0 => random.Next(1, 16),
            _ => random.Next(16, 128),
        };
        var psdu = new byte[length];
        random.NextBytes(psdu);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)frameControl);
        header[2] = random.Next(2) == 0 ? (byte)7 : (byte)random.Next(256);
        BinaryPrimitives.WriteUInt16LittleEndian(header[3..], Pick(random, Pan, 0xFFFF));
        if (mode == 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[5..], Pick(random, Short, 0xFFFF));
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(header[5..], random.Next(2) == 0 ? Extended : (ulong)random.NextInt64());
        }

        header[..Math.Min(length, header.Length)].CopyTo(psdu);
        return psdu;
    }

    private static ushort Pick(Random random, ushort match, ushort broadcast) => random.Next(3) switch
    {
        0 => match,
        1 => broadcast,
        _ => (ushort)random.Next(0x10000),
    };
}
