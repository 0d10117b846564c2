using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Simulation;

[TestClass]
public sealed class MediumTests
{
    private static readonly TimeSpan Us = TimeSpan.FromTicks(10);

    [TestMethod]
    public void FrameReachesExactlyTheNodesThatHearTheSender()
    {
        var bed = new MediumTestBed(9, topology: Topology.Grid(9));

        bed[4].Transmit(MediumTestBed.Frame(20));
        bed.Scheduler.RunUntilIdle();
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 5, 6, 7, 8 }, bed.Receivers());

        bed.Deliveries.Clear();
        bed[0].Transmit(MediumTestBed.Frame(20));
        bed.Scheduler.RunUntilIdle();
        CollectionAssert.AreEqual(new[] { 1, 3, 4 }, bed.Receivers());
        Assert.AreEqual(11L, bed.Medium.Statistics.Deliveries);
        Assert.AreEqual(2L, bed.Medium.Statistics.FramesTransmitted);
    }

    [TestMethod]
    public void ReceiverGetsAnExactCopyWithLinkQuality()
    {
        var bed = new MediumTestBed(2);
        bed.Medium.Link(0, 1, lqi: 200);
        var frame = MediumTestBed.Frame(30, tag: 7);

        bed[0].Transmit(frame);
        frame[5] ^= 0xFF; // the medium copied the PSDU before Transmit returned
        bed.Scheduler.RunUntilIdle();

        var delivery = bed.Deliveries.Single();
        CollectionAssert.AreEqual(MediumTestBed.Frame(30, tag: 7), delivery.Psdu);
        Assert.IsTrue(Fcs.Check(delivery.Psdu));
        Assert.AreEqual((byte)200, delivery.Info.Lqi);
        Assert.AreEqual(LinkQuality.RssiFromLqi(200), delivery.Info.Rssi);
    }

    [TestMethod]
    public void AirtimeIsShrPhrPlusPsduAt32MicrosecondsPerByte()
    {
        var bed = new MediumTestBed(2);
        bed.Medium.Link(0, 1);

        bed[0].Transmit(MediumTestBed.Frame(10));
        Assert.IsTrue(bed[0].IsTransmitting);
        bed.Scheduler.RunFor(511 * Us);
        Assert.IsTrue(bed[0].IsTransmitting, "still on air at 511 µs");
        Assert.IsEmpty(bed.Deliveries);
        bed.Scheduler.RunUntilIdle();

        Assert.IsFalse(bed[0].IsTransmitting);
        CollectionAssert.AreEqual(new[] { 512 * Us }, bed.Handlers[0].Completions);
        Assert.AreEqual(512 * Us, bed.Deliveries.Single().At);
    }

    [TestMethod]
    public void HiddenNodesCollideAtTheMiddleWhenTheyOverlap()
    {
        var bed = new MediumTestBed(3, topology: Topology.Line(3));
        bed.SendAt(TimeSpan.Zero, 0, MediumTestBed.Frame(40));
        bed.SendAt(600 * Us, 2, MediumTestBed.Frame(40)); // first frame lasts 46 × 32 = 1472 µs

        bed.Scheduler.RunUntilIdle();

        Assert.IsEmpty(bed.Deliveries);
        Assert.AreEqual(2L, bed.Medium.Statistics.Collisions);
        Assert.HasCount(1, bed.Handlers[0].Completions);
        Assert.HasCount(1, bed.Handlers[2].Completions);
    }

    [TestMethod]
    public void HiddenNodesDoNotCollideBackToBack()
    {
        var bed = new MediumTestBed(3, topology: Topology.Line(3));
        bed.SendAt(TimeSpan.Zero, 0, MediumTestBed.Frame(40, tag: 1));
        bed.SendAt(1472 * Us, 2, MediumTestBed.Frame(40, tag: 2)); // starts the instant the first ends

        bed.Scheduler.RunUntilIdle();

        Assert.HasCount(2, bed.Handlers[1].Received);
        Assert.AreEqual(0L, bed.Medium.Statistics.Collisions);
    }

    [TestMethod]
    public void ThirdFrameInsideAnOverlapCollidesToo()
    {
        // 1 and 3 hear the middle node 0 (star); a short frame from 3 within 1's long frame ruins both at 0.
        var bed = new MediumTestBed(4, topology: Topology.Star(4));
        bed.SendAt(TimeSpan.Zero, 1, MediumTestBed.Frame(100));
        bed.SendAt(1000 * Us, 3, MediumTestBed.Frame(5));
        bed.SendAt(4000 * Us, 2, MediumTestBed.Frame(5)); // after both ended: clean

        bed.Scheduler.RunUntilIdle();

        Assert.HasCount(1, bed.Handlers[0].Received);
        Assert.HasCount(5, bed.Handlers[0].Received[0]);
        Assert.AreEqual(2L, bed.Medium.Statistics.Collisions);
    }

    [TestMethod]
    public void ClearChannelAssessmentIsBusyWhileANeighbourTransmits()
    {
        var bed = new MediumTestBed(3, topology: Topology.Line(3));
        Assert.IsTrue(bed[1].ClearChannelAssessment());

        bed[0].Transmit(MediumTestBed.Frame(20));

        Assert.IsFalse(bed[0].ClearChannelAssessment(), "the sender itself is busy");
        Assert.IsFalse(bed[1].ClearChannelAssessment(), "the neighbour hears energy");
        Assert.IsTrue(bed[2].ClearChannelAssessment(), "a hidden node hears nothing");
        bed[1].SetChannel(20);
        Assert.IsTrue(bed[1].ClearChannelAssessment(), "another channel is idle");
        bed[1].SetChannel(11);

        bed.Scheduler.RunUntilIdle();
        Assert.IsTrue(bed[0].ClearChannelAssessment());
        Assert.IsTrue(bed[1].ClearChannelAssessment());
    }

    [TestMethod]
    public void EnergyDetectSeesTransmissionsAndBackgroundSoAQuietChannelCanBeFound()
    {
        var bed = new MediumTestBed(3);
        bed.Medium.Link(0, 1, lqi: 180);
        bed.Medium.Link(2, 1, lqi: 90);
        for (byte channel = 11; channel <= 26; channel++)
        {
            bed.Medium.SetChannelEnergy(channel, (byte)(100 + channel));
        }

        bed.Medium.SetChannelEnergy(19, 3);
        Assert.AreEqual((byte)111, bed[1].EnergyDetect());

        bed[2].Transmit(MediumTestBed.Frame(20));
        Assert.AreEqual((byte)111, bed[1].EnergyDetect(), "a weaker frame than the background");
        bed[0].Transmit(MediumTestBed.Frame(20));
        Assert.AreEqual((byte)180, bed[1].EnergyDetect());
        Assert.AreEqual((byte)255, bed[0].EnergyDetect(), "a transmitting radio is saturated");
        bed.Scheduler.RunUntilIdle();

        byte quietest = 0;
        var lowest = int.MaxValue;
        for (byte channel = 11; channel <= 26; channel++)
        {
            bed[1].SetChannel(channel);
            if (bed[1].EnergyDetect() < lowest)
            {
                lowest = bed[1].EnergyDetect();
                quietest = channel;
            }
        }

        Assert.AreEqual((byte)19, quietest);
        Assert.AreEqual((byte)3, bed.Medium.GetChannelEnergy(19));
    }

    [TestMethod]
    public void ReceiverOffHearsNothing()
    {
        var bed = new MediumTestBed(3, topology: Topology.Star(3));
        bed[1].ReceiverEnabled = false;

        bed[0].Transmit(MediumTestBed.Frame(20));
        bed.Scheduler.RunUntilIdle();

        CollectionAssert.AreEqual(new[] { 2 }, bed.Receivers());
    }

    [TestMethod]
    public void ReceiverOffForPartOfTheFrameMissesIt()
    {
        var bed = new MediumTestBed(2);
        bed.Medium.Link(0, 1);
        bed[0].Transmit(MediumTestBed.Frame(50));
        bed.Scheduler.Schedule(100 * Us, () => bed[1].ReceiverEnabled = false);
        bed.Scheduler.Schedule(200 * Us, () => bed[1].ReceiverEnabled = true);
        bed.Scheduler.RunUntilIdle();
        Assert.IsEmpty(bed.Deliveries);

        bed[1].ReceiverEnabled = false;
        bed[1].ReceiverEnabled = true; // on again before the next frame starts: hears it
        bed[0].Transmit(MediumTestBed.Frame(50));
        bed.Scheduler.RunUntilIdle();
        Assert.HasCount(1, bed.Deliveries);
    }

    [TestMethod]
    public void ChannelMismatchOrRetuningMidFrameLosesTheFrame()
    {
        var bed = new MediumTestBed(3, topology: Topology.Star(3));
        bed[0].SetChannel(15);
        bed[1].SetChannel(15);
        bed[2].SetChannel(16);

        bed[0].Transmit(MediumTestBed.Frame(30));
        bed.Scheduler.RunUntilIdle();
        CollectionAssert.AreEqual(new[] { 1 }, bed.Receivers());

        bed.Deliveries.Clear();
        bed[0].Transmit(MediumTestBed.Frame(30));
        bed.Scheduler.Schedule(50 * Us, () => bed[2].SetChannel(15)); // joins the channel mid-frame
        bed.Scheduler.Schedule(60 * Us, () => bed[1].SetChannel(16));
        bed.Scheduler.Schedule(70 * Us, () => bed[1].SetChannel(15)); // leaves and returns
        bed.Scheduler.RunUntilIdle();
        Assert.IsEmpty(bed.Deliveries);

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => bed[0].SetChannel(10));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => bed[0].SetChannel(27));
    }

    [TestMethod]
    public void HalfDuplexReceiverThatTransmitsDuringAFrameLosesIt()
    {
        var bed = new MediumTestBed(3, topology: Topology.Line(3));
        bed[0].Transmit(MediumTestBed.Frame(50));
        bed.Scheduler.Schedule(100 * Us, () => bed[1].Transmit(MediumTestBed.Frame(5)));

        bed.Scheduler.RunUntilIdle();

        Assert.IsEmpty(bed.Handlers[1].Received, "node 1 was sending during node 0's frame");
        Assert.HasCount(1, bed.Handlers[2].Received, "node 2 got node 1's short frame");
        Assert.IsEmpty(bed.Handlers[0].Received, "node 0 was transmitting all through node 1's frame");
    }

    [TestMethod]
    public void TransmittingWhileTransmittingIsMisuse()
    {
        var bed = new MediumTestBed(2);
        bed[0].Transmit(MediumTestBed.Frame(10));

        Assert.ThrowsExactly<InvalidOperationException>(() => bed[0].Transmit(MediumTestBed.Frame(10)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => bed[1].Transmit(new byte[128]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => bed[1].Transmit([]));
        bed.Scheduler.RunUntilIdle();
        bed[0].Transmit(new byte[127]);
        bed.Scheduler.RunUntilIdle();
        Assert.HasCount(2, bed.Handlers[0].Completions);
    }

    [TestMethod]
    public void LossProbabilityOneLosesAllZeroLosesNone()
    {
        var bed = new MediumTestBed(3);
        bed.Medium.Link(0, 1, lossProbability: 1);
        bed.Medium.Link(0, 2, lossProbability: 0);
        for (var i = 0; i < 50; i++)
        {
            bed.SendAt(TimeSpan.FromMilliseconds(i), 0, MediumTestBed.Frame(20, (byte)i));
        }

        bed.Scheduler.RunUntilIdle();

        Assert.IsEmpty(bed.Handlers[1].Received);
        Assert.HasCount(50, bed.Handlers[2].Received);
        Assert.AreEqual(50L, bed.Medium.Statistics.Losses);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => bed.Medium.Link(0, 1, lossProbability: 1.5));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => bed.Medium.Link(0, 1, lossProbability: double.NaN));
    }

    [TestMethod]
    public void IntermediateLossRateIsRoughlyHonoured()
    {
        var bed = new MediumTestBed(2, seed: 5);
        bed.Medium.Link(0, 1, lossProbability: 0.3);
        for (var i = 0; i < 1000; i++)
        {
            bed.SendAt(TimeSpan.FromMilliseconds(i), 0, MediumTestBed.Frame(10));
        }

        bed.Scheduler.RunUntilIdle();

        var received = bed.Handlers[1].Received.Count;
        Assert.IsTrue(received is > 640 and < 760, $"received {received} of 1000 at 30 % loss");
        Assert.AreEqual(1000L - received, bed.Medium.Statistics.Losses);
    }

    [TestMethod]
    public void BurstLossOnALinkLosesFramesOnlyInsideTheWindow()
    {
        var bed = new MediumTestBed(3, topology: Topology.Star(3));
        for (var i = 0; i < 10; i++)
        {
            bed.SendAt(TimeSpan.FromMilliseconds(10 * i), 0, MediumTestBed.Frame(20, (byte)i));
        }

        bed.Scheduler.Schedule(TimeSpan.FromMilliseconds(25), () => bed.Medium.BurstLoss(0, 1, TimeSpan.FromMilliseconds(40)));
        bed.Scheduler.RunUntilIdle();

        // Frames start every 10 ms; the window is 25..65 ms: frames at 30, 40, 50, 60 are lost at node 1 only.
        Assert.HasCount(6, bed.Handlers[1].Received);
        Assert.HasCount(10, bed.Handlers[2].Received);
        Assert.AreEqual(4L, bed.Medium.Statistics.Losses);
    }

    [TestMethod]
    public void BurstLossAtANodeLosesEverythingItWouldHearIncludingAFrameOnAir()
    {
        var bed = new MediumTestBed(3, topology: Topology.Star(3));
        bed.SendAt(TimeSpan.Zero, 1, MediumTestBed.Frame(100));
        bed.SendAt(TimeSpan.FromMilliseconds(5), 2, MediumTestBed.Frame(20));
        bed.SendAt(TimeSpan.FromMilliseconds(20), 2, MediumTestBed.Frame(20));
        bed.Scheduler.Schedule(TimeSpan.FromMilliseconds(1), () => bed.Medium.BurstLossAt(0, TimeSpan.FromMilliseconds(10)));

        bed.Scheduler.RunUntilIdle();

        Assert.HasCount(1, bed.Handlers[0].Received, "only the frame after the window");
        Assert.AreEqual(2L, bed.Medium.Statistics.Losses);
    }

    [TestMethod]
    public void CorruptionFlipsBitsOnlyInTheChosenReceiversCopy()
    {
        var bed = new MediumTestBed(3, topology: Topology.Star(3));
        var frame = MediumTestBed.Frame(40, tag: 3);
        bed.Medium.CorruptNextFrames(0, 1, 1);

        bed[0].Transmit(frame);
        bed.Scheduler.RunUntilIdle();
        bed[0].Transmit(frame);
        bed.Scheduler.RunUntilIdle();

        var corrupted = bed.Handlers[1].Received[0];
        Assert.HasCount(frame.Length, corrupted);
        Assert.IsFalse(Fcs.Check(corrupted), "the receiver's FCS check fails");
        CollectionAssert.AreNotEqual(frame, corrupted);
        CollectionAssert.AreEqual(frame, bed.Handlers[1].Received[1], "only the next frame was corrupted");
        CollectionAssert.AreEqual(frame, bed.Handlers[2].Received[0], "the other receiver is unaffected");
        CollectionAssert.AreEqual(frame, bed.Capture.Frames[0].Psdu, "the sender's copy on air is unaffected");
        Assert.AreEqual(1L, bed.Medium.Statistics.Corruptions);
        Assert.AreEqual(4L, bed.Medium.Statistics.Deliveries);
    }

    [TestMethod]
    public void CorruptionProbabilityOneFailsEveryFcsAtThatReceiver()
    {
        var bed = new MediumTestBed(3, seed: 9, topology: Topology.Star(3));
        bed.Medium.SetCorruption(0, 2, 1);
        bed.Medium.CorruptNextFramesAt(1, 2);
        for (var i = 0; i < 200; i++)
        {
            bed.SendAt(TimeSpan.FromMilliseconds(5 * i), 0, MediumTestBed.Frame(5 + (i % 120), (byte)i));
        }

        bed.Scheduler.RunUntilIdle();

        Assert.HasCount(200, bed.Handlers[2].Received);
        Assert.IsTrue(bed.Handlers[2].Received.All(p => !Fcs.Check(p)));
        Assert.AreEqual(2, bed.Handlers[1].Received.Count(p => !Fcs.Check(p)));
        Assert.AreEqual(202L, bed.Medium.Statistics.Corruptions);
    }

    [TestMethod]
    public void SwitchingTheSenderOffMidFrameCutsIt()
    {
        var bed = new MediumTestBed(2);
        bed.Medium.Link(0, 1);
        bed[0].Transmit(MediumTestBed.Frame(60));
        bed.Scheduler.RunFor(300 * Us);
        Assert.IsFalse(bed[1].ClearChannelAssessment());

        bed.Medium.SwitchOff(0);

        Assert.IsTrue(bed[1].ClearChannelAssessment(), "the energy left the air at once");
        bed.Scheduler.RunUntilIdle();
        Assert.IsEmpty(bed.Deliveries);
        Assert.AreEqual(1L, bed.Medium.Statistics.FramesCut);
        Assert.HasCount(1, bed.Handlers[0].Completions, "the MAC still gets its completion");

        // Off: sends nothing, hears nothing.
        bed[0].Transmit(MediumTestBed.Frame(20));
        bed[1].Transmit(MediumTestBed.Frame(20));
        bed.Scheduler.RunUntilIdle();
        Assert.IsEmpty(bed.Deliveries);
        Assert.AreEqual(2L, bed.Medium.Statistics.FramesTransmitted);

        bed.Medium.SwitchOn(0);
        bed[0].Transmit(MediumTestBed.Frame(20));
        bed.Scheduler.RunUntilIdle();
        bed[1].Transmit(MediumTestBed.Frame(20));
        bed.Scheduler.RunUntilIdle();
        CollectionAssert.AreEqual(new[] { 0, 1 }, bed.Receivers());
    }

    [TestMethod]
    public void BrokenLinkCarriesNothingUntilHealed()
    {
        var bed = new MediumTestBed(3, topology: Topology.Line(3));
        bed.Medium.BreakLink(1, 2);
        Assert.IsFalse(bed.Medium.IsLinked(1, 2));

        bed[1].Transmit(MediumTestBed.Frame(20));
        bed.Scheduler.RunUntilIdle();
        CollectionAssert.AreEqual(new[] { 0 }, bed.Receivers());

        bed.Medium.HealLink(1, 2);
        bed.Deliveries.Clear();
        bed[1].Transmit(MediumTestBed.Frame(20));
        bed.Scheduler.Schedule(100 * Us, () => bed.Medium.BreakLink(0, 1)); // broken mid-frame: lost
        bed.Scheduler.RunUntilIdle();
        CollectionAssert.AreEqual(new[] { 2 }, bed.Receivers());
    }

    [TestMethod]
    public void DirectedLinkIsHeardOneWayOnly()
    {
        var bed = new MediumTestBed(2);
        bed.Medium.LinkDirected(0, 1, lqi: 77);

        bed[0].Transmit(MediumTestBed.Frame(20));
        bed.Scheduler.RunUntilIdle();
        bed[1].Transmit(MediumTestBed.Frame(20));
        bed.Scheduler.RunUntilIdle();

        CollectionAssert.AreEqual(new[] { 1 }, bed.Receivers());
        Assert.AreEqual((byte)77, bed.Medium.GetLinkQuality(0, 1));
        Assert.IsNull(bed.Medium.GetLinkQuality(1, 0));
        Assert.ThrowsExactly<ArgumentException>(() => bed.Medium.Link(1, 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => bed.Medium.Link(0, 2));
        Assert.ThrowsExactly<InvalidOperationException>(() => bed.Medium.BurstLoss(0, 1, TimeSpan.FromSeconds(1)));
        Assert.ThrowsExactly<InvalidOperationException>(() => bed.Medium.SetCorruption(1, 0, 0.5));
        bed.Medium.BreakLink(1, 0); // one direction exists: that one breaks
        Assert.IsFalse(bed.Medium.IsLinked(0, 1));
        bed.Medium.Unlink(0, 1);
        Assert.ThrowsExactly<InvalidOperationException>(() => bed.Medium.BreakLink(0, 1));
    }

    [TestMethod]
    public void CaptureSeesEachTransmissionOnceAtItsStart()
    {
        var bed = new MediumTestBed(3, topology: Topology.Line(3));
        bed[2].SetChannel(25);
        bed.SendAt(TimeSpan.FromMilliseconds(1), 0, MediumTestBed.Frame(20, 1));
        bed.SendAt(TimeSpan.FromMilliseconds(1), 2, MediumTestBed.Frame(30, 2));

        bed.Scheduler.RunUntilIdle();

        Assert.HasCount(2, bed.Capture.Frames);
        var (first, firstPsdu) = bed.Capture.Frames[0];
        Assert.AreEqual(TimeSpan.FromMilliseconds(1), first.Timestamp);
        Assert.AreEqual(bed.Scheduler.Epoch.AddMilliseconds(1), first.UtcTimestamp);
        Assert.AreEqual((byte)11, first.Channel);
        Assert.AreEqual(0, first.Transmitter);
        Assert.AreEqual(MediumTestBed.AddressBase, first.TransmitterAddress);
        CollectionAssert.AreEqual(MediumTestBed.Frame(20, 1), firstPsdu);
        Assert.AreEqual((byte)25, bed.Capture.Frames[1].Info.Channel);
        Assert.AreEqual(2, bed.Capture.Frames[1].Info.Transmitter);

        Assert.IsTrue(bed.Medium.RemoveCaptureSink(bed.Capture));
        bed[0].Transmit(MediumTestBed.Frame(20));
        bed.Scheduler.RunUntilIdle();
        Assert.HasCount(2, bed.Capture.Frames);
    }

    [TestMethod]
    public void HandlerThatSendsOnReceiveDoesNotSpoilOtherReceivers()
    {
        var bed = new MediumTestBed(4, topology: Topology.Grid(4)); // 2×2: all hear all
        bed.Handlers[1].OnReceived = _ => bed[1].Transmit(MediumTestBed.Frame(5));

        bed[0].Transmit(MediumTestBed.Frame(30));
        bed.RunFirstFrame();

        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, bed.Receivers());
    }
}

internal static class MediumTestBedExtensions
{
    /// <summary>Runs until the first frame on air has been delivered (the end event of a 30-byte frame).</summary>
    public static void RunFirstFrame(this MediumTestBed bed) => bed.Scheduler.RunFor(Phy24GHz.Airtime(30));
}

[TestClass]
public sealed class MediumBoundaryTests
{
    private static readonly TimeSpan Us = TimeSpan.FromTicks(10);

    [TestMethod]
    public void FramesTouchingAtOneTickDoNotOverlapWhicheverEventRunsFirst()
    {
        // Node 1 (middle of a line) hears 0 and 2. Node 2 starts exactly when node 0's frame ends, once scheduled
        // before the end event and once from the sender's completion (after it).
        var bed = new MediumTestBed(3, topology: Topology.Line(3));
        bed[0].Transmit(MediumTestBed.Frame(40));
        bed.SendAt(1472 * Us, 2, MediumTestBed.Frame(40));
        bed.Scheduler.RunFor(1472 * Us);
        Assert.IsFalse(bed[1].ClearChannelAssessment(), "node 2's frame is on air");
        bed.Scheduler.RunUntilIdle();

        var sendOnComplete = new ChainedSender(bed, from: 0, then: 2);
        bed[0].SetHandler(sendOnComplete);
        bed[0].Transmit(MediumTestBed.Frame(40));
        bed.Scheduler.RunUntilIdle();

        Assert.HasCount(4, bed.Handlers[1].Received);
        Assert.AreEqual(0L, bed.Medium.Statistics.Collisions);
    }

    [TestMethod]
    public void ChannelIsClearOnTheTickAFrameEnds()
    {
        var bed = new MediumTestBed(2);
        bed.Medium.Link(0, 1);
        bool? clearAtEnd = null;
        bed.SendAt(TimeSpan.Zero, 0, MediumTestBed.Frame(10));
        bed.Scheduler.Schedule(512 * Us, () => clearAtEnd = bed[1].ClearChannelAssessment()); // queued before the end event
        bed.Scheduler.RunUntilIdle();

        Assert.IsTrue(clearAtEnd);
    }

    [TestMethod]
    public void TwoFramesStartingAsAThirdEndsCollideWithEachOtherOnly()
    {
        var bed = new MediumTestBed(4, topology: Topology.Star(4));
        bed.SendAt(TimeSpan.Zero, 1, MediumTestBed.Frame(10));
        bed.SendAt(512 * Us, 2, MediumTestBed.Frame(10));
        bed.SendAt(512 * Us, 3, MediumTestBed.Frame(10));

        bed.Scheduler.RunUntilIdle();

        Assert.HasCount(1, bed.Handlers[0].Received, "the first frame arrived intact");
        Assert.AreEqual(2L, bed.Medium.Statistics.Collisions);
    }

    private sealed class ChainedSender(MediumTestBed bed, int from, int then) : ZigBee.Mac.Radio.IRadioHandler
    {
        public void OnReceive(ReadOnlySpan<byte> psdu, in ZigBee.Mac.Radio.RadioReceiveInfo info) => bed.Handlers[from].OnReceive(psdu, info);

        public void OnTransmitComplete() => bed[then].Transmit(MediumTestBed.Frame(40));
    }
}
