using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Simulation;

/// <summary>
/// The medium's per-receiver state kept in step with what happens on air: energy counted and taken back, overlaps,
/// filters and faults, also while nodes are added, links change or a frame is cut in the middle.
/// </summary>
[TestClass]
public sealed class MediumBookkeepingTests
{
    private static readonly TimeSpan Us = TimeSpan.FromTicks(10);

    // MediumTestBed.Frame(n, 0) is a data frame to PAN 0x0403, short address 0x0605.
    private const ushort FramePan = 0x0403;
    private const ushort FrameDestination = 0x0605;

    [TestMethod]
    public void NodesAddedWhileFramesAreOnAirKeepTheCollisionBookkeeping()
    {
        var bed = new MediumTestBed(3, topology: Topology.Line(3));
        var busyAtMiddle = false;
        var busyAtNewcomer = true;
        bed[0].Transmit(MediumTestBed.Frame(40)); // on air 0..1472 µs
        bed.Scheduler.Schedule(100 * Us, () =>
        {
            for (var i = 3; i < 43; i++)
            {
                var radio = bed.Medium.AddNode(MediumTestBed.AddressBase + (ulong)i);
                radio.SetHandler(new MediumTestBed.RecordingHandler(bed, i));
            }

            bed.Medium.Link(0, 42);
        });
        bed.Scheduler.Schedule(300 * Us, () =>
        {
            busyAtMiddle = !bed[1].ClearChannelAssessment();
            busyAtNewcomer = !bed[42].ClearChannelAssessment();
        });
        bed.SendAt(600 * Us, 2, MediumTestBed.Frame(40));

        bed.Scheduler.RunUntilIdle();

        Assert.IsTrue(busyAtMiddle, "node 0's energy is still counted at node 1");
        Assert.IsFalse(busyAtNewcomer, "a link made mid-frame carries none of that frame");
        Assert.IsEmpty(bed.Deliveries, "both frames collided at node 1; node 42 started listening too late");
        Assert.AreEqual(2L, bed.Medium.Statistics.Collisions);

        bed[0].Transmit(MediumTestBed.Frame(40));
        bed.Scheduler.RunUntilIdle();
        CollectionAssert.AreEqual(new[] { 1, 42 }, bed.Receivers());
    }

    [TestMethod]
    public void AHandlerAddingNodesMidDeliveryLeavesTheLaterReceiversTheirCopyAndTheirFilter()
    {
        var bed = new MediumTestBed(4, topology: Topology.Star(4)); // node 0 serves 1, 2, 3 in that order
        bed.Handlers[1].OnReceived = _ =>
        {
            for (var i = 0; i < 40; i++)
            {
                bed.Medium.AddNode(MediumTestBed.AddressBase + 100 + (ulong)i);
            }
        };
        bed[2].SetFrameFilter(new RadioFrameFilter(true, FramePan, 0x0001, bed[2].ExtendedAddress));
        bed[3].SetFrameFilter(new RadioFrameFilter(true, FramePan, FrameDestination, bed[3].ExtendedAddress));

        bed[0].Transmit(MediumTestBed.Frame(30));
        bed.RunFirstFrame();

        CollectionAssert.AreEqual(new[] { 1, 3 }, bed.Receivers());
        Assert.AreEqual(1L, bed[2].FramesFiltered, "node 2's filter refused it after the tables grew");
        Assert.AreEqual(1L, bed.Medium.Statistics.Filtered);
        Assert.AreEqual(3L, bed.Medium.Statistics.Deliveries);
        Assert.IsFalse(bed.Deliveries[0].Info.FcsChecked, "node 1 has no filter");
        Assert.IsTrue(bed.Deliveries[1].Info.FcsChecked, "node 3 filters, so its radio checked the FCS");
        Assert.AreEqual(44, bed.Medium.NodeCount);
    }

    [TestMethod]
    public void EachReceiversFilterIsTheOneSetWhenTheFrameReachesIt()
    {
        var bed = new MediumTestBed(3, topology: Topology.Star(3));
        bed.Handlers[1].OnReceived = _ => bed[2].SetFrameFilter(new RadioFrameFilter(true, FramePan, 0x0001, bed[2].ExtendedAddress));

        bed[0].Transmit(MediumTestBed.Frame(30));
        bed.RunFirstFrame();

        CollectionAssert.AreEqual(new[] { 1 }, bed.Receivers());
        Assert.AreEqual(1L, bed[2].FramesFiltered, "node 1's handler set node 2's filter before the frame reached node 2");
        Assert.AreEqual(0L, bed[1].FramesFiltered);
        bed.Handlers[1].OnReceived = null;

        bed[2].SetFrameFilter(new RadioFrameFilter(true, 0xFFFE, FrameDestination, bed[2].ExtendedAddress));
        bed[0].Transmit(MediumTestBed.Frame(30));
        bed.RunFirstFrame();
        Assert.AreEqual(2L, bed[2].FramesFiltered, "another PAN");

        bed[2].SetFrameFilter(new RadioFrameFilter(true, 0xFFFE, FrameDestination, bed[2].ExtendedAddress, AwaitingAcknowledgment: true));
        var broadcast = MediumTestBed.Frame(30);
        broadcast[3] = broadcast[4] = broadcast[5] = broadcast[6] = 0xFF;
        bed[0].Transmit(broadcast);
        bed.RunFirstFrame();
        Assert.AreEqual(2L, bed[2].FramesFiltered, "a broadcast to every PAN passes every filter");
        Assert.AreEqual(2L, bed.Medium.Statistics.Filtered);
        Assert.HasCount(1, bed.Handlers[2].Received);
    }

    [TestMethod]
    public void LinkFaultsApplyWhileSetAndStopWhenCleared()
    {
        var bed = new MediumTestBed(2);
        bed.Medium.Link(0, 1);
        var received = new List<int>();

        void SendFive()
        {
            for (var i = 0; i < 5; i++)
            {
                bed[0].Transmit(MediumTestBed.Frame(20));
                bed.Scheduler.RunUntilIdle();
            }

            received.Add(bed.Handlers[1].Received.Count);
        }

        SendFive();
        bed.Medium.SetLinkLoss(0, 1, 1);
        SendFive();
        bed.Medium.SetLinkLoss(0, 1, 0);
        SendFive();
        bed.Medium.LinkDirected(0, 1, lossProbability: 1);
        SendFive();
        bed.Medium.Link(0, 1);
        SendFive();
        bed.Medium.CorruptNextFrames(0, 1, 2);
        SendFive();

        CollectionAssert.AreEqual(new[] { 5, 5, 10, 10, 15, 20 }, received);
        Assert.AreEqual(10L, bed.Medium.Statistics.Losses);
        Assert.AreEqual(2, bed.Handlers[1].Received.Count(p => !Fcs.Check(p)), "exactly the next two frames corrupted");
        Assert.IsFalse(Fcs.Check(bed.Handlers[1].Received[15]));
        Assert.IsFalse(Fcs.Check(bed.Handlers[1].Received[16]));
        Assert.AreEqual(2L, bed.Medium.Statistics.Corruptions);
    }

    [TestMethod]
    public void FramesOnDifferentChannelsShareNoAirAtAnyNode()
    {
        const int Nodes = 20; // more than one block of nodes in the medium's tables
        var links = new List<TopologyLink>();
        for (var a = 0; a < Nodes; a++)
        {
            for (var b = 0; b < Nodes; b++)
            {
                if (a != b)
                {
                    links.Add(new TopologyLink(a, b, LinkQuality.DefaultLqi, 0));
                }
            }
        }

        var bed = new MediumTestBed(Nodes, topology: Topology.FromLinks(Nodes, links));
        for (var i = 1; i < Nodes; i += 2)
        {
            bed[i].SetChannel(12);
        }

        var clear = new bool[Nodes];
        bed.SendAt(TimeSpan.Zero, 0, MediumTestBed.Frame(40, tag: 1));
        bed.SendAt(100 * Us, 1, MediumTestBed.Frame(40, tag: 2));
        bed.Scheduler.Schedule(200 * Us, () =>
        {
            for (var i = 0; i < Nodes; i++)
            {
                clear[i] = bed[i].ClearChannelAssessment();
            }
        });
        bed.Scheduler.RunUntilIdle();

        Assert.IsFalse(clear.Any(c => c), "every node hears the frame on its own channel");
        Assert.AreEqual(0L, bed.Medium.Statistics.Collisions);
        CollectionAssert.AreEqual(Enumerable.Range(2, Nodes - 2).ToArray(), bed.Receivers());
        Assert.IsTrue(bed.Deliveries.All(d => d.Psdu[2] == (d.Node % 2 == 0 ? 3 : 4)), "each got the frame of its channel");

        // Two frames on channel 12 collide at every other channel-12 node; channel 11 stays clear.
        bed.SendAt(TimeSpan.Zero, 1, MediumTestBed.Frame(40));
        bed.SendAt(100 * Us, 3, MediumTestBed.Frame(40));
        bed.Scheduler.Schedule(200 * Us, () =>
        {
            for (var i = 0; i < Nodes; i++)
            {
                clear[i] = bed[i].ClearChannelAssessment();
            }
        });
        bed.Scheduler.RunUntilIdle();

        Assert.IsTrue(clear.Where((_, i) => i % 2 == 0).All(c => c));
        Assert.AreEqual(2L * ((Nodes / 2) - 2), bed.Medium.Statistics.Collisions);
        Assert.AreEqual(Nodes - 2L, bed.Medium.Statistics.Deliveries, "no more deliveries than the first round's");
    }

    [TestMethod]
    public void BreakingOrRemovingALinkMidFrameTakesItsEnergyAwayAtOnce()
    {
        var bed = new MediumTestBed(3);
        bed.Medium.Link(0, 1, lqi: 200);
        bed.Medium.Link(0, 2, lqi: 150);
        bed.Medium.SetChannelEnergy(11, 20);
        var seen = new List<(bool Clear1, byte Energy1, bool Clear2, byte Energy2)>();
        void Look() => seen.Add((bed[1].ClearChannelAssessment(), bed[1].EnergyDetect(), bed[2].ClearChannelAssessment(), bed[2].EnergyDetect()));

        bed[0].Transmit(MediumTestBed.Frame(60)); // on air 0..2112 µs
        bed.Scheduler.Schedule(100 * Us, Look);
        bed.Scheduler.Schedule(200 * Us, () => bed.Medium.BreakLink(0, 1));
        bed.Scheduler.Schedule(300 * Us, Look);
        bed.Scheduler.Schedule(400 * Us, () => bed.Medium.UnlinkDirected(0, 2));
        bed.Scheduler.Schedule(500 * Us, Look);
        bed.Scheduler.Schedule(600 * Us, () =>
        {
            bed.Medium.HealLink(0, 1);
            bed.Medium.LinkDirected(0, 2, lqi: 150);
        });
        bed.Scheduler.Schedule(700 * Us, Look);
        bed.Scheduler.RunUntilIdle();

        CollectionAssert.AreEqual(
            new[] { (false, (byte)200, false, (byte)150), (true, (byte)20, false, (byte)150), (true, (byte)20, true, (byte)20), (true, (byte)20, true, (byte)20) },
            seen,
            "healed or remade mid-frame, a link carries nothing of the frame already on air");
        Assert.IsEmpty(bed.Deliveries);
        Assert.AreEqual(0L, bed.Medium.Statistics.Collisions);

        bed[0].Transmit(MediumTestBed.Frame(60));
        bed.Scheduler.RunUntilIdle();
        CollectionAssert.AreEqual(new[] { 1, 2 }, bed.Receivers());
    }

    [TestMethod]
    public void ACutFrameIsLostEverywhereButTheOverlapItCausedStands()
    {
        var bed = new MediumTestBed(4, topology: Topology.Star(4)); // 1, 2 and 3 hear only node 0
        bed.SendAt(TimeSpan.Zero, 1, MediumTestBed.Frame(100)); // on air 0..3392 µs
        bed.SendAt(200 * Us, 2, MediumTestBed.Frame(40)); // 200..1672 µs, overlapping at node 0
        bool? clearAfterCut = null;
        bed.Scheduler.Schedule(400 * Us, () =>
        {
            bed.Medium.SwitchOff(1);
            clearAfterCut = bed[0].ClearChannelAssessment();
        });
        bed.SendAt(2000 * Us, 3, MediumTestBed.Frame(20)); // after node 2's frame: clean

        bed.Scheduler.RunUntilIdle();

        Assert.IsFalse(clearAfterCut, "node 2's frame is still on air at node 0");
        Assert.HasCount(1, bed.Handlers[0].Received, "node 2's frame was spoilt by the overlap before the cut; node 3's arrived");
        Assert.HasCount(20, bed.Handlers[0].Received[0]);
        Assert.AreEqual(1L, bed.Medium.Statistics.FramesCut);
        Assert.AreEqual(1L, bed.Medium.Statistics.Collisions, "a cut frame is not counted as a collision itself");
        Assert.HasCount(1, bed.Handlers[1].Completions, "the switched-off sender still completes");

        var mesh = new MediumTestBed(4, topology: Topology.Grid(4));
        mesh[0].Transmit(MediumTestBed.Frame(40));
        mesh.Scheduler.RunFor(300 * Us);
        mesh.Medium.SwitchOff(0);
        Assert.IsTrue(Enumerable.Range(1, 3).All(i => mesh[i].ClearChannelAssessment()));
        mesh.Scheduler.RunUntilIdle();
        Assert.IsEmpty(mesh.Deliveries);
        Assert.AreEqual(0L, mesh.Medium.Statistics.Deliveries);
    }
}
