using ZigBee.Mac.Frames;

namespace ZigBee.Tests.Mac;

/// <summary>The table-driven FCS against a bit-by-bit CRC-16/KERMIT, for every length up to aMaxPHYPacketSize and beyond.</summary>
[TestClass]
public sealed class FcsReferenceTests
{
    [TestMethod]
    public void MatchesBitwiseReferenceForEveryLength()
    {
        var random = new Random(0x8408);
        var data = new byte[140];
        for (var round = 0; round < 20; round++)
        {
            random.NextBytes(data);
            for (var length = 0; length <= data.Length; length++)
            {
                Assert.AreEqual(Reference(data.AsSpan(0, length)), Fcs.Compute(data.AsSpan(0, length)), $"length {length}");
            }
        }
    }

    private static ushort Reference(ReadOnlySpan<byte> data)
    {
        var crc = 0;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
            }
        }

        return (ushort)crc;
    }
}
