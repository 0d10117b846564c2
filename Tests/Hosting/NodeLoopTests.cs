using ZigBee.Stack.Hosting;

namespace ZigBee.Tests.Hosting;

/// <summary>The node's loop on hardware: everything a node does runs on its one thread, awaits included.</summary>
[TestClass]
public sealed class NodeLoopTests
{
    [TestMethod]
    public async Task WorkAndItsContinuationsRunOnTheLoopsThreadOnly()
    {
        using var loop = new NodeLoop();
        var threads = await loop.RunAsync(async () =>
        {
            var seen = new List<int> { Environment.CurrentManagedThreadId };
            for (var i = 0; i < 5; i++)
            {
                await Task.Yield();
                seen.Add(Environment.CurrentManagedThreadId);
                Assert.IsTrue(loop.IsCurrent);
            }

            return seen;
        });

        Assert.HasCount(6, threads);
        Assert.AreEqual(1, threads.Distinct().Count());
        Assert.AreNotEqual(Environment.CurrentManagedThreadId, threads[0]);
    }

    [TestMethod]
    public async Task AnExceptionReachesTheCallerAndTheLoopGoesOn()
    {
        using var loop = new NodeLoop();

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => loop.RunAsync(() => Task.FromException<int>(new InvalidOperationException("boom"))));

        Assert.AreEqual(42, await loop.RunAsync(() => Task.FromResult(42)));
    }

    [TestMethod]
    public void WorkPostedAfterTheLoopStoppedIsDroppedQuietly()
    {
        var loop = new NodeLoop();
        var context = loop.Context;
        loop.Dispose();

        context.Post(_ => Assert.Fail("a stopped loop must not run anything"), null);
        loop.Post(() => Assert.Fail("a stopped loop must not run anything"));
    }
}
