using ZigBee.Mac.Frames;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

[TestClass]
public sealed class NwkRecoveryTests
{
    [TestMethod]
    public void OrphanJoin_AfterAColdReset_GetsTheSameAddressFromItsParent()
    {
        var bed = new NwkTestBed(Topology.Line(3), seed: 61);
        bed.FormAndJoinAll(endDevices: new HashSet<int> { 2 });
        var address = bed[2].NetworkAddress;
        var parent = bed[2].ParentAddress;
        Assert.AreEqual(NwkStatus.Success, bed.Run(() => bed[2].ResetAsync(warmStart: false)));
        Assert.IsFalse(bed[2].IsJoined);

        var capability = CapabilityInformation.Create(false, false, true);
        var confirm = bed.Run(() => bed[2].JoinAsync(new NlmeJoinRequest(bed[0].Nib.ExtendedPanId, NwkRejoinNetwork.Orphan, capability, 1u << bed.Channel, 2)));

        Assert.AreEqual(NwkStatus.Success, confirm.Status);
        Assert.AreEqual(address, bed[2].NetworkAddress);
        Assert.AreEqual(parent, bed[2].ParentAddress);
        var payload = new byte[] { 0x0F };
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 2, payload).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(2, payload));
    }

    [TestMethod]
    public void RouterLeavingWithRemoveChildren_TakesItsSleepyChildAlong()
    {
        var bed = new NwkTestBed(Topology.Line(3), seed: 62, options: _ => new NwkServiceOptions { RejoinAfterLeaveWithRejoin = false });
        bed.FormAndJoinAll(sleepy: new HashSet<int> { 2 });
        Assert.AreEqual(bed[1].NetworkAddress, bed[2].ParentAddress);
        var routerAddress = bed[1].NetworkAddress;

        Assert.AreEqual(NwkStatus.Success, bed.Run(() => bed[1].LeaveAsync(new NlmeLeaveRequest(RemoveChildren: true))));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(3));

        Assert.IsFalse(bed[1].IsJoined);
        Assert.IsFalse(bed[2].IsJoined, "the child was asked to leave too");
        Assert.IsNull(bed[0].NeighborTable.Find(routerAddress), "the coordinator heard the leave");
        Assert.AreEqual(0, bed[0].ChildCount);
    }

    [TestMethod]
    public void LeaveRequestWithRejoin_TheChildComesBack()
    {
        var bed = new NwkTestBed(Topology.Star(2), seed: 63);
        bed.FormAndJoinAll(endDevices: new HashSet<int> { 1 });
        var joins = new List<NlmeJoinIndication>();
        bed[0].JoinIndication += (in NlmeJoinIndication j) => joins.Add(j);

        Assert.AreEqual(NwkStatus.Success, bed.Run(() => bed[0].LeaveAsync(new NlmeLeaveRequest(bed[1].ExtendedAddress, Rejoin: true))));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(10));

        Assert.IsTrue(bed[1].IsJoined, "rejoined");
        Assert.IsTrue(joins.Any(j => j.RejoinNetwork == NwkRejoinNetwork.Rejoin && j.ExtendedAddress == bed[1].ExtendedAddress));
        Assert.AreEqual(1, bed[0].ChildCount);
    }

    [TestMethod]
    public void SourceRouteThroughADeadRelay_Fails_ThenMeshRoutingTakesOver()
    {
        var bed = new NwkTestBed(Topology.Grid(9), seed: 64, nib: (i, nib) =>
        {
            nib.IsConcentrator = i == 0;
            nib.ConcentratorDiscoveryTime = TimeSpan.FromMinutes(10);
        });
        bed.FormAndJoinAll();
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(5));
        Assert.AreEqual(NwkStatus.Success, bed.Send(8, 0, [1]).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.IsTrue(bed[0].Nib.RouteRecordTable.TryGet(bed[8].NetworkAddress, out var relays));
        Assert.AreEqual(1, relays.Length);
        var relayAddress = relays[0];
        var relay = Array.FindIndex(bed.Nodes, n => n.NetworkAddress == relayAddress);

        bed.Medium.SwitchOff(relay);
        var failed = bed.Send(0, 8, [2]);
        Assert.AreEqual(NwkStatus.RouteError, failed.Status);
        Assert.IsFalse(bed[0].Nib.RouteRecordTable.TryGet(bed[8].NetworkAddress, out _), "the broken source route is forgotten");

        var payload = new byte[] { 3 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 8, payload).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(8, payload));
    }

    [TestMethod]
    public void SilentRouterNeighbour_AgesOutAfterTheRouterAgeLimit()
    {
        // 2×2 grid: 1, 2 and 3 are children of 0; to router 1, router 3 is a sibling.
        var bed = new NwkTestBed(Topology.Grid(4), seed: 65);
        bed.FormAndJoinAll();
        var silent = bed[3].NetworkAddress;
        Assert.IsNotNull(bed[1].NeighborTable.Find(silent));
        Assert.IsGreaterThan((byte)0, bed[1].NeighborTable.Find(silent)!.OutgoingCost, "link status gave the cost both ways");

        bed.Medium.SwitchOff(3);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(30));
        Assert.IsNotNull(bed[1].NeighborTable.Find(silent), "two missed periods are tolerated");
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(40));

        Assert.IsNull(bed[1].NeighborTable.Find(silent), "gone after nwkRouterAgeLimit periods");
        Assert.IsGreaterThanOrEqualTo(1L, bed[1].Counters.RoutersAgedOut);
        Assert.IsNotNull(bed[1].NeighborTable.Find(bed[2].NetworkAddress), "the others stay");
        var child = bed[0].NeighborTable.Find(silent);
        Assert.IsNotNull(child, "a parent keeps its router child's entry");
        Assert.IsGreaterThan(bed[0].Nib.RouterAgeLimit, child.Age, "but no longer uses the link");
    }

    [TestMethod]
    public void Multicast_ReachesEveryRxOnDeviceOnce_AsAGroupAddress()
    {
        var bed = new NwkTestBed(Topology.Line(4), seed: 66);
        bed.FormAndJoinAll();
        var payload = new byte[] { 0x6C };
        var confirm = bed.Run(async () => await bed[0].DataRequestAsync(new NldeDataRequest(NwkAddressMode.Multicast, 0x1234, payload, 5)));
        Assert.AreEqual(NwkStatus.Success, confirm.Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(5));
        for (var i = 1; i < 4; i++)
        {
            Assert.AreEqual(1, bed.CountReceived(i, payload), $"node {i}");
            var delivered = bed.Received.Single(d => d.Node == i && d.Nsdu.SequenceEqual(payload));
            Assert.AreEqual(NwkAddressMode.Multicast, delivered.Indication.DstAddrMode);
            Assert.AreEqual((ushort)0x1234, delivered.Indication.DstAddr);
        }
    }
}
