using ZigBee.Mac.Frames;
using ZigBee.Nwk.Frames;
using ZigBee.Tests.Mac;

namespace ZigBee.Tests.Nwk;

/// <summary>Every NWK command encodes to the bytes of the specification's layout and decodes back; truncations are refused.</summary>
[TestClass]
public sealed class NwkCommandTests
{
    [TestMethod]
    public void RouteRequestRoundTripsWithAndWithoutIeeeAddress()
    {
        var plain = RouteRequestCommand.Create(7, 0x1234, 3, ManyToOneMode.RouteRecordSupported);
        AssertRoundTrip("01 08 07 34 12 03", plain.Encode, RouteRequestCommand.TryDecode, plain);
        Assert.AreEqual(ManyToOneMode.RouteRecordSupported, plain.ManyToOne);
        var withIeee = RouteRequestCommand.Create(8, 0xFFFC, 0, ManyToOneMode.RouteRecordNotSupported, multicast: true, destinationIeeeAddress: 0x0102030405060708);
        AssertRoundTrip("01 70 08 FC FF 00 08 07 06 05 04 03 02 01", withIeee.Encode, RouteRequestCommand.TryDecode, withIeee);
        Assert.IsTrue(withIeee.Multicast);
        Assert.IsTrue(withIeee.DestinationIeeeAddressPresent);
        Assert.IsFalse(RouteRequestCommand.TryDecode(FrameHex.Parse("01 20 08 FC FF 00 08 07 06 05 04 03 02"), out _), "announced IEEE address truncated");
        Assert.IsFalse(RouteRequestCommand.TryDecode(FrameHex.Parse("01 00 08 FC FF"), out _));
    }

    [TestMethod]
    public void RouteReplyRoundTripsWithEveryIeeeAddressCombination()
    {
        var plain = RouteReplyCommand.Create(9, 0x0001, 0x0002, 5);
        AssertRoundTrip("02 00 09 01 00 02 00 05", plain.Encode, RouteReplyCommand.TryDecode, plain);
        var originator = RouteReplyCommand.Create(9, 0x0001, 0x0002, 5, originatorIeeeAddress: 0x1111111111111111);
        AssertRoundTrip("02 10 09 01 00 02 00 05 11 11 11 11 11 11 11 11", originator.Encode, RouteReplyCommand.TryDecode, originator);
        var responder = RouteReplyCommand.Create(9, 0x0001, 0x0002, 5, multicast: true, responderIeeeAddress: 0x2222222222222222);
        AssertRoundTrip("02 60 09 01 00 02 00 05 22 22 22 22 22 22 22 22", responder.Encode, RouteReplyCommand.TryDecode, responder);
        var both = RouteReplyCommand.Create(9, 0x0001, 0x0002, 5, originatorIeeeAddress: 0x1111111111111111, responderIeeeAddress: 0x2222222222222222);
        AssertRoundTrip("02 30 09 01 00 02 00 05 11 11 11 11 11 11 11 11 22 22 22 22 22 22 22 22", both.Encode, RouteReplyCommand.TryDecode, both);
        Assert.IsTrue(both.OriginatorIeeeAddressPresent && both.ResponderIeeeAddressPresent);
        Assert.IsFalse(RouteReplyCommand.TryDecode(FrameHex.Parse("02 30 09 01 00 02 00 05 11 11 11 11 11 11 11 11 22"), out _));
    }

    [TestMethod]
    public void NetworkStatusRoundTripsEveryCode()
    {
        for (var code = 0; code <= 0x13; code++)
        {
            var status = new NetworkStatusCommand((NwkStatusCode)code, 0xABCD);
            Assert.IsTrue(Enum.IsDefined(status.Status));
            AssertRoundTrip($"03 {code:X2} CD AB", status.Encode, NetworkStatusCommand.TryDecode, status);
        }

        Assert.HasCount(20, Enum.GetValues<NwkStatusCode>(), "R22 defines codes 0x00-0x13");
        Assert.IsFalse(Enum.IsDefined((NwkStatusCode)0x14));
        var unknown = new NetworkStatusCommand(NwkStatusCode.UnknownCommand, 0x0001, 0x42);
        var buffer = new byte[8];
        Assert.AreEqual(5, unknown.Encode(buffer));
        Assert.AreEqual("0313010042", FrameHex.Format(buffer.AsSpan(0, 5)));
        Assert.IsTrue(NetworkStatusCommand.TryDecode(buffer.AsSpan(0, 5), out var decoded));
        Assert.AreEqual(unknown, decoded);
        Assert.IsTrue(NetworkStatusCommand.TryDecode(buffer.AsSpan(0, 4), out var withoutId), "the identifier is optional");
        Assert.IsNull(withoutId.UnknownCommandId);
        var reserved = new NetworkStatusCommand((NwkStatusCode)0xEE, 0x0001);
        AssertRoundTrip("03 EE 01 00", reserved.Encode, NetworkStatusCommand.TryDecode, reserved);
        Assert.IsFalse(NetworkStatusCommand.TryDecode(FrameHex.Parse("03 00 01"), out _));
    }

    [TestMethod]
    public void LeaveRoundTripsItsBits()
    {
        var leave = LeaveCommand.Create(rejoin: true, request: true, removeChildren: false);
        AssertRoundTrip("04 60", leave.Encode, LeaveCommand.TryDecode, leave);
        Assert.IsTrue(leave.Rejoin && leave.Request && !leave.RemoveChildren);
        var all = new LeaveCommand(0xFF);
        AssertRoundTrip("04 FF", all.Encode, LeaveCommand.TryDecode, all);
        Assert.IsTrue(all.RemoveChildren);
        Assert.IsFalse(LeaveCommand.TryDecode(FrameHex.Parse("04"), out _));
    }

    [TestMethod]
    public void RouteRecordListsItsRelays()
    {
        var buffer = new byte[16];
        var length = RouteRecordCommand.Encode(new ushort[] { 0x0102, 0x0304 }, buffer);
        Assert.AreEqual("050202010403", FrameHex.Format(buffer.AsSpan(0, length)));
        Assert.IsTrue(RouteRecordCommand.TryDecode(buffer.AsSpan(0, length), out var record));
        Assert.AreEqual((byte)2, record.RelayCount);
        Assert.AreEqual(6, record.Length);
        Assert.AreEqual((ushort)0x0102, record.GetRelay(buffer, 0));
        Assert.AreEqual((ushort)0x0304, record.GetRelay(buffer, 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => record.GetRelay(buffer, 2));
        Assert.IsFalse(RouteRecordCommand.TryDecode(buffer.AsSpan(0, length - 1), out _));
        Assert.AreEqual(2, RouteRecordCommand.Encode(ReadOnlySpan<ushort>.Empty, buffer));
        Assert.IsTrue(RouteRecordCommand.TryDecode(buffer.AsSpan(0, 2), out var empty));
        Assert.AreEqual((byte)0, empty.RelayCount);
    }

    [TestMethod]
    public void RejoinCommandsRoundTrip()
    {
        var request = new RejoinRequestCommand(CapabilityInformation.Create(fullFunctionDevice: true, mainsPowered: true, receiverOnWhenIdle: true));
        AssertRoundTrip("06 8E", request.Encode, RejoinRequestCommand.TryDecode, request);
        var response = new RejoinResponseCommand(0x796F, RejoinStatus.Success);
        AssertRoundTrip("07 6F 79 00", response.Encode, RejoinResponseCommand.TryDecode, response);
        var refused = new RejoinResponseCommand(0xFFFF, RejoinStatus.PanAtCapacity);
        AssertRoundTrip("07 FF FF 01", refused.Encode, RejoinResponseCommand.TryDecode, refused);
        Assert.IsFalse(RejoinResponseCommand.TryDecode(FrameHex.Parse("07 6F 79"), out _));
    }

    [TestMethod]
    public void LinkStatusListsItsEntries()
    {
        LinkStatusEntry[] entries = [new(0x0001, 1, 3), new(0xABCD, 7, 7), new(0x1234, 0, 0)];
        var buffer = new byte[128];
        var length = LinkStatusCommand.Encode(firstFrame: true, lastFrame: true, entries, buffer);
        Assert.AreEqual("0863010031CDAB77341200", FrameHex.Format(buffer.AsSpan(0, length)));
        Assert.IsTrue(LinkStatusCommand.TryDecode(buffer.AsSpan(0, length), out var command));
        Assert.AreEqual(3, command.EntryCount);
        Assert.IsTrue(command.FirstFrame && command.LastFrame);
        for (var i = 0; i < entries.Length; i++)
        {
            Assert.AreEqual(entries[i], command.GetEntry(buffer, i));
        }

        Assert.IsFalse(LinkStatusCommand.TryDecode(buffer.AsSpan(0, length - 1), out _));
        var reserved = FrameHex.Parse("08 81 01 00 FF");
        Assert.IsTrue(LinkStatusCommand.TryDecode(reserved, out var withReserved));
        var entry = withReserved.GetEntry(reserved, 0);
        Assert.AreEqual((byte)7, entry.IncomingCost);
        Assert.AreEqual((byte)7, entry.OutgoingCost);
        Assert.AreEqual((byte)0xFF, entry.LinkCost);
        Assert.ThrowsExactly<ArgumentException>(() => LinkStatusCommand.Encode(false, false, new LinkStatusEntry[32], new byte[200]));
        Assert.AreEqual(2 + (3 * 31), LinkStatusCommand.Encode(false, false, new LinkStatusEntry[31], new byte[200]));
    }

    [TestMethod]
    public void NetworkReportListsPanIdentifiers()
    {
        var buffer = new byte[64];
        var length = NetworkReportCommand.Encode(NetworkReportType.PanIdentifierConflict, 0x0011223344556677, new ushort[] { 0x1A62, 0xBEEF }, buffer);
        Assert.AreEqual("09027766554433221100621AEFBE", FrameHex.Format(buffer.AsSpan(0, length)));
        Assert.IsTrue(NetworkReportCommand.TryDecode(buffer.AsSpan(0, length), out var report));
        Assert.AreEqual(NetworkReportType.PanIdentifierConflict, report.ReportType);
        Assert.AreEqual(2, report.Count);
        Assert.AreEqual(0x0011223344556677UL, report.ExtendedPanId);
        Assert.AreEqual((ushort)0x1A62, report.GetPanId(buffer, 0));
        Assert.AreEqual((ushort)0xBEEF, report.GetPanId(buffer, 1));
        Assert.IsFalse(NetworkReportCommand.TryDecode(buffer.AsSpan(0, length - 1), out _));
        Assert.IsTrue(NetworkReportCommand.TryDecode(FrameHex.Parse("09 E0 00 00 00 00 00 00 00 00"), out var reserved));
        Assert.AreEqual((NetworkReportType)7, reserved.ReportType);
    }

    [TestMethod]
    public void NetworkUpdateRoundTrips()
    {
        var update = NetworkUpdateCommand.PanIdentifierUpdate(0x0011223344556677, 3, 0x4321);
        AssertRoundTrip("0A 01 77 66 55 44 33 22 11 00 03 21 43", update.Encode, NetworkUpdateCommand.TryDecode, update);
        Assert.AreEqual(NetworkUpdateType.PanIdentifierUpdate, update.UpdateType);
        Assert.AreEqual(1, update.Count);
        Assert.IsFalse(NetworkUpdateCommand.TryDecode(FrameHex.Parse("0A 01 77 66 55 44 33 22 11 00 03 21"), out _));
    }

    [TestMethod]
    public void EndDeviceTimeoutCommandsRoundTrip()
    {
        var request = new EndDeviceTimeoutRequestCommand(8, 0);
        AssertRoundTrip("0B 08 00", request.Encode, EndDeviceTimeoutRequestCommand.TryDecode, request);
        Assert.AreEqual(TimeSpan.FromMinutes(256), request.Timeout);
        Assert.AreEqual(TimeSpan.FromSeconds(10), EndDeviceTimeoutRequestCommand.ToTimeSpan(0));
        Assert.AreEqual(TimeSpan.FromMinutes(2), EndDeviceTimeoutRequestCommand.ToTimeSpan(1));
        Assert.AreEqual(TimeSpan.FromMinutes(16384), EndDeviceTimeoutRequestCommand.ToTimeSpan(14));
        Assert.IsNull(EndDeviceTimeoutRequestCommand.ToTimeSpan(15));

        var response = new EndDeviceTimeoutResponseCommand(EndDeviceTimeoutStatus.Success, EndDeviceTimeoutResponseCommand.CreateParentInformation(true, false, true));
        AssertRoundTrip("0C 00 05", response.Encode, EndDeviceTimeoutResponseCommand.TryDecode, response);
        Assert.IsTrue(response.MacDataPollKeepalive && !response.EndDeviceTimeoutRequestKeepalive && response.PowerNegotiationSupport);
        Assert.IsFalse(EndDeviceTimeoutResponseCommand.TryDecode(FrameHex.Parse("0C 00"), out _));
    }

    [TestMethod]
    public void LinkPowerDeltaListsItsEntries()
    {
        LinkPowerDeltaEntry[] entries = [new(0x0001, -3), new(0xFFFE, 127)];
        var buffer = new byte[32];
        var length = LinkPowerDeltaCommand.Encode(LinkPowerDeltaType.Response, entries, buffer);
        Assert.AreEqual("0D02020100FDFEFF7F", FrameHex.Format(buffer.AsSpan(0, length)));
        Assert.IsTrue(LinkPowerDeltaCommand.TryDecode(buffer.AsSpan(0, length), out var command));
        Assert.AreEqual(LinkPowerDeltaType.Response, command.Type);
        Assert.AreEqual((byte)2, command.Count);
        Assert.AreEqual(entries[0], command.GetEntry(buffer, 0));
        Assert.AreEqual(entries[1], command.GetEntry(buffer, 1));
        Assert.IsFalse(LinkPowerDeltaCommand.TryDecode(buffer.AsSpan(0, length - 1), out _));
    }

    [TestMethod]
    public void EveryDecoderRefusesAnotherIdentifierAndEmptyInput()
    {
        var other = FrameHex.Parse("FF 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
        Assert.IsFalse(RouteRequestCommand.TryDecode(other, out _));
        Assert.IsFalse(RouteReplyCommand.TryDecode(other, out _));
        Assert.IsFalse(NetworkStatusCommand.TryDecode(other, out _));
        Assert.IsFalse(LeaveCommand.TryDecode(other, out _));
        Assert.IsFalse(RouteRecordCommand.TryDecode(other, out _));
        Assert.IsFalse(RejoinRequestCommand.TryDecode(other, out _));
        Assert.IsFalse(RejoinResponseCommand.TryDecode(other, out _));
        Assert.IsFalse(LinkStatusCommand.TryDecode(other, out _));
        Assert.IsFalse(NetworkReportCommand.TryDecode(other, out _));
        Assert.IsFalse(NetworkUpdateCommand.TryDecode(other, out _));
        Assert.IsFalse(EndDeviceTimeoutRequestCommand.TryDecode(other, out _));
        Assert.IsFalse(EndDeviceTimeoutResponseCommand.TryDecode(other, out _));
        Assert.IsFalse(LinkPowerDeltaCommand.TryDecode(other, out _));
        Assert.IsFalse(LeaveCommand.TryDecode(ReadOnlySpan<byte>.Empty, out _));
        for (var id = 1; id <= 0x0D; id++)
        {
            Assert.IsTrue(NwkCommand.IsKnown((NwkCommandId)id));
        }

        Assert.IsFalse(NwkCommand.IsKnown((NwkCommandId)0x0E));
        Assert.IsFalse(NwkCommand.IsKnown(0));
    }

    [TestMethod]
    public void EncodersRefuseShortDestinations()
    {
        Assert.ThrowsExactly<ArgumentException>(() => RouteRequestCommand.Create(1, 2, 3).Encode(new byte[5]));
        Assert.ThrowsExactly<ArgumentException>(() => NetworkUpdateCommand.PanIdentifierUpdate(1, 2, 3).Encode(new byte[12]));
        Assert.ThrowsExactly<ArgumentException>(() => RouteRecordCommand.Encode(new ushort[] { 1 }, new byte[3]));
        Assert.ThrowsExactly<ArgumentException>(() => LinkPowerDeltaCommand.Encode(LinkPowerDeltaType.Notification, new LinkPowerDeltaEntry[1], new byte[5]));
    }

    [TestMethod]
    public void BeaconPayloadRoundTripsEveryField()
    {
        var payload = ZigBeeBeaconPayload.Create(0x00124B0001020304, routerCapacity: true, endDeviceCapacity: false, deviceDepth: 15, updateId: 9);
        var buffer = new byte[15];
        Assert.AreEqual(15, payload.Encode(buffer));
        Assert.AreEqual("00227C04030201004B1200FFFFFF09", FrameHex.Format(buffer));
        Assert.IsTrue(ZigBeeBeaconPayload.TryDecode(buffer, out var decoded));
        Assert.AreEqual(payload, decoded);
        var reserved = decoded with { ProtocolId = 2, StackProfile = 15, ProtocolVersion = 15, TxOffset = 0x123456, ReservedBits = 3 };
        reserved.Encode(buffer);
        Assert.IsTrue(ZigBeeBeaconPayload.TryDecode(buffer, out var back));
        Assert.AreEqual(reserved, back);
        Assert.IsFalse(ZigBeeBeaconPayload.TryDecode(buffer.AsSpan(0, 14), out _));
        Assert.ThrowsExactly<ArgumentException>(() => (payload with { DeviceDepth = 16 }).Encode(new byte[15]));
        Assert.ThrowsExactly<ArgumentException>(() => payload.Encode(new byte[14]));
    }

    private delegate int Encoder(Span<byte> destination);

    private delegate bool Decoder<T>(ReadOnlySpan<byte> payload, out T command);

    private static void AssertRoundTrip<T>(string expectedHex, Encoder encode, Decoder<T> decode, T expected)
    {
        var buffer = new byte[64];
        var length = encode(buffer);
        Assert.AreEqual(expectedHex.Replace(" ", string.Empty, StringComparison.Ordinal), FrameHex.Format(buffer.AsSpan(0, length)));
        Assert.IsTrue(decode(buffer.AsSpan(0, length), out var decoded));
        Assert.AreEqual(expected, decoded);
        Assert.IsFalse(decode(buffer.AsSpan(0, length - 1), out _), "one byte short");
    }
}
