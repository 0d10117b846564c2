using ZigBee.Mac;
using ZigBee.Mac.Frames;

namespace ZigBee.Tests.Mac;

/// <summary>Encode → decode → equal, over every frame type, version, addressing combination and security header shape.</summary>
[TestClass]
public sealed class MacFrameRoundTripTests
{
    private static readonly MacAddress[] Addresses =
    [
        MacAddress.None,
        MacAddress.FromShort(0x1A62),
        MacAddress.FromExtended(0x00124B0001020304),
    ];

    [TestMethod]
    public void EveryTypeVersionAddressingAndCompressionRoundTrips()
    {
        var count = 0;
        var payload = new byte[] { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 };
        for (var type = 0; type < 8; type++)
        {
            for (var version = 0; version < 4; version++)
            {
                foreach (var destination in Addresses)
                {
                    foreach (var source in Addresses)
                    {
                        foreach (var compression in new[] { false, true })
                        {
                            foreach (var flags in new[] { 0, 0x10, 0x20, 0x30 })
                            {
                                var fc = FrameControl.Create((MacFrameType)type, destination.Mode, source.Mode, panIdCompression: compression, version: (MacFrameVersion)version);
                                fc = new FrameControl((ushort)(fc.Value | flags));
                                var header = Canonical(new MacHeader(fc, (byte)(count & 0xFF), 0xBEEF, destination, 0xCAFE, source));
                                AssertRoundTrip(header, PayloadFor(fc, payload));
                                count++;
                            }
                        }
                    }
                }
            }
        }

        Assert.AreEqual(8 * 4 * 3 * 3 * 2 * 4, count);
    }

    [TestMethod]
    public void ReservedBitsAndReservedAddressingModesAreKept()
    {
        // Bits 7–9 set, reserved destination mode 1, short source, version 1.
        var fc = new FrameControl((ushort)(0x0001 | 0x0380 | (1 << 10) | (1 << 12) | (2 << 14)));
        var header = new MacHeader(fc, 9, 0, MacAddress.FromReservedMode(), 0x1111, MacAddress.FromShort(0x2222));
        var frame = AssertRoundTrip(header, [0xAA]);
        Assert.AreEqual(7, frame.Header.FrameControl.ReservedBits);
        Assert.AreEqual(MacAddressingMode.Reserved, frame.Header.Destination.Mode);
        Assert.AreEqual("reserved", frame.Header.Destination.ToString());
        Assert.IsFalse(frame.Header.HasDestinationPanId, "a reserved mode is laid out like mode 0");
        Assert.IsTrue(frame.Header.HasSourcePanId);
    }

    [TestMethod]
    public void SecurityHeadersOfEveryKeyIdentifierModeAndLevelRoundTrip()
    {
        for (var level = 0; level < 8; level++)
        {
            for (var mode = 0; mode < 4; mode++)
            {
                foreach (var version in new[] { MacFrameVersion.Ieee2006, MacFrameVersion.Ieee2015, MacFrameVersion.Reserved })
                {
                    var control = (byte)(level | (mode << 3));
                    var keySource = mode == 2 ? 0x01020304ul : mode == 3 ? 0x0102030405060708ul : 0;
                    var security = new AuxiliarySecurityHeader(control, 0x01020304, keySource, mode == 0 ? (byte)0 : (byte)0x42);
                    var header = MacHeader.Data(7, 0x1A62, MacAddress.FromShort(1), MacAddress.FromExtended(2), ackRequest: true) with
                    {
                        FrameControl = FrameControl.Create(MacFrameType.Data, MacAddressingMode.Short, MacAddressingMode.Extended, securityEnabled: true, panIdCompression: true, version: version),
                        Security = security,
                    };
                    var payload = new byte[security.MicLength + 3];
                    var frame = AssertRoundTrip(header, payload);
                    Assert.AreEqual(security.MicLength, frame.MicLength);
                    Assert.AreEqual(5 + AuxiliarySecurityHeader.KeyIdentifierLength(mode), frame.Header.Security!.Value.Length);
                }
            }
        }
    }

    [TestMethod]
    public void FrameCounterSuppressionOnlyInVersion2()
    {
        // Security control 0x2D: level 5, key id mode 1, bit 5 set.
        var security = new AuxiliarySecurityHeader(0x2D, 0, 0, 3) { FrameCounterSuppressed = true };
        var fc2015 = FrameControl.Create(MacFrameType.Data, MacAddressingMode.Short, MacAddressingMode.Short, securityEnabled: true, panIdCompression: true, version: MacFrameVersion.Ieee2015);
        var frame = AssertRoundTrip(new MacHeader(fc2015, 1, 0x1A62, MacAddress.FromShort(1), 0x1A62, MacAddress.FromShort(2), security), new byte[6]);
        Assert.AreEqual(2, frame.Header.Security!.Value.Length, "control byte and key index; no frame counter");

        // The same control byte in a 2006 frame: bit 5 is reserved, the frame counter is there.
        var in2006 = new AuxiliarySecurityHeader(0x2D, 77, 0, 3);
        var fc2006 = fc2015 with { Value = (ushort)((fc2015.Value & ~0x3000) | 0x1000) };
        frame = AssertRoundTrip(new MacHeader(fc2006, 1, 0x1A62, MacAddress.FromShort(1), 0x1A62, MacAddress.FromShort(2), in2006), new byte[6]);
        Assert.AreEqual(6, frame.Header.Security!.Value.Length);
        Assert.AreEqual(77u, frame.Header.Security!.Value.FrameCounter);
    }

    [TestMethod]
    public void SequenceNumberSuppressionOnlyInVersion2()
    {
        var suppressed = new FrameControl((ushort)(FrameControl.Create(MacFrameType.Data, MacAddressingMode.Short, MacAddressingMode.None, version: MacFrameVersion.Ieee2015).Value | 0x0100));
        var frame = AssertRoundTrip(new MacHeader(suppressed, 0, 0x1A62, MacAddress.FromShort(5), 0x1A62, MacAddress.None), [0x11]);
        Assert.IsFalse(frame.Header.HasSequenceNumber);
        Assert.AreEqual(2 + 2 + 2, frame.PayloadOffset);

        // Bit 8 in a 2006 frame is reserved: the sequence number is still there.
        var reserved = new FrameControl((ushort)(FrameControl.Create(MacFrameType.Data, MacAddressingMode.Short, MacAddressingMode.None, version: MacFrameVersion.Ieee2006).Value | 0x0100));
        frame = AssertRoundTrip(new MacHeader(reserved, 99, 0x1A62, MacAddress.FromShort(5), 0, MacAddress.None), [0x11]);
        Assert.IsTrue(frame.Header.HasSequenceNumber);
        Assert.AreEqual((byte)99, frame.Header.SequenceNumber);
    }

    [TestMethod]
    [DataRow(0, 0, false, false, false)] // 802.15.4-2015 table 7-2 rows 1–14
    [DataRow(0, 0, true, true, false)]
    [DataRow(2, 0, false, true, false)]
    [DataRow(2, 0, true, false, false)]
    [DataRow(0, 2, false, false, true)]
    [DataRow(0, 2, true, false, false)]
    [DataRow(3, 3, false, true, false)]
    [DataRow(3, 3, true, false, false)]
    [DataRow(2, 2, false, true, true)]
    [DataRow(2, 3, false, true, true)]
    [DataRow(3, 2, false, true, true)]
    [DataRow(2, 3, true, true, false)]
    [DataRow(3, 2, true, true, false)]
    [DataRow(2, 2, true, true, false)]
    public void PanIdPresenceOf2015Frames(int destinationMode, int sourceMode, bool compression, bool destinationPan, bool sourcePan)
    {
        var fc = FrameControl.Create(MacFrameType.Data, (MacAddressingMode)destinationMode, (MacAddressingMode)sourceMode, panIdCompression: compression, version: MacFrameVersion.Ieee2015);
        Assert.AreEqual(destinationPan, fc.DestinationPanIdPresent);
        Assert.AreEqual(sourcePan, fc.SourcePanIdPresent);
    }

    [TestMethod]
    [DataRow(0, 0, false, false, false)] // §7.2.1.1.5
    [DataRow(2, 0, false, true, false)]
    [DataRow(0, 3, false, false, true)]
    [DataRow(2, 3, false, true, true)]
    [DataRow(2, 3, true, true, false)]
    [DataRow(3, 3, true, true, false)]
    [DataRow(2, 0, true, true, false)]
    [DataRow(0, 2, true, false, false)]
    public void PanIdPresenceOf2006Frames(int destinationMode, int sourceMode, bool compression, bool destinationPan, bool sourcePan)
    {
        foreach (var version in new[] { MacFrameVersion.Ieee2003, MacFrameVersion.Ieee2006 })
        {
            var fc = FrameControl.Create(MacFrameType.Data, (MacAddressingMode)destinationMode, (MacAddressingMode)sourceMode, panIdCompression: compression, version: version);
            Assert.AreEqual(destinationPan, fc.DestinationPanIdPresent);
            Assert.AreEqual(sourcePan, fc.SourcePanIdPresent);
        }
    }

    [TestMethod]
    public void Version2FramesOfOtherTypesCarryNoPanId()
    {
        var fc = FrameControl.Create((MacFrameType)5, MacAddressingMode.Short, MacAddressingMode.Short, version: MacFrameVersion.Ieee2015);
        Assert.IsFalse(fc.DestinationPanIdPresent);
        Assert.IsFalse(fc.SourcePanIdPresent);
        AssertRoundTrip(new MacHeader(fc, 1, 0, MacAddress.FromShort(1), 0, MacAddress.FromShort(2)), [1, 2, 3]);
    }

    [TestMethod]
    public void SecurityBitOf2003FramesSurvivesReEncoding()
    {
        // 802.15.4-2003 security puts its fields in the payload; the bit must not be cleared on re-encode.
        var fc = FrameControl.Create(MacFrameType.Data, MacAddressingMode.Short, MacAddressingMode.Short, securityEnabled: true, panIdCompression: true);
        var frame = AssertRoundTrip(new MacHeader(fc, 1, 0x1A62, MacAddress.FromShort(1), 0x1A62, MacAddress.FromShort(2)), [1, 2, 3, 4, 5, 6]);
        Assert.IsTrue(frame.Header.FrameControl.SecurityEnabled);
        Assert.IsNull(frame.Header.Security);
    }

    [TestMethod]
    public void AuxiliarySecurityHeaderIn2003FrameIsRejectedOnEncode()
    {
        var fc = FrameControl.Create(MacFrameType.Data, MacAddressingMode.Short, MacAddressingMode.Short, securityEnabled: true);
        var header = new MacHeader(fc, 1, 1, MacAddress.FromShort(1), 1, MacAddress.FromShort(2), new AuxiliarySecurityHeader(5, 1, 0, 0));
        Assert.ThrowsExactly<ArgumentException>(() => MacFrame.EncodeHeader(header, new byte[64]));
    }

    [TestMethod]
    public void EncodeRefusesFramesOverAMaxPhyPacketSizeAndShortBuffers()
    {
        var header = MacHeader.Data(1, 1, MacAddress.FromShort(1), MacAddress.FromShort(2), ackRequest: false);
        Assert.ThrowsExactly<ArgumentException>(() => MacFrame.Encode(header, new byte[127 - 9 - 2 + 1], new byte[200]));
        Assert.AreEqual(127, MacFrame.Encode(header, new byte[127 - 9 - 2], new byte[200]));
        Assert.ThrowsExactly<ArgumentException>(() => MacFrame.Encode(header, new byte[10], new byte[20]));
    }

    /// <summary>What the decoder reports for fields that are not on air: the header a decode would give back.</summary>
    internal static MacHeader Canonical(MacHeader header)
    {
        var fc = header.FrameControl.WithAddressingModes(header.Destination.Mode, header.Source.Mode);
        var destinationPan = fc.DestinationPanIdPresent ? header.DestinationPanId : (ushort)0;
        var sourcePan = fc.SourcePanIdPresent ? header.SourcePanId : destinationPan;
        var sequence = fc.SequenceNumberSuppression ? (byte)0 : header.SequenceNumber;
        return header with { FrameControl = fc, DestinationPanId = destinationPan, SourcePanId = sourcePan, SequenceNumber = sequence };
    }

    /// <summary>A payload that satisfies the header fields a frame type implies (a beacon's fields, a command identifier).</summary>
    internal static byte[] PayloadFor(FrameControl fc, byte[] payload)
    {
        if (fc.FrameVersion == MacFrameVersion.Ieee2015)
        {
            return payload;
        }

        return fc.FrameType switch
        {
            MacFrameType.Beacon => [0xFF, 0xCF, 0x00, 0x00, .. payload],
            MacFrameType.Command => [(byte)MacCommandId.DataRequest],
            _ => payload,
        };
    }

    internal static MacFrame AssertRoundTrip(MacHeader header, byte[] payload)
    {
        var buffer = new byte[127];
        var length = MacFrame.Encode(header, payload, buffer);
        Assert.AreEqual(header.Length + payload.Length + 2, length);
        var bytes = buffer[..length];
        var frame = MacFrame.Decode(bytes);
        Assert.AreEqual(Canonical(header), frame.Header, FrameHex.Format(bytes));
        CollectionAssert.AreEqual(payload, frame.Payload(bytes).ToArray());
        Assert.IsTrue(frame.FcsValid);
        MacFrameVectorTests.AssertReEncodes(bytes, frame);
        return frame;
    }
}
