using BenchmarkDotNet.Attributes;
using ZigBee.Simulation.Scheduling;

namespace ZigBee.Benchmarks;

/// <summary>
/// The discrete-event scheduler alone, in the three shapes a simulated network gives it: continuations posted at the
/// current instant, events scheduled ahead over a deep queue (~20,000 pending, like frame ends across a big
/// network), and MAC-like timers re-armed and stopped while pending (CSMA backoffs, ACK waits). Each benchmark runs
/// <see cref="Events"/> callbacks from a fresh scheduler; delays come from a seeded table so every run is the same.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class SchedulerBenchmarks
{
    /// <summary>Callbacks each benchmark runs (divide by the mean for events per second).</summary>
    public const int Events = 200_000;

    private const int Chains = 20_000;
    private const int Nodes = 1_000;
    private static readonly long[] Delays = MakeDelays();

    [Benchmark]
    public long PostedAtTheCurrentInstant()
    {
        var scheduler = new SimulationScheduler();
        var run = new PostChain(scheduler);
        for (var i = 0; i < Nodes; i++)
        {
            scheduler.Post(run.Step);
        }

        scheduler.RunUntilIdle();
        return run.Count;
    }

    [Benchmark]
    public long ScheduledOverADeepQueue()
    {
        var scheduler = new SimulationScheduler();
        var run = new ScheduleChain(scheduler);
        for (var i = 0; i < Chains; i++)
        {
            scheduler.Schedule(TimeSpan.FromTicks(Delays[i % Delays.Length]), ScheduleChain.Step, run);
        }

        scheduler.RunUntilIdle();
        return run.Count;
    }

    [Benchmark]
    public long TimersRearmedAndStopped()
    {
        var scheduler = new SimulationScheduler();
        var run = new TimerRun();
        var nodes = new MacLikeNode[Nodes];
        for (var i = 0; i < Nodes; i++)
        {
            nodes[i] = new MacLikeNode(scheduler, run, i);
        }

        scheduler.RunUntilIdle();
        foreach (var node in nodes)
        {
            node.Dispose();
        }

        return run.Count;
    }

    private static long[] MakeDelays()
    {
        var random = new Random(1);
        var delays = new long[4096];
        for (var i = 0; i < delays.Length; i++)
        {
            // 0 to 5 ms in 16 µs steps: many events share an instant, as symbol-aligned radio events do.
            delays[i] = random.Next(0, 320) * 160;
        }

        return delays;
    }

    private sealed class PostChain
    {
        private readonly SimulationScheduler _scheduler;
        public readonly Action Step;
        public long Count;

        public PostChain(SimulationScheduler scheduler)
        {
            _scheduler = scheduler;
            Step = Run;
        }

        private void Run()
        {
            if (++Count < Events)
            {
                _scheduler.Post(Step);
            }
        }
    }

    private sealed class ScheduleChain(SimulationScheduler scheduler)
    {
        public static readonly Action<object?> Step = Run;

        private readonly SimulationScheduler _scheduler = scheduler;
        public long Count;

        private static void Run(object? state)
        {
            var run = (ScheduleChain)state!;
            if (++run.Count < Events - Chains)
            {
                run._scheduler.Schedule(TimeSpan.FromTicks(Delays[(int)(run.Count % Delays.Length)]), Step, run);
            }
        }
    }

    private sealed class TimerRun
    {
        public long Count;
    }

    /// <summary>
    /// A backoff timer that re-arms itself and an ACK-wait timer that each backoff restarts (while it is often still
    /// pending) and every other backoff stops, as an acknowledgement would.
    /// </summary>
    private sealed class MacLikeNode : IDisposable
    {
        private static readonly TimeSpan AckWait = TimeSpan.FromTicks(8_640);
        private readonly TimerRun _run;
        private readonly ITimer _backoff;
        private readonly ITimer _ackWait;
        private int _step;

        public MacLikeNode(SimulationScheduler scheduler, TimerRun run, int index)
        {
            _run = run;
            _step = index;
            _ackWait = scheduler.Time.CreateTimer(static state => ((MacLikeNode)state!)._run.Count++, this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _backoff = scheduler.Time.CreateTimer(static state => ((MacLikeNode)state!).Backoff(), this, TimeSpan.FromTicks(Delays[index]), Timeout.InfiniteTimeSpan);
        }

        public void Dispose()
        {
            _backoff.Dispose();
            _ackWait.Dispose();
        }

        private void Backoff()
        {
            _step++;
            if (++_run.Count >= Events)
            {
                return;
            }

            if ((_step & 1) == 0)
            {
                _ackWait.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
            else
            {
                _ackWait.Change(AckWait, Timeout.InfiniteTimeSpan);
            }

            _backoff.Change(TimeSpan.FromTicks(Delays[_step % Delays.Length]), Timeout.InfiniteTimeSpan);
        }
    }
}
