using System.Buffers.Binary;
using ZigBee.Mac.Service;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Security;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Nwk;

[TestClass]
public sealed class NwkSecurityTests
{
    // The network key of the NWK-secured frame in VECTORS.md.
    private static readonly ZigBeeKey Key = Parse("01030507090B0D0F00020406080A0C0D");
    private static readonly ZigBeeKey OtherKey = Parse("C0C1C2C3C4C5C6C7C8C9CACBCCCDCECF");

    private static ZigBeeKey Parse(string hex)
    {
        Assert.IsTrue(ZigBeeKey.TryParse(hex, out var key));
        return key;
    }

    /// <summary>A line 0 – 1 – 2, every node holding <see cref="Key"/>, node 2's MAC tapped.</summary>
    private static (NwkTestBed Bed, TapMac Tap) SecuredLine(int nodes = 3)
    {
        TapMac? tap = null;
        var bed = new NwkTestBed(Topology.Line(nodes), seed: 3, mac: (i, mac) => i == nodes - 1 ? tap = new TapMac(mac) : mac);
        foreach (var node in bed.Nodes)
        {
            node.InstallNetworkKey(Key, 0);
        }

        bed.FormAndJoinAll();
        return (bed, tap!);
    }

    /// <summary>The last secured data frame node 2 heard, with its indication.</summary>
    private static (McpsDataIndication Indication, byte[] Msdu) LastSecuredData(TapMac tap)
    {
        for (var i = tap.Heard.Count - 1; i >= 0; i--)
        {
            var heard = tap.Heard[i];
            if (NwkFrame.TryDecode(heard.Msdu, out var frame) && frame.Header.FrameType == NwkFrameType.Data)
            {
                Assert.IsNotNull(frame.Header.Security, "a data frame went out in the clear");
                return heard;
            }
        }

        Assert.Fail("node 2 heard no data frame");
        return default;
    }

    [TestMethod]
    public void DataCrossesTwoSecuredHopsAndEachHopSecuresWithItsOwnAddressAndCounter()
    {
        var (bed, tap) = SecuredLine();
        var nsdu = new byte[] { 0x5E, 0xC0, 0x01 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 2, nsdu).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.AreEqual(1, bed.CountReceived(2, nsdu));
        var delivery = bed.Received.Single(d => d.Node == 2 && d.Nsdu.AsSpan().SequenceEqual(nsdu));
        Assert.IsTrue(delivery.Indication.SecurityUse, "NLDE-DATA.indication says the frame was secured");
        var (indication, msdu) = LastSecuredData(tap);
        var header = NwkFrame.Decode(msdu).Header;
        Assert.AreEqual(bed[0].NetworkAddress, header.SourceAddress, "NWK source: the originator");
        Assert.AreEqual(bed[1].NetworkAddress, indication.SrcAddr.Short, "MAC source: the relay");
        Assert.AreEqual(bed[1].ExtendedAddress, header.Security!.Value.SourceAddress, "hop by hop: the relay secured it with its own address");
        Assert.AreEqual(0, header.Security.Value.SecurityLevel, "level 0 on air");
        Assert.AreEqual(NwkKeyIdentifier.NetworkKey, header.Security.Value.KeyIdentifier);
        Assert.AreEqual(-1, msdu.AsSpan().IndexOf(nsdu), "the payload is not on air in the clear");

        // Every NWK frame any node sent (link status, route discovery, data) was secured.
        foreach (var sent in tap.Sent)
        {
            Assert.IsTrue(NwkFrame.TryDecode(sent, out var frame));
            Assert.IsNotNull(frame.Header.Security, Convert.ToHexString(sent));
        }

        Assert.IsGreaterThan(0, tap.Sent.Count);
        Assert.AreEqual(0, bed.Nodes.Sum(n => n.Counters.DroppedSecurity));
    }

    [TestMethod]
    public void AReplayedFrameIsRefusedAndCounted()
    {
        var (bed, tap) = SecuredLine();
        var nsdu = new byte[] { 0xAA, 0x01 };
        bed.Send(0, 2, nsdu);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        var (indication, msdu) = LastSecuredData(tap);
        var before = bed[2].Counters;
        var delivered = before.DataDelivered;

        bed.Scheduler.Post(() => tap.Inject(indication, msdu));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.AreEqual(1, bed[2].Counters.RefusedReplay);
        Assert.AreEqual(1, bed[2].Counters.DroppedSecurity);
        Assert.AreEqual(delivered, bed[2].Counters.DataDelivered, "not handed up again");
        Assert.AreEqual(1, bed.CountReceived(2, nsdu));
    }

    [TestMethod]
    public void ATamperedFrameIsRefusedForItsMic()
    {
        var (bed, tap) = SecuredLine();
        bed.Send(0, 2, [0xAA, 0x02]);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        var (indication, msdu) = LastSecuredData(tap);
        var frame = NwkFrame.Decode(msdu);
        var counterAt = frame.SecurityHeaderOffset + 1;

        // A later counter (so it is no replay) but the same MIC: the counter is authenticated, so the MIC fails.
        var recounted = (byte[])msdu.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(recounted.AsSpan(counterAt), BinaryPrimitives.ReadUInt32LittleEndian(msdu.AsSpan(counterAt)) + 1000);
        // One flipped bit of the encrypted payload, under a fresh counter too.
        var flipped = (byte[])recounted.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(flipped.AsSpan(counterAt), BinaryPrimitives.ReadUInt32LittleEndian(recounted.AsSpan(counterAt)) + 1);
        flipped[frame.PayloadOffset] ^= 0x01;
        // The NWK destination changed in the (authenticated, unencrypted) header.
        var redirected = (byte[])recounted.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(redirected.AsSpan(counterAt), BinaryPrimitives.ReadUInt32LittleEndian(recounted.AsSpan(counterAt)) + 2);
        redirected[4] ^= 0x80;
        var delivered = bed[2].Counters.DataDelivered;

        bed.Scheduler.Post(() =>
        {
            tap.Inject(indication, recounted);
            tap.Inject(indication, flipped);
            tap.Inject(indication, redirected);
        });
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.AreEqual(3, bed[2].Counters.RefusedMic);
        Assert.AreEqual(0, bed[2].Counters.RefusedReplay);
        Assert.AreEqual(delivered, bed[2].Counters.DataDelivered);

        // The refused frames did not move the sender's counter: the genuine next frame still gets through.
        var nsdu = new byte[] { 0xAA, 0x03 };
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 2, nsdu).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(2, nsdu));
    }

    /// <summary>A data frame for node 2 from node 1, secured with <paramref name="key"/> under <paramref name="keySequence"/>.</summary>
    private static byte[] Forge(NwkTestBed bed, ZigBeeKey key, byte keySequence, uint counter, byte[] nsdu, int from = 1, int to = 2, byte sequence = 0x77)
    {
        var aux = NwkAuxiliarySecurityHeader.NetworkKey(counter, bed[from].ExtendedAddress, keySequence);
        var header = NwkHeader.Data(bed[to].NetworkAddress, bed[from].NetworkAddress, 5, sequence, sourceIeeeAddress: bed[from].ExtendedAddress, security: aux);
        var buffer = new byte[127];
        var headerLength = NwkFrame.EncodeHeader(header, buffer);
        nsdu.CopyTo(buffer.AsSpan(headerLength));
        using var cipher = new ZigBeeCipher(key);
        var length = NwkFrameSecurity.Secure(buffer, headerLength - aux.Length, headerLength, headerLength + nsdu.Length, cipher);
        return buffer[..length];
    }

    private static McpsDataIndication From(NwkTestBed bed, int node, int to) =>
        new(bed[to].Nib.PanId, ZigBee.Mac.Frames.MacAddress.FromShort(bed[node].NetworkAddress), bed[to].Nib.PanId,
            ZigBee.Mac.Frames.MacAddress.FromShort(bed[to].NetworkAddress), 200, -40, 1, DateTimeOffset.UnixEpoch);

    [TestMethod]
    public void FramesUnderAWrongOrUnknownKeyOrInTheClearAreRefused()
    {
        var (bed, tap) = SecuredLine();
        var nsdu = new byte[] { 0xF0, 0x0D };
        var genuine = Forge(bed, Key, 0, 4_000_000, nsdu);
        var wrongKey = Forge(bed, OtherKey, 0, 4_000_001, nsdu);
        var unknownSequence = Forge(bed, Key, 9, 4_000_002, nsdu);
        var clear = new byte[127];
        var clearLength = NwkFrame.Encode(NwkHeader.Data(bed[2].NetworkAddress, bed[1].NetworkAddress, 5, 0x78), nsdu, clear);
        var indication = From(bed, 1, 2);

        bed.Scheduler.Post(() =>
        {
            tap.Inject(indication, wrongKey);
            tap.Inject(indication, unknownSequence);
            tap.Inject(indication, clear.AsSpan(0, clearLength));
        });
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        var counters = bed[2].Counters;
        Assert.AreEqual(1, counters.RefusedMic, "secured with another key under the same sequence number");
        Assert.AreEqual(2, counters.RefusedUnauthorised, "unknown key sequence number, and a frame in the clear");
        Assert.AreEqual(3, counters.DroppedSecurity);
        Assert.AreEqual(0, bed.CountReceived(2, nsdu));

        // The control: the same frame under the right key is taken (so the refusals above are the key's doing).
        bed.Scheduler.Post(() => tap.Inject(indication, genuine));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(2, nsdu));
        Assert.IsTrue(bed.Received.Single(d => d.Node == 2 && d.Nsdu.AsSpan().SequenceEqual(nsdu)).Indication.SecurityUse);
    }

    [TestMethod]
    public void HostileSecuredFramesAreCountedNeverThrown()
    {
        var (bed, tap) = SecuredLine();
        var genuine = Forge(bed, Key, 0, 5_000_000, [1, 2, 3, 4]);
        var indication = From(bed, 1, 2);
        var refusedBefore = bed[2].Counters.DroppedSecurity + bed[2].Counters.DroppedDecodeError;
        bed.Scheduler.Post(() =>
        {
            for (var cut = 1; cut < genuine.Length; cut++)
            {
                tap.Inject(indication, genuine.AsSpan(0, cut));
            }

            var maxCounter = (byte[])genuine.Clone();
            BinaryPrimitives.WriteUInt32LittleEndian(maxCounter.AsSpan(NwkFrame.Decode(genuine).SecurityHeaderOffset + 1), uint.MaxValue);
            tap.Inject(indication, maxCounter);
        });
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        var refused = bed[2].Counters.DroppedSecurity + bed[2].Counters.DroppedDecodeError - refusedBefore;
        Assert.AreEqual(genuine.Length, refused, "every truncation and the all-ones counter refused");
        Assert.AreEqual(0, bed.Received.Count(d => d.Node == 2 && d.Nsdu.Length == 4));
    }

    [TestMethod]
    public void ANodeWithoutTheKeyHearsNothingOfTheSecuredNetwork()
    {
        var bed = new NwkTestBed(Topology.Line(2), seed: 3);
        bed[0].InstallNetworkKey(Key, 0);
        bed.Form();
        bed.Join(1); // association is a MAC exchange: it works without the key (the trust center would send it next)
        Assert.IsFalse(bed[1].IsSecuring);
        bed.Send(0, 1, [0x42]);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(20));

        Assert.AreEqual(0, bed.CountReceived(1, [0x42]));
        Assert.IsGreaterThan(0, bed[1].Counters.RefusedUnauthorised, "secured frames with no key to read them");
        Assert.IsGreaterThan(0, bed[0].Counters.RefusedUnauthorised, "the keyless node's frames in the clear");

        // The key arrives after joining (as APS transport key would deliver it): from then on both talk.
        bed.Scheduler.Post(() => bed[1].InstallNetworkKey(Key, 0));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 1, [0x43]).Status);
        Assert.AreEqual(NwkStatus.Success, bed.Send(1, 0, [0x44]).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(1, [0x43]));
        Assert.AreEqual(1, bed.CountReceived(0, [0x44]));
    }

    [TestMethod]
    public void TheLargestNsduStillFitsOnceSecured()
    {
        var (bed, _) = SecuredLine();
        var secured = bed[0].MaxNsduLength;
        Assert.AreEqual(NwkService.SecurityOverhead, new NwkTestBed(Topology.Line(1))[0].MaxNsduLength - secured);
        var largest = Enumerable.Range(0, secured).Select(i => (byte)i).ToArray();
        Assert.AreEqual(NwkStatus.Success, bed.Send(0, 2, largest).Status);
        Assert.AreEqual(NwkStatus.InvalidParameter, bed.Send(0, 2, [.. largest, 0]).Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.CountReceived(2, largest));
    }

    [TestMethod]
    public void CheckingDecryptingAndReSecuringARelayedFrameAllocatesNothing()
    {
        TapMac? tap = null;
        var bed = new NwkTestBed(Topology.Line(3), seed: 3, record: false, mac: (i, mac) => i == 1 ? tap = new TapMac(mac) { Recording = false } : mac);
        foreach (var node in bed.Nodes)
        {
            node.InstallNetworkKey(Key, 0);
        }

        bed.FormAndJoinAll();
        var relay = bed[1];
        var frames = Enumerable.Range(0, 40).Select(i => Forge(bed, Key, 0, 6_000_000 + (uint)i, [1, 2, 3, (byte)i], from: 0, to: 2, sequence: (byte)i)).ToArray();
        var indication = From(bed, 0, 1);
        for (var i = 0; i < 20; i++)
        {
            tap!.Inject(indication, frames[i]);
        }

        bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));
        var relayedBefore = relay.Counters.FramesRelayed;
        var securedBefore = relay.Counters.FramesSecured;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 20; i < 30; i++)
        {
            tap!.Inject(indication, frames[i]);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));

        Assert.AreEqual(0L, allocated, "bytes allocated for 10 secured frames checked, decrypted and re-secured by a relay");
        Assert.AreEqual(10, relay.Counters.FramesRelayed - relayedBefore, "the frames were relayed");
        Assert.IsGreaterThanOrEqualTo(10, relay.Counters.FramesSecured - securedBefore);
        Assert.AreEqual(0, relay.Counters.DroppedSecurity);
    }
}
