using ZigBee.Mac.Frames;
using ZigBee.Mac.Tables;

namespace ZigBee.Tests.Mac.Tables;

[TestClass]
public sealed class TransactionQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly MacAddress A = MacAddress.FromShort(0x1111);
    private static readonly MacAddress B = MacAddress.FromShort(0x2222);
    private static readonly MacAddress X = MacAddress.FromExtended(0x0102030405060708);

    [TestMethod]
    public void RefusesBeyondCapacity()
    {
        var queue = new TransactionQueue<string>(2);
        Assert.IsTrue(queue.TryAdd(A, T0, "a"));
        Assert.IsTrue(queue.TryAdd(B, T0, "b"));
        Assert.IsFalse(queue.TryAdd(A, T0, "c"));
        Assert.AreEqual(2, queue.Count);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TransactionQueue<string>(0));
    }

    [TestMethod]
    public void DeliversOldestFirstPerDestinationAndCountsPending()
    {
        var queue = new TransactionQueue<string>(4);
        queue.TryAdd(A, T0, "a1");
        queue.TryAdd(B, T0, "b1");
        queue.TryAdd(A, T0, "a2");
        Assert.IsTrue(queue.HasPendingFor(A));
        Assert.AreEqual(2, queue.CountFor(A));
        Assert.IsFalse(queue.HasPendingFor(X));
        Assert.IsFalse(queue.HasPendingFor(MacAddress.FromExtended(0x1111)), "short and extended addresses differ");

        Assert.IsTrue(queue.TryBeginDelivery(A, out var first));
        Assert.AreEqual("a1", first);
        Assert.IsTrue(queue.TryBeginDelivery(A, out var second), "a second data request gets the next one");
        Assert.AreEqual("a2", second);
        Assert.IsFalse(queue.TryBeginDelivery(A, out _));
        Assert.AreEqual(2, queue.CountFor(A), "in flight still pending");

        queue.EndDelivery(first, delivered: true);
        queue.EndDelivery(second, delivered: false);
        Assert.AreEqual(1, queue.CountFor(A));
        Assert.IsTrue(queue.TryBeginDelivery(A, out var again));
        Assert.AreEqual("a2", again);
    }

    [TestMethod]
    public void ExpiresInOrderButNotWhileInFlight()
    {
        var queue = new TransactionQueue<string>(4);
        queue.TryAdd(A, T0.AddSeconds(2), "a");
        queue.TryAdd(B, T0.AddSeconds(1), "b");
        Assert.AreEqual(T0.AddSeconds(1), queue.NextExpiry);
        Assert.IsFalse(queue.TryTakeExpired(T0, out _, out _));

        queue.TryBeginDelivery(B, out var b);
        Assert.AreEqual(T0.AddSeconds(2), queue.NextExpiry, "in-flight entries do not expire");
        Assert.IsFalse(queue.TryTakeExpired(T0.AddSeconds(1.5), out _, out _));
        queue.EndDelivery(b, delivered: false);

        Assert.IsTrue(queue.TryTakeExpired(T0.AddSeconds(5), out var item, out var destination));
        Assert.AreEqual("a", item);
        Assert.AreEqual(A, destination);
        Assert.IsTrue(queue.TryTakeExpired(T0.AddSeconds(5), out item, out _));
        Assert.AreEqual("b", item);
        Assert.IsNull(queue.NextExpiry);
        Assert.AreEqual(0, queue.Count);
    }

    [TestMethod]
    public void PendingAddressListIsDistinctAndBounded()
    {
        var queue = new TransactionQueue<string>(32);
        queue.TryAdd(A, T0, "1");
        queue.TryAdd(A, T0, "2");
        queue.TryAdd(X, T0, "3");
        for (ushort i = 0; i < 10; i++)
        {
            queue.TryAdd(MacAddress.FromShort((ushort)(0x100 + i)), T0, "n");
        }

        Span<ushort> shorts = stackalloc ushort[7];
        Span<ulong> extendeds = stackalloc ulong[7];
        var (s, x) = queue.CollectPendingAddresses(shorts, extendeds);
        Assert.AreEqual(7, s);
        Assert.AreEqual(1, x);
        Assert.AreEqual((ushort)0x1111, shorts[0]);
        Assert.AreEqual((ushort)0x100, shorts[1]);
        Assert.AreEqual(0x0102030405060708UL, extendeds[0]);
    }

    [TestMethod]
    public void RemoveAndClear()
    {
        var queue = new TransactionQueue<string>(4);
        queue.TryAdd(A, T0, "a");
        queue.TryAdd(B, T0, "b");
        Assert.IsTrue(queue.TryRemove(s => s == "b", out var removed));
        Assert.AreEqual("b", removed);
        Assert.IsFalse(queue.TryRemove(s => s == "b", out _));
        var cleared = new List<string>();
        queue.Clear(cleared.Add);
        CollectionAssert.AreEqual(new[] { "a" }, cleared);
        Assert.AreEqual(0, queue.Count);
    }
}
