using ZigBee.Mac.Frames;

namespace ZigBee.Tests.Mac;

[TestClass]
public sealed class BeaconTests
{
    // Superframe 0xCF52 (BO 2, SO 5, final CAP slot 15, PAN coordinator, association permit); GTS spec 0x82
    // (2 descriptors, permit); directions 0x02 (descriptor 1 receive-only); GTS 0x1234 slot 9 length 2 (0x29),
    // 0x5678 slot 11 length 4 (0x4B); pending spec 0x12 (2 short, 1 extended); 0x0021, 0x0800,
    // 01:02:03:04:05:06:07:08; beacon payload AA BB (§7.2.2.1).
    private const string WithGtsAndPending = "52 CF 82 02 34 12 29 78 56 4B 12 21 00 00 08 08 07 06 05 04 03 02 01 AA BB";

    [TestMethod]
    public void GtsFieldsAndPendingAddressListsDecode()
    {
        var payload = FrameHex.Parse(WithGtsAndPending);
        Assert.IsTrue(Beacon.TryDecode(payload, out var beacon));
        Assert.AreEqual((ushort)0xCF52, beacon.Superframe.Value);
        Assert.AreEqual(2, beacon.Superframe.BeaconOrder);
        Assert.AreEqual(5, beacon.Superframe.SuperframeOrder);
        Assert.AreEqual(15, beacon.Superframe.FinalCapSlot);
        Assert.IsFalse(beacon.Superframe.BatteryLifeExtension);
        Assert.IsFalse(beacon.Superframe.ReservedBit);
        Assert.IsTrue(beacon.Superframe.PanCoordinator);
        Assert.IsTrue(beacon.Superframe.AssociationPermit);
        Assert.IsTrue(beacon.GtsPermit);
        Assert.AreEqual(2, beacon.GtsDescriptorCount);
        Assert.AreEqual((byte)0x02, beacon.GtsDirections);
        Assert.AreEqual(new GtsDescriptor(0x1234, 9, 2), beacon.GetGtsDescriptor(payload, 0));
        Assert.AreEqual(new GtsDescriptor(0x5678, 11, 4), beacon.GetGtsDescriptor(payload, 1));
        Assert.IsFalse(beacon.IsReceiveGts(0));
        Assert.IsTrue(beacon.IsReceiveGts(1));
        Assert.AreEqual(2, beacon.PendingShortCount);
        Assert.AreEqual(1, beacon.PendingExtendedCount);
        Assert.AreEqual((ushort)0x0021, beacon.GetPendingShort(payload, 0));
        Assert.AreEqual((ushort)0x0800, beacon.GetPendingShort(payload, 1));
        Assert.AreEqual(0x0102030405060708ul, beacon.GetPendingExtended(payload, 0));
        CollectionAssert.AreEqual(new byte[] { 0xAA, 0xBB }, beacon.BeaconPayload(payload).ToArray());
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => beacon.GetGtsDescriptor(payload, 2));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => beacon.GetPendingExtended(payload, 1));
    }

    [TestMethod]
    public void GtsAndPendingEncodeToTheSameBytes()
    {
        var destination = new byte[64];
        var length = Beacon.Encode(
            new SuperframeSpecification(0xCF52),
            gtsPermit: true,
            [new GtsDescriptor(0x1234, 9, 2), new GtsDescriptor(0x5678, 11, 4)],
            0x02,
            [0x0021, 0x0800],
            [0x0102030405060708],
            [0xAA, 0xBB],
            destination);
        CollectionAssert.AreEqual(FrameHex.Parse(WithGtsAndPending), destination[..length]);
    }

    [TestMethod]
    public void ZigBeeNonBeaconNetworkBeaconRoundTrips()
    {
        // A ZigBee router's beacon: BO = SO = 15, no GTS, no pending addresses, 15-byte beacon payload.
        var beaconPayload = FrameHex.Parse("00 22 84 01 02 03 04 05 06 07 08 FF FF FF 00");
        var destination = new byte[32];
        var length = Beacon.Encode(SuperframeSpecification.NonBeacon(panCoordinator: true, associationPermit: true), [], [], beaconPayload, destination);
        CollectionAssert.AreEqual(FrameHex.Parse("FF CF 00 00 00 22 84 01 02 03 04 05 06 07 08 FF FF FF 00"), destination[..length]);
        Assert.IsTrue(Beacon.TryDecode(destination.AsSpan(0, length), out var beacon));
        Assert.AreEqual(15, beacon.Superframe.BeaconOrder);
        Assert.AreEqual(0, beacon.GtsDescriptorCount);
        Assert.IsFalse(beacon.GtsPermit);
        Assert.AreEqual(4, beacon.BeaconPayloadOffset);
        Assert.AreEqual(15, beacon.BeaconPayloadLength);
    }

    [TestMethod]
    public void EveryTruncationFailsCleanly()
    {
        var payload = FrameHex.Parse(WithGtsAndPending);
        var fieldsEnd = payload.Length - 2;
        for (var length = 0; length < fieldsEnd; length++)
        {
            Assert.IsFalse(Beacon.TryDecode(payload.AsSpan(0, length), out _), $"length {length}");
        }

        for (var length = fieldsEnd; length <= payload.Length; length++)
        {
            Assert.IsTrue(Beacon.TryDecode(payload.AsSpan(0, length), out var beacon));
            Assert.AreEqual(length - fieldsEnd, beacon.BeaconPayloadLength);
        }
    }

    [TestMethod]
    public void BeaconFrameWithoutSuperframeFieldsIsMalformed()
    {
        // Beacon (type 0) from 0xdead on PAN 0x99aa with only two payload bytes.
        var frame = new byte[] { 0x00, 0x80, 0x01, 0xAA, 0x99, 0xAD, 0xDE, 0xFF, 0xCF, 0, 0 };
        ZigBee.Mac.Frames.Fcs.Write(frame.AsSpan(0, 9), frame.AsSpan(9));
        Assert.IsFalse(MacFrame.TryDecode(frame, out _));
        var exception = Assert.ThrowsExactly<ZigBee.Mac.FrameFormatException>(() => MacFrame.Decode(frame));
        Assert.AreEqual(7, exception.Offset);
    }

    [TestMethod]
    public void EncodeRejectsTooManyEntries()
    {
        var destination = new byte[200];
        Assert.ThrowsExactly<ArgumentException>(() => Beacon.Encode(new SuperframeSpecification(0), new ushort[8], [], [], destination));
        Assert.ThrowsExactly<ArgumentException>(() => Beacon.Encode(new SuperframeSpecification(0), true, new GtsDescriptor[8], 0, [], [], [], destination));
        Assert.ThrowsExactly<ArgumentException>(() => Beacon.Encode(new SuperframeSpecification(0), true, [new GtsDescriptor(1, 16, 1)], 0, [], [], [], destination));
    }
}
