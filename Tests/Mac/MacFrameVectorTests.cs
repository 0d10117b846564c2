using ZigBee.Mac;
using ZigBee.Mac.Frames;

namespace ZigBee.Tests.Mac;

/// <summary>Frame-level byte vectors (../shared/VECTORS.md, checked by tshark): decode every field, re-encode to the same bytes.</summary>
[TestClass]
public sealed class MacFrameVectorTests
{
    // VECTORS.md: beacon request, FCS 13 2D.
    private const string BeaconRequest = "03 08 01 FF FF FF FF 07 13 2D";

    // VECTORS.md: association request, FCS CE 1B.
    private const string AssociationRequest = "23 C8 02 62 1A 00 00 FF FF 04 03 02 01 00 4B 12 00 01 8E CE 1B";

    // VECTORS.md: NWK/APS/ZCL Toggle data frame, FCS BF B7.
    private const string Toggle = "61 88 03 62 1A 34 12 00 00 48 00 34 12 00 00 1E 10 00 01 06 00 04 01 01 07 01 05 02 BF B7";

    [TestMethod]
    public void BeaconRequestDecodesEveryField()
    {
        var bytes = FrameHex.Parse(BeaconRequest);
        var frame = MacFrame.Decode(bytes);
        var header = frame.Header;
        Assert.AreEqual((ushort)0x0803, header.FrameControl.Value);
        Assert.AreEqual(MacFrameType.Command, header.FrameType);
        Assert.IsFalse(header.FrameControl.SecurityEnabled);
        Assert.IsFalse(header.FrameControl.FramePending);
        Assert.IsFalse(header.FrameControl.AckRequest);
        Assert.IsFalse(header.FrameControl.PanIdCompression);
        Assert.AreEqual(MacAddressingMode.Short, header.FrameControl.DestinationAddressingMode);
        Assert.AreEqual(MacAddressingMode.None, header.FrameControl.SourceAddressingMode);
        Assert.AreEqual(MacFrameVersion.Ieee2003, header.FrameControl.FrameVersion);
        Assert.AreEqual((byte)1, header.SequenceNumber);
        Assert.IsTrue(header.HasDestinationPanId);
        Assert.AreEqual((ushort)0xFFFF, header.DestinationPanId);
        Assert.AreEqual(MacAddress.FromShort(0xFFFF), header.Destination);
        Assert.IsTrue(header.Destination.IsBroadcast);
        Assert.IsFalse(header.HasSourcePanId);
        Assert.AreEqual(MacAddress.None, header.Source);
        Assert.IsNull(header.Security);
        Assert.AreEqual(7, frame.PayloadOffset);
        Assert.AreEqual(1, frame.PayloadLength);
        Assert.AreEqual(MacCommandId.BeaconRequest, frame.CommandId(bytes));
        Assert.IsTrue(frame.HasFcs);
        Assert.IsTrue(frame.FcsValid);
        AssertReEncodes(bytes, frame);
    }

    [TestMethod]
    public void AssociationRequestDecodesEveryField()
    {
        var bytes = FrameHex.Parse(AssociationRequest);
        var frame = MacFrame.Decode(bytes);
        var header = frame.Header;
        Assert.AreEqual((ushort)0xC823, header.FrameControl.Value);
        Assert.AreEqual(MacFrameType.Command, header.FrameType);
        Assert.IsTrue(header.FrameControl.AckRequest);
        Assert.IsFalse(header.FrameControl.PanIdCompression);
        Assert.AreEqual(MacAddressingMode.Short, header.FrameControl.DestinationAddressingMode);
        Assert.AreEqual(MacAddressingMode.Extended, header.FrameControl.SourceAddressingMode);
        Assert.AreEqual((byte)2, header.SequenceNumber);
        Assert.AreEqual((ushort)0x1A62, header.DestinationPanId);
        Assert.AreEqual(MacAddress.FromShort(0x0000), header.Destination);
        Assert.IsTrue(header.HasSourcePanId);
        Assert.AreEqual((ushort)0xFFFF, header.SourcePanId);
        Assert.AreEqual(MacAddress.FromExtended(0x00124B0001020304), header.Source);
        Assert.AreEqual("00:12:4b:00:01:02:03:04", header.Source.ToString());
        Assert.AreEqual(MacCommandId.AssociationRequest, frame.CommandId(bytes));
        Assert.IsTrue(frame.FcsValid);

        Assert.IsTrue(AssociationRequestCommand.TryDecode(frame.Payload(bytes), out var command));
        var capability = command.Capability;
        Assert.AreEqual((byte)0x8E, capability.Value);
        Assert.IsFalse(capability.AlternatePanCoordinator);
        Assert.IsTrue(capability.DeviceType);
        Assert.IsTrue(capability.PowerSource);
        Assert.IsTrue(capability.ReceiverOnWhenIdle);
        Assert.AreEqual(0, capability.ReservedBits);
        Assert.IsFalse(capability.SecurityCapability);
        Assert.IsTrue(capability.AllocateAddress);
        Assert.AreEqual(capability, CapabilityInformation.Create(fullFunctionDevice: true, mainsPowered: true, receiverOnWhenIdle: true));
        AssertReEncodes(bytes, frame);

        // Built from scratch, the same frame comes out.
        var built = new MacHeader(
            FrameControl.Create(MacFrameType.Command, MacAddressingMode.Short, MacAddressingMode.Extended, ackRequest: true),
            2, 0x1A62, MacAddress.FromShort(0), 0xFFFF, MacAddress.FromExtended(0x00124B0001020304));
        Span<byte> payload = stackalloc byte[2];
        Assert.AreEqual(2, command.Encode(payload));
        Span<byte> buffer = stackalloc byte[127];
        var length = MacFrame.Encode(built, payload, buffer);
        CollectionAssert.AreEqual(bytes, buffer[..length].ToArray());
    }

    [TestMethod]
    public void ToggleDataFrameDecodesEveryField()
    {
        var bytes = FrameHex.Parse(Toggle);
        var frame = MacFrame.Decode(bytes);
        var header = frame.Header;
        Assert.AreEqual((ushort)0x8861, header.FrameControl.Value);
        Assert.AreEqual(MacFrameType.Data, header.FrameType);
        Assert.IsTrue(header.FrameControl.AckRequest);
        Assert.IsTrue(header.FrameControl.PanIdCompression);
        Assert.IsFalse(header.FrameControl.FramePending);
        Assert.IsFalse(header.FrameControl.SecurityEnabled);
        Assert.AreEqual((byte)3, header.SequenceNumber);
        Assert.AreEqual((ushort)0x1A62, header.DestinationPanId);
        Assert.AreEqual(MacAddress.FromShort(0x1234), header.Destination);
        Assert.IsFalse(header.HasSourcePanId);
        Assert.AreEqual((ushort)0x1A62, header.SourcePanId, "a compressed source PAN is the destination PAN");
        Assert.AreEqual(MacAddress.FromShort(0x0000), header.Source);
        Assert.AreEqual(9, frame.PayloadOffset);
        Assert.AreEqual(19, frame.PayloadLength);
        CollectionAssert.AreEqual(FrameHex.Parse("48 00 34 12 00 00 1E 10 00 01 06 00 04 01 01 07 01 05 02"), frame.Payload(bytes).ToArray());
        Assert.IsNull(frame.CommandId(bytes));
        Assert.IsTrue(frame.FcsValid);
        AssertReEncodes(bytes, frame);

        var built = MacHeader.Data(3, 0x1A62, MacAddress.FromShort(0x1234), MacAddress.FromShort(0), ackRequest: true);
        Assert.AreEqual(header, built);
    }

    [TestMethod]
    public void AcknowledgmentExampleFromTheStandard()
    {
        // IEEE 802.15.4 acknowledgment example: 02 00 6A, FCS E4 79 (VECTORS.md).
        Span<byte> buffer = stackalloc byte[5];
        Assert.AreEqual(5, MacFrame.EncodeAcknowledgment(0x6A, framePending: false, buffer));
        CollectionAssert.AreEqual(FrameHex.Parse("02 00 6A E4 79"), buffer.ToArray());
        var frame = MacFrame.Decode(buffer);
        Assert.AreEqual(MacFrameType.Acknowledgment, frame.Header.FrameType);
        Assert.AreEqual((byte)0x6A, frame.Header.SequenceNumber);
        Assert.AreEqual(0, frame.PayloadLength);
        Assert.IsTrue(frame.FcsValid);
    }

    [TestMethod]
    public void BadFcsStillDecodesWithVerdict()
    {
        var bytes = FrameHex.Parse(Toggle);
        bytes[^1] ^= 0x01;
        Assert.IsTrue(MacFrame.TryDecode(bytes, out var frame));
        Assert.IsFalse(frame.FcsValid);
        Assert.AreEqual((byte)3, frame.Header.SequenceNumber);
    }

    [TestMethod]
    public void WithoutFcsTheWholeBufferIsTheMpdu()
    {
        var bytes = FrameHex.Parse(Toggle)[..^2];
        var frame = MacFrame.Decode(bytes, hasFcs: false);
        Assert.IsFalse(frame.HasFcs);
        Assert.IsFalse(frame.FcsValid);
        Assert.AreEqual(19, frame.PayloadLength);
    }

    internal static void AssertReEncodes(byte[] bytes, MacFrame frame)
    {
        var buffer = new byte[127];
        var length = MacFrame.Encode(frame.Header, frame.Payload(bytes), buffer);
        CollectionAssert.AreEqual(bytes, buffer[..length], $"re-encoded {FrameHex.Format(buffer.AsSpan(0, length))}");
        Assert.AreEqual(frame.PayloadOffset, frame.Header.Length);
    }
}
