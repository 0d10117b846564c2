using ZigBee.Mac.Pib;
using ZigBee.Mac.Service;
using ZigBee.Tests.Mac.Fakes;

namespace ZigBee.Tests.Mac.Service;

[TestClass]
public sealed class PibTests
{
    private static MacService NewMac(out MacTestBed bed)
    {
        bed = new MacTestBed();
        return bed.AddNode(0xABCDEF).Mac;
    }

    [TestMethod]
    public void DefaultsFollowTable86At24GHz()
    {
        var mac = NewMac(out _);
        var pib = mac.Pib;
        Assert.AreEqual(54, pib.MacAckWaitDuration);
        Assert.AreEqual(TimeSpan.FromTicks(54 * 160), pib.AckWaitDuration);
        Assert.AreEqual((byte)5, pib.MacMaxBe);
        Assert.AreEqual((byte)3, pib.MacMinBe);
        Assert.AreEqual((byte)4, pib.MacMaxCsmaBackoffs);
        Assert.AreEqual((byte)3, pib.MacMaxFrameRetries);
        Assert.AreEqual((byte)32, pib.MacResponseWaitTime);
        Assert.AreEqual(TimeSpan.FromTicks(32 * 960 * 160), pib.ResponseWaitTime);
        Assert.AreEqual((ushort)0x01F4, pib.MacTransactionPersistenceTime);
        Assert.AreEqual(TimeSpan.FromSeconds(7.68), pib.TransactionPersistenceTime);
        Assert.AreEqual(1986, pib.MacMaxFrameTotalWaitTime);
        Assert.AreEqual((ushort)0xFFFF, pib.MacPanId);
        Assert.AreEqual((ushort)0xFFFF, pib.MacShortAddress);
        Assert.AreEqual((ushort)0xFFFF, pib.MacCoordShortAddress);
        Assert.IsTrue(pib.MacAutoRequest);
        Assert.IsFalse(pib.MacRxOnWhenIdle);
        Assert.IsFalse(pib.MacAssociationPermit);
        Assert.AreEqual((byte)15, pib.MacBeaconOrder);
        Assert.AreEqual((byte)15, pib.MacSuperframeOrder);
        Assert.AreEqual(0, pib.MacBeaconPayloadLength);
        Assert.AreEqual(TimeSpan.FromTicks(960 * 9 * 160), MacConstants.ScanDurationTime(3));
    }

    [TestMethod]
    public void GetAndSetByIdentifier()
    {
        var mac = NewMac(out var bed);
        Assert.AreEqual(MacStatus.Success, bed.Run(async () => (await mac.SetRequestAsync(MacPibAttribute.MacPanId, 0x1A62UL)).Status));
        var get = bed.Run(async () => await mac.GetRequestAsync(MacPibAttribute.MacPanId));
        Assert.AreEqual(MacStatus.Success, get.Status);
        Assert.AreEqual(0x1A62UL, get.PibAttributeValue.Integer);
        Assert.AreEqual((ushort)0x1A62, mac.Pib.MacPanId);

        Assert.AreEqual(MacStatus.Success, mac.Pib.Set(MacPibAttribute.MacRxOnWhenIdle, true));
        Assert.IsTrue(mac.Pib.MacRxOnWhenIdle);
        Assert.AreEqual(MacStatus.Success, mac.Pib.Get(MacPibAttribute.MacAckWaitDuration, out var ackWait));
        Assert.AreEqual(54UL, ackWait.Integer);
        Assert.AreEqual(MacStatus.Success, mac.Pib.Get(MacPibAttribute.MacTransactionPersistenceTime, out var persistence));
        Assert.AreEqual(0x01F4UL, persistence.Integer);
    }

    [TestMethod]
    public void ChannelIsSetThroughTheRadio()
    {
        var bed = new MacTestBed();
        var (mac, radio) = bed.AddNode(0x1);
        Assert.AreEqual(MacStatus.Success, mac.Pib.Set(MacPibAttribute.PhyCurrentChannel, 20UL));
        Assert.AreEqual((byte)20, radio.Channel);
        Assert.AreEqual(MacStatus.InvalidParameter, mac.Pib.Set(MacPibAttribute.PhyCurrentChannel, 27UL));
        Assert.AreEqual(MacStatus.InvalidParameter, mac.Pib.Set(MacPibAttribute.PhyCurrentChannel, 10UL));
        Assert.AreEqual((byte)20, radio.Channel);
    }

    [TestMethod]
    [DataRow(MacPibAttribute.MacAckWaitDuration)]
    [DataRow(MacPibAttribute.PhyChannelsSupported)]
    [DataRow(MacPibAttribute.PhySymbolsPerOctet)]
    [DataRow(MacPibAttribute.MacTimestampSupported)]
    public void ReadOnlyAttributesRefuseSet(MacPibAttribute attribute)
    {
        var mac = NewMac(out _);
        Assert.AreEqual(MacStatus.ReadOnly, mac.Pib.Set(attribute, 1UL));
    }

    [TestMethod]
    [DataRow(MacPibAttribute.PhyTransmitPower)]
    [DataRow(MacPibAttribute.MacGtsPermit)]
    [DataRow(MacPibAttribute.MacBattLifeExt)]
    [DataRow((MacPibAttribute)0x70)]
    [DataRow((MacPibAttribute)0xFF)]
    public void UnknownOrUnsupportedAttributesAnswerUnsupportedAttribute(MacPibAttribute attribute)
    {
        var mac = NewMac(out _);
        Assert.AreEqual(MacStatus.UnsupportedAttribute, mac.Pib.Set(attribute, 1UL));
        Assert.AreEqual(MacStatus.UnsupportedAttribute, mac.Pib.Get(attribute, out _));
    }

    [TestMethod]
    [DataRow(MacPibAttribute.MacMaxBe, 9UL)]
    [DataRow(MacPibAttribute.MacMaxBe, 2UL)]
    [DataRow(MacPibAttribute.MacMinBe, 6UL)]
    [DataRow(MacPibAttribute.MacMaxCsmaBackoffs, 6UL)]
    [DataRow(MacPibAttribute.MacMaxFrameRetries, 8UL)]
    [DataRow(MacPibAttribute.MacResponseWaitTime, 1UL)]
    [DataRow(MacPibAttribute.MacResponseWaitTime, 65UL)]
    [DataRow(MacPibAttribute.MacPanId, 0x10000UL)]
    [DataRow(MacPibAttribute.MacDsn, 256UL)]
    [DataRow(MacPibAttribute.MacAssociationPermit, 2UL)]
    [DataRow(MacPibAttribute.MacBeaconOrder, 14UL)]
    [DataRow(MacPibAttribute.MacSecurityEnabled, 1UL)]
    [DataRow(MacPibAttribute.PhyCurrentPage, 1UL)]
    public void OutOfRangeValuesAreInvalidParameterAndLeaveTheValue(MacPibAttribute attribute, ulong value)
    {
        var mac = NewMac(out _);
        mac.Pib.Get(attribute, out var before);
        Assert.AreEqual(MacStatus.InvalidParameter, mac.Pib.Set(attribute, value));
        mac.Pib.Get(attribute, out var after);
        Assert.AreEqual(before.Integer, after.Integer);
    }

    [TestMethod]
    public void BeaconPayloadAndItsLength()
    {
        var mac = NewMac(out _);
        Assert.AreEqual(MacStatus.Success, mac.Pib.Set(MacPibAttribute.MacBeaconPayload, MacPibValue.FromBytes(new byte[] { 0, 0x22, 0x84 })));
        mac.Pib.Get(MacPibAttribute.MacBeaconPayloadLength, out var length);
        Assert.AreEqual(3UL, length.Integer);
        mac.Pib.Get(MacPibAttribute.MacBeaconPayload, out var payload);
        CollectionAssert.AreEqual(new byte[] { 0, 0x22, 0x84 }, payload.Bytes.ToArray());
        Assert.AreEqual(MacStatus.InvalidParameter, mac.Pib.Set(MacPibAttribute.MacBeaconPayload, MacPibValue.FromBytes(new byte[53])));
        Assert.AreEqual(MacStatus.Success, mac.Pib.Set(MacPibAttribute.MacBeaconPayloadLength, 1UL));
        CollectionAssert.AreEqual(new byte[] { 0 }, mac.Pib.MacBeaconPayload.ToArray());
    }

    [TestMethod]
    public void TypedSettersThrowOutOfRange()
    {
        var mac = NewMac(out _);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => mac.Pib.MacMaxBe = 9);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => mac.Pib.PhyCurrentChannel = 5);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => mac.Pib.MacBeaconPayload = new byte[60]);
        Assert.AreEqual((byte)5, mac.Pib.MacMaxBe);
    }

    [TestMethod]
    public void MaxFrameTotalWaitTimeFollowsTheEquation()
    {
        Assert.AreEqual(1986, MacPib.ComputeMaxFrameTotalWaitTime(3, 5, 4));
        // m = 0: every backoff at 2^maxBE − 1.
        Assert.AreEqual((31 * 4 * 20) + 266, MacPib.ComputeMaxFrameTotalWaitTime(5, 5, 4));
    }

    [TestMethod]
    public void RxOnWhenIdleSteersTheReceiver()
    {
        var bed = new MacTestBed();
        var (mac, radio) = bed.AddNode(0x1);
        Assert.IsFalse(radio.ReceiverEnabled);
        mac.Pib.MacRxOnWhenIdle = true;
        Assert.IsTrue(radio.ReceiverEnabled);
        Assert.AreEqual(MacStatus.Success, mac.Pib.Set(MacPibAttribute.MacRxOnWhenIdle, false));
        Assert.IsFalse(radio.ReceiverEnabled);
    }
}
