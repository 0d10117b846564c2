using System.Text;
using ZigBee.XBee.Frames;
using static ZigBee.Tests.XBee.XBeeVectors;

namespace ZigBee.Tests.XBee;

/// <summary>The guides' example frames: decoding gives the fields the guide lists, encoding gives the guide's bytes back.</summary>
[TestClass]
public sealed class XBeeFrameVectorTests
{
    private static readonly byte[] TxData = Encoding.ASCII.GetBytes("TxData");
    private static readonly byte[] RxData = Encoding.ASCII.GetBytes("RxData");

    // A fresh instance runs each test, so the scratch buffer is never shared between parallel tests.
    private readonly byte[] scratch = new byte[256];

    [TestMethod]
    public void AtCommandQueryHasNoParameter()
    {
        Assert.IsTrue(AtCommandFrame.TryDecode(FrameData(AtCommandQueryNj), out var frame));
        Assert.AreEqual((byte)'R', frame.FrameId);
        Assert.AreEqual(AtCommandName.NJ, frame.Command);
        Assert.IsTrue(frame.Parameter.IsEmpty);
        Assert.IsFalse(frame.Queued);
        AssertEncodes(AtCommandQueryNj, scratch, new AtCommandFrame(0x52, AtCommandName.Parse("NJ"), []).Encode(scratch));
    }

    [TestMethod]
    public void AtCommandSetCarriesTheValueBigEndian()
    {
        Assert.IsTrue(AtCommandFrame.TryDecode(FrameData(AtCommandSetBd), out var frame));
        Assert.AreEqual(AtCommandName.BD, frame.Command);
        CollectionAssert.AreEqual(new byte[] { 0x04, 0xB0 }, frame.Parameter.ToArray());
        AssertEncodes(AtCommandSetBd, scratch, new AtCommandFrame(1, AtCommandName.BD, [0x04, 0xB0]).Encode(scratch));
    }

    [TestMethod]
    public void QueuedAtCommandUses0x09()
    {
        Assert.IsTrue(AtCommandFrame.TryDecode(FrameData(AtCommandQueueBd), out var frame));
        Assert.IsTrue(frame.Queued);
        Assert.AreEqual(ApiFrameType.AtCommandQueue, frame.Type);
        AssertEncodes(AtCommandQueueBd, scratch, new AtCommandFrame(1, AtCommandName.BD, [7], Queued: true).Encode(scratch));
    }

    [TestMethod]
    public void AtCommandResponse()
    {
        Assert.IsTrue(AtCommandResponseFrame.TryDecode(FrameData(AtCommandResponseBd), out var frame));
        Assert.AreEqual((byte)1, frame.FrameId);
        Assert.AreEqual("BD", frame.Command.ToString());
        Assert.AreEqual(AtCommandStatus.Ok, frame.Status);
        Assert.IsTrue(frame.Data.IsEmpty);
        AssertEncodes(AtCommandResponseBd, scratch, new AtCommandResponseFrame(1, AtCommandName.BD, AtCommandStatus.Ok, []).Encode(scratch));
    }

    [TestMethod]
    public void RemoteAtCommand()
    {
        Assert.IsTrue(RemoteAtCommandFrame.TryDecode(FrameData(RemoteAtCommandBh), out var frame));
        Assert.AreEqual(0x0013A20040401122UL, frame.Destination64);
        Assert.AreEqual((ushort)0xFFFE, frame.Destination16);
        Assert.AreEqual(RemoteAtOptions.ApplyChanges, frame.Options);
        Assert.AreEqual(new AtCommandName('B', 'H'), frame.Command);
        CollectionAssert.AreEqual(new byte[] { 1 }, frame.Parameter.ToArray());
        AssertEncodes(RemoteAtCommandBh, scratch, new RemoteAtCommandFrame(1, 0x0013A20040401122, 0xFFFE, RemoteAtOptions.ApplyChanges, AtCommandName.Parse("BH"), [1]).Encode(scratch));
    }

    [TestMethod]
    public void RemoteAtCommandResponse()
    {
        Assert.IsTrue(RemoteAtCommandResponseFrame.TryDecode(FrameData(RemoteAtCommandResponseSl), out var frame));
        Assert.AreEqual((byte)0x55, frame.FrameId);
        Assert.AreEqual(0x0013A20040522BAAUL, frame.Source64);
        Assert.AreEqual((ushort)0x7D84, frame.Source16);
        Assert.AreEqual(AtCommandName.SL, frame.Command);
        Assert.AreEqual(AtCommandStatus.Ok, frame.Status);
        CollectionAssert.AreEqual(new byte[] { 0x40, 0x52, 0x2B, 0xAA }, frame.Data.ToArray());
        AssertEncodes(RemoteAtCommandResponseSl, scratch, new RemoteAtCommandResponseFrame(0x55, 0x0013A20040522BAA, 0x7D84, AtCommandName.SL, AtCommandStatus.Ok, [0x40, 0x52, 0x2B, 0xAA]).Encode(scratch));
    }

    [TestMethod]
    public void ModemStatus()
    {
        Assert.IsTrue(ModemStatusFrame.TryDecode(FrameData(ModemStatusCoordinatorStarted), out var frame));
        Assert.AreEqual(new ModemStatusFrame(ZigBee.XBee.Frames.ModemStatus.CoordinatorStarted), frame);
        AssertEncodes(ModemStatusCoordinatorStarted, scratch, frame.Encode(scratch));
    }

    [TestMethod]
    public void TransmitRequestInBothModes()
    {
        Assert.IsTrue(TransmitRequestFrame.TryDecode(FrameData(TransmitRequest), out var frame));
        Assert.AreEqual((byte)1, frame.FrameId);
        Assert.AreEqual(0x0013A200400A0127UL, frame.Destination64);
        Assert.AreEqual((ushort)0xFFFE, frame.Destination16);
        Assert.AreEqual((byte)0, frame.BroadcastRadius);
        Assert.AreEqual(TransmitOptions.None, frame.Options);
        Assert.AreEqual("TxData0A", Encoding.ASCII.GetString(frame.Data));
        var request = new TransmitRequestFrame(1, 0x0013A200400A0127, 0xFFFE, 0, TransmitOptions.None, "TxData0A"u8);
        AssertEncodes(TransmitRequest, scratch, request.Encode(scratch));
        AssertEncodes(TransmitRequestEscaped, scratch, request.Encode(scratch), ApiMode.Escaped);
    }

    [TestMethod]
    public void ExplicitAddressingCommand()
    {
        Assert.IsTrue(ExplicitAddressingCommandFrame.TryDecode(FrameData(ExplicitAddressing), out var frame));
        Assert.AreEqual(0UL, frame.Destination64);
        Assert.AreEqual((ushort)0xFFFE, frame.Destination16);
        Assert.AreEqual((byte)0xA0, frame.SourceEndpoint);
        Assert.AreEqual((byte)0xA1, frame.DestinationEndpoint);
        Assert.AreEqual((ushort)0x1554, frame.ClusterId);
        Assert.AreEqual((ushort)0xC105, frame.ProfileId);
        CollectionAssert.AreEqual(TxData, frame.Data.ToArray());
        AssertEncodes(ExplicitAddressing, scratch, new ExplicitAddressingCommandFrame(1, 0, 0xFFFE, 0xA0, 0xA1, 0x1554, 0xC105, 0, TransmitOptions.None, TxData).Encode(scratch));
    }

    [TestMethod]
    public void TransmitStatusReportsTheDiscovery()
    {
        Assert.IsTrue(TransmitStatusFrame.TryDecode(FrameData(TransmitStatus), out var frame));
        Assert.AreEqual(new TransmitStatusFrame(1, 0x7D84, 0, DeliveryStatus.Success, DiscoveryStatus.AddressDiscovery), frame);
        AssertEncodes(TransmitStatus, scratch, frame.Encode(scratch));
    }

    [TestMethod]
    public void ReceivePacketFrame()
    {
        Assert.IsTrue(ZigBee.XBee.Frames.ReceivePacketFrame.TryDecode(FrameData(ReceivePacket), out var frame));
        Assert.AreEqual(0x0013A20040522BAAUL, frame.Source64);
        Assert.AreEqual((ushort)0x7D84, frame.Source16);
        Assert.AreEqual(ReceiveOptions.Acknowledged, frame.Options);
        CollectionAssert.AreEqual(RxData, frame.Data.ToArray());
        AssertEncodes(ReceivePacket, scratch, new ReceivePacketFrame(0x0013A20040522BAA, 0x7D84, ReceiveOptions.Acknowledged, RxData).Encode(scratch));
    }

    [TestMethod]
    public void ExplicitRxIndicator()
    {
        Assert.IsTrue(ExplicitRxIndicatorFrame.TryDecode(FrameData(ExplicitRx), out var frame));
        Assert.AreEqual(0x0013A20040522BAAUL, frame.Source64);
        Assert.AreEqual((ushort)0x7D84, frame.Source16);
        Assert.AreEqual((byte)0xE0, frame.SourceEndpoint);
        Assert.AreEqual((byte)0xE0, frame.DestinationEndpoint);
        Assert.AreEqual((ushort)0x2211, frame.ClusterId);
        Assert.AreEqual((ushort)0xC105, frame.ProfileId);
        Assert.AreEqual(ReceiveOptions.Broadcast, frame.Options);
        CollectionAssert.AreEqual(RxData, frame.Data.ToArray());
        AssertEncodes(ExplicitRx, scratch, new ExplicitRxIndicatorFrame(0x0013A20040522BAA, 0x7D84, 0xE0, 0xE0, 0x2211, 0xC105, ReceiveOptions.Broadcast, RxData).Encode(scratch));
    }

    [TestMethod]
    public void NodeIdentificationWithoutExtras()
    {
        Assert.IsTrue(NodeIdentificationFrame.TryDecode(FrameData(NodeIdentification), out var frame));
        Assert.AreEqual(0x0013A20040522BAAUL, frame.Source64);
        Assert.AreEqual((ushort)0x7D84, frame.Source16);
        Assert.AreEqual(ReceiveOptions.Broadcast, frame.Options);
        Assert.AreEqual((ushort)0x7D84, frame.Remote16);
        Assert.AreEqual(0x0013A20040522BAAUL, frame.Remote64);
        Assert.AreEqual(" ", Encoding.ASCII.GetString(frame.NodeIdentifier));
        Assert.AreEqual((ushort)0xFFFE, frame.Parent16);
        Assert.AreEqual(XBeeDeviceType.Router, frame.DeviceType);
        Assert.AreEqual(NodeIdentificationEvent.PushButton, frame.SourceEvent);
        Assert.AreEqual((ushort)0xC105, frame.ProfileId);
        Assert.AreEqual((ushort)0x101E, frame.ManufacturerId);
        Assert.IsNull(frame.DeviceTypeIdentifier);
        Assert.IsNull(frame.Rssi);
        AssertEncodes(NodeIdentification, scratch, new NodeIdentificationFrame(
            0x0013A20040522BAA, 0x7D84, ReceiveOptions.Broadcast, 0x7D84, 0x0013A20040522BAA, " "u8, 0xFFFE, XBeeDeviceType.Router, NodeIdentificationEvent.PushButton, 0xC105, 0x101E).Encode(scratch));
    }

    [TestMethod]
    public void NodeIdentificationWithDeviceTypeIdentifierAndRssi()
    {
        Assert.IsTrue(NodeIdentificationFrame.TryDecode(FrameData(NodeIdentificationWithExtras), out var frame));
        Assert.AreEqual(0x0013A200407402ACUL, frame.Remote64);
        Assert.AreEqual(0x000C0000U, frame.DeviceTypeIdentifier);
        Assert.AreEqual((byte)0x2E, frame.Rssi);
        var again = new NodeIdentificationFrame(
            0x0013A200407402AC, 0xFFFE, (ReceiveOptions)0xC2, 0xFFFE, 0x0013A200407402AC, " "u8, 0xFFFE, XBeeDeviceType.Router, NodeIdentificationEvent.PushButton, 0xC105, 0x101E)
        {
            DeviceTypeIdentifier = 0x000C0000,
            Rssi = 0x2E,
        };
        AssertEncodes(NodeIdentificationWithExtras, scratch, again.Encode(scratch));
    }

    [TestMethod]
    public void RouteRecordListsTheHopsBigEndian()
    {
        Assert.IsTrue(RouteRecordFrame.TryDecode(FrameData(RouteRecord), out var frame));
        Assert.AreEqual(0x0013A20040401122UL, frame.Source64);
        Assert.AreEqual((ushort)0x3344, frame.Source16);
        Assert.AreEqual(ReceiveOptions.Acknowledged, frame.Options);
        CollectionAssert.AreEqual(new ushort[] { 0xEEFF, 0xCCDD, 0xAABB }, frame.Addresses.ToArray());
        AssertEncodes(RouteRecord, scratch, new RouteRecordFrame(0x0013A20040401122, 0x3344, ReceiveOptions.Acknowledged, new XBeeAddressList([0xEEFF, 0xCCDD, 0xAABB])).Encode(scratch));
    }

    [TestMethod]
    public void CreateSourceRouteFromAddresses()
    {
        Assert.IsTrue(CreateSourceRouteFrame.TryDecode(FrameData(CreateSourceRoute), out var frame));
        Assert.AreEqual((byte)0, frame.FrameId);
        Assert.AreEqual(0x0013A20040401122UL, frame.Destination64);
        Assert.AreEqual((ushort)0x3344, frame.Destination16);
        Assert.AreEqual((byte)0, frame.RouteOptions);
        Assert.AreEqual(3, frame.Addresses.Count);
        Assert.AreEqual((ushort)0xCCDD, frame.Addresses[1]);
        AssertEncodes(CreateSourceRoute, scratch, new CreateSourceRouteFrame(0, 0x0013A20040401122, 0x3344, 0, new XBeeAddressList([0xEEFF, 0xCCDD, 0xAABB])).Encode(scratch));

        // Re-encoding the decoded view (bytes, not addresses) gives the same frame.
        AssertEncodes(CreateSourceRoute, scratch, frame.Encode(scratch));
    }

    [TestMethod]
    public void RegisterJoiningDeviceAndItsStatus()
    {
        Assert.IsTrue(RegisterJoiningDeviceFrame.TryDecode(FrameData(RegisterJoiningDevice), out var frame));
        Assert.AreEqual(0x0013A20012345678UL, frame.Destination64);
        Assert.AreEqual(RegisterJoiningDeviceFrame.ReservedValue, frame.Reserved);
        Assert.AreEqual("ZigBeeAlliance09", Encoding.ASCII.GetString(frame.Key));
        AssertEncodes(RegisterJoiningDevice, scratch, new RegisterJoiningDeviceFrame(1, 0x0013A20012345678, 0xFFFE, 0, "ZigBeeAlliance09"u8).Encode(scratch));

        Assert.IsTrue(RegisterJoiningDeviceStatusFrame.TryDecode(FrameData(RegisterJoiningDeviceStatus), out var status));
        Assert.AreEqual(new RegisterJoiningDeviceStatusFrame(1, 0), status);
        AssertEncodes(RegisterJoiningDeviceStatus, scratch, status.Encode(scratch));
    }

    [TestMethod]
    public void Ieee802154TransmitRequests()
    {
        Assert.IsTrue(Tx64RequestFrame.TryDecode(FrameData(Tx64Request), out var tx64));
        Assert.AreEqual(0x0013A20040522BAAUL, tx64.Destination64);
        Assert.AreEqual(Tx154Options.None, tx64.Options);
        CollectionAssert.AreEqual(TxData, tx64.Data.ToArray());
        AssertEncodes(Tx64Request, scratch, new Tx64RequestFrame(1, 0x0013A20040522BAA, Tx154Options.None, TxData).Encode(scratch));

        Assert.IsTrue(Tx16RequestFrame.TryDecode(FrameData(Tx16Request), out var tx16));
        Assert.AreEqual((ushort)0x1234, tx16.Destination16);
        AssertEncodes(Tx16Request, scratch, new Tx16RequestFrame(1, 0x1234, Tx154Options.None, TxData).Encode(scratch));
    }

    [TestMethod]
    public void Ieee802154ReceiveIndicatorsReportMinusDbm()
    {
        Assert.IsTrue(Rx64Frame.TryDecode(FrameData(Rx64), out var rx64));
        Assert.AreEqual(0x0013A20012345678UL, rx64.Source64);
        Assert.AreEqual((byte)0x5E, rx64.Rssi);
        Assert.AreEqual(-94, rx64.RssiDbm);
        Assert.AreEqual((Rx154Options)0x01, rx64.Options);
        CollectionAssert.AreEqual(TxData, rx64.Data.ToArray());
        AssertEncodes(Rx64, scratch, new Rx64Frame(0x0013A20012345678, 0x5E, (Rx154Options)0x01, TxData).Encode(scratch));

        Assert.IsTrue(Rx16Frame.TryDecode(FrameData(Rx16), out var rx16));
        Assert.AreEqual((ushort)0x1234, rx16.Source16);
        Assert.AreEqual(-94, rx16.RssiDbm);
        AssertEncodes(Rx16, scratch, new Rx16Frame(0x1234, 0x5E, (Rx154Options)0x01, TxData).Encode(scratch));

        Assert.IsTrue(TxStatusFrame.TryDecode(FrameData(Tx154Status), out var status));
        Assert.AreEqual(new TxStatusFrame(1, ZigBee.XBee.Frames.TxStatus.Success), status);
        AssertEncodes(Tx154Status, scratch, status.Encode(scratch));
    }

    [TestMethod]
    public void EveryVectorCarriesAGoodChecksum()
    {
        foreach (var vector in All)
        {
            var bytes = Bytes(vector);
            Assert.AreEqual(bytes[^1], ApiFrame.Checksum(bytes.AsSpan(3, bytes.Length - 4)), vector);
            Assert.AreEqual((bytes[1] << 8) | bytes[2], bytes.Length - 4, vector);
        }
    }

    /// <summary>Frames the encoded frame data and compares it with the guide's whole frame.</summary>
    private static void AssertEncodes(string expected, byte[] data, int length, ApiMode mode = ApiMode.Unescaped)
    {
        var wire = new byte[ApiFrame.MaxEncodedLength(length)];
        var written = ApiFrame.Encode(data.AsSpan(0, length), mode, wire);
        Assert.AreEqual(expected, Convert.ToHexString(wire, 0, written).Chunk(2).Select(pair => new string(pair)).Aggregate((a, b) => a + " " + b));
    }
}
