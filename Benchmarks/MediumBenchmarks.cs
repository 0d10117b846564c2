using BenchmarkDotNet.Attributes;
using ZigBee.Mac.Frames;
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
/// <remarks>
/// "grid" and "random" are sparse meshes of radios without a frame filter. "dense" is the load of a large NWK
/// scenario: 1,000 nodes on a grid where each hears up to 20 others (reach 2.3 m), every radio filtering frames in
/// hardware as a MAC sets it up, each node sending once a second (the same 60,000 transmissions, about a million
/// copies taken off the air) and alternating a broadcast with a unicast to the next node, so most copies stop at the
/// receiver's filter and many collide; its state no longer fits a core's first-level cache.
/// </remarks>
// The minimum beside the mean: on a shared machine it is the figure least disturbed by other work.
[MemoryDiagnoser]
[MinColumn]
public class MediumBenchmarks
{
    private const ushort PanId = 0x1A2B;
    private static readonly byte[] Frame = MakeFrame();
    private SimulationScheduler _scheduler = null!;
    private SimulatedMedium _medium = null!;
    private readonly List<ITimer> _timers = [];

    [Params("grid", "random", "dense")]
    public string Shape { get; set; } = "grid";

    public const int Nodes = 100;

    public const int DenseNodes = 1000;

    /// <summary>Reach of the "dense" grid: 20 neighbours for an inner node.</summary>
    public const double DenseReach = 2.3;

    /// <summary>Scheduler events of the last run (timer firings plus frame ends).</summary>
    public static long Events { get; private set; }

    [IterationSetup]
    public void Setup()
    {
        _scheduler = new SimulationScheduler();
        _medium = new SimulatedMedium(_scheduler, seed: 1);
        var phases = new Random(1);
        var handler = new CountingHandler();
        var dense = Shape == "dense";
        var nodes = dense ? DenseNodes : Nodes;
        var interval = TimeSpan.FromMilliseconds(dense ? 1000 : 100);
        for (var i = 0; i < nodes; i++)
        {
            var radio = _medium.AddNode(0x00124B0000000000 + (ulong)i);
            radio.SetHandler(handler);
            if (dense)
            {
                radio.SetFrameFilter(new RadioFrameFilter(true, PanId, (ushort)i, radio.ExtendedAddress));
            }

            var sender = new Sender(radio, dense ? [MakeDataFrame(i, 0xFFFF), MakeDataFrame(i, (ushort)((i + 1) % nodes))] : [Frame]);
            _timers.Add(_scheduler.Time.CreateTimer(
                static state => ((Sender)state!).Send(),
                sender,
                TimeSpan.FromTicks(phases.NextInt64(interval.Ticks)),
                interval));
        }

        _medium.ApplyTopology(dense ? Topology.Grid(nodes, DenseReach) : Topology.Create(Shape, nodes, seed: 1));
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

    /// <summary>A 50-byte data frame with short addresses in one PAN and a valid FCS (§7.2.2.2).</summary>
    private static byte[] MakeDataFrame(int from, ushort to)
    {
        var frame = new byte[50];
        frame[0] = 0x41;
        frame[1] = 0x88;
        frame[2] = (byte)from;
        frame[3] = PanId & 0xFF;
        frame[4] = PanId >> 8;
        frame[5] = (byte)to;
        frame[6] = (byte)(to >> 8);
        frame[7] = (byte)from;
        frame[8] = (byte)(from >> 8);
        Fcs.Write(frame.AsSpan(0, frame.Length - Fcs.Length), frame.AsSpan(frame.Length - Fcs.Length));
        return frame;
    }

    /// <summary>A node's frames, sent in turn whenever its radio is free at a tick of its timer.</summary>
    private sealed class Sender(SimulatedRadio radio, byte[][] frames)
    {
        private int _next;

        public void Send()
        {
            if (!radio.IsTransmitting)
            {
                radio.Transmit(frames[_next]);
                _next = (_next + 1) % frames.Length;
            }
        }
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
