using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

[TestClass]
public sealed class NwkConflictHostileTests
{
    [TestMethod]
    public void ForcedAddressConflict_IsDetectedAndResolved_ThenTrafficWorks()
    {
        // Line 0-1-2-3-4: routers 2 and 4 get the same address; router 3 hears both and reports the conflict.
        var bed = new NwkTestBed(Topology.Line(5), seed: 31);
        bed.FormAndJoinAll();
        var announces = new List<(int Node, NwkDeviceAnnounce Announce)>();
        for (var i = 0; i < 5; i++)
        {
            var node = i;
            bed[i].DeviceAnnounce += (in NwkDeviceAnnounce a) => announces.Add((node, a));
        }

        var shared = bed[2].NetworkAddress;
        bed.Scheduler.Post(() => bed[4].ChangeNetworkAddress(shared, NwkAddressReason.Joined));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(40));

        Assert.IsGreaterThanOrEqualTo(1L, bed.Nodes.Sum(n => n.Counters.AddressConflictsDetected));
        Assert.AreNotEqual(bed[2].NetworkAddress, bed[4].NetworkAddress, "the conflict is gone");
        Assert.IsTrue(bed[2].NetworkAddress != shared || bed[4].NetworkAddress != shared);
        Assert.IsTrue(announces.Any(a => a.Announce.Reason == NwkAddressReason.AddressConflict), "the new address is announced");
        Assert.AreEqual(5, bed.Nodes.Select(n => n.NetworkAddress).Distinct().Count());
        Assert.AreEqual(bed.Macs[4].Pib.MacShortAddress, bed[4].NetworkAddress, "the MAC uses the new address too");

        var to4 = new byte[] { 4 };
        var to2 = new byte[] { 2 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 4, to4).Status);
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 2, to2).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(4, to4));
        Assert.AreEqual(1, bed.CountReceived(2, to2));
    }

    [TestMethod]
    public void APairHeardAgainAndAgain_StillRevealsAConflictAndIsRelearntAfterIt()
    {
        var bed = new NwkTestBed(Topology.Line(2), seed: 35);
        bed.FormAndJoinAll();
        var node = bed[1];
        const ushort address = 0x4242;
        const ulong first = 0x00124B00000A0001;
        const ulong second = 0x00124B00000A0002;

        bed.Scheduler.Post(() =>
        {
            // Heard often enough to be remembered as checked, then claimed by a second device.
            for (var i = 0; i < 5; i++)
            {
                node.NoteDeviceAnnounce(address, first);
            }

            node.NoteDeviceAnnounce(address, second);
        });
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(1));
        Assert.AreEqual(1L, node.Counters.AddressConflictsDetected);
        Assert.IsFalse(node.Nib.AddressMap.TryGetExtended(address, out _), "a conflicting address is forgotten");

        bed.Scheduler.Post(() => node.NoteDeviceAnnounce(address, first));
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(1));
        Assert.IsTrue(node.Nib.AddressMap.TryGetExtended(address, out var learnt), "forgotten means learnt again, not skipped");
        Assert.AreEqual(first, learnt);
    }

    [TestMethod]
    public void AddressConflictWithASleepyEndDevice_ItsParentGivesItANewAddress()
    {
        // Line 0-1-2-3, 3 a sleeping child of 2; router 1 is made to take the child's address.
        var bed = new NwkTestBed(Topology.Line(4), seed: 34);
        bed.FormAndJoinAll(sleepy: new HashSet<int> { 3 });
        var childAddress = bed[3].NetworkAddress;
        var announces = new List<NwkDeviceAnnounce>();
        bed[3].DeviceAnnounce += (in NwkDeviceAnnounce a) => announces.Add(a);

        bed.Scheduler.Post(() => bed[1].ChangeNetworkAddress(childAddress, NwkAddressReason.Joined));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(40));

        Assert.AreNotEqual(childAddress, bed[3].NetworkAddress, "the parent gave its child a new address");
        Assert.IsTrue(announces.Any(a => a.Reason == NwkAddressReason.AddressConflict && a.NetworkAddress == bed[3].NetworkAddress));
        Assert.AreEqual(bed[3].NetworkAddress, bed[2].NeighborTable.FindExtended(bed[3].ExtendedAddress)!.NetworkAddress);
        Assert.AreEqual(4, bed.Nodes.Select(n => n.NetworkAddress).Distinct().Count());
        var payload = new byte[] { 0x3D };
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 3, payload).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(3));
        Assert.AreEqual(1, bed.CountReceived(3, payload));
    }

    [TestMethod]
    public void HostileNwkFrames_ToARunningNode_AreCountedAndDropped_NothingThrown()
    {
        var bed = new NwkTestBed(Topology.Line(3), seed: 32);
        bed.FormAndJoinAll();
        var random = new Random(1234);
        var target = bed[1];
        var before = target.Counters.DroppedDecodeError + target.Counters.DroppedUnsupported + target.Counters.DroppedNotForUs
            + target.Counters.DroppedRadiusExhausted + target.Counters.DroppedSecurity + target.Counters.DroppedNoRoute;
        var sent = 0;
        bed.Scheduler.Post(async () =>
        {
            for (var i = 0; i < 300; i++)
            {
                var length = random.Next(0, 100);
                var garbage = new byte[length];
                random.NextBytes(garbage);
                if (i % 3 == 0 && length >= 8)
                {
                    // A plausible header (version 2, to the target) with a garbage command or payload.
                    garbage[0] = (byte)((garbage[0] & 0xC1) | 0x08);
                    garbage[1] &= 0x03;
                    garbage[2] = (byte)target.NetworkAddress;
                    garbage[3] = (byte)(target.NetworkAddress >> 8);
                }

                var request = new McpsDataRequest(MacAddressingMode.Short, target.Nib.PanId, MacAddress.FromShort(target.NetworkAddress), garbage, (byte)i);
                await bed.Macs[0].DataRequestAsync(request);
                sent++;
            }
        });
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(60));

        Assert.AreEqual(300, sent);
        var after = target.Counters.DroppedDecodeError + target.Counters.DroppedUnsupported + target.Counters.DroppedNotForUs
            + target.Counters.DroppedRadiusExhausted + target.Counters.DroppedSecurity + target.Counters.DroppedNoRoute;
        Assert.IsGreaterThan(100L, after - before, "garbage is counted");
        Assert.IsGreaterThan(0L, target.Counters.DroppedDecodeError);

        // Still works.
        var payload = new byte[] { 1, 2, 3 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 2, payload).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(2, payload));
    }

    [TestMethod]
    public void TruncatedAndForeignFrames_AreCountedByKind()
    {
        var bed = new NwkTestBed(Topology.Line(2), seed: 33);
        bed.FormAndJoinAll();
        var target = bed[1];
        void Inject(byte[] msdu) => bed.Scheduler.Post(async () =>
            await bed.Macs[0].DataRequestAsync(new McpsDataRequest(MacAddressingMode.Short, target.Nib.PanId, MacAddress.FromShort(target.NetworkAddress), msdu, 1)));

        Inject([0x08]);
        var version1 = new byte[16];
        NwkFrame.Encode(NwkHeader.Data(target.NetworkAddress, 0, 5, 1), [1, 2], version1);
        version1[0] = (byte)((version1[0] & ~0x3C) | 0x04);
        Inject(version1);
        var unknownCommand = new byte[16];
        var length = NwkFrame.Encode(NwkHeader.Command(target.NetworkAddress, 0, 5, 2), [0x7F, 0, 0], unknownCommand);
        Inject(unknownCommand[..length]);
        var secured = new byte[16];
        length = NwkFrame.Encode(NwkHeader.Data(target.NetworkAddress, 0, 5, 3), [1], secured);
        secured[1] |= 0x02;
        Inject(secured[..length]);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.IsGreaterThanOrEqualTo(1L, target.Counters.DroppedDecodeError);
        Assert.IsGreaterThanOrEqualTo(2L, target.Counters.DroppedUnsupported, "protocol version 1 and command 0x7f");
        Assert.AreEqual(0, bed.Received.Count(d => d.Node == 1));
    }
}
