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
}
