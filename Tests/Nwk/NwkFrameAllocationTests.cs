using ZigBee.Nwk.Frames;
using ZigBee.Tests.Mac;

namespace ZigBee.Tests.Nwk;

/// <summary>Decoding, encoding and patching NWK frames and commands allocate nothing, whether the input is good or refused.</summary>
[TestClass]
public sealed class NwkFrameAllocationTests
{
    [TestMethod]
    public void DecodeEncodeAndPatchAllocateNothing()
    {
        var secured = FrameHex.Parse("4802341200001e112800010000080706050403020100fe45086affbd82431b4ba84e550e72");
        var truncated = secured[..20];
        ushort[] relays = [1, 2, 3];
        var routedHeader = NwkHeader.Data(0x1234, 0, 30, 1, sourceIeeeAddress: 5) with { SourceRoute = new NwkSourceRoute(3, 2) };
        var routed = new byte[64];
        var routedLength = NwkFrame.Encode(routedHeader, relays, new byte[] { 0, 1, 2 }, routed);
        var linkStatus = new byte[32];
        var linkStatusLength = LinkStatusCommand.Encode(true, true, new LinkStatusEntry[] { new(1, 1, 1), new(2, 3, 3) }, linkStatus);
        LinkStatusEntry[] entries = [new(1, 1, 1)];
        var destination = new byte[127];

        Exercise(); // JIT and static initialisation first
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Exercise();
        }

        Assert.AreEqual(0, GC.GetAllocatedBytesForCurrentThread() - before);

        void Exercise()
        {
            Assert.IsTrue(NwkFrame.TryDecode(secured, out _));
            NwkFrame.Decode(secured);
            Assert.IsFalse(NwkFrame.TryDecode(truncated, out _));
            Assert.IsFalse(NwkFrame.TryDecode(truncated, out _, out _, out _));
            Assert.IsTrue(NwkFrame.TryDecode(routed.AsSpan(0, routedLength), out var frame));
            frame.GetRelay(routed, 2);
            NwkFrame.SetRelayIndex(routed.AsSpan(0, routedLength), 1);
            NwkFrame.SetRadius(routed.AsSpan(0, routedLength), 29);
            NwkFrame.Encode(routedHeader, relays, secured, destination);
            Assert.IsTrue(LinkStatusCommand.TryDecode(linkStatus.AsSpan(0, linkStatusLength), out var link));
            link.GetEntry(linkStatus, 1);
            LinkStatusCommand.Encode(true, false, entries, destination);
            ZigBeeBeaconPayload.TryDecode(destination, out _);
        }
    }
}
