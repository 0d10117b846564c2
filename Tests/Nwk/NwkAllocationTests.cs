using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

[TestClass]
public sealed class NwkAllocationTests
{
    [TestMethod]
    public void SendingRelayingAndDelivering_AllocateNothingInTheNwk()
    {
        var bed = new NwkTestBed(Topology.Line(3), seed: 51, record: false);
        bed.FormAndJoinAll();
        var delivered = 0;
        bed[2].DataIndication += (in NldeDataIndication _, ReadOnlySpan<byte> _) => delivered++;
        var nsdu = new byte[40];
        var request = NldeDataRequest.To(bed[2].NetworkAddress, nsdu);
        var source = bed[0];
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 2, nsdu).Status, "discovers the route");

        ValueTask<NldeDataConfirm> sent = default;
        Action start = () => sent = source.DataRequestAsync(request);

        void OneRound()
        {
            // Requests are made on the node's loop, where the MAC's confirms come back.
            ValueTask<NldeDataConfirm> pending = default;
            bed.Scheduler.Post(start);
            bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(40));
            pending = sent;
            if (!pending.IsCompleted)
            {
                throw new AssertFailedException($"the data request did not complete; pending {source.PendingFrameCount} route {source.RoutingTable.Find(bed[2].NetworkAddress)} mac queue {bed.Macs[0].QueuedTransmissions}");
            }

            var confirm = pending.Result;
            if (confirm.Status != NwkStatus.Success)
            {
                throw new AssertFailedException($"the data request failed: {confirm.Status}");
            }
        }

        for (var i = 0; i < 50; i++)
        {
            OneRound();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            OneRound();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine($"{allocated} bytes for 100 frames over two hops");
        Assert.AreEqual(151, delivered);
        // The NWK itself allocates nothing per frame. What remains is the runtime's: a pooled ValueTask source
        // (the MAC's MCPS-DATA confirm) that posts its continuation to the node's SynchronizationContext allocates
        // a small state tuple per post. Two MAC transmissions per NSDU here, at most 64 bytes each.
        Assert.IsLessThanOrEqualTo(100 * 2 * 64L, allocated, "bytes allocated by 100 NSDUs sent, relayed and delivered");
    }
}
