using System.Text;
using ZigBee.Mac.Frames;

namespace ZigBee.Tests.Mac;

[TestClass]
public sealed class FcsTests
{
    [TestMethod]
    public void CheckValueOfKermit() =>
        // CRC-16/KERMIT check value (../shared/VECTORS.md).
        Assert.AreEqual((ushort)0x2189, Fcs.Compute(Encoding.ASCII.GetBytes("123456789")));

    [TestMethod]
    [DataRow("02006A", "E479")] // IEEE 802.15.4 acknowledgment example
    [DataRow("0308 01FFFFFFFF07", "132D")] // beacon request (VECTORS.md)
    [DataRow("23C802621A0000FFFF0403020100 4B120001 8E", "CE1B")] // association request (VECTORS.md)
    [DataRow("6188 03621A341200004800341200001E1000 01060004010107 01050 2", "BFB7")] // NWK/APS/ZCL Toggle (VECTORS.md)
    public void VectorsFromVectorsFile(string body, string fcs)
    {
        var bytes = Hex(body);
        var expected = Hex(fcs);
        Span<byte> written = stackalloc byte[2];
        Fcs.Write(bytes, written);
        CollectionAssert.AreEqual(expected, written.ToArray());
        Assert.IsTrue(Fcs.Check([.. bytes, .. expected]));
    }

    [TestMethod]
    public void CorruptedFrameFailsCheck()
    {
        byte[] frame = [0x02, 0x00, 0x6A, 0xE4, 0x79];
        Assert.IsTrue(Fcs.Check(frame));
        frame[2] ^= 0x01;
        Assert.IsFalse(Fcs.Check(frame));
        Assert.IsFalse(Fcs.Check([0x01]));
    }

    internal static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", string.Empty, StringComparison.Ordinal));
}
