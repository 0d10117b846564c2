using BenchmarkDotNet.Attributes;
using ZigBee.Stack.Scenarios;

namespace ZigBee.Benchmarks;

/// <summary>
/// A 1,000-node ZigBee mesh (grid, coordinator in the middle): formation and joining, then one virtual hour in which
/// every device reports to the coordinator every 60 s. Memory per node is what the whole network holds once it has
/// formed and run, divided by the node count (printed at setup).
/// </summary>
/// <remarks>
/// Each node hears the 20 within 2.3 spacings (out to the knight's move): the coordinator is then 11 hops from the
/// farthest corner, so every node can join within nwkMaxDepth (15) with room for a join tree that is not a shortest
/// path tree. (With only the 8 around it, the 32×32 grid's corners are 16 hops from even a central coordinator.)
/// The network forms and joins on the Base Device Behavior primary channel set, and devices report once configured,
/// one interval after they joined.
/// </remarks>
[MemoryDiagnoser]
public class NwkSimulatorBenchmarks
{
    [Params(1000)]
    public int Nodes { get; set; }

    private NwkScenarioOptions Options => new()
    {
        Nodes = Nodes,
        EndDevices = Nodes / 10,
        Sleepy = Nodes / 20,
        Seed = 1,
        GridReach = 2.3,
        ChannelMask = NwkScenarioOptions.PrimaryChannelSet,
        Interval = TimeSpan.FromSeconds(60),
        FirstReportDelay = TimeSpan.FromSeconds(60),
        Duration = TimeSpan.FromHours(1),
    };

    [GlobalSetup]
    public void Setup()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var scenario = new NwkScenario(Options);
        var result = scenario.Run();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(scenario);
        Console.WriteLine($"// {Nodes} nodes: {result.Joined} joined{(result.AllJoinedSeconds is { } all ? $" (all by {all:F1} s)" : " (not all)")}, {result.Events} events, delivered {result.Delivered}/{result.Sent}, {(after - before) / Nodes / 1024.0:F1} KB held per node");
    }

    [Benchmark]
    public long FormationAndOneVirtualHour() => new NwkScenario(Options).Run().Events;
}
