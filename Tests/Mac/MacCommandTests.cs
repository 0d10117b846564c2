using ZigBee.Mac.Frames;

namespace ZigBee.Tests.Mac;

/// <summary>Every MAC command of 802.15.4-2006 §7.3: byte layout, round trip in a whole frame, truncation.</summary>
[TestClass]
public sealed class MacCommandTests
{
    [TestMethod]
    public void AssociationRequestCapabilityBits()
    {
        for (var value = 0; value < 256; value++)
        {
            var command = new AssociationRequestCommand(new CapabilityInformation((byte)value));
            var bytes = RoundTripInFrame(command.Encode, 2);
            CollectionAssert.AreEqual(new byte[] { 0x01, (byte)value }, bytes);
            Assert.IsTrue(AssociationRequestCommand.TryDecode(bytes, out var decoded));
            Assert.AreEqual(command, decoded);
            var capability = decoded.Capability;
            Assert.AreEqual((value & 0x01) != 0, capability.AlternatePanCoordinator);
            Assert.AreEqual((value & 0x02) != 0, capability.DeviceType);
            Assert.AreEqual((value & 0x04) != 0, capability.PowerSource);
            Assert.AreEqual((value & 0x08) != 0, capability.ReceiverOnWhenIdle);
            Assert.AreEqual((value >> 4) & 3, capability.ReservedBits);
            Assert.AreEqual((value & 0x40) != 0, capability.SecurityCapability);
            Assert.AreEqual((value & 0x80) != 0, capability.AllocateAddress);
        }
    }

    [TestMethod]
    public void AssociationResponseWithEveryStatusKind()
    {
        foreach (var status in new[] { AssociationStatus.Successful, AssociationStatus.PanAtCapacity, AssociationStatus.PanAccessDenied, (AssociationStatus)0x80 })
        {
            var command = new AssociationResponseCommand(0x1A2B, status);
            var bytes = RoundTripInFrame(command.Encode, 4);
            CollectionAssert.AreEqual(new byte[] { 0x02, 0x2B, 0x1A, (byte)status }, bytes);
            Assert.IsTrue(AssociationResponseCommand.TryDecode(bytes, out var decoded));
            Assert.AreEqual(command, decoded);
        }
    }

    [TestMethod]
    public void DisassociationNotification()
    {
        foreach (var reason in new[] { DisassociateReason.CoordinatorWishesDeviceToLeave, DisassociateReason.DeviceWishesToLeave, (DisassociateReason)0x00 })
        {
            var command = new DisassociationNotificationCommand(reason);
            var bytes = RoundTripInFrame(command.Encode, 2);
            CollectionAssert.AreEqual(new byte[] { 0x03, (byte)reason }, bytes);
            Assert.IsTrue(DisassociationNotificationCommand.TryDecode(bytes, out var decoded));
            Assert.AreEqual(command, decoded);
        }
    }

    [TestMethod]
    public void CoordinatorRealignmentWithAndWithoutChannelPage()
    {
        var without = new CoordinatorRealignmentCommand(0x1A62, 0x0000, 15, 0xFFFE);
        var bytes = RoundTripInFrame(without.Encode, 8);
        CollectionAssert.AreEqual(FrameHex.Parse("08 62 1A 00 00 0F FE FF"), bytes);
        Assert.IsTrue(CoordinatorRealignmentCommand.TryDecode(bytes, out var decoded));
        Assert.AreEqual(without, decoded);
        Assert.IsNull(decoded.ChannelPage);

        var with = without with { ChannelPage = 0 };
        bytes = RoundTripInFrame(with.Encode, 9);
        CollectionAssert.AreEqual(FrameHex.Parse("08 62 1A 00 00 0F FE FF 00"), bytes);
        Assert.IsTrue(CoordinatorRealignmentCommand.TryDecode(bytes, out decoded));
        Assert.AreEqual(with, decoded);
        Assert.AreEqual((byte)0, decoded.ChannelPage);
    }

    [TestMethod]
    public void GtsRequestCharacteristics()
    {
        for (var value = 0; value < 256; value++)
        {
            var command = new GtsRequestCommand((byte)value);
            var bytes = RoundTripInFrame(command.Encode, 2);
            Assert.IsTrue(GtsRequestCommand.TryDecode(bytes, out var decoded));
            Assert.AreEqual(command, decoded);
            Assert.AreEqual(value & 0x0F, decoded.GtsLength);
            Assert.AreEqual((value & 0x10) != 0, decoded.ReceiveOnly);
            Assert.AreEqual((value & 0x20) != 0, decoded.Allocation);
        }
    }

    [TestMethod]
    [DataRow(MacCommandId.DataRequest)]
    [DataRow(MacCommandId.PanIdConflictNotification)]
    [DataRow(MacCommandId.OrphanNotification)]
    [DataRow(MacCommandId.BeaconRequest)]
    public void BareCommands(MacCommandId id)
    {
        var bytes = RoundTripInFrame(destination => MacCommand.EncodeBare(id, destination), 1);
        CollectionAssert.AreEqual(new[] { (byte)id }, bytes);
        Assert.AreEqual(1, MacCommand.PayloadLength(id));
        Assert.IsTrue(MacCommand.IsKnown(id));
    }

    [TestMethod]
    public void UnknownCommandIdentifiersAreKept()
    {
        foreach (var id in new byte[] { 0x00, 0x0A, 0x13, 0xFF })
        {
            var bytes = RoundTripInFrame(destination => MacCommand.EncodeBare((MacCommandId)id, destination), 1);
            Assert.AreEqual(id, bytes[0]);
            Assert.IsFalse(MacCommand.IsKnown((MacCommandId)id));
            Assert.AreEqual(-1, MacCommand.PayloadLength((MacCommandId)id));
        }
    }

    [TestMethod]
    public void TruncatedOrMislabelledCommandsFail()
    {
        Assert.IsFalse(AssociationRequestCommand.TryDecode([0x01], out _));
        Assert.IsFalse(AssociationRequestCommand.TryDecode([], out _));
        Assert.IsFalse(AssociationRequestCommand.TryDecode([0x02, 0x8E], out _));
        Assert.IsFalse(AssociationResponseCommand.TryDecode([0x02, 0x01, 0x02], out _));
        Assert.IsFalse(DisassociationNotificationCommand.TryDecode([0x03], out _));
        Assert.IsFalse(CoordinatorRealignmentCommand.TryDecode(FrameHex.Parse("08 62 1A 00 00 0F FE"), out _));
        Assert.IsFalse(GtsRequestCommand.TryDecode([0x09], out _));
        Assert.IsFalse(GtsRequestCommand.TryDecode([0x01, 0x00], out _));
    }

    [TestMethod]
    public void CommandFrameWithoutIdentifierIsMalformed()
    {
        // Command frame to 0xffff on PAN 0xffff with an empty payload.
        var frame = new byte[] { 0x03, 0x08, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0 };
        ZigBee.Mac.Frames.Fcs.Write(frame.AsSpan(0, 7), frame.AsSpan(7));
        Assert.IsFalse(MacFrame.TryDecode(frame, out _));
        var exception = Assert.ThrowsExactly<ZigBee.Mac.FrameFormatException>(() => MacFrame.Decode(frame));
        Assert.AreEqual("command frame without command identifier", exception.Reason);
    }

    private delegate int Encoder(Span<byte> destination);

    /// <summary>Encodes the command, sends it in a command frame, decodes the frame, returns the payload.</summary>
    private static byte[] RoundTripInFrame(Encoder encode, int expectedLength)
    {
        var payload = new byte[16];
        var length = encode(payload);
        Assert.AreEqual(expectedLength, length);
        var header = new MacHeader(
            FrameControl.Create(MacFrameType.Command, MacAddressingMode.Extended, MacAddressingMode.Extended, ackRequest: true, panIdCompression: true, version: MacFrameVersion.Ieee2006),
            42, 0x1A62, ZigBee.Mac.Frames.MacAddress.FromExtended(1), 0x1A62, ZigBee.Mac.Frames.MacAddress.FromExtended(2));
        var frame = MacFrameRoundTripTests.AssertRoundTrip(header, payload[..length]);
        var buffer = new byte[127];
        var total = MacFrame.Encode(header, payload.AsSpan(0, length), buffer);
        Assert.AreEqual((MacCommandId)payload[0], frame.CommandId(buffer.AsSpan(0, total)));
        return payload[..length];
    }
}
