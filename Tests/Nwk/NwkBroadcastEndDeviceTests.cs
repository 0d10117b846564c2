using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Nwk;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

[TestClass]
public sealed class NwkBroadcastEndDeviceTests
{
    [TestMethod]
    public void Broadcast_OnAGrid_IsDeliveredExactlyOnceAtEveryNode_IncludingASleepyEndDevice()
    {
        var bed = new NwkTestBed(Topology.Grid(16), seed: 21);
        bed.FormAndJoinAll(sleepy: new HashSet<int> { 15 });
        Assert.AreEqual(NwkDeviceRole.EndDevice, bed[15].Role);

        var payload = new byte[] { 0xB0, 0x0C };
        var confirm = bed.Run(async () => await bed[0].DataRequestAsync(new NldeDataRequest(NwkAddressMode.Unicast, NwkConstants.BroadcastAll, payload, 9)));
        Assert.AreEqual(NwkStatus.Success, confirm.Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(12));

        for (var i = 1; i < 16; i++)
        {
            Assert.AreEqual(1, bed.CountReceived(i, payload), $"node {i}");
        }

        Assert.AreEqual(0, bed.CountReceived(0, payload), "the originator does not hear itself");
        Assert.IsGreaterThan(0L, bed.Nodes.Sum(n => n.Counters.DroppedDuplicateBroadcast), "duplicates were heard and dropped");
        Assert.AreEqual(1L, bed.Nodes.Sum(n => n.Counters.BroadcastsToSleepyChildren), "the sleepy child's parent queued one copy");
        var delivered = bed.Received.First(d => d.Node == 15 && d.Nsdu.SequenceEqual(payload));
        Assert.AreEqual(NwkConstants.BroadcastAll, delivered.Indication.DstAddr);
        Assert.AreEqual((ushort)0x0000, delivered.Indication.SrcAddr);
    }

    [TestMethod]
    public void BroadcastToRouters_DoesNotReachEndDevices()
    {
        var bed = new NwkTestBed(Topology.Grid(9), seed: 22);
        bed.FormAndJoinAll(endDevices: new HashSet<int> { 8 });
        var payload = new byte[] { 0xFC };
        bed.Run(async () => await bed[4].DataRequestAsync(new NldeDataRequest(NwkAddressMode.Unicast, NwkConstants.BroadcastRouters, payload, 1)));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(5));
        for (var i = 0; i < 8; i++)
        {
            Assert.AreEqual(i == 4 ? 0 : 1, bed.CountReceived(i, payload), $"node {i}");
        }

        Assert.AreEqual(0, bed.CountReceived(8, payload));
    }

    [TestMethod]
    public void SleepyEndDevice_ReceivesUnicastThroughItsParent_AndSendsUp()
    {
        var bed = new NwkTestBed(Topology.Line(4), seed: 23);
        bed.FormAndJoinAll(sleepy: new HashSet<int> { 3 });
        Assert.IsFalse(bed.Macs[3].Pib.MacRxOnWhenIdle);
        var down = new byte[] { 1, 2, 3 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 3, down).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(3));
        Assert.AreEqual(1, bed.CountReceived(3, down));
        var up = new byte[] { 4, 5 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(3, 0, up).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(0, up));
        Assert.IsGreaterThan(0L, bed[3].Counters.Polls);
    }

    [TestMethod]
    public void SleepyEndDevice_WhoseParentDies_RejoinsAnotherParentAndReceivesAgain()
    {
        // 0 coordinator, routers 1 and 2 both hear the end device 3; 3 joins 1 first (2 joins later).
        var links = new List<TopologyLink>();
        void Pair(int a, int b, byte lqi = 255)
        {
            links.Add(new TopologyLink(a, b, lqi));
            links.Add(new TopologyLink(b, a, lqi));
        }

        Pair(0, 1);
        Pair(0, 2);
        Pair(1, 2);
        Pair(1, 3);
        Pair(2, 3, 200);
        var bed = new NwkTestBed(Topology.FromLinks(4, links), seed: 24);
        bed.Form();
        bed.Join(1);
        bed.Join(2);
        bed.Join(3, router: false, rxOnWhenIdle: false);
        bed.Settle();
        Assert.AreEqual(bed[1].NetworkAddress, bed[3].ParentAddress);
        var announces = new List<NwkDeviceAnnounce>();
        bed[3].DeviceAnnounce += (in NwkDeviceAnnounce a) => announces.Add(a);

        bed.Medium.SwitchOff(1);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(30));

        Assert.IsTrue(bed[3].IsJoined);
        Assert.AreEqual(bed[2].NetworkAddress, bed[3].ParentAddress, "rejoined through router 2");
        Assert.IsGreaterThanOrEqualTo(1L, bed[3].Counters.Rejoins);
        Assert.IsTrue(announces.Any(a => a.Reason == NwkAddressReason.Rejoined));
        Assert.IsTrue(bed[2].NeighborTable.FindExtended(bed[3].ExtendedAddress) is { IsChild: true });
        var payload = new byte[] { 0xAA };
        bed.Send(0, 3, payload);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(3));
        Assert.AreEqual(1, bed.CountReceived(3, payload), "receives again");
    }

    [TestMethod]
    public void ParentRemovesAChild_WithLeave()
    {
        var bed = new NwkTestBed(Topology.Star(3), seed: 25);
        bed.FormAndJoinAll(sleepy: new HashSet<int> { 2 }, endDevices: new HashSet<int> { 1 });
        var leaves = new List<NlmeLeaveIndication>();
        bed[2].LeaveIndication += (in NlmeLeaveIndication l) => leaves.Add(l);
        Assert.AreEqual(2, bed[0].ChildCount);

        var status = bed.Run(() => bed[0].LeaveAsync(new NlmeLeaveRequest(bed[2].ExtendedAddress)));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));

        Assert.AreEqual(NwkStatus.Success, status);
        Assert.AreEqual(1, bed[0].ChildCount);
        Assert.IsNull(bed[0].NeighborTable.FindExtended(bed[2].ExtendedAddress));
        Assert.IsFalse(bed[2].IsJoined);
        Assert.HasCount(1, leaves);
        Assert.AreEqual(0UL, leaves[0].DeviceAddress, "this device was asked to leave");
        Assert.AreEqual(NwkStatus.UnknownDevice, bed.Run(() => bed[0].LeaveAsync(new NlmeLeaveRequest(0x1234))));
    }

    [TestMethod]
    public void BroadcastsToTheRouters_AreDroppedByAnEndDeviceThatHearsThem()
    {
        // Node 2 is an end device with its receiver on: it hears the routers' link statuses (to 0xFFFC) and drops them
        // unread, as not addressed to it, while what is for everyone (0xFFFF) still reaches it.
        var bed = new NwkTestBed(Topology.Star(3), seed: 28);
        bed.FormAndJoinAll(endDevices: new HashSet<int> { 2 });
        var device = bed[2];
        var before = device.Counters.DroppedNotForUs;
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(40));

        Assert.IsGreaterThanOrEqualTo(2L, device.Counters.DroppedNotForUs - before, "the link statuses of 0 and 1");
        Assert.AreEqual(0L, device.Counters.LinkStatusReceived);
        var everyone = new byte[] { 0xEE };
        Assert.AreEqual(NwkStatus.Success, bed.Send(1, NwkConstants.BroadcastAll, everyone).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));
        Assert.AreEqual(1, bed.CountReceived(2, everyone));
    }

    [TestMethod]
    public void ChildLeavingByItself_IsForgottenByItsParent()
    {
        var bed = new NwkTestBed(Topology.Star(2), seed: 26);
        bed.FormAndJoinAll(endDevices: new HashSet<int> { 1 });
        var leaves = new List<NlmeLeaveIndication>();
        bed[0].LeaveIndication += (in NlmeLeaveIndication l) => leaves.Add(l);
        Assert.AreEqual(NwkStatus.Success, bed.Run(() => bed[1].LeaveAsync(new NlmeLeaveRequest())));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.IsFalse(bed[1].IsJoined);
        Assert.AreEqual(0, bed[0].ChildCount);
        Assert.HasCount(1, leaves);
        Assert.AreEqual(bed[1].ExtendedAddress, leaves[0].DeviceAddress);
    }

    [TestMethod]
    public void EndDeviceTimeout_SilentChildIsAgedOut()
    {
        // The child asks for the 10 s timeout; once switched off it stops polling and is removed.
        var bed = new NwkTestBed(Topology.Star(2), seed: 27, options: i => i == 1 ? new NwkServiceOptions { RequestedEndDeviceTimeout = 0 } : null);
        bed.FormAndJoinAll(sleepy: new HashSet<int> { 1 });
        Assert.AreEqual(1, bed[0].ChildCount);
        Assert.AreEqual(TimeSpan.FromSeconds(10), bed[0].NeighborTable.Find(bed[1].NetworkAddress)!.Timeout);
        Assert.AreEqual((byte)0x03, bed[1].Nib.ParentInformation, "MAC data poll and timeout request keepalives");
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(20));
        Assert.AreEqual(1, bed[0].ChildCount, "a polling child stays");

        bed.Medium.SwitchOff(1);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(12));
        Assert.AreEqual(0, bed[0].ChildCount);
        Assert.AreEqual(1L, bed[0].Counters.ChildrenAgedOut);
    }

    [TestMethod]
    public void EndDeviceTimeout_ChildGoesOnTheFirstAgeingCheckAfterItsTimeout()
    {
        var bed = new NwkTestBed(Topology.Star(2), seed: 27, options: i => i == 1 ? new NwkServiceOptions { RequestedEndDeviceTimeout = 0 } : null);
        bed.FormAndJoinAll(sleepy: new HashSet<int> { 1 });
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(20));
        bed.Medium.SwitchOff(1);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(3));
        var child = bed[0].NeighborTable.Find(bed[1].NetworkAddress)!;
        var expiry = child.LastHeard + child.Timeout - bed.Scheduler.Epoch;

        bed.Scheduler.RunUntil(expiry);
        Assert.AreEqual(1, bed[0].ChildCount, "not before its timeout has passed");
        bed.Scheduler.RunUntil(expiry + bed[0].Options.ChildAgeingPeriod);
        Assert.AreEqual(0, bed[0].ChildCount, "gone by the next ageing check");
        Assert.AreEqual(1L, bed[0].Counters.ChildrenAgedOut);
    }
}
