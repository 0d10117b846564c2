using ZigBee.Aps.Frames;
using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Aps;

[TestClass]
public sealed class ApsFragmentationTests
{
    private const ushort HomeAutomation = 0x0104;
    private const ushort Cluster = 0x0019;
    private const ApsTxOptions Fragmented = ApsTxOptions.Acknowledged | ApsTxOptions.FragmentationPermitted;

    [TestMethod]
    [DataRow(1)]
    [DataRow(4)]
    [DataRow(8)]
    public void Ten_kilobytes_over_three_hops_with_twenty_percent_loss_arrive_byte_identical(int window)
    {
        var bed = new ApsTestBed(Topology.Line(4, lossProbability: 0.2), seed: 20 + window, options: _ => new ApsServiceOptions { MaxWindowSize = window });
        bed.Network.FormAndJoinAll();
        var asdu = ApsTestBed.Payload(10 * 1024, seed: window);
        var confirm = bed.Send(0, ApsdeDataRequest.ToShort(bed[3].NetworkAddress, 1, HomeAutomation, Cluster, 1, asdu, Fragmented), TimeSpan.FromMinutes(10));
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(5));

        Assert.AreEqual(ApsStatus.Success, confirm.Status);
        var deliveries = bed.Received.Where(d => d.Node == 3).ToList();
        Assert.HasCount(1, deliveries, "one indication, with the whole ASDU");
        CollectionAssert.AreEqual(asdu, deliveries[0].Asdu);
        Assert.AreEqual(1, bed[3].Counters.Reassembled);
        Assert.AreEqual(1, bed[0].Counters.FragmentedTransfersCompleted);
        Assert.AreEqual(0, bed[0].PendingCount);
    }

    [TestMethod]
    public void Lost_blocks_are_sent_again_and_only_they()
    {
        // Node 1 plays the receiver by hand: it "loses" block 2 once and acknowledges each window with the bitfield
        // of what it holds. Window 8, 10 blocks: the sender must send block 2 again, alone, then the second window.
        var bed = new ApsTestBed(Topology.Line(2), seed: 30);
        bed.Network.FormAndJoinAll();
        bed[1].Dispose();
        var asdu = ApsTestBed.Payload((bed[0].BlockLength * 9) + 5, seed: 1);
        var seen = new List<int>();
        var held = new HashSet<int>();
        var blockCount = 0;
        var lostOnce = false;
        bed.Network[1].DataIndication += (in NldeDataIndication indication, ReadOnlySpan<byte> nsdu) =>
        {
            Assert.IsTrue(ApsFrame.TryDecode(nsdu, out var frame));
            var header = frame.Header;
            var index = header.Fragmentation == ApsFragmentation.First ? 0 : header.BlockNumber;
            blockCount = header.Fragmentation == ApsFragmentation.First ? header.BlockNumber : blockCount;
            seen.Add(index);
            if (index == 2 && !lostOnce)
            {
                lostOnce = true;
                return;
            }

            held.Add(index);
            var start = index / 8 * 8;
            var end = Math.Min(start + 8, blockCount);
            var bits = 0;
            for (var i = start; i < end; i++)
            {
                bits |= held.Contains(i) ? 1 << (i - start) : 0;
            }

            if (index == end - 1 || bits == (1 << (end - start)) - 1)
            {
                var ack = ApsHeader.DataAck(header.SourceEndpoint, header.ClusterId, header.ProfileId, header.DestinationEndpoint, header.Counter)
                    .AsBlock(start == 0 ? ApsFragmentation.First : ApsFragmentation.Subsequent, (byte)start) with { AckBitfield = (byte)bits };
                var bytes = new byte[ack.Length];
                ApsFrame.EncodeHeader(ack, bytes);
                _ = Observe(bed.Network[1].DataRequestAsync(NldeDataRequest.To(indication.SrcAddr, bytes)));
            }
        };

        var confirm = bed.Send(0, ApsdeDataRequest.ToShort(bed.Network[1].NetworkAddress, 1, HomeAutomation, Cluster, 1, asdu, Fragmented));

        Assert.AreEqual(ApsStatus.Success, confirm.Status);
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4, 5, 6, 7, 2, 8, 9 }, seen);
        Assert.AreEqual(1, bed[0].Counters.Retries);

        static async Task Observe(ValueTask<NldeDataConfirm> confirm) => await confirm;
    }

    [TestMethod]
    public void A_transfer_whose_receiver_vanishes_ends_with_no_ack_and_delivers_nothing()
    {
        var bed = new ApsTestBed(Topology.Line(2), seed: 31);
        bed.Network.FormAndJoinAll();
        var asdu = ApsTestBed.Payload(2000, seed: 2);
        var run = Start(bed, ApsdeDataRequest.ToShort(bed[1].NetworkAddress, 1, HomeAutomation, Cluster, 1, asdu, Fragmented));
        Assert.IsFalse(run.IsCompleted, "the transfer is under way");
        bed.Network.Medium.SwitchOff(1);
        bed.Network.Scheduler.RunFor(TimeSpan.FromMinutes(3));
        Assert.IsTrue(run.IsCompleted);
        Assert.AreEqual(ApsStatus.NoAck, run.GetAwaiter().GetResult().Status);
        Assert.IsEmpty(bed.Received);
        Assert.AreEqual(0, bed[0].PendingCount);
    }

    [TestMethod]
    public void A_transfer_whose_sender_vanishes_is_dropped_whole_after_the_reassembly_timeout()
    {
        var bed = new ApsTestBed(Topology.Line(2), seed: 32);
        bed.Network.FormAndJoinAll();
        var asdu = ApsTestBed.Payload(2000, seed: 3);
        var run = Start(bed, ApsdeDataRequest.ToShort(bed[1].NetworkAddress, 1, HomeAutomation, Cluster, 1, asdu, Fragmented));
        Assert.IsFalse(run.IsCompleted);
        bed.Network.Medium.SwitchOff(0);
        Assert.AreEqual(1, bed[1].ReassemblyCount, "a partial transfer is held");
        bed.Network.Scheduler.RunFor(bed[1].Options.ReassemblyTimeout + TimeSpan.FromSeconds(1));
        Assert.AreEqual(0, bed[1].ReassemblyCount);
        Assert.AreEqual(1, bed[1].Counters.ReassemblyTimeouts);
        Assert.IsEmpty(bed.Received, "nothing half-delivered");
    }

    [TestMethod]
    public void Blocks_that_contradict_the_announced_count_are_refused_and_nothing_is_delivered()
    {
        var bed = new ApsTestBed(Topology.Line(2), seed: 33);
        bed.Network.FormAndJoinAll();
        var early = ApsHeader.Unicast(1, Cluster, HomeAutomation, 1, counter: 9, ackRequest: true);
        Send(bed, early.AsBlock(ApsFragmentation.Subsequent, 5), [0x05]);
        Send(bed, early.AsBlock(ApsFragmentation.First, 3), [0x00]);
        var late = early with { Counter = 10 };
        Send(bed, late.AsBlock(ApsFragmentation.First, 3), [0x00]);
        Send(bed, late.AsBlock(ApsFragmentation.Subsequent, 7), [0x07]);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.IsEmpty(bed.Received);
        Assert.AreEqual(2, bed[1].Counters.ReassemblyRefused, "a count of 3 contradicts a held block 5; block 7 lies beyond a count of 3");
    }

    [TestMethod]
    public void Blocks_out_of_order_reassemble_in_block_order()
    {
        var bed = new ApsTestBed(Topology.Line(2), seed: 34);
        bed.Network.FormAndJoinAll();
        var header = ApsHeader.Unicast(1, Cluster, HomeAutomation, 1, counter: 10, ackRequest: true);
        Send(bed, header.AsBlock(ApsFragmentation.Subsequent, 2), [0x20, 0x21]);
        Send(bed, header.AsBlock(ApsFragmentation.Subsequent, 1), [0x10]);
        Send(bed, header.AsBlock(ApsFragmentation.First, 3), [0x00, 0x01]);
        Send(bed, header.AsBlock(ApsFragmentation.Subsequent, 1), [0x10]);
        bed.Network.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        CollectionAssert.AreEqual(new byte[] { 0x00, 0x01, 0x10, 0x20, 0x21 }, bed.Received.Single().Asdu);
        Assert.AreEqual(1, bed[1].Counters.Reassembled);
    }

    /// <summary>Starts a request on the scheduler and lets 40 ms of virtual time pass: a transfer under way.</summary>
    private static Task<ApsdeDataConfirm> Start(ApsTestBed bed, ApsdeDataRequest request)
    {
        Task<ApsdeDataConfirm>? run = null;
        bed.Network.Scheduler.Post(() => run = bed[0].DataRequestAsync(request));
        bed.Network.Scheduler.RunFor(TimeSpan.FromMilliseconds(40));
        return run!;
    }

    private static void Send(ApsTestBed bed, ApsHeader header, byte[] payload)
    {
        var frame = new byte[header.Length + payload.Length];
        ApsFrame.Encode(header, payload, frame);
        bed.Network.Run(async () => await bed.Network[0].DataRequestAsync(NldeDataRequest.To(bed[1].NetworkAddress, frame)));
    }
}
