using ZigBee.Nwk.Service;
using ZigBee.Nwk.Tables;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

/// <summary>nwkSymLink: one route discovery makes the route both ways, so an answer needs no discovery of its own.</summary>
[TestClass]
public sealed class NwkSymmetricRouteTests
{
    [TestMethod]
    public void ADiscoveryMakesTheReverseRoute_AndTheAnswerNeedsNoDiscovery()
    {
        var bed = new NwkTestBed(Topology.Line(5), seed: 140);
        bed.FormAndJoinAll();
        Assert.AreEqual(NwkStatus.Success, bed.Send(1, 4, [1]).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        var discoveries = bed[4].Counters.RouteDiscoveriesStarted;

        var back = bed[4].RoutingTable.Find(bed[1].NetworkAddress);
        Assert.IsNotNull(back, "the destination holds a route back to the originator");
        Assert.AreEqual(RouteStatus.Active, back.Status);
        Assert.AreEqual(bed[3].NetworkAddress, back.NextHopAddress);
        Assert.AreEqual(RouteStatus.Active, bed[2].RoutingTable.Find(bed[1].NetworkAddress)!.Status, "and so does each relay");

        var answer = new byte[] { 2, 2 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(4, 1, answer).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(1, answer));
        Assert.AreEqual(discoveries, bed[4].Counters.RouteDiscoveriesStarted, "no discovery for the answer");
    }

    [TestMethod]
    public void WithoutSymLink_TheAnswerDiscoversItsOwnRoute()
    {
        var bed = new NwkTestBed(Topology.Line(5), seed: 141, nib: (_, nib) => nib.SymLink = false);
        bed.FormAndJoinAll();
        Assert.AreEqual(NwkStatus.Success, bed.Send(1, 4, [1]).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.IsFalse(bed[4].RoutingTable.Find(bed[1].NetworkAddress) is { Status: RouteStatus.Active });
        var discoveries = bed[4].Counters.RouteDiscoveriesStarted;

        Assert.AreEqual(NwkStatus.Success, bed.Send(4, 1, [2]).Status);
        Assert.AreEqual(discoveries + 1, bed[4].Counters.RouteDiscoveriesStarted);
    }
}
