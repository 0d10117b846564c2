using ZigBee.XBee.Frames;

namespace ZigBee.Tests.XBee;

/// <summary>Framing: checksum, length, and the escaping of escaped mode (AP = 2) after the start delimiter.</summary>
[TestClass]
public sealed class ApiFrameTests
{
    [TestMethod]
    public void ChecksumIsFfMinusTheLowByteOfTheSum()
    {
        // 90000976, API frame specifications: 0xFF − (0x23 + 0x11) = 0xCB.
        Assert.AreEqual((byte)0xCB, ApiFrame.Checksum([0x23, 0x11]));
        Assert.AreEqual((byte)0xFF, ApiFrame.Checksum([]));
        Assert.AreEqual((byte)0x00, ApiFrame.Checksum([0xFF]));
        Assert.AreEqual((byte)0x01, ApiFrame.Checksum([0xFF, 0xFF]));
    }

    [TestMethod]
    public void GuideEscapingExample()
    {
        // 90000976, Escaped characters in API frames: 7E 00 02 23 11 CB is sent as 7E 00 02 23 7D 31 CB.
        byte[] data = [0x23, 0x11];
        var wire = new byte[ApiFrame.MaxEncodedLength(data.Length)];
        Assert.AreEqual(6, ApiFrame.Encode(data, ApiMode.Unescaped, wire));
        CollectionAssert.AreEqual(new byte[] { 0x7E, 0x00, 0x02, 0x23, 0x11, 0xCB }, wire[..6]);
        Assert.AreEqual(7, ApiFrame.EncodedLength(data, ApiMode.Escaped));
        Assert.AreEqual(7, ApiFrame.Encode(data, ApiMode.Escaped, wire));
        CollectionAssert.AreEqual(new byte[] { 0x7E, 0x00, 0x02, 0x23, 0x7D, 0x31, 0xCB }, wire[..7]);
    }

    [TestMethod]
    public void EscapedModeEscapesTheLengthAndTheChecksumToo()
    {
        // Seventeen bytes: the length's low byte is 0x11 (XON). The data sums so that the checksum is 0x7E.
        var data = new byte[0x11];
        data[0] = (byte)ApiFrameType.ModemStatus;
        data[1] = (byte)(0xFF - 0x7E - data[0]);
        Assert.AreEqual((byte)0x7E, ApiFrame.Checksum(data));
        var wire = new byte[ApiFrame.MaxEncodedLength(data.Length)];
        var written = ApiFrame.Encode(data, ApiMode.Escaped, wire);
        Assert.AreEqual(data.Length + 4 + 2, written);
        CollectionAssert.AreEqual(new byte[] { 0x7E, 0x00, 0x7D, 0x31 }, wire[..4]);
        CollectionAssert.AreEqual(new byte[] { 0x7D, 0x5E }, wire[(written - 2)..written]);
        Assert.AreEqual(-1, wire.AsSpan(1, written - 1).IndexOfAny((byte)0x7E, (byte)0x11, (byte)0x13), "no raw special byte after the delimiter");
    }

    [TestMethod]
    public void EscapedModeNeverLetsASpecialByteThrough()
    {
        byte[] data = [0x7E, 0x7D, 0x11, 0x13, 0x7E, 0x00, 0x7D];
        var wire = new byte[ApiFrame.MaxEncodedLength(data.Length)];
        var written = ApiFrame.Encode(data, ApiMode.Escaped, wire);
        Assert.AreEqual(ApiFrame.EncodedLength(data, ApiMode.Escaped), written);
        CollectionAssert.AreEqual(
            new byte[] { 0x7E, 0x00, 0x07, 0x7D, 0x5E, 0x7D, 0x5D, 0x7D, 0x31, 0x7D, 0x33, 0x7D, 0x5E, 0x00, 0x7D, 0x5D, ApiFrame.Checksum(data) },
            wire[..written]);
    }

    [TestMethod]
    public void WorstCaseFitsMaxEncodedLength()
    {
        // Every byte after the delimiter escaped: length 0x7E7E of 0x7E bytes.
        var data = new byte[0x7E7E];
        data.AsSpan().Fill(0x7E);
        var length = ApiFrame.EncodedLength(data, ApiMode.Escaped);
        Assert.AreEqual(ApiFrame.MaxEncodedLength(data.Length), length + (ApiFrame.NeedsEscape(ApiFrame.Checksum(data)) ? 0 : 1));
        Assert.IsGreaterThanOrEqualTo(length, ApiFrame.MaxEncodedLength(data.Length));
    }

    [TestMethod]
    public void EncodeRefusesWhatCannotBeAFrame()
    {
        var wire = new byte[16];
        Assert.ThrowsExactly<ArgumentException>(() => ApiFrame.Encode([], ApiMode.Unescaped, wire));
        Assert.ThrowsExactly<ArgumentException>(() => ApiFrame.Encode(new byte[0x10000], ApiMode.Unescaped, new byte[0x20010]));
        Assert.ThrowsExactly<ArgumentException>(() => ApiFrame.Encode(new byte[13], ApiMode.Unescaped, wire));
        Assert.AreEqual(16, ApiFrame.Encode(new byte[12], ApiMode.Unescaped, wire));

        // Escaped: 7E 00 02 7D 5E 7D 5E 03 needs eight bytes, fewer than the worst case of eleven.
        Assert.ThrowsExactly<ArgumentException>(() => ApiFrame.Encode([0x7E, 0x7E], ApiMode.Escaped, new byte[7]));
        var exact = new byte[8];
        Assert.AreEqual(8, ApiFrame.Encode([0x7E, 0x7E], ApiMode.Escaped, exact));
        CollectionAssert.AreEqual(new byte[] { 0x7E, 0x00, 0x02, 0x7D, 0x5E, 0x7D, 0x5E, 0x03 }, exact);
    }

    [TestMethod]
    public void AtCommandNames()
    {
        Assert.AreEqual(new AtCommandName('N', 'J'), AtCommandName.Parse("NJ"));
        Assert.AreEqual(AtCommandName.NJ, AtCommandName.Parse("NJ"));
        Assert.AreEqual("A1", AtCommandName.A1.ToString());
        Assert.AreEqual((ushort)0x4E4A, AtCommandName.NJ.Value);
        Assert.IsFalse(AtCommandName.TryParse("N", out _));
        Assert.IsFalse(AtCommandName.TryParse("NJX", out _));
        Assert.IsFalse(AtCommandName.TryParse("Nü", out _));
        Assert.IsFalse(AtCommandName.TryParse(null, out _));
        Assert.ThrowsExactly<FormatException>(() => AtCommandName.Parse(string.Empty));
        Assert.ThrowsExactly<ArgumentException>(() => new AtCommandName('N', 'Ω'));
    }

    [TestMethod]
    public void TypedEncodersRefuseAShortDestinationAndImpossibleFields()
    {
        var small = new byte[10];
        Assert.ThrowsExactly<ArgumentException>(() => new TransmitRequestFrame(1, 0, 0xFFFE, 0, TransmitOptions.None, []).Encode(small));
        Assert.ThrowsExactly<ArgumentException>(() => new TransmitStatusFrame(1, 0, 0, DeliveryStatus.Success, DiscoveryStatus.NoDiscoveryOverhead).Encode(small[..6]));
        Assert.ThrowsExactly<ArgumentException>(() => new NodeIdentificationFrame(0, 0, 0, 0, 0, "a\0b"u8, 0, 0, 0, 0, 0).Encode(new byte[64]));
        Assert.ThrowsExactly<ArgumentException>(() => new CreateSourceRouteFrame(0, 0, 0, 0, new XBeeAddressList(new ushort[256])).Encode(new byte[600]));
        Assert.ThrowsExactly<ArgumentException>(() => new RegisterJoiningDeviceFrame(0, 0, 0xFFFE, 0, new byte[19]).Encode(new byte[64]));
    }
}
