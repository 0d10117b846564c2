using ZigBee.Mac.Service;
using ZigBee.Nwk;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Security;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Scheduling;

namespace ZigBee.Tests.Nwk;

[TestClass]
public sealed class NwkFrameCounterTests
{
    private static readonly ZigBeeKey Key = ZigBeeKey.Read(Convert.FromHexString("01030507090B0D0F00020406080A0C0D"));

    /// <summary>One coordinator that forms, broadcasts <paramref name="frames"/> data frames and stops; returns the counters it sent.</summary>
    private static List<uint> RunCoordinator(SimulationScheduler scheduler, TapMac mac, INwkFrameCounterStore store, int frames)
    {
        var sentBefore = mac.Sent.Count;
        using (var nwk = new NwkService(mac, scheduler.Time, new Random(5), store, new NwkServiceOptions { FrameCounterBlock = 8 }))
        {
            nwk.InstallNetworkKey(Key, 0);
            var formed = scheduler.Run(() => nwk.NetworkFormationAsync(new NlmeNetworkFormationRequest(1u << 15, ScanDuration: 2)), TimeSpan.FromMinutes(1)).GetAwaiter().GetResult();
            Assert.AreEqual(NwkStatus.Success, formed.Status);
            for (var i = 0; i < frames; i++)
            {
                var request = NldeDataRequest.To(NwkConstants.BroadcastAll, new byte[] { (byte)i });
                scheduler.Post(() => _ = nwk.DataRequestAsync(request));
                scheduler.RunFor(TimeSpan.FromSeconds(3));
            }
        }

        var counters = new List<uint>();
        foreach (var msdu in mac.Sent.Skip(sentBefore))
        {
            var frame = NwkFrame.Decode(msdu);
            Assert.IsNotNull(frame.Header.Security, "every frame secured");
            counters.Add(frame.Header.Security.Value.FrameCounter);
        }

        return counters;
    }

    [TestMethod]
    public void ANodeRestartedFromItsSavedCounterNeverSendsACounterTwice()
    {
        var scheduler = new SimulationScheduler();
        var medium = new SimulatedMedium(scheduler, 1);
        var mac = new TapMac(new MacService(medium.AddNode(0x00124B00AA000001), scheduler.Time, new Random(1)));
        var store = new InMemoryNwkFrameCounterStore();

        var first = RunCoordinator(scheduler, mac, store, frames: 12);
        var savedAfterFirst = store.Reserved;
        var second = RunCoordinator(scheduler, mac, store, frames: 12);

        Assert.IsGreaterThanOrEqualTo(12, first.Count);
        Assert.IsGreaterThanOrEqualTo(12, second.Count);
        var all = first.Concat(second).ToList();
        Assert.HasCount(all.Count, all.Distinct(), "a frame counter went out twice");
        Assert.IsGreaterThan(first.Max(), second.Min(), "the restarted node resumed past every counter of the first run");
        Assert.AreEqual(savedAfterFirst, second.Min(), "it resumed at the reserved value");
        CollectionAssert.AreEqual(first.Order().ToList(), first, "counters go out in increasing order");
        Assert.IsGreaterThan(2, store.Reservations, "reserved in blocks of 8 ahead of use, not once per frame");
        Assert.IsLessThan(all.Count, store.Reservations);

        // The control: a node restarted without its store starts over and would repeat the first run's counters.
        var forgetful = RunCoordinator(scheduler, mac, new InMemoryNwkFrameCounterStore(), frames: 1);
        Assert.AreEqual(0u, forgetful.Min());
    }

    [TestMethod]
    public void AnExhaustedCounterSendsNothingRatherThanWrapping()
    {
        var scheduler = new SimulationScheduler();
        var medium = new SimulatedMedium(scheduler, 1);
        var mac = new TapMac(new MacService(medium.AddNode(0x00124B00AA000002), scheduler.Time, new Random(1)));
        var store = new InMemoryNwkFrameCounterStore(uint.MaxValue - 3);

        var counters = RunCoordinator(scheduler, mac, store, frames: 4);

        CollectionAssert.AreEqual(new[] { uint.MaxValue - 3, uint.MaxValue - 2, uint.MaxValue - 1 }, counters, "0xFFFFFFFF is never sent, and nothing after it");
        Assert.AreEqual(uint.MaxValue, store.Reserved);
    }
}
