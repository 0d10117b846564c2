using ZigBee.Aps.Frames;
using ZigBee.Mac;
using ZigBee.Nwk.Frames;

namespace ZigBee.Tests.Aps.Frames;

/// <summary>
/// The APS header codec (§2.2.5.1): presence rules for every frame type × delivery mode, acknowledgement formats,
/// extended header, auxiliary security header, byte vectors (the same bytes tshark reads in DecodeApsTests) and
/// byte-for-byte round trips.
/// </summary>
[TestClass]
public sealed class ApsHeaderTests
{
    public static IEnumerable<object[]> Vectors =>
    [
        ["unicast data, ack requested", ApsHeader.Unicast(1, 0x0006, 0x0104, 2, 7, ackRequest: true), "40 01 06 00 04 01 02 07"],
        ["broadcast data", ApsHeader.Broadcast(0xFF, 0x0006, 0x0104, 2, 7), "08 FF 06 00 04 01 02 07"],
        ["group data", ApsHeader.Group(0x4321, 0x0006, 0x0104, 2, 7), "0C 21 43 06 00 04 01 02 07"],
        ["first block of three", ApsHeader.Unicast(1, 0x0019, 0x0104, 2, 40, ackRequest: true).AsBlock(ApsFragmentation.First, 3), "C0 01 19 00 04 01 02 28 01 03"],
        ["subsequent block", ApsHeader.Unicast(1, 0x0019, 0x0104, 2, 40).AsBlock(ApsFragmentation.Subsequent, 2), "80 01 19 00 04 01 02 28 02 02"],
        ["data ack", ApsHeader.DataAck(2, 0x0006, 0x0104, 1, 9), "02 02 06 00 04 01 01 09"],
        ["data ack of blocks 0 and 1", ApsHeader.DataAck(2, 0x0019, 0x0104, 1, 40).AsBlock(ApsFragmentation.First, 0) with { AckBitfield = 0x03 }, "82 02 19 00 04 01 01 28 01 00 03"],
        ["command ack", ApsHeader.CommandAck(12), "12 0C"],
        ["command, ack requested", ApsHeader.Command(5, ackRequest: true), "41 05"],
        ["broadcast command", ApsHeader.Command(6, deliveryMode: ApsDeliveryMode.Broadcast), "09 06"],
        ["secured command (key-transport key, extended nonce)", ApsHeader.Command(33) with { Security = ApsSamples.KeyTransportSecurity }, "21 21 30 04 03 02 01 04 03 02 01 00 4B 12 00"],
        ["secured data (link key)", ApsHeader.Unicast(1, 0x0006, 0x0104, 2, 7) with { Security = ApsSamples.LinkKeySecurity }, "20 01 06 00 04 01 02 07 00 4D 00 00 00"],
        ["inter-PAN group", new ApsHeader(ApsFrameControl.Create(ApsFrameType.InterPan, ApsDeliveryMode.Group), 0, 0x0102, 0x1000, 0xC05E, 0, 0), "0F 02 01 00 10 5E C0"],
    ];

    [TestMethod]
    [DynamicData(nameof(Vectors))]
    public void HeaderEncodesToItsVectorAndBack(string name, ApsHeader header, string hex)
    {
        var expected = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
        var buffer = new byte[40];
        var length = ApsFrame.EncodeHeader(header, buffer);
        Assert.AreEqual(Convert.ToHexString(expected), Convert.ToHexString(buffer, 0, length), name);
        Assert.AreEqual(header.Length, length, name);

        // A secured frame ends in a 4-byte MIC, so the header alone does not decode.
        var frameBytes = expected.Concat(header.Security.HasValue ? new byte[] { 0xA1, 0xA2, 0xA3, 0xA4 } : []).ToArray();
        var frame = ApsFrame.Decode(frameBytes);
        Assert.AreEqual(header with { FrameControl = header.Normalised() }, frame.Header, name);
        Assert.AreEqual(expected.Length, frame.PayloadOffset, name);
        Assert.AreEqual(0, frame.PayloadLength, name);
    }

    [TestMethod]
    public void EveryFrameControlFollowsThePresenceRules()
    {
        var checkedControls = 0;
        for (var value = 0; value < 256; value++)
        {
            var fc = new ApsFrameControl((byte)value);
            var header = new ApsHeader(fc, 0x11, 0x2233, 0x4455, 0x6677, 0x88, 0x99,
                fc.ExtendedHeader ? ApsFragmentation.First : ApsFragmentation.None, 5, 0xA5,
                fc.Security ? ApsSamples.LinkKeySecurity : null);
            var type = fc.FrameType;
            var addressed = type is ApsFrameType.Data or ApsFrameType.InterPan || (type == ApsFrameType.Acknowledgement && !fc.AckFormat);
            var endpoints = addressed && type != ApsFrameType.InterPan;
            Assert.AreEqual(addressed, header.HasAddressing, $"0x{value:x2} addressing");
            Assert.AreEqual(endpoints && fc.DeliveryMode is ApsDeliveryMode.Unicast or ApsDeliveryMode.Broadcast, header.HasDestinationEndpoint, $"0x{value:x2} destination endpoint");
            Assert.AreEqual(addressed && fc.DeliveryMode == ApsDeliveryMode.Group, header.HasGroupAddress, $"0x{value:x2} group");
            Assert.AreEqual(endpoints, header.HasSourceEndpoint, $"0x{value:x2} source endpoint");
            Assert.AreEqual(type != ApsFrameType.InterPan, header.HasCounter, $"0x{value:x2} counter");
            Assert.AreEqual(fc.ExtendedHeader && type == ApsFrameType.Acknowledgement, header.HasAckBitfield, $"0x{value:x2} ack bitfield");

            var bytes = ApsSamples.Encode(header, [0xAB, 0xCD, 0xEF, 0x01, 0x02]);
            Assert.AreEqual((byte)value, bytes[0], $"0x{value:x2}: the frame control goes on air as given when the fields agree");
            var ok = ApsFrame.TryDecode(bytes, out var frame, out var offset, out var reason);
            if (addressed && fc.DeliveryMode == ApsDeliveryMode.Indirect)
            {
                Assert.IsFalse(ok, $"0x{value:x2}: indirect delivery is reserved");
                Assert.AreEqual(1, offset);
                continue;
            }

            Assert.IsTrue(ok, $"0x{value:x2}: {reason}");
            Assert.AreEqual(header.Length, frame.PayloadOffset, $"0x{value:x2} header length");
            Assert.AreEqual(ApsFrame.EncodeHeader(frame.Header, new byte[40]), frame.PayloadOffset);
            var again = ApsSamples.Encode(frame.Header, frame.Payload(bytes).ToArray().Concat(frame.Mic(bytes).ToArray()).ToArray());
            CollectionAssert.AreEqual(bytes, again, $"0x{value:x2}: byte-for-byte round trip");
            checkedControls++;
        }

        // Refused: indirect delivery of data (16 controls), inter-PAN (16) and data acknowledgements (8).
        Assert.AreEqual(256 - 40, checkedControls, "every other frame control decodes");
    }

    [TestMethod]
    public void EverySampleRoundTripsByteForByte()
    {
        foreach (var (name, header, payload) in ApsSamples.Frames.Concat(ApsSamples.InterPanFrames))
        {
            var bytes = ApsSamples.Encode(header, payload);
            var frame = ApsFrame.Decode(bytes);
            Assert.AreEqual(header with { FrameControl = header.Normalised() }, frame.Header, name);
            var secured = header.Security.HasValue;
            Assert.AreEqual(secured ? 4 : 0, frame.MicLength, name);
            CollectionAssert.AreEqual(payload[..^frame.MicLength], frame.Payload(bytes).ToArray(), name);
            CollectionAssert.AreEqual(payload[^frame.MicLength..], frame.Mic(bytes).ToArray(), name);
            CollectionAssert.AreEqual(bytes, ApsSamples.Encode(frame.Header, payload), name);
        }
    }

    [TestMethod]
    public void ExtendedHeaderCarriesBlockOnlyWhenFragmentedAndBitfieldOnlyInAcks()
    {
        var noFragmentation = ApsHeader.Unicast(1, 6, 0x104, 2, 3) with { FrameControl = ApsFrameControl.Create(ApsFrameType.Data, extendedHeader: true) };
        Assert.AreEqual(9, noFragmentation.Length, "extended frame control alone");
        var decoded = ApsFrame.Decode(ApsSamples.Encode(noFragmentation, []));
        Assert.IsTrue(decoded.Header.HasExtendedHeader);
        Assert.IsFalse(decoded.Header.HasBlockNumber);
        Assert.AreEqual(ApsFragmentation.None, decoded.Header.Fragmentation);

        var block = ApsHeader.Unicast(1, 6, 0x104, 2, 3).AsBlock(ApsFragmentation.Subsequent, 7) with { AckBitfield = 0xFF };
        Assert.AreEqual(10, block.Length, "a data block has no acknowledgement bitfield, whatever the field holds");
        Assert.AreEqual(7, ApsFrame.Decode(ApsSamples.Encode(block, [1])).Header.BlockNumber);

        var ack = ApsHeader.CommandAck(4).AsBlock(ApsFragmentation.First, 0) with { AckBitfield = 0x81 };
        var ackBytes = ApsSamples.Encode(ack, []);
        CollectionAssert.AreEqual(new byte[] { 0x92, 0x04, 0x01, 0x00, 0x81 }, ackBytes);
        Assert.AreEqual(0x81, ApsFrame.Decode(ackBytes).Header.AckBitfield);
    }

    [TestMethod]
    public void ReservedBitsOfTheExtendedFrameControlSurviveARoundTrip()
    {
        byte[] bytes = [0x92, 0x38, 0xF6, 0x02, 0x04]; // command acknowledgement, subsequent block 2, reserved bits 0xF4
        var header = ApsFrame.Decode(bytes).Header;
        Assert.AreEqual(ApsFragmentation.Subsequent, header.Fragmentation);
        Assert.AreEqual(0xF4, header.ExtendedReservedBits);
        Assert.AreEqual(0x04, header.AckBitfield);
        CollectionAssert.AreEqual(bytes, ApsSamples.Encode(header, []));
    }

    [TestMethod]
    public void SecurityAndExtendedHeaderBitsFollowTheFields()
    {
        var lying = new ApsHeader(new ApsFrameControl(0x20), 1, 0, 6, 0x104, 2, 3);
        Assert.AreEqual(0x00, ApsSamples.Encode(lying, [0x01])[0], "no auxiliary header: security bit cleared");
        var fragmented = ApsHeader.Unicast(1, 6, 0x104, 2, 3).AsBlock(ApsFragmentation.First, 2);
        Assert.AreEqual(0x80, ApsSamples.Encode(fragmented, [0x01])[0], "fragmentation needs the extended header: bit set");
        var secured = ApsHeader.Command(1) with { Security = ApsSamples.KeyTransportSecurity };
        Assert.AreEqual(0x21, ApsSamples.Encode(secured, [1, 2, 3, 4, 5])[0]);
    }

    [TestMethod]
    public void SecuredFrameCarriesAuxiliaryHeaderAndMic()
    {
        var header = ApsHeader.Command(33) with { Security = ApsSamples.KeyTransportSecurity };
        var bytes = ApsSamples.Encode(header, [0xDE, 0xAD, 0x01, 0x02, 0x03, 0x04]);
        var frame = ApsFrame.Decode(bytes);
        Assert.AreEqual(ApsSamples.KeyTransportSecurity, frame.Header.Security);
        Assert.AreEqual(NwkKeyIdentifier.KeyTransportKey, frame.Header.Security!.Value.KeyIdentifier);
        Assert.AreEqual(2 + 13, frame.PayloadOffset);
        Assert.AreEqual(2, frame.PayloadLength);
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 4 }, frame.Mic(bytes).ToArray());
        Assert.IsNull(frame.CommandId(bytes), "a secured command's identifier is encrypted");

        Assert.IsFalse(ApsFrame.TryDecode(bytes.AsSpan(0, bytes.Length - 3), out _, out var offset, out var reason));
        Assert.AreEqual("secured frame shorter than its MIC", reason);
        Assert.AreEqual(15, offset);
        Assert.IsFalse(ApsFrame.TryDecode(bytes.AsSpan(0, 10), out _, out offset, out reason));
        Assert.AreEqual("auxiliary security header truncated", reason);
        Assert.AreEqual(2, offset);
    }

    [TestMethod]
    public void EveryTruncatedHeaderIsRefusedWithItsOffset()
    {
        foreach (var (name, header, payload) in ApsSamples.Frames.Concat(ApsSamples.InterPanFrames))
        {
            var bytes = ApsSamples.Encode(header, payload);
            var shortest = header.Length + (header.Security.HasValue ? 4 : 0);
            for (var length = 0; length < shortest; length++)
            {
                Assert.IsFalse(ApsFrame.TryDecode(bytes.AsSpan(0, length), out _, out var offset, out var reason), $"{name} cut to {length}");
                Assert.IsLessThanOrEqualTo(length, offset, $"{name} cut to {length}: {reason}");
                var exception = Assert.ThrowsExactly<FrameFormatException>(() => ApsFrame.Decode(bytes.AsSpan(0, length)));
                Assert.AreEqual(offset, exception.Offset);
            }

            Assert.IsTrue(ApsFrame.TryDecode(bytes.AsSpan(0, shortest), out _), $"{name}: header (and MIC) alone");
        }
    }

    [TestMethod]
    public void CommandIdentifierIsReadFromUnsecuredCommandFramesOnly()
    {
        var command = ApsSamples.Encode(ApsHeader.Command(1), [(byte)ApsCommandId.SwitchKey, 4]);
        Assert.AreEqual(ApsCommandId.SwitchKey, ApsFrame.Decode(command).CommandId(command));
        var data = ApsSamples.Encode(ApsHeader.Unicast(1, 6, 0x104, 1, 1), [0x09]);
        Assert.IsNull(ApsFrame.Decode(data).CommandId(data));
        var empty = ApsSamples.Encode(ApsHeader.Command(1), []);
        Assert.IsNull(ApsFrame.Decode(empty).CommandId(empty), "a command frame without payload has no identifier");
    }

    [TestMethod]
    public void EncodingIntoTooSmallABufferThrows()
    {
        var header = ApsHeader.Unicast(1, 6, 0x104, 1, 1);
        Assert.ThrowsExactly<ArgumentException>(() => ApsFrame.EncodeHeader(header, new byte[7]));
        Assert.ThrowsExactly<ArgumentException>(() => ApsFrame.Encode(header, new byte[3], new byte[10]));
    }
}
