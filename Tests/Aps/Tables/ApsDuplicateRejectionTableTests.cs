using ZigBee.Aps.Tables;

namespace ZigBee.Tests.Aps.Tables;

[TestClass]
public sealed class ApsDuplicateRejectionTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [TestMethod]
    public void SameSourceAndCounter_WithinTheTimeout_IsRejected()
    {
        var table = new ApsDuplicateRejectionTable(4, Timeout);

        Assert.IsTrue(table.TryAccept(0x1234, 7, T0));
        Assert.IsFalse(table.TryAccept(0x1234, 7, T0.AddSeconds(1)));
        Assert.IsTrue(table.TryAccept(0x1234, 8, T0), "another counter");
        Assert.IsTrue(table.TryAccept(0x4321, 7, T0), "another source");
        Assert.AreEqual(3, table.Count);
    }

    [TestMethod]
    public void TheTimeoutBoundary_IsExact()
    {
        var table = new ApsDuplicateRejectionTable(4, Timeout);
        Assert.IsTrue(table.TryAccept(0x1234, 7, T0));

        Assert.IsFalse(table.TryAccept(0x1234, 7, T0 + Timeout - TimeSpan.FromTicks(1)), "one tick before the timeout");
        Assert.IsTrue(table.TryAccept(0x1234, 7, T0 + Timeout), "exactly the timeout: expired");
        Assert.IsFalse(table.TryAccept(0x1234, 7, T0 + Timeout), "recorded afresh");
        Assert.AreEqual(1, table.Count);
    }

    [TestMethod]
    public void ADuplicate_DoesNotRefreshTheRecord()
    {
        var table = new ApsDuplicateRejectionTable(4, Timeout);
        Assert.IsTrue(table.TryAccept(0x1234, 7, T0));

        Assert.IsFalse(table.TryAccept(0x1234, 7, T0.AddSeconds(2)));
        Assert.IsTrue(table.TryAccept(0x1234, 7, T0.AddSeconds(3)), "the repeat at 2 s did not extend the record to 5 s");
    }

    [TestMethod]
    public void CounterWraparound_255To0_IsANewFrame()
    {
        var table = new ApsDuplicateRejectionTable(4, Timeout);

        Assert.IsTrue(table.TryAccept(0x1234, 254, T0));
        Assert.IsTrue(table.TryAccept(0x1234, 255, T0));
        Assert.IsTrue(table.TryAccept(0x1234, 0, T0), "0 follows 255");
        Assert.IsTrue(table.TryAccept(0x1234, 1, T0));
        Assert.IsFalse(table.TryAccept(0x1234, 255, T0.AddMilliseconds(10)));
        Assert.IsFalse(table.TryAccept(0x1234, 0, T0.AddMilliseconds(10)));
    }

    [TestMethod]
    public void AFullTable_ReplacesTheOldestRecord()
    {
        var table = new ApsDuplicateRejectionTable(3, Timeout);
        Assert.IsTrue(table.TryAccept(1, 1, T0));
        Assert.IsTrue(table.TryAccept(2, 1, T0.AddMilliseconds(1)));
        Assert.IsTrue(table.TryAccept(3, 1, T0.AddMilliseconds(2)));

        Assert.IsTrue(table.TryAccept(4, 1, T0.AddMilliseconds(3)));

        Assert.AreEqual(3, table.Count);
        Assert.IsFalse(table.TryAccept(2, 1, T0.AddMilliseconds(4)), "second oldest kept");
        Assert.IsFalse(table.TryAccept(3, 1, T0.AddMilliseconds(4)));
        Assert.IsFalse(table.TryAccept(4, 1, T0.AddMilliseconds(4)));
        Assert.IsTrue(table.TryAccept(1, 1, T0.AddMilliseconds(5)), "the oldest was pushed out");
        Assert.IsTrue(table.TryAccept(2, 1, T0.AddMilliseconds(6)), "then the next oldest");
    }

    [TestMethod]
    public void AFullTable_AtOneVirtualInstant_IsFirstInFirstOut()
    {
        var table = new ApsDuplicateRejectionTable(2, Timeout);
        Assert.IsTrue(table.TryAccept(1, 1, T0));
        Assert.IsTrue(table.TryAccept(2, 1, T0));
        Assert.IsTrue(table.TryAccept(3, 1, T0));

        Assert.IsFalse(table.TryAccept(3, 1, T0));
        Assert.IsFalse(table.TryAccept(2, 1, T0), "the first in left, not the second");
        Assert.IsTrue(table.TryAccept(1, 1, T0));
    }

    [TestMethod]
    public void ExpiredRecords_AreReclaimedBeforeAnyLiveOneIsEvicted()
    {
        var table = new ApsDuplicateRejectionTable(3, Timeout);
        Assert.IsTrue(table.TryAccept(1, 1, T0));
        Assert.IsTrue(table.TryAccept(2, 1, T0.AddSeconds(2)));
        Assert.IsTrue(table.TryAccept(3, 1, T0.AddSeconds(2)));

        // At 3 s the first record has expired: the newcomer takes its place and both live records stay.
        Assert.IsTrue(table.TryAccept(4, 1, T0.AddSeconds(3)));

        Assert.AreEqual(3, table.Count);
        Assert.IsFalse(table.TryAccept(2, 1, T0.AddSeconds(3)));
        Assert.IsFalse(table.TryAccept(3, 1, T0.AddSeconds(3)));
        Assert.IsFalse(table.TryAccept(4, 1, T0.AddSeconds(3)));

        Assert.IsTrue(table.TryAccept(9, 9, T0.AddSeconds(10)), "everything else expired");
        Assert.AreEqual(1, table.Count);
    }

    [TestMethod]
    public void ABurstOfDistinctFrames_NeverOverflows()
    {
        var table = new ApsDuplicateRejectionTable(8, Timeout);
        for (var i = 0; i < 1000; i++)
        {
            Assert.IsTrue(table.TryAccept((ushort)(i % 50), (byte)i, T0.AddMilliseconds(i)));
            Assert.IsLessThanOrEqualTo(8, table.Count);
        }

        Assert.IsFalse(table.TryAccept(999 % 50, unchecked((byte)999), T0.AddMilliseconds(999)));
    }

    [TestMethod]
    public void Clear_ForgetsEverything()
    {
        var table = new ApsDuplicateRejectionTable(2, Timeout);
        Assert.IsTrue(table.TryAccept(1, 1, T0));

        table.Clear();

        Assert.AreEqual(0, table.Count);
        Assert.IsTrue(table.TryAccept(1, 1, T0));
    }

    [TestMethod]
    public void BadSizes_AreRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ApsDuplicateRejectionTable(0, Timeout));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ApsDuplicateRejectionTable(1, TimeSpan.Zero));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ApsDuplicateRejectionTable(1, TimeSpan.FromSeconds(-1)));
        var table = new ApsDuplicateRejectionTable(5, Timeout);
        Assert.AreEqual(5, table.Capacity);
        Assert.AreEqual(Timeout, table.Timeout);
    }
}
