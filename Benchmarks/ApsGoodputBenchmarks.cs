using BenchmarkDotNet.Attributes;
using ZigBee.Stack.Scenarios;

namespace ZigBee.Benchmarks;

/// <summary>
/// A fragmented 10 KB transfer over one hop, acknowledged, with apsMaxWindowSize 1, 4 and 8. The setup prints the
/// goodput in virtual time as a share of <see cref="PhyBound"/> (the figure that matters); the benchmark itself
/// measures the wall time the simulator needs for the whole run (formation, joining, the transfers).
/// </summary>
[MemoryDiagnoser]
public class ApsGoodputBenchmarks
{
    [Params(1, 4, 8)]
    public int Window { get; set; }

    private NwkScenarioOptions Options => new()
    {
        Nodes = 2,
        Topology = "line",
        Seed = 1,
        Traffic = ScenarioTraffic.Fragmented,
        FragmentSize = 10240,
        Window = Window,
        Duration = TimeSpan.FromMinutes(1),
    };

    [GlobalSetup]
    public void Setup()
    {
        var result = new NwkScenario(Options).Run();
        var goodput = result.GoodputBps ?? 0;
        Console.WriteLine($"// window {Window}: {result.Delivered}/{result.Sent} transfers of 10240 B, goodput {goodput / 1000:F1} kb/s = {goodput / result.PhyBoundBps:P1} of the {result.PhyBoundBps / 1000:F1} kb/s single-hop bound, {result.ApsRetries} APS retries");
    }

    [Benchmark]
    public double OneHopTransfers() => new NwkScenario(Options).Run().GoodputBps ?? 0;
}
