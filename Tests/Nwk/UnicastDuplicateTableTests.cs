using ZigBee.Nwk.Tables;

namespace ZigBee.Tests.Nwk;

[TestClass]
public sealed class UnicastDuplicateTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void SameSourceAndSequence_WithinTheWindow_IsADuplicate()
    {
        var table = new UnicastDuplicateTable(4, TimeSpan.FromSeconds(10));

        Assert.IsFalse(table.IsDuplicate(0x1234, 7, T0));
        Assert.IsTrue(table.IsDuplicate(0x1234, 7, T0.AddSeconds(9)));
        Assert.IsFalse(table.IsDuplicate(0x1234, 8, T0), "another sequence number");
        Assert.IsFalse(table.IsDuplicate(0x4321, 7, T0), "another source");
    }

    [TestMethod]
    public void AfterTheWindow_TheSequenceNumberMayComeBack()
    {
        var table = new UnicastDuplicateTable(4, TimeSpan.FromSeconds(10));

        Assert.IsFalse(table.IsDuplicate(0x1234, 7, T0));
        Assert.IsFalse(table.IsDuplicate(0x1234, 7, T0.AddSeconds(10)), "wrapped around: a new frame");
        Assert.IsTrue(table.IsDuplicate(0x1234, 7, T0.AddSeconds(11)));
    }

    [TestMethod]
    public void AFullTable_ForgetsTheOldestFrame()
    {
        var table = new UnicastDuplicateTable(2, TimeSpan.FromSeconds(10));
        Assert.IsFalse(table.IsDuplicate(1, 1, T0));
        Assert.IsFalse(table.IsDuplicate(2, 1, T0));
        Assert.IsFalse(table.IsDuplicate(3, 1, T0));

        Assert.AreEqual(2, table.Count);
        Assert.IsFalse(table.IsDuplicate(1, 1, T0), "pushed out by the third");
        Assert.IsTrue(table.IsDuplicate(3, 1, T0));
        table.Clear();
        Assert.IsFalse(table.IsDuplicate(3, 1, T0));
    }

    [TestMethod]
    public void BadSizes_AreRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new UnicastDuplicateTable(0, TimeSpan.FromSeconds(1)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new UnicastDuplicateTable(1, TimeSpan.Zero));
    }
}
