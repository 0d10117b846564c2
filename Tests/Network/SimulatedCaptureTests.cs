using ZigBee.Simulation.Pcap;
using ZigBee.Stack.Scenarios;

namespace ZigBee.Tests.Network;

[TestClass]
public sealed class SimulatedCaptureTests
{
    private static readonly MacScenarioOptions Options = new()
    {
        Nodes = 12,
        EndDevices = 2,
        Sleepy = 3,
        Seed = 5,
        Loss = 0.1,
        Duration = TimeSpan.FromMinutes(2),
    };

    public TestContext TestContext { get; set; } = null!;

    private static byte[] Capture(MacScenarioOptions options)
    {
        var scenario = new MacScenario(options);
        using var stream = new MemoryStream();
        using (new MediumPcapSink(scenario.Medium, stream, leaveOpen: true))
        {
            scenario.Run();
        }

        return stream.ToArray();
    }

    [TestMethod]
    public void SameSeedGivesAnIdenticalPcapAndAnotherSeedDoesNot()
    {
        var first = Capture(Options);
        var second = Capture(Options);
        var other = Capture(Options with { Seed = 6 });

        Assert.IsGreaterThan(1000, first.Length);
        CollectionAssert.AreEqual(first, second, "same seed, different bytes");
        CollectionAssert.AreNotEqual(first, other);
    }

    [TestMethod]
    public async Task TsharkReadsASimulatedRunWithNoMalformedFrameAndNoBadFcs()
    {
        Tshark.Locate();
        var path = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"simulated-{Guid.NewGuid():N}.pcap");
        var bytes = Capture(Options);
        await File.WriteAllBytesAsync(path, bytes, TestContext.CancellationToken);
        try
        {
            int records;
            using (var reader = PcapReader.Open(path))
            {
                while (reader.TryReadNext(out _))
                {
                }

                records = (int)reader.RecordCount;
            }

            var frames = await Tshark.LinesAsync(["-r", path, "-T", "fields", "-e", "frame.number"], TestContext.CancellationToken);
            var bad = await Tshark.LinesAsync(["-r", path, "-Y", BadFrameFilter, "-T", "fields", "-e", "frame.number"], TestContext.CancellationToken);
            var kinds = await Tshark.LinesAsync(["-r", path, "-T", "fields", "-e", "wpan.frame_type"], TestContext.CancellationToken);

            Assert.HasCount(records, frames, "tshark must see every frame we wrote");
            Assert.IsEmpty(bad, $"frames tshark calls malformed or with a bad FCS: {string.Join(", ", bad.Take(10))}");
            CollectionAssert.IsSubsetOf(new[] { "0x0000", "0x0001", "0x0002", "0x0003" }, kinds.Distinct().ToArray(), "beacons, data, acks and commands are all on air");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task TheBadFrameFilterDoesCatchBadFrames()
    {
        // The control for the test above: on a real sniff with 30 RF-damaged frames the same filter finds exactly those.
        var capture = TestPaths.Capture("killerbee/control4-sample.pcap");
        var bad = await Tshark.LinesAsync(["-r", capture, "-Y", "wpan.fcs_ok == 0", "-T", "fields", "-e", "frame.number"], TestContext.CancellationToken);
        var flagged = await Tshark.LinesAsync(["-r", capture, "-Y", BadFrameFilter, "-T", "fields", "-e", "frame.number"], TestContext.CancellationToken);

        Assert.HasCount(30, bad);
        CollectionAssert.IsSubsetOf(bad, flagged);
    }

    private const string BadFrameFilter = "_ws.malformed || _ws.expert.severity >= \"error\" || wpan.fcs_ok == 0";
}
