using ZigBee.Mac.Frames;
using ZigBee.Simulation.Pcap;

namespace ZigBee.Tests.Nwk;

/// <summary>The NWK frames of a shared capture: MAC payloads of MAC data frames, by 1-based frame number.</summary>
internal static class NwkCapture
{
    /// <summary>Every MAC data frame's payload of a link-type-195 capture (frame number, payload copy).</summary>
    public static List<(int Number, byte[] Nwk)> DataPayloads(string relativePath)
    {
        var (linkType, frames) = CaptureFrames.Read(relativePath);
        Assert.AreEqual(PcapLinkType.Ieee802154WithFcs, linkType, relativePath);
        var result = new List<(int, byte[])>();
        for (var i = 0; i < frames.Count; i++)
        {
            if (MacFrame.TryDecode(frames[i], out var mac) && mac.Header.FrameType == MacFrameType.Data && !mac.Header.FrameControl.SecurityEnabled)
            {
                result.Add((i + 1, mac.Payload(frames[i]).ToArray()));
            }
        }

        return result;
    }

    /// <summary>The NWK bytes of frame <paramref name="number"/> of a capture.</summary>
    public static byte[] Frame(string relativePath, int number)
    {
        foreach (var (n, nwk) in DataPayloads(relativePath))
        {
            if (n == number)
            {
                return nwk;
            }
        }

        Assert.Fail($"{relativePath} frame {number} is not a MAC data frame");
        return null!;
    }
}
