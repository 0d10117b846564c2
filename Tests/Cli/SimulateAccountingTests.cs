using ZigBee.Cli.Simulate;
using ZigBee.Stack.Scenarios;

namespace ZigBee.Tests.Cli;

[TestClass]
public sealed class SimulateAccountingTests
{
    [TestMethod]
    [DataRow("10m", 600.0)]
    [DataRow("30s", 30.0)]
    [DataRow("1h", 3600.0)]
    [DataRow("250ms", 0.25)]
    [DataRow("7.68", 7.68)]
    public void DurationsParse(string text, double seconds)
    {
        Assert.IsTrue(DurationParser.TryParse(text, out var duration));
        Assert.AreEqual(TimeSpan.FromSeconds(seconds), duration);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("ten minutes")]
    [DataRow("-5s")]
    [DataRow("1e300h")]
    [DataRow("m")]
    public void BadDurationsAreRefused(string text) => Assert.IsFalse(DurationParser.TryParse(text, out _));

    [TestMethod]
    public void LedgerCountsDeliveredDuplicatesAndMisdelivered()
    {
        var ledger = new DeliveryLedger();
        ledger.Owe(1, receiver: 5);
        ledger.Owe(1, receiver: 6);
        ledger.Owe(2, receiver: 5);

        ledger.Arrived(1, 5, intact: true);
        ledger.Arrived(1, 5, intact: true); // a second copy
        ledger.Arrived(1, 7, intact: true); // not for node 7
        ledger.Arrived(2, 5, intact: false); // corrupted contents never count as delivered

        Assert.AreEqual(3, ledger.Sent);
        Assert.AreEqual(1, ledger.Delivered);
        Assert.AreEqual(1, ledger.Duplicates);
        Assert.AreEqual(1, ledger.Misdelivered);
        Assert.AreEqual(1, ledger.Corrupted);
        Assert.AreEqual(1.0 / 3, ledger.DeliveryRatio, 1e-12);
    }
}
