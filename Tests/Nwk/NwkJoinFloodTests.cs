using ZigBee.Nwk;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Nwk.Tables;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

/// <summary>
/// What keeps a joining network from flooding itself with route discoveries: a concentrator answers along its route
/// records (relay-less ones and long ones too), routers mend a failed many-to-one route from what their neighbours
/// advertised, a frame that may not discover waits for a discovery already underway, a concentrator's request finds
/// room in a full route discovery table, and an address conflict seen by many devices at once is reported by few.
/// </summary>
[TestClass]
public sealed class NwkJoinFloodTests
{
    [TestMethod]
    public void ARouteRecordWithoutRelays_SendsStraightToTheDevice_EvenOutsideTheNeighbourTable()
    {
        var bed = new NwkTestBed(Topology.Line(3), seed: 101, nib: (i, nib) =>
        {
            nib.IsConcentrator = i == 0;
            nib.ConcentratorDiscoveryTime = TimeSpan.FromMinutes(30);
        });
        bed.FormAndJoinAll();
        var device = bed[1].NetworkAddress;
        // The device's route record arrived before the concentrator heard a link status from it.
        bed[0].NeighborTable.Remove(device);
        bed[0].RoutingTable.Remove(device);
        bed[0].Nib.RouteRecordTable.Set(device, ReadOnlySpan<ushort>.Empty, bed.Scheduler.Time.GetUtcNow());
        var discoveries = bed[0].Counters.RouteDiscoveriesStarted;

        var payload = new byte[] { 0xD1, 0x01 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, device, payload).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.AreEqual(1, bed.CountReceived(1, payload));
        Assert.AreEqual(discoveries, bed[0].Counters.RouteDiscoveriesStarted, "one hop away: no network-wide discovery");
    }

    [TestMethod]
    public void ALongRouteRecord_IsUsedWithoutTheSourceIeeeAddress_WhenOnlyThatMakesTheFrameFit()
    {
        var bed = new NwkTestBed(Topology.Line(11), seed: 102, nib: (i, nib) =>
        {
            nib.IsConcentrator = i == 0;
            nib.ConcentratorDiscoveryTime = TimeSpan.FromMinutes(30);
        });
        bed.FormAndJoinAll();
        // Nine relays, node 9 (nearest the device) first.
        var relays = Enumerable.Range(1, 9).Reverse().Select(n => bed[n].NetworkAddress).ToArray();
        var device = bed[10].NetworkAddress;
        bed[0].RoutingTable.Remove(device);
        bed[0].Nib.RouteRecordTable.Set(device, relays, bed.Scheduler.Time.GetUtcNow());
        var discoveries = bed[0].Counters.RouteDiscoveriesStarted;

        // The relay count (1), relay index (1) and nine relays take 20 bytes: 5 too many beside the source IEEE address
        // (8 bytes), room to spare without it.
        var payload = Enumerable.Range(0, bed[0].MaxNsduLength - 20 + 5).Select(b => (byte)b).ToArray();
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, device, payload).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));

        Assert.AreEqual(1, bed.CountReceived(10, payload));
        Assert.AreEqual(discoveries, bed[0].Counters.RouteDiscoveriesStarted, "along the route record, no discovery");
        Assert.AreEqual(1L, bed[0].Counters.SourceRoutedFramesSent);
        var delivered = bed.Received.Single(d => d.Node == 10 && d.Nsdu.AsSpan().SequenceEqual(payload));
        Assert.AreEqual(0UL, delivered.Indication.SrcIeeeAddr, "the optional source IEEE address made room");

        // Short frames keep the source IEEE address.
        var small = new byte[] { 0xD2, 0x02 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, device, small).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));
        Assert.AreEqual(bed[0].Nib.IeeeAddress, bed.Received.Single(d => d.Node == 10 && d.Nsdu.AsSpan().SequenceEqual(small)).Indication.SrcIeeeAddr);
    }

    [TestMethod]
    public void AnInactiveManyToOneRoute_IsMendedThroughAnotherCloserNeighbour_BeforeAnyDiscovery()
    {
        // 3×3 grid, concentrator 0 in a corner: router 5 at (2,1) reaches it through 1 or 4, both next to 0.
        var bed = new NwkTestBed(Topology.Grid(9), seed: 92, nib: (i, nib) => nib.IsConcentrator = i == 0);
        bed.FormAndJoinAll();
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(60));
        var route = bed[5].RoutingTable.Find(0x0000);
        Assert.IsTrue(route is { Status: RouteStatus.Active, ManyToOne: true }, "many-to-one route to the concentrator");
        var failed = route!.NextHopAddress;
        // An earlier frame found the next hop failing (or a network status said the route broke further along).
        route.Status = RouteStatus.Inactive;
        var discoveries = bed[5].Counters.RouteDiscoveriesStarted;

        var payload = new byte[] { 5, 5, 5 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(5, 0, payload).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.AreEqual(1, bed.CountReceived(0, payload));
        Assert.AreEqual(discoveries, bed[5].Counters.RouteDiscoveriesStarted, "no flood for a route the concentrator maintains");
        Assert.IsTrue(bed[5].RoutingTable.Find(0x0000) is { Status: RouteStatus.Active, ManyToOne: true } mended && mended.NextHopAddress != failed);
    }

    [TestMethod]
    public void ANetworkStatusForAManyToOneRoute_LeavesItInactive_SoItsCostCanMendIt()
    {
        var bed = new NwkTestBed(Topology.Line(4), seed: 103, nib: (i, nib) => nib.IsConcentrator = i == 0);
        bed.FormAndJoinAll();
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(60));
        Assert.IsTrue(bed[3].RoutingTable.Find(0x0000) is { Status: RouteStatus.Active, ManyToOne: true }, "many-to-one route");
        var otherRoutes = bed[3].Counters.NetworkStatusReceived;

        // Router 1 goes: router 2 cannot relay router 3's frame and tells it so.
        bed.Medium.SwitchOff(1);
        var payload = new byte[] { 3, 3 };
        bed.Send(3, 0, payload);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(3));

        Assert.IsGreaterThan(otherRoutes, bed[3].Counters.NetworkStatusReceived, "router 2 reported the broken route");
        Assert.IsTrue(bed[3].RoutingTable.Find(0x0000) is { Status: RouteStatus.Inactive, ManyToOne: true },
            "kept, inactive, with its cost: not forgotten");
    }

    [TestMethod]
    public void AFrameThatMayNotDiscover_WaitsForADiscoveryAlreadyUnderway_InsteadOfBeingDropped()
    {
        var bed = new NwkTestBed(Topology.Line(4), seed: 104);
        bed.FormAndJoinAll();
        var far = bed[3].NetworkAddress;
        bed[0].RoutingTable.Remove(far);
        var started = bed[0].Counters.RouteDiscoveriesStarted;

        // A route record, say: sent with route discovery suppressed, right while the route is being found.
        var payload = new byte[] { 0xD5, 0x05 };
        var request = new NldeDataRequest(NwkAddressMode.Unicast, far, payload, 7, DiscoverRoute: false);
        var (confirm, found) = bed.Run(async () =>
        {
            var discovery = bed[0].RouteDiscoveryAsync(far);
            var sent = await bed[0].DataRequestAsync(request);
            return (sent, await discovery);
        }, TimeSpan.FromSeconds(15));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.AreEqual(NwkStatus.Success, confirm.Status);
        Assert.AreEqual(1, bed.CountReceived(3, payload));
        Assert.AreEqual(NwkStatus.Success, found);
        Assert.AreEqual(started + 1, bed[0].Counters.RouteDiscoveriesStarted, "it started none of its own");

        // With no discovery underway, it is still refused rather than flooding.
        bed[0].RoutingTable.Remove(far);
        var refused = bed.Run(async () => await bed[0].DataRequestAsync(request with { NsduHandle = 8 }), TimeSpan.FromSeconds(15));
        Assert.AreEqual(NwkStatus.RouteDiscoveryFailed, refused.Status);
        Assert.AreEqual(started + 1, bed[0].Counters.RouteDiscoveriesStarted);
    }

    [TestMethod]
    public void AManyToOneRequest_FindsRoomInAFullRouteDiscoveryTable_AndGivesTheRouterItsRoute()
    {
        var bed = new NwkTestBed(Topology.Line(3), seed: 106,
            options: i => i == 2 ? new NwkServiceOptions { RouteDiscoveryTableCapacity = 1 } : null,
            nib: (i, nib) =>
            {
                nib.IsConcentrator = i == 0;
                nib.ConcentratorDiscoveryTime = TimeSpan.FromMinutes(30);
            });
        bed.FormAndJoinAll();
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(30));
        bed[2].RoutingTable.Remove(0x0000);
        // Router 2's only discovery table entry is taken by a discovery of its own, for nwkcRouteDiscoveryTime.
        var lost = bed.Run(async () =>
        {
            var search = bed[2].RouteDiscoveryAsync(0x1234);
            await Task.Delay(TimeSpan.FromSeconds(2), bed.Scheduler.Time);
            Assert.AreEqual(NwkStatus.Success, bed[0].StartManyToOneRouteDiscovery());
            return await search;
        }, TimeSpan.FromSeconds(15));

        Assert.AreEqual(NwkStatus.RouteDiscoveryFailed, lost, "nobody has address 0x1234");
        Assert.IsTrue(bed[2].RoutingTable.Find(0x0000) is { Status: RouteStatus.Active, ManyToOne: true }, "the concentrator's request got through");
        var discoveries = bed[2].Counters.RouteDiscoveriesStarted;
        var payload = new byte[] { 2, 2 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(2, 0, payload).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(0, payload));
        Assert.AreEqual(discoveries, bed[2].Counters.RouteDiscoveriesStarted);
    }

    [TestMethod]
    public void AConflictSeenByManyDevicesAtOnce_IsReportedByFewOfThem()
    {
        var bed = new NwkTestBed(Topology.Line(6), seed: 105);
        bed.FormAndJoinAll();
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(20));
        var target = bed[5].NetworkAddress;
        var observers = new[] { 0, 1, 2, 3 };
        foreach (var node in observers)
        {
            bed[node].NoteDeviceAnnounce(target, bed[5].Nib.IeeeAddress);
        }

        var sent = bed.Nodes.Sum(n => n.Counters.NetworkStatusSent);
        // A second device announces itself with the same address: every observer sees the conflict in one instant.
        foreach (var node in observers)
        {
            bed[node].NoteDeviceAnnounce(target, 0x00124B00DEADBEEF);
        }

        bed.Scheduler.RunFor(TimeSpan.FromSeconds(5));

        var reports = bed.Nodes.Sum(n => n.Counters.NetworkStatusSent) - sent;
        Assert.IsGreaterThanOrEqualTo(1L, reports, "the conflict is reported");
        Assert.IsLessThan((long)observers.Length, reports, "not once by every device that saw it");
        Assert.AreNotEqual(target, bed[5].NetworkAddress, "the router with the conflicting address took a new one");
    }
}
