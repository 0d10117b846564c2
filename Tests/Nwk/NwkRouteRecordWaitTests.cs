using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

/// <summary>
/// A concentrator with no route record for a device gives the record a moment to arrive (the device's data may have
/// overtaken it) before it floods the network with a discovery, and answers along the record as soon as it comes.
/// </summary>
[TestClass]
public sealed class NwkRouteRecordWaitTests
{
    private static NwkTestBed Network(int seed, TimeSpan? wait = null)
    {
        var options = wait is { } routeRecordWait ? new NwkServiceOptions { RouteRecordWait = routeRecordWait } : null;
        var bed = new NwkTestBed(Topology.Line(4), seed: seed, options: _ => options, nib: (i, nib) =>
        {
            nib.IsConcentrator = i == 0;
            nib.ConcentratorDiscoveryTime = TimeSpan.FromMinutes(30);
        });
        bed.FormAndJoinAll();
        bed.Settle();

        // The concentrator knows no way to the far router: neither a route nor its record.
        var device = bed[3].NetworkAddress;
        bed[0].RoutingTable.Remove(device);
        bed[0].Nib.RouteRecordTable.Remove(device);
        return bed;
    }

    private static Task<NldeDataConfirm> Start(NwkTestBed bed, int from, ushort to, byte[] nsdu)
    {
        var request = new NldeDataRequest(NwkAddressMode.Unicast, to, nsdu, 1, 0);
        return bed.Start(async () => await bed[from].DataRequestAsync(request));
    }

    [TestMethod]
    public async Task AFrameHeldForARouteRecordThatArrives_GoesAlongIt_WithoutADiscovery()
    {
        var bed = Network(seed: 141);
        var device = bed[3].NetworkAddress;
        var discoveries = bed[0].Counters.RouteDiscoveriesStarted;
        var sourceRouted = bed[0].Counters.SourceRoutedFramesSent;

        var answer = new byte[] { 0xC1, 0x01 };
        var confirm = Start(bed, 0, device, answer);
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(200));
        Assert.IsFalse(confirm.IsCompleted, "held while its route record may still come");
        Assert.AreEqual(1, bed[0].PendingFrameCount);

        // The device's record arrives (late, as when its data overtook it).
        bed[3].RoutingTable.Find(0)!.RouteRecordRequired = true;
        bed.Send(3, 0, [0xC1, 0x02]);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.IsTrue(confirm.IsCompleted);
        Assert.AreEqual(NwkStatus.Success, (await confirm).Status);
        Assert.AreEqual(1, bed.CountReceived(3, answer));
        Assert.AreEqual(discoveries, bed[0].Counters.RouteDiscoveriesStarted, "no network-wide discovery");
        Assert.AreEqual(sourceRouted + 1, bed[0].Counters.SourceRoutedFramesSent, "along the record's relays");
    }

    [TestMethod]
    public async Task AFrameHeldForARouteRecordThatNeverComes_IsDeliveredAfterADiscovery()
    {
        var bed = Network(seed: 142);
        var device = bed[3].NetworkAddress;
        var discoveries = bed[0].Counters.RouteDiscoveriesStarted;

        var answer = new byte[] { 0xC2, 0x01 };
        var confirm = Start(bed, 0, device, answer);
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(500));
        Assert.AreEqual(discoveries, bed[0].Counters.RouteDiscoveriesStarted, "still waiting for the record");

        bed.Scheduler.RunFor(TimeSpan.FromSeconds(5));
        Assert.AreEqual(discoveries + 1, bed[0].Counters.RouteDiscoveriesStarted, "then discovered");
        Assert.IsTrue(confirm.IsCompleted);
        Assert.AreEqual(NwkStatus.Success, (await confirm).Status);
        Assert.AreEqual(1, bed.CountReceived(3, answer));
    }

    [TestMethod]
    public void WithoutAWait_TheConcentratorDiscoversAtOnce()
    {
        var bed = Network(seed: 143, wait: TimeSpan.Zero);
        var device = bed[3].NetworkAddress;
        var discoveries = bed[0].Counters.RouteDiscoveriesStarted;

        _ = Start(bed, 0, device, [0xC3, 0x01]);
        Assert.AreEqual(discoveries + 1, bed[0].Counters.RouteDiscoveriesStarted);
    }
}
