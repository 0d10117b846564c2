using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Nwk.Tables;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

[TestClass]
public sealed class NwkRoutingTests
{
    [TestMethod]
    public void Unicast_OverSixHopsOfALine_BothWays_WithRouteDiscovery()
    {
        var bed = new NwkTestBed(Topology.Line(7), seed: 11);
        bed.FormAndJoinAll();

        var there = new byte[] { 1, 2, 3, 4 };
        var back = new byte[] { 9, 8, 7 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 6, there).Status);
        Assert.AreEqual(NwkStatus.Success, bed.Send(6, 0, back).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.AreEqual(1, bed.CountReceived(6, there));
        Assert.AreEqual(1, bed.CountReceived(0, back));
        Assert.AreEqual(bed[1].NetworkAddress, bed[0].RoutingTable.Find(bed[6].NetworkAddress)!.NextHopAddress);
        Assert.AreEqual(RouteStatus.Active, bed[0].RoutingTable.Find(bed[6].NetworkAddress)!.Status);
        Assert.IsGreaterThanOrEqualTo(1L, bed[0].Counters.RouteDiscoveriesStarted);
        Assert.IsGreaterThanOrEqualTo(1L, bed[0].Counters.RoutesFound);
        for (var relay = 1; relay <= 5; relay++)
        {
            Assert.IsGreaterThanOrEqualTo(2L, bed[relay].Counters.FramesRelayed, $"relay {relay}");
        }

        var delivered = bed.Received.Single(d => d.Node == 6 && d.Nsdu.SequenceEqual(there));
        Assert.AreEqual(bed[0].NetworkAddress, delivered.Indication.SrcAddr);
        Assert.AreEqual(bed[0].ExtendedAddress, delivered.Indication.SrcIeeeAddr);
        Assert.AreEqual(bed[5].NetworkAddress, delivered.Indication.MacSrcAddr);
        Assert.AreEqual((byte)(30 - 5), delivered.Indication.Radius, "radius 2·nwkMaxDepth, one less per relay");
    }

    [TestMethod]
    public void RadiusExhausted_IsDroppedAndCounted()
    {
        var bed = new NwkTestBed(Topology.Line(5), seed: 12);
        bed.FormAndJoinAll();
        var payload = new byte[] { 0x42 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 4, payload).Status, "discovers the route");
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        var dropped = bed.Nodes.Sum(n => n.Counters.DroppedRadiusExhausted);

        var short2 = new byte[] { 0x43 };
        bed.Send(0, 4, short2, radius: 2);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.AreEqual(0, bed.CountReceived(4, short2), "four hops do not fit a radius of 2");
        Assert.AreEqual(dropped + 1, bed.Nodes.Sum(n => n.Counters.DroppedRadiusExhausted));
        Assert.AreEqual(1, bed[2].Counters.DroppedRadiusExhausted, "the second relay drops it");
        var fits = new byte[] { 0x44 };
        bed.Send(0, 4, fits, radius: 4);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(4, fits));
    }

    [TestMethod]
    public void RouteRepair_AfterARelayRouterIsSwitchedOff_DeliveryResumes()
    {
        // 3×3 grid: 0 corner, 8 opposite corner; the centre 4 is the natural relay, others offer second paths.
        var bed = new NwkTestBed(Topology.Grid(9), seed: 13);
        bed.FormAndJoinAll();
        var first = new byte[] { 1 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 8, first).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(8, first));
        var relay = bed.Nodes.Select((n, i) => (n, i)).Single(x => x.n.NetworkAddress == bed[0].RoutingTable.Find(bed[8].NetworkAddress)!.NextHopAddress).i;

        bed.Medium.SwitchOff(relay);
        var delivered = 0;
        for (var k = 0; k < 5; k++)
        {
            var payload = new byte[] { 2, (byte)k };
            bed.Send(0, 8, payload);
            bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));
            delivered += bed.CountReceived(8, payload);
        }

        Assert.IsGreaterThanOrEqualTo(4, delivered, "delivery resumes over the second path");
        Assert.IsGreaterThanOrEqualTo(1L, bed[0].Counters.RouteRepairs);
        Assert.AreNotEqual(bed[relay].NetworkAddress, bed[0].RoutingTable.Find(bed[8].NetworkAddress)!.NextHopAddress);
        var back = new byte[] { 3 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(8, 0, back).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(0, back));
    }

    [TestMethod]
    public void RouteDiscovery_ToAnAbsentAddress_FailsAfterTheDiscoveryTime()
    {
        var bed = new NwkTestBed(Topology.Line(3), seed: 14);
        bed.FormAndJoinAll();
        var confirm = bed.Send(0, (ushort)0x4321, [1, 2]);
        Assert.AreEqual(NwkStatus.RouteDiscoveryFailed, confirm.Status);
        Assert.AreEqual(1L, bed[0].Counters.RouteDiscoveriesFailed);
        Assert.AreEqual(0, bed[0].PendingFrameCount);
    }

    [TestMethod]
    public void PendingBuffer_Full_GivesFrameNotBuffered()
    {
        var bed = new NwkTestBed(Topology.Line(2), seed: 15, options: _ => new NwkServiceOptions { PendingFrameCapacity = 2 });
        bed.FormAndJoinAll();
        var confirms = bed.Run(async () =>
        {
            var tasks = new List<Task<NldeDataConfirm>>();
            for (var i = 0; i < 3; i++)
            {
                tasks.Add(bed[0].DataRequestAsync(NldeDataRequest.To(0x5555, new byte[] { (byte)i }, (byte)i)).AsTask());
            }

            return await Task.WhenAll(tasks);
        }, TimeSpan.FromSeconds(30));

        Assert.AreEqual(NwkStatus.RouteDiscoveryFailed, confirms[0].Status);
        Assert.AreEqual(NwkStatus.RouteDiscoveryFailed, confirms[1].Status);
        Assert.AreEqual(NwkStatus.FrameNotBuffered, confirms[2].Status);
        Assert.AreEqual((byte)2, confirms[2].NsduHandle);
    }

    [TestMethod]
    public void ManyToOne_RouteRecord_AndSourceRoutedRepliesFromTheConcentrator()
    {
        var bed = new NwkTestBed(Topology.Line(6), seed: 16, nib: (i, nib) =>
        {
            if (i == 0)
            {
                nib.IsConcentrator = true;
                nib.ConcentratorDiscoveryTime = TimeSpan.FromSeconds(30);
            }
        });
        bed.FormAndJoinAll();
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(5));

        Assert.IsGreaterThanOrEqualTo(1L, bed[0].Counters.ManyToOneRequestsSent);
        var toConcentrator = bed[5].RoutingTable.Find(0x0000);
        Assert.IsNotNull(toConcentrator);
        Assert.IsTrue(toConcentrator.ManyToOne);
        Assert.AreEqual(bed[4].NetworkAddress, toConcentrator.NextHopAddress);

        var up = new byte[] { 5, 5 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(5, 0, up).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(0, up));
        Assert.AreEqual(0L, bed[5].Counters.RouteDiscoveriesStarted, "the many-to-one route needs no discovery");
        Assert.AreEqual(1L, bed[5].Counters.RouteRecordsSent);
        Assert.IsTrue(bed[0].Nib.RouteRecordTable.TryGet(bed[5].NetworkAddress, out var relays));
        CollectionAssert.AreEqual(new[] { bed[4].NetworkAddress, bed[3].NetworkAddress, bed[2].NetworkAddress, bed[1].NetworkAddress }, relays.ToArray());

        var discoveries = bed[0].Counters.RouteDiscoveriesStarted;
        var down = new byte[] { 6, 6, 6 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 5, down).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(5, down));
        Assert.AreEqual(1L, bed[0].Counters.SourceRoutedFramesSent);
        Assert.AreEqual(discoveries, bed[0].Counters.RouteDiscoveriesStarted, "source routed: no discovery");
    }

    [TestMethod]
    public void NeighbourIsReachedWithoutDiscovery()
    {
        var bed = new NwkTestBed(Topology.Line(3), seed: 17);
        bed.FormAndJoinAll();
        var payload = new byte[] { 7 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(1, 2, payload).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(2, payload));
        Assert.AreEqual(0L, bed[1].Counters.RouteDiscoveriesStarted);
    }

    [TestMethod]
    public void ManyToOne_ParentSendsTheRouteRecordForItsSleepyChild_AndTheConcentratorSourceRoutesToIt()
    {
        var bed = new NwkTestBed(Topology.Line(5), seed: 18, nib: (i, nib) =>
        {
            nib.IsConcentrator = i == 0;
            nib.ConcentratorDiscoveryTime = TimeSpan.FromMinutes(5);
        });
        bed.FormAndJoinAll(sleepy: new HashSet<int> { 4 });
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(5));

        var up = new byte[] { 0xE0 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(4, 0, up).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(0, up));
        Assert.AreEqual(1L, bed[3].Counters.RouteRecordsSent, "the parent sent it");
        Assert.IsTrue(bed[0].Nib.RouteRecordTable.TryGet(bed[4].NetworkAddress, out var relays));
        CollectionAssert.AreEqual(new[] { bed[3].NetworkAddress, bed[2].NetworkAddress, bed[1].NetworkAddress }, relays.ToArray());

        var down = new byte[] { 0xE1 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 4, down).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(3));
        Assert.AreEqual(1, bed.CountReceived(4, down));
        Assert.AreEqual(1L, bed[0].Counters.SourceRoutedFramesSent);
    }
}
