using ZigBee.Nwk.Service;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

[TestClass]
public sealed class NwkScaleTests
{
    [TestMethod]
    public void FiftyNodeGrid_FormsJoinsAndCarriesTrafficCornerToCorner()
    {
        var bed = new NwkTestBed(Topology.Grid(50), seed: 41);
        bed.FormAndJoinAll(sleepy: new HashSet<int> { 49 });
        var formed = bed.Scheduler.Now;
        Console.WriteLine($"50-node grid formed and joined in {formed.TotalSeconds:F1} s of virtual time (35 s settling included), {bed.Scheduler.EventsExecuted} events");

        Assert.IsTrue(bed.Nodes.All(n => n.IsJoined));
        Assert.AreEqual(50, bed.Nodes.Select(n => n.NetworkAddress).Distinct().Count());
        var payload = new byte[] { 0x50 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 48, payload).Status);
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 49, payload).Status);
        Assert.AreEqual(NwkStatus.Success, bed.Send(48, 0, payload).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(3));
        Assert.AreEqual(1, bed.CountReceived(48, payload));
        Assert.AreEqual(1, bed.CountReceived(49, payload));
        Assert.AreEqual(1, bed.CountReceived(0, payload));
    }

    [TestMethod]
    public void SameSeed_SameNetwork()
    {
        static string Run()
        {
            var bed = new NwkTestBed(Topology.Grid(9), seed: 42);
            bed.FormAndJoinAll();
            bed.Send(0, 8, [1, 2, 3]);
            bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));
            return string.Join(";", bed.Nodes.Select(n => $"{n.NetworkAddress:x4}/{n.ParentAddress:x4}/{n.Counters.FramesRelayed}"))
                + $"|{bed.Medium.Statistics.FramesTransmitted}|{bed.Scheduler.EventsExecuted}";
        }

        Assert.AreEqual(Run(), Run());
    }
}
