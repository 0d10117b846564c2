using ZigBee.Nwk.Service;
using ZigBee.Nwk.Tables;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

/// <summary>
/// A MAC NO_ACK on a lossy link usually means the ACKs were lost and the frame arrived: the NWK layer must neither
/// tear down good routes nor hand the receiver the frame twice.
/// </summary>
[TestClass]
public sealed class NwkLostAckTests
{
    [TestMethod]
    public void OneNoAckOnAGoodLink_KeepsTheRoute_AndTheFrameArrivesOnce()
    {
        LostAckMac? lossy = null;
        var bed = new NwkTestBed(Topology.Line(4), seed: 81, mac: (i, mac) => i == 0 ? lossy = new LostAckMac(mac) : mac);
        bed.FormAndJoinAll();
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 3, [1]).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        var destination = bed[3].NetworkAddress;
        var nextHop = bed[0].RoutingTable.Find(destination)!.NextHopAddress;
        var discoveries = bed[0].Counters.RouteDiscoveriesStarted;

        lossy!.DataAcksToLose = 1;
        var payload = new byte[] { 2, 2 };
        var confirm = bed.Send(0, 3, payload);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));

        Assert.AreEqual(NwkStatus.Success, confirm.Status, "sent once more over the same link, after nwkcUnicastRetryDelay");
        Assert.AreEqual(1, bed.CountReceived(3, payload), "handed up once although it arrived twice");
        Assert.AreEqual(1L, bed[3].Counters.DroppedDuplicateUnicast);
        Assert.AreEqual(1L, bed[0].Counters.Retransmissions);
        Assert.AreEqual(discoveries, bed[0].Counters.RouteDiscoveriesStarted, "no route discovery for a good link");
        var route = bed[0].RoutingTable.Find(destination)!;
        Assert.AreEqual(RouteStatus.Active, route.Status);
        Assert.AreEqual(nextHop, route.NextHopAddress);
    }

    [TestMethod]
    public void ANoAckOnEveryRetry_BreaksTheLink_AndTheRouteIsRepaired()
    {
        // The first transmission and all nwkcUnicastRetries (3) retries end in NO_ACK.
        LostAckMac? lossy = null;
        var bed = new NwkTestBed(Topology.Line(4), seed: 82, mac: (i, mac) => i == 0 ? lossy = new LostAckMac(mac) : mac);
        bed.FormAndJoinAll();
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 3, [1]).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        var discoveries = bed[0].Counters.RouteDiscoveriesStarted;

        lossy!.DataAcksToLose = 1 + ZigBee.Nwk.NwkConstants.UnicastRetries;
        var payload = new byte[] { 3, 3 };
        var confirm = bed.Send(0, 3, payload);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));

        Assert.AreEqual(NwkStatus.Success, confirm.Status, "repaired and sent along the new route");
        Assert.AreEqual(1L, bed[0].Counters.RouteRepairs);
        Assert.AreEqual(discoveries + 1, bed[0].Counters.RouteDiscoveriesStarted);
        Assert.AreEqual(1, bed.CountReceived(3, payload), "the copies that arrived before the repair are dropped as duplicates");
    }

    [TestMethod]
    public void AssociationResponseWhoseAckIsLost_KeepsTheEndDeviceChild()
    {
        LostAckMac? lossy = null;
        var bed = new NwkTestBed(Topology.Line(2), seed: 83, mac: (i, mac) => i == 0 ? lossy = new LostAckMac(mac) : mac);
        bed.Form();
        lossy!.AssociateAcksToLose = 1;
        bed.Join(1, router: false);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));

        Assert.AreEqual(bed[0].NetworkAddress, bed[1].ParentAddress, "the device has its response and acts as our child");
        Assert.AreEqual(1, bed[0].ChildCount, "so the parent keeps it");
        var payload = new byte[] { 4 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 1, payload).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(1, payload));
    }
}
