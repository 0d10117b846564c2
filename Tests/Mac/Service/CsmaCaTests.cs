using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;
using ZigBee.Mac.Service;
using ZigBee.Tests.Mac.Fakes;

namespace ZigBee.Tests.Mac.Service;

[TestClass]
public sealed class CsmaCaTests
{
    [TestMethod]
    public void FirstBackoffLiesInZeroToTwoPowerMinBeMinusOneUnitPeriods()
    {
        var bed = new MacTestBed();
        var (mac, _) = bed.AddNode(0xA1, seed: 11);
        mac.Pib.MacPanId = MacTestBed.PanId;
        mac.Pib.MacShortAddress = 0x0001;
        var seen = new HashSet<long>();
        for (var i = 0; i < 60; i++)
        {
            var requested = bed.Scheduler.Now;
            var count = bed.Air.Log.Count;
            bed.SendAndWait(mac, MacTestBed.ToShort(MacAddress.BroadcastShort, [(byte)i]));
            var frame = bed.Air.Log[count];

            // backoff, CCA, then aTurnaroundTime from receive to transmit.
            var backoff = frame.Start - requested - Phy24GHz.TurnaroundTime;
            Assert.AreEqual(0, backoff.Ticks % MacConstants.UnitBackoffTime.Ticks, "a whole number of unit backoff periods");
            var periods = backoff.Ticks / MacConstants.UnitBackoffTime.Ticks;
            Assert.IsTrue(periods is >= 0 and <= 7, $"backoff of {periods} periods with macMinBE 3");
            seen.Add(periods);
        }

        Assert.IsGreaterThan(4, seen.Count, "the backoff is random");
    }

    [TestMethod]
    public void MinBeZeroTransmitsWithoutBackoff()
    {
        var bed = new MacTestBed();
        var (mac, _) = bed.AddNode(0xA1);
        mac.Pib.MacMinBe = 0;
        var requested = bed.Scheduler.Now;
        bed.SendAndWait(mac, MacTestBed.ToShort(MacAddress.BroadcastShort, [1]));
        Assert.AreEqual(requested + Phy24GHz.TurnaroundTime, bed.Air.Log[0].Start);
    }

    [TestMethod]
    public void BusyChannelGivesChannelAccessFailureAfterMaxCsmaBackoffsPlusOneCcas()
    {
        var bed = new MacTestBed();
        var (mac, _) = bed.AddNode(0xA1);
        bed.Air.ChannelBusy = true;
        var requested = bed.Scheduler.Now;

        var confirm = bed.SendAndWait(mac, MacTestBed.ToShort(0x0000, [1]));

        Assert.AreEqual(MacStatus.ChannelAccessFailure, confirm.Status);
        Assert.AreEqual(mac.Pib.MacMaxCsmaBackoffs + 1, mac.Counters.CcaBusy);
        Assert.AreEqual(1, mac.Counters.ChannelAccessFailures);
        Assert.IsEmpty(bed.Air.Log);

        // BE grows 3, 4, 5, 5, 5: at most 7 + 15 + 31 + 31 + 31 periods in all.
        Assert.IsLessThanOrEqualTo(MacConstants.UnitBackoffTime * (7 + 15 + 31 + 31 + 31), confirm.Timestamp - bed.Scheduler.Epoch - requested);
    }

    [TestMethod]
    public void MaxCsmaBackoffsTwoGivesThreeCcas()
    {
        var bed = new MacTestBed();
        var (mac, _) = bed.AddNode(0xA1);
        mac.Pib.MacMaxCsmaBackoffs = 2;
        bed.Air.ChannelBusy = true;
        Assert.AreEqual(MacStatus.ChannelAccessFailure, bed.SendAndWait(mac, MacTestBed.ToShort(0x0000, [1])).Status);
        Assert.AreEqual(3, mac.Counters.CcaBusy);
    }

    [TestMethod]
    public void FrameWaitsWhileAnotherIsOnAirThenGoes()
    {
        var bed = new MacTestBed();
        var (a, _) = bed.AddNode(0xA1, seed: 1);
        var (b, _) = bed.AddNode(0xB2, seed: 2);
        a.Pib.MacMinBe = 0;
        b.Pib.MacMinBe = 0;
        var first = bed.Send(a, MacTestBed.ToShort(MacAddress.BroadcastShort, new byte[100]));

        // b asks once a is on air: its CCA finds the channel busy.
        bed.Scheduler.RunFor(Phy24GHz.TurnaroundTime + TimeSpan.FromTicks(10));
        var second = bed.Send(b, MacTestBed.ToShort(MacAddress.BroadcastShort, [1]));
        Assert.AreEqual(MacStatus.Success, bed.Wait(first).Status);
        Assert.AreEqual(MacStatus.Success, bed.Wait(second).Status);
        Assert.IsGreaterThanOrEqualTo(1, b.Counters.CcaBusy);
        Assert.IsGreaterThanOrEqualTo(bed.Air.Log[0].End, bed.Air.Log[1].Start, "no overlap");
    }

    [TestMethod]
    public void OneFrameOnAirAtATimeRequestsQueueInOrder()
    {
        var bed = new MacTestBed();
        var (mac, _) = bed.AddNode(0xA1, seed: 4);
        var tasks = Enumerable.Range(0, 5).Select(i => bed.Send(mac, MacTestBed.ToShort(MacAddress.BroadcastShort, [(byte)i], handle: (byte)i))).ToList();
        foreach (var task in tasks)
        {
            Assert.AreEqual(MacStatus.Success, bed.Wait(task).Status);
        }

        var log = bed.Air.Log;
        Assert.HasCount(5, log);
        for (var i = 0; i < 5; i++)
        {
            Assert.AreEqual((byte)i, log[i].Psdu[^3], "sent in request order");
            if (i > 0)
            {
                Assert.IsGreaterThanOrEqualTo(log[i - 1].End, log[i].Start);
            }
        }
    }
}
