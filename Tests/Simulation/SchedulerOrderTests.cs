using ZigBee.Simulation.Scheduling;

namespace ZigBee.Tests.Simulation;

/// <summary>
/// The order events run in is the simulation's result: earliest due first, and among equal due times the order they
/// were queued — a re-armed timer counts as queued when it was re-armed. These tests pin that order down for posts,
/// scheduled events and timers mixed, and check re-armed, stopped and disposed timers leave nothing behind.
/// </summary>
[TestClass]
public sealed class SchedulerOrderTests
{
    private static readonly TimeSpan Never = Timeout.InfiniteTimeSpan;

    [TestMethod]
    public void PostsScheduledEventsAndTimersAtOneInstantRunInQueueingOrder()
    {
        var scheduler = new SimulationScheduler();
        var log = new List<string>();
        var ms = TimeSpan.FromMilliseconds(1);
        scheduler.Schedule(ms, () =>
        {
            log.Add("s1");
            scheduler.Post(() => log.Add("post-from-s1"));
            scheduler.Schedule(TimeSpan.Zero, () => log.Add("zero-from-s1"));
        });
        using var t1 = scheduler.Time.CreateTimer(_ => log.Add("t1"), null, ms, Never);
        scheduler.Schedule(ms, _ => log.Add("s2"), null);
        using var t2 = scheduler.Time.CreateTimer(_ =>
        {
            log.Add("t2");
            scheduler.Post(() => log.Add("post-from-t2"));
        }, null, ms, Never);
        scheduler.Post(() => log.Add("now"));

        scheduler.RunUntilIdle();

        CollectionAssert.AreEqual(
            new[] { "now", "s1", "t1", "s2", "t2", "post-from-s1", "zero-from-s1", "post-from-t2" },
            log);
        Assert.AreEqual(ms, scheduler.Now);
    }

    [TestMethod]
    public void TimerReArmedToTheSameInstantGoesBehindWhatWasQueuedMeanwhile()
    {
        var scheduler = new SimulationScheduler();
        var log = new List<string>();
        var due = TimeSpan.FromMilliseconds(5);
        using var timer = scheduler.Time.CreateTimer(_ => log.Add("timer"), null, due, Never);
        scheduler.Schedule(due, () => log.Add("event"));

        Assert.IsTrue(timer.Change(due, Never));
        scheduler.RunUntilIdle();

        CollectionAssert.AreEqual(new[] { "event", "timer" }, log);
    }

    [TestMethod]
    public void TimerReArmedEarlierFiresOnceAtTheNewTimeInItsNewPlace()
    {
        var scheduler = new SimulationScheduler();
        var log = new List<string>();
        using var timer = scheduler.Time.CreateTimer(_ => log.Add($"timer@{scheduler.Now.TotalMilliseconds}"), null, TimeSpan.FromMilliseconds(50), Never);
        scheduler.Schedule(TimeSpan.FromMilliseconds(10), () => log.Add("before@10"));
        Assert.IsTrue(timer.Change(TimeSpan.FromMilliseconds(10), Never));
        scheduler.Schedule(TimeSpan.FromMilliseconds(10), () => log.Add("after@10"));

        scheduler.RunUntilIdle();

        CollectionAssert.AreEqual(new[] { "before@10", "timer@10", "after@10" }, log);
        Assert.AreEqual(3, scheduler.EventsExecuted, "the timer's first setting is no event");
        Assert.AreEqual(TimeSpan.FromMilliseconds(10), scheduler.Now, "nothing is left at 50 ms to move the clock");
    }

    [TestMethod]
    public void TimerReArmedLaterLeavesNothingAtItsOldTime()
    {
        var scheduler = new SimulationScheduler();
        var fired = new List<double>();
        using var timer = scheduler.Time.CreateTimer(_ => fired.Add(scheduler.Now.TotalMilliseconds), null, TimeSpan.FromMilliseconds(10), Never);
        scheduler.Schedule(TimeSpan.FromMilliseconds(30), () => fired.Add(-30));

        Assert.IsTrue(timer.Change(TimeSpan.FromMilliseconds(30), Never));

        Assert.AreEqual(2, scheduler.Pending);
        Assert.AreEqual(TimeSpan.FromMilliseconds(30), scheduler.NextEventTime);
        scheduler.RunUntil(TimeSpan.FromMilliseconds(29));
        Assert.IsEmpty(fired);
        scheduler.RunUntilIdle();
        CollectionAssert.AreEqual(new[] { -30d, 30d }, fired, "the event was queued before the timer was re-armed");
        Assert.AreEqual(2, scheduler.EventsExecuted);
    }

    [TestMethod]
    public void TimerStoppedOrDisposedIsNoLongerPendingAndNeverFires()
    {
        var scheduler = new SimulationScheduler();
        var fired = new List<string>();
        var stopped = scheduler.Time.CreateTimer(_ => fired.Add("stopped"), null, TimeSpan.FromMilliseconds(20), Never);
        var disposed = scheduler.Time.CreateTimer(_ => fired.Add("disposed"), null, TimeSpan.FromMilliseconds(20), Never);
        scheduler.Schedule(TimeSpan.FromMilliseconds(5), () => fired.Add("event"));

        Assert.IsTrue(stopped.Change(Never, Never));
        Assert.AreEqual(2, scheduler.Pending, "a stopped timer leaves the queue at once");
        disposed.Dispose();
        scheduler.RunUntilIdle();

        CollectionAssert.AreEqual(new[] { "event" }, fired);
        Assert.AreEqual(1, scheduler.EventsExecuted);
        Assert.AreEqual(TimeSpan.FromMilliseconds(5), scheduler.Now, "no cancelled timer moves the clock");
        Assert.AreEqual(0, scheduler.Pending);
        Assert.IsNull(scheduler.NextEventTime);
        Assert.IsFalse(disposed.Change(TimeSpan.Zero, Never));
        Assert.IsTrue(stopped.Change(TimeSpan.FromMilliseconds(1), Never), "a stopped timer can be started again");
        scheduler.RunUntilIdle();
        CollectionAssert.AreEqual(new[] { "event", "stopped" }, fired);
        stopped.Dispose();
    }

    [TestMethod]
    public void TimerDisposedOnAnotherThreadIsSkippedWhenItComesUp()
    {
        var scheduler = new SimulationScheduler();
        var fired = 0;
        var timer = scheduler.Time.CreateTimer(_ => fired++, null, TimeSpan.FromMilliseconds(3), Never);
        var other = new Thread(timer.Dispose);
        other.Start();
        other.Join();

        Assert.IsFalse(scheduler.RunOne(), "a disposed timer is no event to run");
        Assert.AreEqual(0, fired);
        Assert.AreEqual(0, scheduler.EventsExecuted);
        Assert.AreEqual(0, scheduler.Pending);
    }

    [TestMethod]
    public void PeriodicTimerChangedInItsCallbackTakesTheNewSetting()
    {
        var scheduler = new SimulationScheduler();
        var fired = new List<double>();
        ITimer? timer = null;
        timer = scheduler.Time.CreateTimer(_ =>
        {
            fired.Add(scheduler.Now.TotalMilliseconds);
            if (fired.Count == 2)
            {
                timer!.Change(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20));
            }
        }, null, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10));

        scheduler.RunUntil(TimeSpan.FromMilliseconds(70));

        CollectionAssert.AreEqual(new[] { 10d, 20d, 25d, 45d, 65d }, fired);
        Assert.AreEqual(1, scheduler.Pending, "one entry for the periodic timer, not one per setting");
        timer.Dispose();
    }

    [TestMethod]
    public void ScheduleBeyondTheEndOfTimeStaysInTheFuture()
    {
        var scheduler = new SimulationScheduler();
        var fired = new List<string>();
        scheduler.Schedule(TimeSpan.FromMilliseconds(1), () => fired.Add("soon"));
        scheduler.RunUntilIdle();
        scheduler.Schedule(TimeSpan.MaxValue, () => fired.Add("never"));
        using var timer = scheduler.Time.CreateTimer(_ => fired.Add("timer"), null, TimeSpan.MaxValue, Never);
        scheduler.Schedule(TimeSpan.FromMilliseconds(1), () => fired.Add("next"));

        scheduler.RunUntil(TimeSpan.FromDays(365));

        CollectionAssert.AreEqual(new[] { "soon", "next" }, fired);
        Assert.AreEqual(TimeSpan.MaxValue, scheduler.NextEventTime);
    }

    [TestMethod]
    public void RandomMixOfPostsSchedulesAndTimerChangesRunsInReferenceOrder()
    {
        foreach (var seed in new[] { 1, 2, 3, 4, 5 })
        {
            var expected = ReferenceRun(seed);
            var actual = SchedulerRun(seed);
            Assert.IsGreaterThan(3000, expected.Count, "the mix runs enough events to mean something");
            CollectionAssert.AreEqual(expected, actual, $"seed {seed}");
        }
    }

    private const int Timers = 40;
    private const int EventBudget = 4000;
    private static readonly TimeSpan End = TimeSpan.FromMilliseconds(400);

    private static List<string> SchedulerRun(int seed)
    {
        var scheduler = new SimulationScheduler();
        var world = new SchedulerWorld(scheduler);
        var driver = new Driver(world, seed);
        world.Driver = driver;
        driver.Start();
        scheduler.RunUntil(End);
        return driver.Log;
    }

    private static List<string> ReferenceRun(int seed)
    {
        var world = new ReferenceWorld();
        var driver = new Driver(world, seed);
        world.Driver = driver;
        driver.Start();
        world.RunUntil(End.Ticks);
        return driver.Log;
    }

    /// <summary>What the random driver can do to a scheduler.</summary>
    private interface IWorld
    {
        long Now { get; }

        void Post(int id);

        void Schedule(long delay, int id);

        void Change(int timer, long due, long period);

        void Dispose(int timer);
    }

    /// <summary>On every event, logs it and does a few random things: many land on the same tick.</summary>
    private sealed class Driver(IWorld world, int seed)
    {
        private static readonly long[] Delays = [0, 0, 1_000, 1_000, 2_000, 5_000, 20_000];
        private readonly Random _random = new(seed);

        public List<string> Log { get; } = [];

        public void Start()
        {
            for (var i = 0; i < Timers; i++)
            {
                world.Change(i, Delays[_random.Next(Delays.Length)], 0);
            }
        }

        public void Fired(string what)
        {
            Log.Add($"{what}@{world.Now}");
            if (Log.Count >= EventBudget)
            {
                return;
            }

            var actions = _random.Next(1, 4);
            for (var i = 0; i < actions; i++)
            {
                var delay = Delays[_random.Next(Delays.Length)];
                var id = _random.Next(Timers);
                switch (_random.Next(10))
                {
                    case 0:
                        world.Post(Log.Count);
                        break;
                    case 1:
                        world.Schedule(delay, Log.Count);
                        break;
                    case 2:
                        world.Change(id, -1, 0);
                        break;
                    case 3:
                        world.Change(id, delay, Delays[_random.Next(Delays.Length)]);
                        break;
                    case 4 when _random.Next(100) == 0:
                        world.Dispose(id);
                        break;
                    default:
                        world.Change(id, delay, 0);
                        break;
                }
            }
        }
    }

    private sealed class SchedulerWorld : IWorld
    {
        private readonly SimulationScheduler _scheduler;
        private readonly ITimer[] _timers = new ITimer[Timers];

        public SchedulerWorld(SimulationScheduler scheduler)
        {
            _scheduler = scheduler;
            for (var i = 0; i < Timers; i++)
            {
                var name = $"t{i}";
                _timers[i] = scheduler.Time.CreateTimer(_ => Driver.Fired(name), null, Never, Never);
            }
        }

        public Driver Driver { get; set; } = null!;

        public long Now => _scheduler.NowTicks;

        public void Post(int id) => _scheduler.Post(() => Driver.Fired($"p{id}"));

        public void Schedule(long delay, int id) => _scheduler.Schedule(TimeSpan.FromTicks(delay), () => Driver.Fired($"s{id}"));

        public void Change(int timer, long due, long period) =>
            _timers[timer].Change(due < 0 ? Never : TimeSpan.FromTicks(due), period <= 0 ? Never : TimeSpan.FromTicks(period));

        public void Dispose(int timer) => _timers[timer].Dispose();
    }

    /// <summary>
    /// The plainest possible scheduler with the same contract: a list searched for the least (due, sequence), where a
    /// changed or disposed timer's old entry stays queued and does nothing when it comes up.
    /// </summary>
    private sealed class ReferenceWorld : IWorld
    {
        private readonly List<(long Due, long Sequence, Action Run)> _queue = [];
        private readonly long[] _generation = new long[Timers];
        private readonly long[] _period = new long[Timers];
        private readonly bool[] _disposed = new bool[Timers];
        private long _sequence;

        public Driver Driver { get; set; } = null!;

        public long Now { get; private set; }

        public void Post(int id) => Enqueue(Now, () => Driver.Fired($"p{id}"));

        public void Schedule(long delay, int id) => Enqueue(Now + delay, () => Driver.Fired($"s{id}"));

        public void Change(int timer, long due, long period)
        {
            if (_disposed[timer])
            {
                return;
            }

            _generation[timer]++;
            _period[timer] = period;
            if (due >= 0)
            {
                Arm(timer, Now + due);
            }
        }

        public void Dispose(int timer)
        {
            _disposed[timer] = true;
            _generation[timer]++;
        }

        public void RunUntil(long until)
        {
            while (_queue.Count > 0)
            {
                var next = 0;
                for (var i = 1; i < _queue.Count; i++)
                {
                    if (_queue[i].Due < _queue[next].Due || (_queue[i].Due == _queue[next].Due && _queue[i].Sequence < _queue[next].Sequence))
                    {
                        next = i;
                    }
                }

                var entry = _queue[next];
                if (entry.Due > until)
                {
                    break;
                }

                _queue.RemoveAt(next);
                Now = entry.Due;
                entry.Run();
            }
        }

        private void Arm(int timer, long due)
        {
            var generation = _generation[timer];
            Enqueue(due, () =>
            {
                if (_disposed[timer] || _generation[timer] != generation)
                {
                    return;
                }

                if (_period[timer] > 0)
                {
                    Arm(timer, Now + _period[timer]);
                }

                Driver.Fired($"t{timer}");
            });
        }

        private void Enqueue(long due, Action run) => _queue.Add((due, _sequence++, run));
    }
}
