using ZigBee.Mac.Service;
using ZigBee.Nwk;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Tables;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

/// <summary>
/// What keeps a mesh from losing its routes to the concentrator: a neighbour heard only by its link statuses is not
/// declared gone at one failed frame, a route discovery to a concentrator leaves it a concentrator (the new path is
/// announced by a route record), and relays keep their own many-to-one routes while they pass a route reply.
/// </summary>
[TestClass]
public sealed class NwkConcentratorRouteTests
{
    private static NwkTestBed ConcentratorLine(int nodes, int seed, Func<int, MacService, IMacService>? mac = null)
    {
        // The concentrator's requests are the periodic ones only: none is sent early for a discovery that asks for it.
        var bed = new NwkTestBed(Topology.Line(nodes), seed: seed, options: _ => new NwkServiceOptions { ConcentratorMinRefreshTime = TimeSpan.FromMinutes(30) }, nib: (i, nib) =>
        {
            nib.IsConcentrator = i == 0;
            nib.ConcentratorDiscoveryTime = TimeSpan.FromMinutes(30);
        }, mac: mac);
        bed.FormAndJoinAll();
        bed.Settle();
        return bed;
    }

    [TestMethod]
    public void AFailedFrameToANeighbourSilentForLessThanTwoLinkStatusPeriods_KeepsTheRoutesThroughIt()
    {
        LostAckMac? lossy = null;
        var bed = ConcentratorLine(3, seed: 131, mac: (i, mac) => i == 1 ? lossy = new LostAckMac(mac) : mac);
        var relay = bed[1];
        var far = relay.NeighborTable.Find(bed[2].NetworkAddress)!;
        const ushort Beyond = 0x1234;
        var through = relay.RoutingTable.GetOrAdd(Beyond, bed.Scheduler.Time.GetUtcNow());
        through.Status = RouteStatus.Active;
        through.NextHopAddress = far.NetworkAddress;

        // Its link statuses come every period plus jitter: 20 s of silence is one late link status, not a dead router.
        far.LastHeard = bed.Scheduler.Time.GetUtcNow() - TimeSpan.FromSeconds(20);
        lossy!.DataAcksToLose = 1 + NwkConstants.UnicastRetries;
        bed.Send(1, 2, [7, 1]);
        Assert.IsTrue(relay.RoutingTable.Find(Beyond) is { Status: RouteStatus.Active }, "other routes through it stay");

        // Silent for two whole periods as well: gone, with every route through it.
        far.LastHeard = bed.Scheduler.Time.GetUtcNow() - (2 * relay.Nib.LinkStatusPeriod) - TimeSpan.FromSeconds(1);
        lossy.DataAcksToLose = 1 + NwkConstants.UnicastRetries;
        bed.Send(1, 2, [7, 2]);
        Assert.IsFalse(relay.RoutingTable.Find(Beyond) is { Status: RouteStatus.Active }, "routes through it are given up");
    }

    [TestMethod]
    public void ARouteReplyFromTheConcentrator_LeavesTheRelaysManyToOneRoutesAsTheyAre()
    {
        var bed = ConcentratorLine(4, seed: 132);
        for (var node = 1; node < 4; node++)
        {
            Assert.IsTrue(bed[node].RoutingTable.Find(0) is { ManyToOne: true, Status: RouteStatus.Active }, $"node {node} heard the many-to-one request");
        }

        // The far router lost its route and asks the network; the reply comes back through 1 and 2.
        bed[3].RoutingTable.Remove(0);
        Assert.AreEqual(NwkStatus.Success, bed.Run(() => bed[3].RouteDiscoveryAsync(0)));

        for (var node = 1; node < 3; node++)
        {
            Assert.IsTrue(bed[node].RoutingTable.Find(0) is { ManyToOne: true, Status: RouteStatus.Active }, $"relay {node} keeps its many-to-one route");
        }
    }

    [TestMethod]
    public void ARouteDiscoveredToAConcentrator_StaysManyToOne_AndARouteRecordGoesBeforeTheNextData()
    {
        var bed = ConcentratorLine(4, seed: 133);
        var device = bed[3].NetworkAddress;
        var route = bed[3].RoutingTable.Find(0)!;
        Assert.IsTrue(route.ManyToOne);

        // The far router's many-to-one route broke, and the concentrator's record of its path is gone with it.
        route.Status = RouteStatus.Inactive;
        route.RouteRecordRequired = false;
        bed[0].Nib.RouteRecordTable.Remove(device);
        Assert.AreEqual(NwkStatus.Success, bed.Run(() => bed[3].RouteDiscoveryAsync(0)));
        Assert.IsTrue(bed[3].RoutingTable.Find(0) is { ManyToOne: true, Status: RouteStatus.Active, RouteRecordRequired: true });

        var records = bed[3].Counters.RouteRecordsSent;
        var payload = new byte[] { 0xA5, 0x01 };
        bed.Send(3, 0, payload);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));

        Assert.AreEqual(1, bed.CountReceived(0, payload));
        Assert.AreEqual(records + 1, bed[3].Counters.RouteRecordsSent, "the new path is announced first");
        Assert.IsTrue(bed[0].Nib.RouteRecordTable.TryGet(device, out _), "the concentrator can answer along it");
    }

    [TestMethod]
    public void AnInactiveManyToOneRouteWithNoOtherCloserNeighbour_TriesTheSameLiveHopAgain_WithoutADiscovery()
    {
        var bed = ConcentratorLine(4, seed: 134);
        var route = bed[3].RoutingTable.Find(0)!;
        var hop = route.NextHopAddress;
        Assert.AreEqual(bed[2].NetworkAddress, hop, "on a line the only way is through node 2");
        route.Status = RouteStatus.Inactive;
        var discoveries = bed[3].Counters.RouteDiscoveriesStarted;

        var payload = new byte[] { 0xA5, 0x02 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(3, 0, payload).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.AreEqual(1, bed.CountReceived(0, payload));
        Assert.AreEqual(discoveries, bed[3].Counters.RouteDiscoveriesStarted, "no network-wide discovery for a live hop");
        Assert.IsTrue(bed[3].RoutingTable.Find(0) is { ManyToOne: true, Status: RouteStatus.Active } mended && mended.NextHopAddress == hop);
    }
}
