using ZigBee.Mac.Frames;
using ZigBee.Mac.Tables;

namespace ZigBee.Tests.Mac.Tables;

[TestClass]
public sealed class DuplicateRejectionTableTests
{
    [TestMethod]
    public void SameSourceAndSequenceIsADuplicate()
    {
        var table = new DuplicateRejectionTable(4);
        var a = MacAddress.FromShort(1);
        Assert.IsFalse(table.IsDuplicate(a, 10));
        Assert.IsTrue(table.IsDuplicate(a, 10));
        Assert.IsFalse(table.IsDuplicate(a, 11));
        Assert.IsFalse(table.IsDuplicate(a, 10), "only the last sequence number is remembered");
        Assert.IsFalse(table.IsDuplicate(MacAddress.FromShort(2), 10), "another source");
        Assert.IsFalse(table.IsDuplicate(MacAddress.FromExtended(1), 10), "another addressing mode");
        Assert.IsTrue(table.IsDuplicate(MacAddress.FromExtended(1), 10), "found past the short address of the same value");
        Assert.AreEqual(3, table.Count);
    }

    [TestMethod]
    public void FullTableForgetsTheOldestSource()
    {
        var table = new DuplicateRejectionTable(2);
        table.IsDuplicate(MacAddress.FromShort(1), 1);
        table.IsDuplicate(MacAddress.FromShort(2), 2);
        table.IsDuplicate(MacAddress.FromShort(3), 3);
        Assert.AreEqual(2, table.Count);
        Assert.IsTrue(table.IsDuplicate(MacAddress.FromShort(3), 3));
        Assert.IsTrue(table.IsDuplicate(MacAddress.FromShort(2), 2));
        Assert.IsFalse(table.IsDuplicate(MacAddress.FromShort(1), 1), "forgotten");
        table.Clear();
        Assert.AreEqual(0, table.Count);
        Assert.IsFalse(table.IsDuplicate(MacAddress.FromShort(2), 2));
    }
}
