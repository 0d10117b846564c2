using ZigBee.Tests.Zdo.Fakes;
using ZigBee.Zdo.Frames;
using ZigBee.Zdo.Service;
using static ZigBee.Tests.Zdo.ZdoTestBed;

namespace ZigBee.Tests.Zdo;

/// <summary>The server's answers to the binding and network management requests (R22 §2.4.4.3, §2.4.4.4).</summary>
[TestClass]
public sealed class ZdoServiceManagementTests
{
    private const ulong Light = 0x00124B00DEAD0002;

    private static ZdpBinding OnOffTo(ulong destination, byte endpoint = 1, byte sourceEndpoint = 1) =>
        ZdpBinding.ToDevice(MyIeee, sourceEndpoint, 0x0006, destination, endpoint);

    [TestMethod]
    public void BindAndUnbindChangeTheBindingTable()
    {
        var bed = new ZdoTestBed();
        var bind = bed.Request(new BindRequest(OnOffTo(Light)), sequence: 0x10)!.Value;
        var group = bed.Request(new BindRequest(ZdpBinding.ToGroup(MyIeee, 2, 0x0008, 0x0F0F)))!.Value;

        Assert.AreEqual(ZdpClusterId.BindResponse, bind.Cluster);
        CollectionAssert.AreEqual(new byte[] { 0x10, 0x00 }, bind.Asdu);
        Assert.AreEqual(ZdpStatus.Success, group.Status);
        CollectionAssert.AreEqual(new[] { OnOffTo(Light), ZdpBinding.ToGroup(MyIeee, 2, 0x0008, 0x0F0F) }, bed.Node.Bindings);

        var unbind = bed.Request(new UnbindRequest(OnOffTo(Light)), sequence: 0x11)!.Value;
        Assert.AreEqual(ZdpClusterId.UnbindResponse, unbind.Cluster);
        CollectionAssert.AreEqual(new byte[] { 0x11, 0x00 }, unbind.Asdu);
        Assert.HasCount(1, bed.Node.Bindings);
    }

    [TestMethod]
    public void UnbindOfAMissingEntryIsNoEntry()
    {
        var bed = new ZdoTestBed();
        bed.Request(new BindRequest(OnOffTo(Light)));
        Assert.AreEqual(ZdpStatus.NoEntry, bed.Request(new UnbindRequest(OnOffTo(Light, endpoint: 2)))!.Value.Status);
        Assert.AreEqual(ZdpStatus.NoEntry, bed.Request(new UnbindRequest(ZdpBinding.ToGroup(MyIeee, 1, 0x0006, 0x0001)))!.Value.Status);
        Assert.HasCount(1, bed.Node.Bindings);
    }

    [TestMethod]
    public void ABindingWhoseSourceIsAnotherDeviceIsNotSupported()
    {
        var bed = new ZdoTestBed();
        var response = bed.Request(new BindRequest(ZdpBinding.ToDevice(Light, 1, 0x0006, MyIeee, 1)))!.Value;
        var unbind = bed.Request(new UnbindRequest(ZdpBinding.ToDevice(Light, 1, 0x0006, MyIeee, 1)))!.Value;

        Assert.AreEqual(ZdpStatus.NotSupported, response.Status);
        Assert.AreEqual(ZdpStatus.NotSupported, unbind.Status);
        Assert.IsEmpty(bed.Node.Bindings);
    }

    [TestMethod]
    public void EndpointsOutOfRangeAreInvalidEp()
    {
        var bed = new ZdoTestBed();
        Assert.AreEqual(ZdpStatus.InvalidEp, bed.Request(new BindRequest(OnOffTo(Light, sourceEndpoint: 0)))!.Value.Status);
        Assert.AreEqual(ZdpStatus.InvalidEp, bed.Request(new BindRequest(OnOffTo(Light, sourceEndpoint: 241)))!.Value.Status);
        Assert.AreEqual(ZdpStatus.InvalidEp, bed.Request(new BindRequest(OnOffTo(Light, endpoint: 0)))!.Value.Status);
        Assert.AreEqual(ZdpStatus.InvalidEp, bed.Request(new BindRequest(OnOffTo(Light, endpoint: 0xF1)))!.Value.Status);
        Assert.AreEqual(ZdpStatus.InvalidEp, bed.Request(new UnbindRequest(OnOffTo(Light, sourceEndpoint: 0xFF)))!.Value.Status);
        Assert.IsEmpty(bed.Node.Bindings);

        Assert.AreEqual(ZdpStatus.Success, bed.Request(new BindRequest(OnOffTo(Light, endpoint: 0xFF)))!.Value.Status, "the broadcast endpoint is a destination");
    }

    [TestMethod]
    public void AFullBindingTableIsTableFull()
    {
        var bed = new ZdoTestBed();
        bed.Node.BindingCapacity = 2;
        Assert.AreEqual(ZdpStatus.Success, bed.Request(new BindRequest(OnOffTo(Light, endpoint: 1)))!.Value.Status);
        Assert.AreEqual(ZdpStatus.Success, bed.Request(new BindRequest(OnOffTo(Light, endpoint: 2)))!.Value.Status);
        Assert.AreEqual(ZdpStatus.TableFull, bed.Request(new BindRequest(OnOffTo(Light, endpoint: 3)))!.Value.Status);
        Assert.HasCount(2, bed.Node.Bindings);
    }

    [TestMethod]
    public void MgmtBindRspPagesTheWholeTableWithinTheResponsePayload()
    {
        var bed = new ZdoTestBed();
        bed.Node.BindingCapacity = 20;
        for (var i = 0; i < 9; i++)
        {
            bed.Node.Bindings.Add(i % 3 == 0 ? ZdpBinding.ToGroup(MyIeee, 1, (ushort)i, (ushort)(0x100 + i)) : OnOffTo(Light + (ulong)i, (byte)(i + 1)));
        }

        var gathered = new List<ZdpBinding>();
        var pages = 0;
        while (gathered.Count < 9 && pages < 20)
        {
            var response = bed.Request(new MgmtBindRequest((byte)gathered.Count))!.Value;
            pages++;
            Assert.IsLessThanOrEqualTo(bed.Zdo.Options.MaxResponsePayload, response.Asdu.Length);
            Assert.IsTrue(MgmtBindResponse.TryDecode(response.Fields, out var page));
            Assert.AreEqual(ZdpStatus.Success, page.Status);
            Assert.AreEqual(9, page.BindingTableEntries);
            Assert.AreEqual(gathered.Count, page.StartIndex);
            Assert.IsGreaterThan(0, page.Bindings.Count);
            foreach (var binding in page.Bindings)
            {
                gathered.Add(binding);
            }
        }

        CollectionAssert.AreEqual(bed.Node.Bindings, gathered);
        Assert.IsGreaterThan(2, pages, "the table does not fit one frame");

        var beyond = bed.Request(new MgmtBindRequest(9))!.Value;
        CollectionAssert.AreEqual(new byte[] { 0x42, 0x00, 9, 9, 0 }, beyond.Asdu, "total 9, start 9, no entries");
    }

    [TestMethod]
    public void MgmtLqiRspPagesTheNeighborTable()
    {
        var bed = new ZdoTestBed();
        for (var i = 0; i < 7; i++)
        {
            bed.Node.Neighbors.Add(new ZdpNeighborTableEntry(0xDDDDDDDD00000001, Light + (ulong)i, (ushort)(0x2000 + i), ZdpNeighborDeviceType.Router,
                ZdpRxOnWhenIdle.On, ZdpNeighborRelationship.Child, ZdpPermitJoining.Accepting, 2, (byte)(200 + i)));
        }

        var room = (bed.Zdo.Options.MaxResponsePayload - 5) / ZdpNeighborTableEntry.Size;
        for (var start = 0; start < 7; start += room)
        {
            var response = bed.Request(new MgmtLqiRequest((byte)start))!.Value;
            Assert.IsLessThanOrEqualTo(bed.Zdo.Options.MaxResponsePayload, response.Asdu.Length);
            Assert.IsTrue(MgmtLqiResponse.TryDecode(response.Fields, out var page));
            Assert.AreEqual(7, page.NeighborTableEntries);
            Assert.AreEqual(start, page.StartIndex);
            Assert.AreEqual(Math.Min(room, 7 - start), page.Neighbors.Count);
            Assert.AreEqual(bed.Node.Neighbors[start], page.Neighbors[0]);
        }

        // The last entry alone: total 7, start 6, one entry of 22 octets (type 0x15: router, rx on, child; permit 1; depth 2; LQI 206).
        var last = bed.Request(new MgmtLqiRequest(6))!.Value;
        CollectionAssert.AreEqual(
            Convert.FromHexString("4200070601" + "01000000DDDDDDDD" + "0800ADDE004B1200" + "0620" + "15" + "01" + "02" + "CE"), last.Asdu);
        Assert.AreEqual(0, ReadLqi(bed.Request(new MgmtLqiRequest(7))!.Value).Neighbors, "start at the end: an empty page");
        Assert.AreEqual(7, ReadLqi(bed.Request(new MgmtLqiRequest(255))!.Value).Total);
    }

    [TestMethod]
    public void MgmtRtgRspPagesTheRoutingTable()
    {
        var bed = new ZdoTestBed();
        for (var i = 0; i < 30; i++)
        {
            bed.Node.Routes.Add(new ZdpRoutingTableEntry((ushort)(0x3000 + i), ZdpRouteStatus.Active, false, i == 0, false, (ushort)(0x2000 + (i % 3))));
        }

        var counts = new List<int>();
        var gathered = new List<ZdpRoutingTableEntry>();
        while (gathered.Count < 30 && counts.Count < 10)
        {
            var response = bed.Request(new MgmtRtgRequest((byte)gathered.Count))!.Value;
            Assert.IsLessThanOrEqualTo(bed.Zdo.Options.MaxResponsePayload, response.Asdu.Length);
            Assert.IsTrue(MgmtRtgResponse.TryDecode(response.Fields, out var page));
            Assert.AreEqual(30, page.RoutingTableEntries);
            Assert.AreEqual(gathered.Count, page.StartIndex);
            counts.Add(page.Routes.Count);
            foreach (var route in page.Routes)
            {
                gathered.Add(route);
            }
        }

        CollectionAssert.AreEqual(new[] { 11, 11, 8 }, counts, "(64 - 5) / 5 routes a page: the sequence number counts too");
        CollectionAssert.AreEqual(bed.Node.Routes, gathered);
    }

    [TestMethod]
    public void ALargerResponsePayloadPutsMoreEntriesInAPage()
    {
        var bed = new ZdoTestBed(options: new ZdoServiceOptions { MaxResponsePayload = 82 });
        for (var i = 0; i < 10; i++)
        {
            bed.Node.Neighbors.Add(new ZdpNeighborTableEntry(1, (ulong)i, (ushort)i, ZdpNeighborDeviceType.EndDevice, ZdpRxOnWhenIdle.Off,
                ZdpNeighborRelationship.Child, ZdpPermitJoining.Unknown, 1, 100));
        }

        Assert.AreEqual(3, ReadLqi(bed.Request(new MgmtLqiRequest(0))!.Value).Neighbors);
    }

    [TestMethod]
    public void EveryPagedResponseFitsEveryAllowedMaxResponsePayload()
    {
        for (var limit = 32; limit <= 82; limit++)
        {
            var bed = new ZdoTestBed(options: new ZdoServiceOptions { MaxResponsePayload = limit });
            bed.Node.BindingCapacity = 40;
            for (var i = 0; i < 40; i++)
            {
                bed.Node.Neighbors.Add(new ZdpNeighborTableEntry(1, (ulong)i, (ushort)i, ZdpNeighborDeviceType.Router, ZdpRxOnWhenIdle.On,
                    ZdpNeighborRelationship.Sibling, ZdpPermitJoining.Accepting, 1, 100));
                bed.Node.Routes.Add(new ZdpRoutingTableEntry((ushort)i, ZdpRouteStatus.Active, false, false, false, 1));
                bed.Node.Bindings.Add(i % 4 == 0 ? ZdpBinding.ToGroup(MyIeee, 1, (ushort)i, 1) : OnOffTo(Light, (byte)(i + 1)));
                bed.Node.RouterChildren.Add((ushort)(0x100 + i));
            }

            for (byte start = 0; start < 40; start++)
            {
                SentFrame[] pages =
                [
                    bed.Request(new MgmtLqiRequest(start))!.Value, bed.Request(new MgmtRtgRequest(start))!.Value, bed.Request(new MgmtBindRequest(start))!.Value,
                    bed.Request(new NwkAddrRequest(MyIeee, ZdpAddressRequestType.Extended, start))!.Value,
                    bed.Request(new IeeeAddrRequest(Me, ZdpAddressRequestType.Extended, start))!.Value,
                ];
                foreach (var page in pages)
                {
                    Assert.IsLessThanOrEqualTo(limit, page.Asdu.Length, $"{page.Cluster} from {start} within {limit} octets");
                    Assert.IsGreaterThan(6, page.Asdu.Length, $"{page.Cluster} from {start} within {limit} octets holds an entry");
                }
            }
        }
    }

    [TestMethod]
    public void PermitJoiningUnicastIsAnsweredAndBroadcastOpensSilently()
    {
        var bed = new ZdoTestBed();
        var unicast = bed.Request(new MgmtPermitJoiningRequest(60), sequence: 0x21)!.Value;
        Assert.AreEqual(ZdpClusterId.MgmtPermitJoiningResponse, unicast.Cluster);
        CollectionAssert.AreEqual(new byte[] { 0x21, 0x00 }, unicast.Asdu);

        Assert.IsNull(bed.Request(new MgmtPermitJoiningRequest(180), broadcast: true));
        CollectionAssert.AreEqual(new byte[] { 60, 180 }, bed.Node.PermitJoinings.Select(p => p.Duration).ToArray());

        bed.Node.PermitJoiningStatus = ZdpStatus.NotPermitted;
        Assert.AreEqual(ZdpStatus.NotPermitted, bed.Request(new MgmtPermitJoiningRequest(0))!.Value.Status);
        Assert.AreEqual(3, bed.Zdo.Counters.RequestsServed);
    }

    [TestMethod]
    public void AnEnergyScanIsReportedWithOneEnergyPerScannedChannel()
    {
        var bed = new ZdoTestBed();
        const uint channels = (1u << 11) | (1u << 15) | (1u << 20) | (1u << 26) | 0x3; // bits 0–1 are no 2.4 GHz channels
        var response = bed.Request(MgmtNwkUpdateRequest.EnergyScan(channels, 3, 1), sequence: 0x31)!.Value;

        Assert.AreEqual(ZdpClusterId.MgmtNwkUpdateNotify, response.Cluster);
        Assert.AreEqual(Requester, response.Destination);
        // Status, scanned channels 0x04108800, 100 transmissions, 3 failures, 4 energies: channel × 7.
        CollectionAssert.AreEqual(Convert.FromHexString("3100" + "00881004" + "6400" + "0300" + "04" + "4D698CB6"), response.Asdu);
        CollectionAssert.AreEqual(new[] { (channels, (byte)3) }, bed.Node.EnergyScans);
    }

    [TestMethod]
    public void AnEnergyScanRepeatedScanCountTimesAnswersOnce()
    {
        var bed = new ZdoTestBed();
        var response = bed.Request(MgmtNwkUpdateRequest.EnergyScan(1u << 25, 5, 3))!.Value;

        Assert.HasCount(3, bed.Node.EnergyScans);
        Assert.IsTrue(MgmtNwkUpdateNotify.TryDecode(response.Fields, out var notify));
        Assert.AreEqual(ZdpStatus.Success, notify.Status);
        Assert.AreEqual(1u << 25, notify.ScannedChannels);
        Assert.AreEqual(1, notify.EnergyValues.Count);
        Assert.AreEqual(FakeEnergy(25), notify.EnergyValues[0]);
    }

    [TestMethod]
    public void AnInvalidScanDurationIsInvRequestTypeUnicastAndSilenceBroadcast()
    {
        var bed = new ZdoTestBed();
        var response = bed.Request(new MgmtNwkUpdateRequest(1u << 15, 6, 0, 0, 0))!.Value;
        var broadcast = bed.Request(new MgmtNwkUpdateRequest(1u << 15, 0x80, 0, 0, 0), broadcast: true);

        Assert.AreEqual(ZdpClusterId.MgmtNwkUpdateNotify, response.Cluster);
        Assert.AreEqual(ZdpStatus.InvRequestType, response.Status);
        Assert.IsNull(broadcast);
        Assert.IsEmpty(bed.Node.EnergyScans);
    }

    [TestMethod]
    public void AChannelChangeMovesTheNodeAfterTheChannelChangeDelay()
    {
        var bed = new ZdoTestBed(options: new ZdoServiceOptions { ChannelChangeDelay = TimeSpan.FromSeconds(4) });
        var start = bed.Scheduler.Now;
        Assert.IsNull(bed.Request(MgmtNwkUpdateRequest.ChannelChange(1u << 20, 7), broadcast: true), "a channel change is not answered");
        Assert.IsNull(bed.Request(MgmtNwkUpdateRequest.ChannelChange((1u << 20) | (1u << 25), 8), broadcast: true), "two channels: ignored");

        bed.Scheduler.RunFor(TimeSpan.FromSeconds(3.9));
        Assert.IsEmpty(bed.Node.ChannelChanges, "the broadcast needs time to reach everyone");
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(10));

        Assert.HasCount(1, bed.Node.ChannelChanges);
        Assert.AreEqual(((byte)20, (byte)7, start + TimeSpan.FromSeconds(4)), bed.Node.ChannelChanges[0]);
        Assert.AreEqual(7, bed.Node.NwkUpdateId);
    }

    [TestMethod]
    public void AnEnhancedUpdateOnAnotherChannelPageIsInvRequestType()
    {
        var bed = new ZdoTestBed();
        var otherPage = bed.Request(new MgmtNwkEnhancedUpdateRequest { ScanChannels = new uint[] { (1u << 27) | 0x1 }, ScanDuration = 2, ScanCount = 1 })!.Value;
        var pageZero = bed.Request(new MgmtNwkEnhancedUpdateRequest { ScanChannels = new uint[] { 1u << 12 }, ScanDuration = 2, ScanCount = 1 })!.Value;

        Assert.AreEqual(ZdpClusterId.MgmtNwkUpdateNotify, otherPage.Cluster);
        Assert.AreEqual(ZdpStatus.InvRequestType, otherPage.Status);
        Assert.AreEqual(ZdpStatus.Success, pageZero.Status);
        Assert.HasCount(1, bed.Node.EnergyScans);
    }

    [TestMethod]
    public void MgmtLeaveAnswersBeforeLeavingAndDoesNotFindAStrangerChild()
    {
        var bed = new ZdoTestBed();
        var child = bed.Request(new MgmtLeaveRequest(Light, false, false))!.Value;
        Assert.AreEqual(ZdpClusterId.MgmtLeaveResponse, child.Cluster);
        Assert.AreEqual(ZdpStatus.DeviceNotFound, child.Status);
        Assert.IsEmpty(bed.Node.Leaves);

        var self = bed.Request(new MgmtLeaveRequest(MyIeee, false, true))!.Value;
        Assert.AreEqual(ZdpStatus.Success, self.Status);
        CollectionAssert.AreEqual(new[] { (true, false) }, bed.Node.Leaves);
    }

    private static byte FakeEnergy(int channel) => Fakes.FakeZdoNode.EnergyOf(channel);

    private static (int Total, int Neighbors) ReadLqi(SentFrame response)
    {
        Assert.IsTrue(MgmtLqiResponse.TryDecode(response.Fields, out var page));
        return (page.NeighborTableEntries, page.Neighbors.Count);
    }
}
