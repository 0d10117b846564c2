using ZigBee.Simulation.Pcap;
using ZigBee.Tests.Mac;

namespace ZigBee.Tests.Simulation;

[TestClass]
public sealed class PcapWriterTests
{
    [TestMethod]
    public void WritesClassicLittleEndianHeaderAndRecords()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, leaveOpen: true))
        {
            // 2021-01-01T00:00:01.5000019Z: 1609459201 s, 500001 µs (the 9 ticks below a microsecond are dropped).
            writer.Write(new DateTimeOffset(2021, 1, 1, 0, 0, 1, TimeSpan.Zero).AddTicks(5_000_019), FrameHex.Parse("02 00 6A E4 79"));
            Assert.AreEqual(1, writer.RecordCount);
        }

        var expected = FrameHex.Parse(
            "D4 C3 B2 A1 02 00 04 00 00 00 00 00 00 00 00 00 FF FF 00 00 C3 00 00 00" + // global header, link type 195
            "01 66 EE 5F 21 A1 07 00 05 00 00 00 05 00 00 00" + // 0x5FEE6601 s, 0x07A121 µs, 5 bytes
            "02 00 6A E4 79");
        CollectionAssert.AreEqual(expected, stream.ToArray());
    }

    [TestMethod]
    public void ReaderReadsWhatWriterWrote()
    {
        using var stream = new MemoryStream();
        var start = new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
        using (var writer = new PcapWriter(stream, PcapLinkType.Ieee802154NoFcs, leaveOpen: true))
        {
            for (var i = 0; i < 100; i++)
            {
                writer.Write(start.AddMicroseconds(i * 1234), Enumerable.Range(0, i % 128).Select(b => (byte)(b + i)).ToArray());
            }
        }

        stream.Position = 0;
        using var reader = new PcapReader(stream);
        Assert.AreEqual(PcapLinkType.Ieee802154NoFcs, reader.LinkType);
        Assert.IsFalse(reader.HasFcs);
        for (var i = 0; i < 100; i++)
        {
            Assert.IsTrue(reader.TryReadNext(out var record));
            Assert.AreEqual(start.AddMicroseconds(i * 1234), record.Timestamp);
            Assert.AreEqual(i % 128, record.Data.Length);
            Assert.AreEqual(record.Data.Length, record.OriginalLength);
            Assert.IsFalse(record.Truncated);
            CollectionAssert.AreEqual(Enumerable.Range(0, i % 128).Select(b => (byte)(b + i)).ToArray(), record.Data.ToArray());
        }

        Assert.IsFalse(reader.TryReadNext(out _));
    }

    [TestMethod]
    public void TimestampsOutsidePcapRangeAreRefused()
    {
        using var writer = new PcapWriter(new MemoryStream());
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => writer.Write(DateTimeOffset.UnixEpoch.AddTicks(-1), [1, 2]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => writer.Write(new DateTimeOffset(2107, 1, 1, 0, 0, 0, TimeSpan.Zero), [1, 2]));
        Assert.AreEqual(0, writer.RecordCount);
    }

    [TestMethod]
    public void WritingARecordAllocatesNothing()
    {
        using var stream = new MemoryStream(new byte[1 << 20], writable: true);
        using var writer = new PcapWriter(stream);
        var frame = FrameHex.Parse("61 88 03 62 1A 34 12 00 00 48 00 34 12 00 00 1E 10 00 01 06 00 04 01 01 07 01 05 02 BF B7");
        var time = DateTimeOffset.UnixEpoch;
        writer.Write(time, frame); // warm up
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            writer.Write(time.AddMilliseconds(i), frame);
        }

        Assert.AreEqual(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
