using BenchmarkDotNet.Attributes;
using ZigBee.Mac.Radio;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Scheduling;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Benchmarks;

/// <summary>
/// Scheduler plus medium throughput: 100 nodes each send a 50-byte frame every 100 ms (from a seeded phase) for 60
/// virtual seconds, about 60,000 transmissions and 120,000 scheduler events. Divide <see cref="Events"/> by the mean to
/// get events per second. Setup (nodes, links, timers) is outside the measurement, so the allocation column shows the
/// per-frame hot path only.
/// </summary>
[MemoryDiagnoser]
public class MediumBenchmarks
{
    private static readonly byte[] Frame = MakeFrame();
    private SimulationScheduler _scheduler = null!;
    private SimulatedMedium _medium = null!;
    private readonly List<ITimer> _timers = [];

    [Params("grid", "random")]
    public string Shape { get; set; } = "grid";

    public const int Nodes = 100;

    /// <summary>Scheduler events of the last run (timer firings plus frame ends).</summary>
    public static long Events { get; private set; }

    [IterationSetup]
    public void Setup()
    {
        _scheduler = new SimulationScheduler();
        _medium = new SimulatedMedium(_scheduler, seed: 1);
        var phases = new Random(1);
        var handler = new CountingHandler();
        for (var i = 0; i < Nodes; i++)
        {
            var radio = _medium.AddNode(0x00124B0000000000 + (ulong)i);
            radio.SetHandler(handler);
            _timers.Add(_scheduler.Time.CreateTimer(
                static state =>
                {
                    var r = (SimulatedRadio)state!;
                    if (!r.IsTransmitting)
                    {
                        r.Transmit(Frame);
                    }
                },
                radio,
                TimeSpan.FromTicks(phases.NextInt64(TimeSpan.FromMilliseconds(100).Ticks)),
                TimeSpan.FromMilliseconds(100)));
        }

        _medium.ApplyTopology(Topology.Create(Shape, Nodes, seed: 1));
    }

    [Benchmark]
    public long SixtyVirtualSeconds()
    {
        var before = _scheduler.EventsExecuted;
        _scheduler.RunUntil(TimeSpan.FromSeconds(60));
        Events = _scheduler.EventsExecuted - before;
        return _medium.Statistics.Deliveries;
    }

    [IterationCleanup]
    public void Cleanup()
    {
        foreach (var timer in _timers)
        {
            timer.Dispose();
        }

        _timers.Clear();
    }

    [GlobalCleanup]
    public void Report() =>
        Console.WriteLine($"// {Shape}: {Events} scheduler events, {_medium.Statistics} per 60 virtual seconds");

    private static byte[] MakeFrame()
    {
        var frame = new byte[50];
        frame[0] = 0x41;
        frame[1] = 0x88;
        return frame;
    }

    private sealed class CountingHandler : IRadioHandler
    {
        public long Received;

        public void OnReceive(ReadOnlySpan<byte> psdu, in RadioReceiveInfo info) => Received++;

        public void OnTransmitComplete()
        {
        }
    }
}
