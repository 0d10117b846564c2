using ZigBee.Nwk.Service;
using ZigBee.Nwk.Tables;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

[TestClass]
public sealed class NwkConcentratorRefreshTests
{
    [TestMethod]
    public void ARouteRequestForTheConcentrator_BringsAManyToOneRequest_AtMostEveryTenSeconds()
    {
        var bed = new NwkTestBed(Topology.Line(5), seed: 91, nib: (i, nib) =>
        {
            nib.IsConcentrator = i == 0;
            nib.ConcentratorDiscoveryTime = TimeSpan.FromMinutes(30);
        });
        bed.FormAndJoinAll();
        var before = bed[0].Counters.ManyToOneRequestsSent;
        bed[4].RoutingTable.Remove(0x0000);

        Assert.AreEqual(NwkStatus.Success, bed.Run(() => bed[4].RouteDiscoveryAsync(0x0000)));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.AreEqual(before + 1, bed[0].Counters.ManyToOneRequestsSent, "one request refreshes every router's route");
        for (var node = 1; node < 5; node++)
        {
            Assert.IsTrue(bed[node].RoutingTable.Find(0x0000) is { Status: RouteStatus.Active, ManyToOne: true }, $"node {node}");
        }

        Assert.AreEqual(NwkStatus.Success, bed.Run(() => bed[3].RouteDiscoveryAsync(0x0000)));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(before + 1, bed[0].Counters.ManyToOneRequestsSent, "not again within ConcentratorMinRefreshTime");
    }

    [TestMethod]
    public void AnAskTooSoonAfterTheLastRequest_IsServedWhenTheTenSecondsAreUp_ByOneRequestForAll()
    {
        var bed = new NwkTestBed(Topology.Line(5), seed: 93, nib: (i, nib) =>
        {
            nib.IsConcentrator = i == 0;
            nib.ConcentratorDiscoveryTime = TimeSpan.FromMinutes(30);
        });
        bed.FormAndJoinAll();
        var before = bed[0].Counters.ManyToOneRequestsSent;
        bed[0].RefreshManyToOneRoutes();
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(before + 1, bed[0].Counters.ManyToOneRequestsSent, "asked (a new router joined): a request soon");

        // Two more routers joined a moment later: one request serves both, after the rate limit, not never.
        bed[4].RoutingTable.Remove(0x0000);
        bed[0].RefreshManyToOneRoutes();
        bed[0].RefreshManyToOneRoutes();
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(5));
        Assert.AreEqual(before + 1, bed[0].Counters.ManyToOneRequestsSent, "not within ConcentratorMinRefreshTime");
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(10));
        Assert.AreEqual(before + 2, bed[0].Counters.ManyToOneRequestsSent, "once the ten seconds are up");
        Assert.IsTrue(bed[4].RoutingTable.Find(0x0000) is { Status: RouteStatus.Active, ManyToOne: true }, "the far router has its route again");

        bed.Scheduler.RunFor(TimeSpan.FromSeconds(60));
        Assert.AreEqual(before + 2, bed[0].Counters.ManyToOneRequestsSent, "nothing more asked, nothing more sent");
    }

    [TestMethod]
    public void ARouterWithoutARouteToTheConcentrator_GetsOneFromTheRefresh_WithoutADiscovery()
    {
        var bed = new NwkTestBed(Topology.Line(5), seed: 94, nib: (i, nib) =>
        {
            nib.IsConcentrator = i == 0;
            nib.ConcentratorDiscoveryTime = TimeSpan.FromMinutes(30);
        });
        bed.FormAndJoinAll();
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(15));
        bed[4].RoutingTable.Remove(0x0000);
        var discoveries = bed[4].Counters.RouteDiscoveriesStarted;

        bed[0].RefreshManyToOneRoutes();
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));
        var payload = new byte[] { 4, 4 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(4, 0, payload).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.AreEqual(1, bed.CountReceived(0, payload));
        Assert.AreEqual(discoveries, bed[4].Counters.RouteDiscoveriesStarted, "the many-to-one route served, no flood");
    }

    [TestMethod]
    public void AFailedManyToOneNextHop_IsReplacedByANeighbourCloserToTheConcentrator_WithoutADiscovery()
    {
        // 3×3 grid, concentrator 0 in a corner: router 5 at (2,1) reaches it through 1 or 4, both next to 0.
        var bed = new NwkTestBed(Topology.Grid(9), seed: 92, nib: (i, nib) => nib.IsConcentrator = i == 0);
        bed.FormAndJoinAll();
        // One many-to-one request after everyone routes, so router 5 has heard it from all its neighbours.
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(60));
        var route = bed[5].RoutingTable.Find(0x0000);
        Assert.IsTrue(route is { Status: RouteStatus.Active, ManyToOne: true }, "many-to-one route to the concentrator");
        var dead = Array.FindIndex(bed.Nodes, n => n.NetworkAddress == route!.NextHopAddress);
        Assert.IsTrue(dead is 1 or 4, $"next hop is node {dead}");
        var discoveries = bed[5].Counters.RouteDiscoveriesStarted;

        bed.Medium.SwitchOff(dead);
        var payload = new byte[] { 5, 5 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(5, 0, payload).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.AreEqual(1, bed.CountReceived(0, payload));
        Assert.AreEqual(1L, bed[5].Counters.ManyToOneDetours);
        Assert.AreEqual(discoveries, bed[5].Counters.RouteDiscoveriesStarted, "no flood for a route the concentrator maintains");
        Assert.AreEqual(bed[dead == 1 ? 4 : 1].NetworkAddress, bed[5].RoutingTable.Find(0x0000)!.NextHopAddress);
    }
}
