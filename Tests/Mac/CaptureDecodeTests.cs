using ZigBee.Mac;
using ZigBee.Mac.Frames;
using ZigBee.Simulation.Pcap;

namespace ZigBee.Tests.Mac;

/// <summary>Every frame of every shared capture decodes or is refused cleanly, and the FCS verdicts match Wireshark's.</summary>
[TestClass]
public sealed class CaptureDecodeTests
{
    [TestMethod]
    // file, link type, frames, bad FCS (Fcs.Check false), undecodable. FCS counts: captures/README.md and tshark 4.0.17;
    // zigator 01 holds a 1-byte frame (no room for an FCS, tshark: malformed) and a 128-byte frame with a bad FCS;
    // zigator 02 frame 12 is 4 bytes of frame version 3 with a bad FCS (tshark stops at the version).
    [DataRow("killerbee/control4-sample.pcap", 195u, 407, 30, 0)]
    [DataRow("zoh_testdata_ieee_fcs.pcap", 195u, 32, 0, 0)]
    [DataRow("scapy/zigbee-join-authenticate.pcap", 230u, 54, -1, 0)]
    [DataRow("scapy/zigbee-transport-key-skke_1.pcap", 195u, 1, 0, 0)]
    [DataRow("zigator/01-phy-testing.pcap", 195u, 4, 2, 1)]
    [DataRow("zigator/02-mac-testing.pcap", 195u, 19, 2, 1)]
    [DataRow("zigator/03-nwk-testing.pcap", 195u, 15, 0, 0)]
    [DataRow("zigator/04-aps-testing.pcap", 195u, 11, 0, 0)]
    [DataRow("zigator/05-zdp-testing.pcap", 195u, 1, 0, 0)]
    [DataRow("zigator/06-zcl-testing.pcap", 195u, 1, 0, 0)]
    [DataRow("zigator/08-thr-testing.pcap", 195u, 2, 0, 0)]
    [DataRow("zigator/09-mle-testing.pcap", 195u, 2, 0, 0)]
    public void EveryFrameDecodesAndFcsVerdictsMatch(string file, uint linkType, int frames, int badFcs, int undecodable)
    {
        var (actualLinkType, records) = CaptureFrames.Read(file);
        Assert.AreEqual(linkType, actualLinkType);
        Assert.HasCount(frames, records);
        var hasFcs = linkType == PcapLinkType.Ieee802154WithFcs;
        var bad = 0;
        var failed = 0;
        foreach (var psdu in records)
        {
            if (hasFcs && !Fcs.Check(psdu))
            {
                bad++;
            }

            if (MacFrame.TryDecode(psdu, out var frame, hasFcs))
            {
                Assert.AreEqual(hasFcs && Fcs.Check(psdu), frame.FcsValid);
                Assert.AreEqual(psdu.Length, frame.PayloadOffset + frame.PayloadLength + (hasFcs ? 2 : 0));
                MacFrameVectorTestsHelpers.AssertHeaderReEncodes(psdu, frame);
            }
            else
            {
                failed++;
                Assert.ThrowsExactly<FrameFormatException>(() => MacFrame.Decode(psdu, hasFcs));
            }
        }

        if (badFcs >= 0)
        {
            Assert.AreEqual(badFcs, bad, "frames with a bad FCS");
        }

        Assert.AreEqual(undecodable, failed, "frames that do not decode");
    }

    [TestMethod]
    public void FilesOfOtherFormatsAreRefusedCleanly()
    {
        foreach (var file in CaptureFrames.Unreadable)
        {
            var path = TestPaths.Capture(file);
            var exception = Assert.ThrowsExactly<PcapFormatException>(() => PcapReader.Open(path), file);
            StringAssert.Contains(exception.Message, file.EndsWith(".dcf", StringComparison.Ordinal) ? "not a pcap" : "link type");
        }
    }
}

internal static class MacFrameVectorTestsHelpers
{
    /// <summary>The header of a decoded frame encodes back to exactly the bytes it came from.</summary>
    public static void AssertHeaderReEncodes(ReadOnlySpan<byte> psdu, in MacFrame frame)
    {
        Span<byte> buffer = stackalloc byte[64];
        var length = MacFrame.EncodeHeader(frame.Header, buffer);
        if (length != frame.PayloadOffset || !buffer[..length].SequenceEqual(psdu[..length]))
        {
            Assert.Fail($"header re-encodes to {FrameHex.Format(buffer[..length])}; frame was {FrameHex.Format(psdu)}");
        }
    }
}
