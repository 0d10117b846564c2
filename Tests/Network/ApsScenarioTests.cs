using ZigBee.Stack.Scenarios;

namespace ZigBee.Tests.Network;

/// <summary>Whole networks carrying traffic through the APS layer: groups, bindings, fragmented transfers.</summary>
[TestClass]
public sealed class ApsScenarioTests
{
    [TestMethod]
    public void Group_traffic_reaches_every_member_once_and_no_one_else()
    {
        var scenario = new NwkScenario(new NwkScenarioOptions { Nodes = 30, Seed = 4, Traffic = ScenarioTraffic.Group, Duration = TimeSpan.FromMinutes(5) });
        var result = scenario.Run();

        var members = Enumerable.Range(1, 29).Count(scenario.IsGroupMember);
        Assert.AreEqual(29 / 2, members, "half the routers");
        Assert.IsGreaterThan(0, result.Sent);
        Assert.AreEqual(result.Sent, result.Delivered);
        Assert.AreEqual(0, result.Misdelivered);
        Assert.AreEqual(0, result.Duplicates);
    }

    [TestMethod]
    public void Bound_traffic_reaches_both_bound_devices_of_every_device()
    {
        var scenario = new NwkScenario(new NwkScenarioOptions { Nodes = 20, Sleepy = 3, Seed = 5, Traffic = ScenarioTraffic.Bound, Duration = TimeSpan.FromMinutes(5) });
        var result = scenario.Run();

        for (var node = 1; node < 20; node++)
        {
            Assert.AreEqual(2, scenario.ApsNodes[node].Bindings.Count, $"node {node} is bound to two devices");
        }

        Assert.IsGreaterThan(19 * 2 * 5, result.Sent, "each binding owed each message");
        Assert.IsGreaterThanOrEqualTo(0.99, result.DeliveryRatio, $"{result.Delivered}/{result.Sent}");
        Assert.AreEqual(0, result.Misdelivered);
        Assert.AreEqual(0, result.Duplicates);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(4)]
    [DataRow(8)]
    public void Fragmented_transfers_arrive_whole_through_a_mesh(int window)
    {
        var scenario = new NwkScenario(new NwkScenarioOptions
        {
            Nodes = 12, Seed = 6, Traffic = ScenarioTraffic.Fragmented, FragmentSize = 3000, Window = window, Duration = TimeSpan.FromMinutes(4),
        });
        var result = scenario.Run();

        Assert.IsGreaterThanOrEqualTo(11, result.Sent);
        Assert.AreEqual(result.Sent, result.Delivered, $"aps no-ack {result.ApsNoAck}");
        Assert.AreEqual(0, result.Corrupted);
        Assert.IsNotNull(result.GoodputBps);
    }

    [TestMethod]
    public void Over_one_hop_window_eight_reaches_ninety_percent_of_the_phy_bound_in_virtual_time()
    {
        double Ratio(int window)
        {
            var result = new NwkScenario(new NwkScenarioOptions
            {
                Nodes = 2, Topology = "line", Seed = 1, Traffic = ScenarioTraffic.Fragmented, FragmentSize = 10240, Window = window, Duration = TimeSpan.FromMinutes(1),
            }).Run();
            Assert.AreEqual(result.Sent, result.Delivered);
            return result.GoodputBps!.Value / result.PhyBoundBps;
        }

        var one = Ratio(1);
        var four = Ratio(4);
        var eight = Ratio(8);
        Assert.IsGreaterThanOrEqualTo(0.9, eight);
        Assert.IsGreaterThan(one, four, "a larger window waits for fewer acknowledgements");
        Assert.IsGreaterThan(four, eight);
        Assert.IsLessThanOrEqualTo(1.0, eight, "nothing beats the bound");
    }
}
