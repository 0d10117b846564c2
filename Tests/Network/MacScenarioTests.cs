using ZigBee.Stack.Scenarios;

namespace ZigBee.Tests.Network;

[TestClass]
public sealed class MacScenarioTests
{
    [TestMethod]
    public void TwentyNodesWithFourSleepersAllJoinAndEveryFrameArrives()
    {
        // The acceptance run: zigbee simulate --nodes 20 --seed 7 --sleepy 4.
        var result = new MacScenario(new MacScenarioOptions { Nodes = 20, Sleepy = 4, Seed = 7 }).Run();

        Assert.AreEqual(19, result.Joined);
        Assert.IsGreaterThan(19L * 15, result.Sent, "deliveries owed in 10 minutes");
        Assert.AreEqual(result.Sent, result.Delivered);
        Assert.AreEqual(0, result.Duplicates);
        Assert.AreEqual(0, result.Misdelivered);
        Assert.IsGreaterThan(0L, result.Polls);
    }

    [TestMethod]
    public void SameSeedSameRunDifferentSeedDifferentRun()
    {
        var options = new MacScenarioOptions { Nodes = 12, Sleepy = 2, EndDevices = 2, Seed = 3, Duration = TimeSpan.FromMinutes(2), Loss = 0.2 };
        var a = new MacScenario(options).Run();
        var b = new MacScenario(options).Run();
        var c = new MacScenario(options with { Seed = 4 }).Run();

        Assert.AreEqual(a, b);
        Assert.AreNotEqual(a.Events, c.Events);
    }

    [TestMethod]
    public void LossyLinksAreRepairedByRetriesNotByLuck()
    {
        var result = new MacScenario(new MacScenarioOptions { Nodes = 10, Sleepy = 3, Seed = 11, Loss = 0.2, Duration = TimeSpan.FromMinutes(3) }).Run();

        Assert.AreEqual(9, result.Joined);
        Assert.IsGreaterThan(0L, result.MacRetries, "a 20 % lossy medium must cost retries");
        Assert.IsGreaterThan(0.95, result.DeliveryRatio);
        Assert.AreEqual(0, result.Misdelivered);
    }

    [TestMethod]
    public void NodesOutOfTheCoordinatorsRangeDoNotJoinAtTheMacStage()
    {
        // On a 3×3 grid only the coordinator's lattice neighbours hear it; MAC alone cannot relay for the others.
        var result = new MacScenario(new MacScenarioOptions { Nodes = 9, Topology = "grid", Seed = 1, Duration = TimeSpan.FromMinutes(1) }).Run();

        Assert.AreEqual(3, result.Joined);
        Assert.AreEqual(result.Sent, result.Delivered);
    }

    [TestMethod]
    [DataRow(0, 0, 0, "star")]
    [DataRow(5, 3, 3, "star")]
    [DataRow(5, 0, 0, "mesh")]
    public void BadOptionsAreRefusedWithAReason(int nodes, int endDevices, int sleepy, string topology)
    {
        var options = new MacScenarioOptions { Nodes = nodes, EndDevices = endDevices, Sleepy = sleepy, Topology = topology };
        Assert.IsNotNull(options.Validate());
        Assert.ThrowsExactly<ArgumentException>(() => new MacScenario(options));
    }
}
