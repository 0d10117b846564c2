using ZigBee.Mac;
using ZigBee.Mac.Frames;
using ZigBee.Nwk.Frames;
using ZigBee.Tests.Mac;

namespace ZigBee.Tests.Nwk;

/// <summary>NWK frames whose every field is known: the shared vectors and frames of real and crafted captures.</summary>
[TestClass]
public sealed class NwkFrameVectorTests
{
    private const string NwkTesting = "zigator/03-nwk-testing.pcap";

    [TestMethod]
    public void ToggleVectorDecodes()
    {
        var psdu = FrameHex.Parse("61 88 03 62 1A 34 12 00 00 48 00 34 12 00 00 1E 10 00 01 06 00 04 01 01 07 01 05 02 BF B7");
        var mac = MacFrame.Decode(psdu);
        var nwkBytes = mac.Payload(psdu);
        var frame = NwkFrame.Decode(nwkBytes);
        var header = frame.Header;
        Assert.AreEqual(NwkFrameType.Data, header.FrameType);
        Assert.AreEqual(2, header.FrameControl.ProtocolVersion);
        Assert.AreEqual(NwkDiscoverRoute.Enable, header.FrameControl.DiscoverRoute);
        Assert.IsFalse(header.FrameControl.Security);
        Assert.AreEqual((ushort)0x1234, header.DestinationAddress);
        Assert.AreEqual((ushort)0x0000, header.SourceAddress);
        Assert.AreEqual((byte)30, header.Radius);
        Assert.AreEqual((byte)0x10, header.SequenceNumber);
        Assert.IsNull(header.DestinationIeeeAddress);
        Assert.IsNull(header.SourceIeeeAddress);
        Assert.AreEqual(8, frame.PayloadOffset);
        Assert.AreEqual("0001060004010107010502", FrameHex.Format(frame.Payload(nwkBytes)));
        Assert.AreEqual(0, frame.MicLength);
        Assert.IsNull(frame.CommandId(nwkBytes));

        var encoded = new byte[64];
        var length = NwkFrame.Encode(header, frame.Payload(nwkBytes), encoded);
        Assert.AreEqual(FrameHex.Format(nwkBytes), FrameHex.Format(encoded.AsSpan(0, length)));
    }

    [TestMethod]
    public void SecuredVectorExposesAuxiliaryHeaderPayloadAndMic()
    {
        var psdu = FrameHex.Parse("618804621a341200004802341200001e112800010000080706050403020100fe45086affbd82431b4ba84e550e72d09f");
        var mac = MacFrame.Decode(psdu);
        var nwkBytes = mac.Payload(psdu);
        var frame = NwkFrame.Decode(nwkBytes);
        Assert.IsTrue(frame.Header.FrameControl.Security);
        var security = frame.Header.Security!.Value;
        Assert.AreEqual(0, security.SecurityLevel);
        Assert.AreEqual(NwkKeyIdentifier.NetworkKey, security.KeyIdentifier);
        Assert.IsTrue(security.ExtendedNonce);
        Assert.AreEqual(256u, security.FrameCounter);
        Assert.AreEqual(0x0102030405060708UL, security.SourceAddress);
        Assert.AreEqual((byte)0, security.KeySequenceNumber);
        Assert.AreEqual(14, security.Length);
        Assert.AreEqual(8, frame.SecurityHeaderOffset);
        Assert.AreEqual(22, frame.PayloadOffset);
        Assert.AreEqual("FE45086AFFBD82431B4BA8", FrameHex.Format(frame.Payload(nwkBytes)));
        Assert.AreEqual("4E550E72", FrameHex.Format(frame.Mic(nwkBytes)));
        Assert.AreEqual(nwkBytes.Length, frame.MicOffset + frame.MicLength);

        var encoded = new byte[64];
        var length = NwkFrame.Encode(frame.Header, nwkBytes[frame.PayloadOffset..], encoded);
        Assert.AreEqual(FrameHex.Format(nwkBytes), FrameHex.Format(encoded.AsSpan(0, length)));
    }

    [TestMethod]
    public void SecuredVectorIsEncodedFromItsFields()
    {
        var psdu = FrameHex.Parse("618804621a341200004802341200001e112800010000080706050403020100fe45086affbd82431b4ba84e550e72d09f");
        var header = NwkHeader.Data(0x1234, 0x0000, 30, 0x11, security: NwkAuxiliarySecurityHeader.NetworkKey(256, 0x0102030405060708, 0));
        var nwk = new byte[127];
        var nwkLength = NwkFrame.Encode(header, psdu.AsSpan(31, psdu.Length - 33), nwk);
        var mac = MacHeader.Data(4, 0x1A62, MacAddress.FromShort(0x1234), MacAddress.FromShort(0x0000), ackRequest: true);
        var frame = new byte[127];
        var length = MacFrame.Encode(mac, nwk.AsSpan(0, nwkLength), frame);
        Assert.AreEqual(FrameHex.Format(psdu), FrameHex.Format(frame.AsSpan(0, length)));
    }

    [TestMethod]
    public void CraftedBroadcastCommandHeaderDecodes()
    {
        // Frame 1: a secured command from the coordinator to all routers, its source IEEE address on air.
        var nwk = NwkCapture.Frame(NwkTesting, 1);
        var frame = NwkFrame.Decode(nwk);
        var header = frame.Header;
        Assert.AreEqual((ushort)0x1209, header.FrameControl.Value);
        Assert.AreEqual(NwkFrameType.Command, header.FrameType);
        Assert.AreEqual((ushort)0xFFFC, header.DestinationAddress);
        Assert.AreEqual((ushort)0x0000, header.SourceAddress);
        Assert.AreEqual((byte)30, header.Radius);
        Assert.AreEqual((byte)161, header.SequenceNumber);
        Assert.IsNull(header.DestinationIeeeAddress);
        Assert.AreEqual(0x7777770000000001UL, header.SourceIeeeAddress);
        var security = header.Security!.Value;
        Assert.AreEqual(NwkKeyIdentifier.NetworkKey, security.KeyIdentifier);
        Assert.AreEqual(10001u, security.FrameCounter);
        Assert.AreEqual(0x7777770000000001UL, security.SourceAddress);
        Assert.AreEqual("4E131904FDAB", FrameHex.Format(frame.Payload(nwk)));
        Assert.AreEqual("211E414C", FrameHex.Format(frame.Mic(nwk)));
        Assert.IsNull(frame.CommandId(nwk), "a secured command's identifier is encrypted");
    }

    [TestMethod]
    public void CraftedUnicastCommandCarriesBothIeeeAddresses()
    {
        var nwk = NwkCapture.Frame(NwkTesting, 2);
        var header = NwkFrame.Decode(nwk).Header;
        Assert.AreEqual((ushort)0x1101, header.DestinationAddress);
        Assert.AreEqual((ushort)0x1102, header.SourceAddress);
        Assert.AreEqual((byte)29, header.Radius);
        Assert.AreEqual((byte)162, header.SequenceNumber);
        Assert.AreEqual(0x7777770000000002UL, header.DestinationIeeeAddress);
        Assert.AreEqual(0x7777770000000003UL, header.SourceIeeeAddress);
        Assert.AreEqual(10002u, header.Security!.Value.FrameCounter);
    }

    [TestMethod]
    public void EveryFrameOfTheNwkCaptureDecodes()
    {
        var payloads = NwkCapture.DataPayloads(NwkTesting);
        Assert.HasCount(15, payloads);
        var seq = 161;
        foreach (var (number, nwk) in payloads)
        {
            var frame = NwkFrame.Decode(nwk);
            Assert.AreEqual((byte)seq++, frame.Header.SequenceNumber, $"frame {number}");
            Assert.AreEqual(2, frame.Header.FrameControl.ProtocolVersion, $"frame {number}");
            Assert.AreEqual(nwk.Length, frame.MicOffset + frame.MicLength, $"frame {number}");
        }
    }

    [TestMethod]
    public void UnsecuredRejoinRequestDecodes()
    {
        var nwk = NwkCapture.Frame(NwkTesting, 14);
        var frame = NwkFrame.Decode(nwk);
        Assert.AreEqual((ushort)0x1009, frame.Header.FrameControl.Value);
        Assert.AreEqual((ushort)0xB000, frame.Header.SourceAddress);
        Assert.AreEqual(0x1122334444332211UL, frame.Header.SourceIeeeAddress);
        Assert.AreEqual(NwkCommandId.RejoinRequest, frame.CommandId(nwk));
        Assert.IsTrue(RejoinRequestCommand.TryDecode(frame.Payload(nwk), out var rejoin));
        Assert.AreEqual((byte)0x80, rejoin.Capability.Value);
        Assert.IsTrue(rejoin.Capability.AllocateAddress);
        Assert.IsFalse(rejoin.Capability.DeviceType);
    }

    [TestMethod]
    public void RealSourceRoutedFrameExposesItsRelays()
    {
        // control4 frame 11: relay count 1, relay index 0, relay 6336 (0x18c0); frame 13 carries relay index 255.
        var nwk = NwkCapture.Frame("killerbee/control4-sample.pcap", 11);
        var frame = NwkFrame.Decode(nwk);
        var route = frame.Header.SourceRoute!.Value;
        Assert.AreEqual((byte)1, route.RelayCount);
        Assert.AreEqual((byte)0, route.RelayIndex);
        Assert.AreEqual((ushort)6336, frame.GetRelay(nwk, 0));
        Assert.AreEqual((ushort)6336, route.GetRelay(nwk, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => route.GetRelay(nwk, 1));

        var other = NwkFrame.Decode(NwkCapture.Frame("killerbee/control4-sample.pcap", 13));
        Assert.AreEqual((byte)255, other.Header.SourceRoute!.Value.RelayIndex);
    }

    [TestMethod]
    public void RealBeaconPayloadDecodes()
    {
        var (_, frames) = CaptureFrames.Read("killerbee/control4-sample.pcap");
        var psdu = frames[139];
        var mac = MacFrame.Decode(psdu);
        Assert.AreEqual(MacFrameType.Beacon, mac.Header.FrameType);
        var macPayload = mac.Payload(psdu);
        Assert.IsTrue(Beacon.TryDecode(macPayload, out var beacon));
        var beaconPayload = beacon.BeaconPayload(macPayload);
        Assert.IsTrue(ZigBeeBeaconPayload.TryDecode(beaconPayload, out var zigbee));
        Assert.AreEqual((byte)0, zigbee.ProtocolId);
        Assert.AreEqual((byte)2, zigbee.StackProfile);
        Assert.AreEqual((byte)2, zigbee.ProtocolVersion);
        Assert.IsTrue(zigbee.RouterCapacity);
        Assert.AreEqual((byte)0, zigbee.DeviceDepth);
        Assert.IsTrue(zigbee.EndDeviceCapacity);
        Assert.AreEqual(0x8ef977c6d190b006UL, zigbee.ExtendedPanId);
        Assert.AreEqual(ZigBeeBeaconPayload.NoTxOffset, zigbee.TxOffset);
        Assert.AreEqual((byte)0, zigbee.UpdateId);

        var encoded = new byte[ZigBeeBeaconPayload.Length];
        Assert.AreEqual(15, zigbee.Encode(encoded));
        Assert.AreEqual(FrameHex.Format(beaconPayload[..15]), FrameHex.Format(encoded));
    }

    [TestMethod]
    public void DecodeReportsWhereAndWhy()
    {
        var nwk = NwkCapture.Frame(NwkTesting, 2);
        var exception = Assert.ThrowsExactly<FrameFormatException>(() => NwkFrame.Decode(nwk.AsSpan(0, 12)));
        Assert.AreEqual(8, exception.Offset);
        Assert.AreEqual("destination IEEE address truncated", exception.Reason);
        Assert.IsFalse(NwkFrame.TryDecode(nwk.AsSpan(0, 12), out _, out var offset, out var reason));
        Assert.AreEqual(8, offset);
        Assert.AreEqual("destination IEEE address truncated", reason);
    }
}
