using BenchmarkDotNet.Attributes;
using ZigBee.Stack.Scenarios;

namespace ZigBee.Benchmarks;

/// <summary>
/// Simulator throughput: 100 nodes associate with a PAN coordinator and each sends a frame every 30 s (sleepers
/// polling every 2 s) for one virtual hour, through the software MAC and the medium. Events per second =
/// the scenario's event count (printed at setup) divided by the mean.
/// </summary>
[MemoryDiagnoser]
public class SimulatorBenchmarks
{
    private static readonly MacScenarioOptions Options = new()
    {
        Nodes = 100,
        EndDevices = 20,
        Sleepy = 20,
        Seed = 1,
        Duration = TimeSpan.FromHours(1),
    };

    [GlobalSetup]
    public void Setup()
    {
        var result = new MacScenario(Options).Run();
        Console.WriteLine($"// scenario: {result.Joined} joined, {result.Events} events, {result.FramesOnAir} frames on air, delivered {result.Delivered}/{result.Sent}");
    }

    [Benchmark]
    public long HundredNodesOneVirtualHour() => new MacScenario(Options).Run().Events;
}
