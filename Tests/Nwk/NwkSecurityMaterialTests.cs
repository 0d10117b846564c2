using ZigBee.Nwk.Security;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Tables;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

[TestClass]
public sealed class NwkSecurityMaterialTests
{
    private static readonly ZigBeeKey KeyA = new(0x0706050403020100, 0x0F0E0D0C0B0A0908);
    private static readonly ZigBeeKey KeyB = new(0x1716151413121110, 0x1F1E1D1C1B1A1918);
    private static readonly ZigBeeKey KeyC = new(0x2726252423222120, 0x2F2E2D2C2B2A2928);

    [TestMethod]
    public void IncomingCountersAcceptOnlyHigherValuesPerSender()
    {
        var table = new IncomingFrameCounterTable(4);
        Assert.IsTrue(table.IsFresh(1, 0), "a sender never heard: any counter is fresh");
        table.Update(1, 10);
        Assert.IsFalse(table.IsFresh(1, 10));
        Assert.IsFalse(table.IsFresh(1, 9));
        Assert.IsTrue(table.IsFresh(1, 11));
        Assert.IsTrue(table.IsFresh(2, 5), "counters are per sender");
        Assert.IsTrue(table.TryGet(1, out var last));
        Assert.AreEqual(10u, last);
        Assert.IsFalse(table.TryGet(2, out _));
    }

    [TestMethod]
    public void AFullCounterTableLetsTheSenderHeardLongestAgoGiveWay()
    {
        var table = new IncomingFrameCounterTable(2);
        table.Update(1, 1);
        table.Update(2, 1);
        table.Update(1, 2);
        Assert.IsTrue(table.HasRoomFor(1));
        Assert.IsFalse(table.HasRoomFor(3));
        table.Update(3, 1);
        Assert.AreEqual(2, table.Count);
        Assert.IsFalse(table.TryGet(2, out _), "sender 2 was updated longest ago");
        Assert.IsTrue(table.TryGet(1, out _));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new IncomingFrameCounterTable(0));
    }

    [TestMethod]
    public void TheCounterTableAgreesWithAReferenceModelThroughEvictionsAndCollidingSenders()
    {
        // Senders drawn from a small pool, many sharing probe chains, so evictions punch holes inside chains.
        var random = new Random(7);
        var table = new IncomingFrameCounterTable(12);
        var model = new Dictionary<ulong, (uint Counter, long Stamp)>();
        long clock = 0;
        for (var step = 0; step < 200_000; step++)
        {
            var sender = (ulong)random.Next(1, 40) * (random.Next(2) == 0 ? 1UL : 0x0001_0000_0000UL);
            var counter = (uint)random.Next(0, 1000);
            Assert.AreEqual(!model.TryGetValue(sender, out var known) || counter > known.Counter, table.IsFresh(sender, counter), $"step {step}");
            Assert.AreEqual(model.Count < 12 || model.ContainsKey(sender), table.HasRoomFor(sender), $"step {step}");
            table.Update(sender, counter);
            if (!model.ContainsKey(sender) && model.Count >= 12)
            {
                var oldest = model.MinBy(pair => pair.Value.Stamp).Key;
                model.Remove(oldest);
            }

            model[sender] = (counter, ++clock);
            Assert.AreEqual(model.Count, table.Count, $"step {step}");
        }

        foreach (var (sender, entry) in model)
        {
            Assert.IsTrue(table.TryGet(sender, out var counter));
            Assert.AreEqual(entry.Counter, counter);
        }

        table.Clear();
        Assert.AreEqual(0, table.Count);
        Assert.IsFalse(table.TryGet(model.Keys.First(), out _));
    }

    [TestMethod]
    public void TheCounterTableKeepsNothingForSenderZero()
    {
        var table = new IncomingFrameCounterTable(4);
        table.Update(0, 5);
        Assert.AreEqual(0, table.Count);
        Assert.IsTrue(table.IsFresh(0, 1));
        Assert.IsFalse(table.TryGet(0, out _));
    }

    [TestMethod]
    public void TheMaterialSetSwitchesToAPendingAlternateOnceAndKeepsThePreviousKeyForReceiving()
    {
        var bed = new NwkTestBed(Topology.Line(1));
        var nwk = bed[0];
        var set = nwk.Nib.SecurityMaterialSet;
        Assert.IsFalse(nwk.IsSecuring);
        Assert.IsNull(set.Find(0));

        nwk.InstallNetworkKey(KeyA, 0);
        Assert.IsTrue(nwk.IsSecuring);
        Assert.AreEqual(0, nwk.Nib.ActiveKeySeqNumber);
        Assert.IsFalse(nwk.SwitchNetworkKey(1), "no alternate held");

        nwk.SetAlternateNetworkKey(KeyB, 1);
        Assert.IsTrue(set.AlternatePending);
        Assert.AreEqual(KeyB, set.Find(1)!.Key);
        Assert.ThrowsExactly<ArgumentException>(() => nwk.SetAlternateNetworkKey(KeyC, 0), "the active key's sequence number");

        Assert.IsTrue(nwk.SwitchNetworkKey(1));
        Assert.AreEqual(1, nwk.Nib.ActiveKeySeqNumber);
        Assert.AreEqual(KeyB, set.Active!.Key);
        Assert.AreEqual(KeyA, set.Find(0)!.Key, "the previous key is still held");
        Assert.IsFalse(set.AlternatePending, "and is never switched back to on receive");
        Assert.AreEqual(1, nwk.Counters.KeySwitches);

        // A transported key while one is active replaces it; the old one stays as the previous key.
        nwk.InstallNetworkKey(KeyC, 2);
        Assert.AreEqual(2, nwk.Nib.ActiveKeySeqNumber);
        Assert.AreEqual(KeyB, set.Alternate!.Key);
        Assert.IsNull(set.Find(0), "only two keys are held");
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void WithNoRoomForOneMoreSenderAllFreshRefusesItsFrames(bool allFresh)
    {
        TapMac? tap = null;
        var bed = new NwkTestBed(Topology.Line(3), seed: 3, options: _ => new NwkServiceOptions { IncomingFrameCounterCapacity = 1 },
            nib: (_, nib) => nib.AllFresh = allFresh, mac: (i, mac) => i == 2 ? tap = new TapMac(mac) : mac);
        foreach (var node in bed.Nodes)
        {
            node.InstallNetworkKey(KeyA, 0);
        }

        bed.FormAndJoinAll();
        Assert.AreEqual(1, bed[2].Nib.SecurityMaterialSet.Active!.IncomingFrameCounterSet.Count, "node 2 hears node 1 only");

        // A frame secured by node 0, which node 2 never heard: one sender too many for a table of one.
        var frame = new byte[127];
        var aux = ZigBee.Nwk.Frames.NwkAuxiliarySecurityHeader.NetworkKey(100, bed[0].ExtendedAddress, 0);
        var header = ZigBee.Nwk.Frames.NwkHeader.Data(bed[2].NetworkAddress, bed[0].NetworkAddress, 5, 0x31, security: aux);
        var headerLength = ZigBee.Nwk.Frames.NwkFrame.EncodeHeader(header, frame);
        frame[headerLength] = 0x99;
        using var cipher = new ZigBeeCipher(KeyA);
        var length = NwkFrameSecurity.Secure(frame, headerLength - aux.Length, headerLength, headerLength + 1, cipher);
        var indication = new ZigBee.Mac.Service.McpsDataIndication(bed[2].Nib.PanId, ZigBee.Mac.Frames.MacAddress.FromShort(bed[0].NetworkAddress),
            bed[2].Nib.PanId, ZigBee.Mac.Frames.MacAddress.FromShort(bed[2].NetworkAddress), 200, -40, 9, DateTimeOffset.UnixEpoch);
        bed.Scheduler.Post(() => tap!.Inject(indication, frame.AsSpan(0, length)));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.AreEqual(allFresh ? 1 : 0, bed[2].Counters.RefusedNoCounterRoom);
        Assert.AreEqual(allFresh ? 0 : 1, bed.CountReceived(2, [0x99]));
    }
}
