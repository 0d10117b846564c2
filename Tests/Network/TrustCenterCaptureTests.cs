using ZigBee.Nwk.Security;
using ZigBee.Simulation.Pcap;
using ZigBee.Stack.Scenarios;

namespace ZigBee.Tests.Network;

[TestClass]
public sealed class TrustCenterCaptureTests
{
    private const string BadFrameFilter = "_ws.malformed || _ws.expert.severity >= \"error\" || wpan.fcs_ok == 0";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task TsharkWithTheNetworkKeyAndTheDefaultTrustCenterLinkKeyDecryptsEveryTransportKeyOfARun()
    {
        Tshark.Locate();
        var scenario = new NwkScenario(new NwkScenarioOptions
        {
            Nodes = 20, Routers = 14, Sleepy = 2, Seed = 4, Intruders = 2, Duration = TimeSpan.FromMinutes(2),
        });
        NwkScenarioResult result = null!;
        byte[] bytes;
        using (var stream = new MemoryStream())
        {
            using (new MediumPcapSink(scenario.Medium, stream, leaveOpen: true))
            {
                result = scenario.Run();
            }

            bytes = stream.ToArray();
        }

        Assert.AreEqual(19, result.Authenticated);
        Assert.AreEqual(0, result.IntrudersJoined);
        var path = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"trust-center-{Guid.NewGuid():N}.pcap");
        await File.WriteAllBytesAsync(path, bytes, TestContext.CancellationToken);
        try
        {
            string[] keys =
            [
                "-o", $"uat:zigbee_pc_keys:\"{scenario.NetworkKey}\",\"Normal\",\"network\"",
                "-o", $"uat:zigbee_pc_keys:\"{ZigBeeKey.DefaultTrustCenterLinkKey}\",\"Normal\",\"ZigBeeAlliance09\"",
            ];
            var bad = await Tshark.LinesAsync([.. keys, "-r", path, "-Y", BadFrameFilter, "-T", "fields", "-e", "frame.number"], TestContext.CancellationToken);
            Assert.IsEmpty(bad, $"malformed frames: {string.Join(',', bad)}");

            // Every network key transported (direct or tunnelled, to devices and intruders alike) is readable with the
            // default TC link key, and it is the run's network key.
            var transported = await Tshark.LinesAsync(
                [.. keys, "-r", path, "-Y", "zbee_aps.cmd.id == 0x05 && zbee_aps.cmd.key_type == 1", "-T", "fields", "-e", "zbee_aps.cmd.key"], TestContext.CancellationToken);
            Assert.IsGreaterThanOrEqualTo(19, transported.Length, "a transport key for every device at least");
            var expected = scenario.NetworkKey!.Value.ToString().ToLowerInvariant();
            foreach (var line in transported)
            {
                foreach (var key in line.Split(','))
                {
                    Assert.AreEqual(expected, key.Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant());
                }
            }

            // Unsecured at NWK is what reaches a joiner: and only transport keys go that way, every one of them APS-secured.
            var clear = await Tshark.LinesAsync(
                [.. keys, "-r", path, "-Y", "zbee_nwk.frame_type == 0 && zbee_nwk.security == 0", "-T", "fields", "-e", "zbee_aps.cmd.id", "-e", "zbee_aps.security"],
                TestContext.CancellationToken);
            Assert.IsNotEmpty(clear);
            foreach (var line in clear)
            {
                StringAssert.StartsWith(line, "0x05\t", line);
            }

            var withoutLinkKey = await Tshark.LinesAsync(
                ["-o", keys[1], "-r", path, "-Y", "zbee_aps.cmd.id == 0x05", "-T", "fields", "-e", "frame.number"], TestContext.CancellationToken);
            Assert.IsEmpty(withoutLinkKey, "the control: without the TC link key no transport key is readable");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
