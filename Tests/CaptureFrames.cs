using ZigBee.Simulation.Pcap;

namespace ZigBee.Tests;

/// <summary>The shared captures the decoders are tested on, and a way to read all frames of one.</summary>
internal static class CaptureFrames
{
    /// <summary>Captures with 802.15.4 link types, relative to ../shared/captures.</summary>
    public static readonly string[] Readable =
    [
        "killerbee/control4-sample.pcap",
        "zoh_testdata_ieee_fcs.pcap",
        "scapy/zigbee-join-authenticate.pcap",
        "scapy/zigbee-transport-key-skke_1.pcap",
        "zigator/01-phy-testing.pcap",
        "zigator/02-mac-testing.pcap",
        "zigator/03-nwk-testing.pcap",
        "zigator/04-aps-testing.pcap",
        "zigator/05-zdp-testing.pcap",
        "zigator/06-zcl-testing.pcap",
        "zigator/08-thr-testing.pcap",
        "zigator/09-mle-testing.pcap",
    ];

    /// <summary>Files a pcap reader of 802.15.4 frames must refuse: Daintree SNA text, Ethernet, Linux cooked.</summary>
    public static readonly string[] Unreadable =
    [
        "killerbee/zigbee-network-key-ota.dcf",
        "killerbee/802154_encr_sample.dcf",
        "zigator/00-wrong-data-link-type.pcap",
        "zigator/07-sll-testing.pcap",
    ];

    /// <summary>Every frame of a capture (copied), its link type, or Inconclusive when the captures are absent.</summary>
    public static (uint LinkType, List<byte[]> Frames) Read(string relativePath)
    {
        using var reader = PcapReader.Open(TestPaths.Capture(relativePath));
        var frames = new List<byte[]>();
        while (reader.TryReadNext(out var record))
        {
            frames.Add(record.Data.ToArray());
        }

        return (reader.LinkType, frames);
    }

    /// <summary>Every frame of every readable capture, or an empty list when the captures are absent.</summary>
    public static List<(byte[] Frame, bool HasFcs)> AllOrEmpty()
    {
        var all = new List<(byte[], bool)>();
        if (TestPaths.CapturesDirectory is not { } directory)
        {
            return all;
        }

        foreach (var file in Readable)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                continue;
            }

            using var reader = PcapReader.Open(path);
            while (reader.TryReadNext(out var record))
            {
                all.Add((record.Data.ToArray(), reader.HasFcs));
            }
        }

        return all;
    }
}
