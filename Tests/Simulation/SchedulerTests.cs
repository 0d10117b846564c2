using ZigBee.Simulation.Scheduling;

namespace ZigBee.Tests.Simulation;

[TestClass]
public sealed class SchedulerTests
{
    [TestMethod]
    public void TransactionPersistenceTimerFiresAtExactTick()
    {
        var scheduler = new SimulationScheduler();
        long firedAt = -1;
        using var timer = scheduler.Time.CreateTimer(_ => firedAt = scheduler.NowTicks, null, TimeSpan.FromSeconds(7.68), Timeout.InfiniteTimeSpan);

        scheduler.RunUntilIdle();

        Assert.AreEqual(76_800_000L, firedAt);
        Assert.AreEqual(scheduler.Epoch.AddTicks(76_800_000), scheduler.Time.GetUtcNow());
    }

    [TestMethod]
    public void TimersAtSameInstantFireInCreationOrder()
    {
        var scheduler = new SimulationScheduler();
        var order = new List<string>();
        using var b = scheduler.Time.CreateTimer(_ => order.Add("b"), null, TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan);
        using var a = scheduler.Time.CreateTimer(_ => order.Add("a"), null, TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan);
        using var c = scheduler.Time.CreateTimer(_ => order.Add("c"), null, TimeSpan.FromMilliseconds(2), Timeout.InfiniteTimeSpan);

        scheduler.RunUntilIdle();

        CollectionAssert.AreEqual(new[] { "c", "b", "a" }, order);
    }

    [TestMethod]
    public void ChangeMovesTheTimerAndDisposeCancelsIt()
    {
        var scheduler = new SimulationScheduler();
        var fired = new List<long>();
        var moved = scheduler.Time.CreateTimer(_ => fired.Add(scheduler.NowTicks), null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
        var cancelled = scheduler.Time.CreateTimer(_ => fired.Add(-1), null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
        var stopped = scheduler.Time.CreateTimer(_ => fired.Add(-2), null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);

        scheduler.RunFor(TimeSpan.FromMilliseconds(4));
        Assert.IsTrue(moved.Change(TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan));
        cancelled.Dispose();
        Assert.IsTrue(stopped.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        scheduler.RunUntilIdle();

        CollectionAssert.AreEqual(new[] { TimeSpan.FromMilliseconds(24).Ticks }, fired);
        Assert.IsFalse(cancelled.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan), "a disposed timer cannot be restarted");
        moved.Dispose();
        stopped.Dispose();
    }

    [TestMethod]
    public void PeriodicTimerFiresEveryPeriodUntilStopped()
    {
        var scheduler = new SimulationScheduler();
        var fired = new List<TimeSpan>();
        ITimer? timer = null;
        timer = scheduler.Time.CreateTimer(_ =>
        {
            fired.Add(scheduler.Now);
            if (fired.Count == 4)
            {
                timer!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }, null, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(100));

        scheduler.RunUntilIdle();

        CollectionAssert.AreEqual(
            new[] { 1, 101, 201, 301 }.Select(ms => TimeSpan.FromMilliseconds(ms)).ToArray(),
            fired);
        timer.Dispose();
    }

    [TestMethod]
    public void NegativeDueTimeIsRejectedLikeSystemTimers()
    {
        var scheduler = new SimulationScheduler();
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => scheduler.Time.CreateTimer(_ => { }, null, TimeSpan.FromMilliseconds(-5), Timeout.InfiniteTimeSpan));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => scheduler.Time.CreateTimer(_ => { }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(-5)));
    }

    [TestMethod]
    public void TaskDelayCompletesInVirtualTimeOnTheSchedulerContext()
    {
        var scheduler = new SimulationScheduler();
        var task = scheduler.Run(async () =>
        {
            var start = scheduler.Time.GetTimestamp();
            await Task.Delay(TimeSpan.FromSeconds(7.68), scheduler.Time);
            Assert.AreSame(scheduler.Context, SynchronizationContext.Current);
            return scheduler.Time.GetElapsedTime(start);
        }, TimeSpan.FromSeconds(10));

        Assert.IsTrue(task.IsCompletedSuccessfully);
        Assert.AreEqual(TimeSpan.FromSeconds(7.68), task.Result);
        Assert.AreEqual(76_800_000L, scheduler.NowTicks);
    }

    [TestMethod]
    public void CancellationTokenSourceCancelsAtExactVirtualTime()
    {
        var scheduler = new SimulationScheduler();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(250), scheduler.Time);
        long cancelledAt = -1;
        cts.Token.Register(() => cancelledAt = scheduler.NowTicks);

        scheduler.RunFor(TimeSpan.FromMilliseconds(249));
        Assert.IsFalse(cts.IsCancellationRequested);
        scheduler.RunFor(TimeSpan.FromMilliseconds(1));

        Assert.IsTrue(cts.IsCancellationRequested);
        Assert.AreEqual(TimeSpan.FromMilliseconds(250).Ticks, cancelledAt);
    }

    [TestMethod]
    public void DelayCancelledByVirtualTimeoutThrowsAtTheTimeout()
    {
        var scheduler = new SimulationScheduler();
        var task = scheduler.Run(async () =>
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1), scheduler.Time);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), scheduler.Time, cts.Token);
                return TimeSpan.MinValue;
            }
            catch (OperationCanceledException)
            {
                return scheduler.Now;
            }
        });

        Assert.AreEqual(TimeSpan.FromSeconds(1), task.Result);
    }

    [TestMethod]
    public void AsyncContinuationsRunAsLaterEventsInPostingOrder()
    {
        var scheduler = new SimulationScheduler();
        var log = new List<string>();
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var threadId = Environment.CurrentManagedThreadId;

        async Task Waiter(string name)
        {
            await tcs.Task;
            Assert.AreEqual(threadId, Environment.CurrentManagedThreadId);
            Assert.AreSame(scheduler.Context, SynchronizationContext.Current);
            log.Add($"{name}@{scheduler.Now.TotalMilliseconds}");
        }

        Task? first = null;
        Task? second = null;
        scheduler.Post(() =>
        {
            first = Waiter("first");
            second = Waiter("second");
        });
        scheduler.Schedule(TimeSpan.FromMilliseconds(3), () =>
        {
            tcs.SetResult();
            log.Add("set");
        });

        scheduler.RunUntilIdle();

        CollectionAssert.AreEqual(new[] { "set", "first@3", "second@3" }, log);
        Assert.IsTrue(first!.IsCompletedSuccessfully && second!.IsCompletedSuccessfully);
    }

    [TestMethod]
    public void InterleavedAsyncLoopsAreDeterministic()
    {
        static List<string> RunOnce()
        {
            var scheduler = new SimulationScheduler();
            var log = new List<string>();

            async Task Loop(string name, int periodMs, int count)
            {
                for (var i = 0; i < count; i++)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(periodMs), scheduler.Time);
                    await Task.Yield();
                    log.Add($"{name}{i}@{scheduler.Now.TotalMilliseconds}");
                }
            }

            scheduler.Run(() => Task.WhenAll(Loop("a", 3, 5), Loop("b", 5, 3), Loop("c", 15, 1)));
            return log;
        }

        var first = RunOnce();
        var second = RunOnce();
        Assert.AreEqual(string.Join(" ", first), string.Join(" ", second));
        // At 15 ms the delays fire in the order they were created: c's at 0, b's at 10, a's at 12.
        Assert.AreEqual("a0@3 b0@5 a1@6 a2@9 b1@10 a3@12 c0@15 b2@15 a4@15", string.Join(" ", first));
    }

    [TestMethod]
    public void RunStartsTheOperationEvenBehindEventsDueNow()
    {
        // Regression: Run used to execute only the first due event and then wait on an operation never started.
        var scheduler = new SimulationScheduler();
        var log = new List<string>();
        scheduler.Post(() => log.Add("earlier"));

        var result = scheduler.Run(() =>
        {
            log.Add("operation");
            return Task.FromResult(42);
        });

        Assert.AreEqual(42, result.Result);
        CollectionAssert.AreEqual(new[] { "earlier", "operation" }, log);
    }

    [TestMethod]
    public void RunThrowsTimeoutWhenTheOperationOutlivesItsLimit()
    {
        var scheduler = new SimulationScheduler();
        Assert.ThrowsExactly<TimeoutException>(() =>
            scheduler.Run(() => Task.Delay(TimeSpan.FromSeconds(2), scheduler.Time), TimeSpan.FromSeconds(1)));
        Assert.IsTrue(scheduler.Now <= TimeSpan.FromSeconds(1));
    }

    [TestMethod]
    public void RunUntilStopsAtTheLimitAndAdvancesTheClock()
    {
        var scheduler = new SimulationScheduler();
        var fired = new List<int>();
        scheduler.Schedule(TimeSpan.FromMilliseconds(10), () => fired.Add(10));
        scheduler.Schedule(TimeSpan.FromMilliseconds(20), () => fired.Add(20));
        scheduler.Schedule(TimeSpan.FromMilliseconds(-5), () => fired.Add(0));

        scheduler.RunUntil(TimeSpan.FromMilliseconds(15));

        CollectionAssert.AreEqual(new[] { 0, 10 }, fired);
        Assert.AreEqual(TimeSpan.FromMilliseconds(15), scheduler.Now);
        Assert.AreEqual(1, scheduler.Pending);
    }
}
