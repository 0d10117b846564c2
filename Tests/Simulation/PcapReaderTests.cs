using System.Buffers.Binary;
using ZigBee.Simulation.Pcap;
using ZigBee.Tests.Mac;

namespace ZigBee.Tests.Simulation;

[TestClass]
public sealed class PcapReaderTests
{
    private static readonly byte[] Ack = FrameHex.Parse("02 00 6A E4 79");

    [TestMethod]
    [DataRow(false, false)]
    [DataRow(true, false)]
    [DataRow(false, true)]
    [DataRow(true, true)]
    public void BothByteOrdersAndTimestampResolutions(bool bigEndian, bool nanosecond)
    {
        var file = Build(bigEndian, nanosecond, 195, (1_700_000_000u, nanosecond ? 123_456_789u : 123_456u, Ack, Ack.Length));
        using var reader = new PcapReader(new MemoryStream(file));
        Assert.AreEqual(bigEndian, reader.BigEndian);
        Assert.AreEqual(nanosecond, reader.Nanosecond);
        Assert.AreEqual(195u, reader.LinkType);
        Assert.IsTrue(reader.HasFcs);
        Assert.AreEqual(2, reader.MajorVersion);
        Assert.AreEqual(4, reader.MinorVersion);
        Assert.IsTrue(reader.TryReadNext(out var record));
        var expected = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddTicks(nanosecond ? 1_234_567 : 1_234_560);
        Assert.AreEqual(expected, record.Timestamp);
        CollectionAssert.AreEqual(Ack, record.Data.ToArray());
        Assert.IsFalse(reader.TryReadNext(out _));
        Assert.AreEqual(1, reader.RecordCount);
    }

    [TestMethod]
    public void SnapshotTruncatedRecordIsReported()
    {
        var file = Build(false, false, 195, (1, 0, Ack[..3], 5));
        using var reader = new PcapReader(new MemoryStream(file));
        Assert.IsTrue(reader.TryReadNext(out var record));
        Assert.IsTrue(record.Truncated);
        Assert.AreEqual(5, record.OriginalLength);
    }

    [TestMethod]
    public void PcapNgIsRefusedByName()
    {
        var file = FrameHex.Parse("0A 0D 0D 0A 1C 00 00 00 4D 3C 2B 1A 01 00 00 00 FF FF FF FF FF FF FF FF 1C 00 00 00");
        var exception = Assert.ThrowsExactly<PcapFormatException>(() => new PcapReader(new MemoryStream(file)));
        StringAssert.Contains(exception.Message, "pcapng");
    }

    [TestMethod]
    public void OtherLinkTypesAreRefused()
    {
        foreach (var linkType in new uint[] { 1, 113, 215, 0xFFFF })
        {
            var exception = Assert.ThrowsExactly<PcapFormatException>(() => new PcapReader(new MemoryStream(Build(false, false, linkType))));
            StringAssert.Contains(exception.Message, $"link type {linkType}");
        }
    }

    [TestMethod]
    public void WrongMagicEmptyAndGarbageAreRefused()
    {
        Assert.ThrowsExactly<PcapFormatException>(() => new PcapReader(new MemoryStream([])));
        Assert.ThrowsExactly<PcapFormatException>(() => new PcapReader(new MemoryStream([0xD4, 0xC3])));
        Assert.ThrowsExactly<PcapFormatException>(() => new PcapReader(new MemoryStream("#Format=4\r\n# SNA v3.0\r\n"u8.ToArray())));
        var wrongMagic = Build(false, false, 195);
        wrongMagic[0] = 0xD5;
        StringAssert.Contains(Assert.ThrowsExactly<PcapFormatException>(() => new PcapReader(new MemoryStream(wrongMagic))).Message, "not a pcap");
        var wrongVersion = Build(false, false, 195);
        wrongVersion[4] = 3;
        StringAssert.Contains(Assert.ThrowsExactly<PcapFormatException>(() => new PcapReader(new MemoryStream(wrongVersion))).Message, "version");
    }

    [TestMethod]
    public void EveryTruncationOfAFileFailsCleanlyOrEndsCleanly()
    {
        var file = Build(false, false, 195, (1, 2, Ack, 5), (3, 4, Ack, 5));
        for (var length = 0; length < file.Length; length++)
        {
            var outcome = ReadAll(file[..length]);
            var atRecordBoundary = length == 24 || length == 24 + 21;
            Assert.AreEqual(atRecordBoundary ? "ok" : "format", outcome, $"length {length}");
        }

        Assert.AreEqual("ok", ReadAll(file));
    }

    [TestMethod]
    public void ImpossibleRecordsAreRefused()
    {
        var huge = Build(false, false, 195, (1, 0, Ack, 5));
        BinaryPrimitives.WriteUInt32LittleEndian(huge.AsSpan(24 + 8), 0x7FFF_FFFF);
        Assert.AreEqual("format", ReadAll(huge));
        var badFraction = Build(false, false, 195, (1, 1_000_000, Ack, 5));
        Assert.AreEqual("format", ReadAll(badFraction));
    }

    [TestMethod]
    public void RandomGarbageNeverThrowsAnythingElse()
    {
        var random = new Random(195);
        var valid = Build(false, false, 195, (1, 2, Ack, 5), (3, 4, Ack, 5), (5, 6, Ack, 5));
        for (var i = 0; i < 20_000; i++)
        {
            var file = (byte[])valid.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                file[random.Next(file.Length)] = (byte)random.Next(256);
            }

            var outcome = ReadAll(file[..random.Next(file.Length + 1)]);
            Assert.IsTrue(outcome is "ok" or "format", outcome);
        }
    }

    [TestMethod]
    public void SharedCapturesOpenWithTheirLinkTypes()
    {
        using (var reader = PcapReader.Open(TestPaths.Capture("killerbee/control4-sample.pcap")))
        {
            Assert.AreEqual(195u, reader.LinkType);
        }

        using (var reader = PcapReader.Open(TestPaths.Capture("scapy/zigbee-join-authenticate.pcap")))
        {
            Assert.AreEqual(230u, reader.LinkType);
            Assert.IsFalse(reader.HasFcs);
        }
    }

    private static string ReadAll(byte[] file)
    {
        try
        {
            using var reader = new PcapReader(new MemoryStream(file));
            while (reader.TryReadNext(out _))
            {
            }

            return "ok";
        }
        catch (PcapFormatException)
        {
            return "format";
        }
        catch (Exception exception)
        {
            return exception.GetType().Name + ": " + exception.Message;
        }
    }

    /// <summary>A classic pcap file in either byte order with the given records (seconds, fraction, data, original length).</summary>
    internal static byte[] Build(bool bigEndian, bool nanosecond, uint linkType, params (uint Seconds, uint Fraction, byte[] Data, int Original)[] records)
    {
        var output = new List<byte>();
        void U32(uint value)
        {
            var bytes = new byte[4];
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
            }

            output.AddRange(bytes);
        }

        void U16(ushort value)
        {
            var bytes = new byte[2];
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
            }

            output.AddRange(bytes);
        }

        U32(nanosecond ? PcapReader.MagicNanoseconds : PcapReader.MagicMicroseconds);
        U16(2);
        U16(4);
        U32(0);
        U32(0);
        U32(65535);
        U32(linkType);
        foreach (var (seconds, fraction, data, original) in records)
        {
            U32(seconds);
            U32(fraction);
            U32((uint)data.Length);
            U32((uint)original);
            output.AddRange(data);
        }

        return [.. output];
    }
}
