using ZigBee.XBee.Frames;

namespace ZigBee.Tests.XBee;

/// <summary>One-line summaries for logs: the guide's name and the fields a reader looks for first.</summary>
[TestClass]
public sealed class ApiFrameNamesTests
{
    [TestMethod]
    public void DescribesDecodedFrames()
    {
        Assert.AreEqual(
            "Transmit Status: id 1 to 7D84 Success after 0 retries, AddressDiscovery",
            ApiFrameNames.Describe(XBeeVectors.FrameData(XBeeVectors.TransmitStatus)));
        Assert.AreEqual(
            "Route Record Indicator: from 0013A20040401122/3344 via EEFF CCDD AABB",
            ApiFrameNames.Describe(XBeeVectors.FrameData(XBeeVectors.RouteRecord)));
        Assert.AreEqual("AT Command Response: id 1 BD Ok (none)", ApiFrameNames.Describe(XBeeVectors.FrameData(XBeeVectors.AtCommandResponseBd)));
        Assert.AreEqual("RX Packet 16-bit: from 1234 at -94 dBm options 1, 6 bytes", ApiFrameNames.Describe(XBeeVectors.FrameData(XBeeVectors.Rx16)));
    }

    [TestMethod]
    public void EveryVectorAndSampleHasASummary()
    {
        foreach (var frameData in XBeeVectors.All.Select(XBeeVectors.FrameData).Concat(XBeeSamples.All().Select(sample => sample.FrameData)))
        {
            var text = ApiFrameNames.Describe(frameData);
            Assert.DoesNotContain("malformed", text, text);
            Assert.DoesNotContain("API frame 0x", text, text);
        }
    }

    [TestMethod]
    public void MalformedAndUnknownFramesAreNamedNotThrown()
    {
        Assert.AreEqual("empty frame", ApiFrameNames.Describe([]));
        Assert.AreEqual("Transmit Status (3 bytes, malformed or unknown)", ApiFrameNames.Describe([0x8B, 1, 2]));
        Assert.AreEqual("API frame 0x92 (2 bytes, malformed or unknown)", ApiFrameNames.Describe([0x92, 0]));
    }
}
