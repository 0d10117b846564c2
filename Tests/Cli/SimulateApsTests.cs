using System.Text.Json;
using ZigBee.Cli.Simulate;
using ZigBee.Stack.Scenarios;

namespace ZigBee.Tests.Cli;

[TestClass]
public sealed class SimulateApsTests
{
    [TestMethod]
    public void Json_summary_carries_the_aps_keys()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var options = new NwkScenarioOptions { Nodes = 2, Topology = "line", Traffic = ScenarioTraffic.Fragmented, FragmentSize = 2048, Window = 4, Duration = TimeSpan.FromSeconds(40) };
        Assert.AreEqual(0, SimulateCommand.Run(options, null, json: true, output, error), error.ToString());

        using var summary = JsonDocument.Parse(output.ToString().TrimEnd().Split('\n')[^1]);
        var root = summary.RootElement;
        foreach (var key in new[] { "aps_retries", "aps_no_ack", "goodput_bps", "phy_bound_bps", "nodes", "delivered" })
        {
            Assert.IsTrue(root.TryGetProperty(key, out _), key);
        }

        Assert.AreEqual("fragmented", root.GetProperty("traffic").GetString());
        Assert.AreEqual(4, root.GetProperty("window").GetInt32());
        Assert.IsGreaterThan(0.0, root.GetProperty("goodput_bps").GetDouble());
        Assert.IsLessThan(root.GetProperty("phy_bound_bps").GetDouble(), root.GetProperty("goodput_bps").GetDouble());
    }

    [TestMethod]
    public void Goodput_is_null_without_fragmented_traffic()
    {
        var output = new StringWriter();
        var options = new NwkScenarioOptions { Nodes = 4, Traffic = ScenarioTraffic.Group, Duration = TimeSpan.FromSeconds(40) };
        Assert.AreEqual(0, SimulateCommand.Run(options, null, json: true, output, new StringWriter()));
        using var summary = JsonDocument.Parse(output.ToString().TrimEnd().Split('\n')[^1]);
        Assert.AreEqual(JsonValueKind.Null, summary.RootElement.GetProperty("goodput_bps").ValueKind);
        Assert.AreEqual("group", summary.RootElement.GetProperty("traffic").GetString());
    }

    [TestMethod]
    [DataRow("fragmented:")]
    [DataRow("fragmented:-4")]
    [DataRow("fragmented:4k")]
    [DataRow("fragments")]
    public void Malformed_traffic_values_are_refused(string text) =>
        Assert.IsFalse(SimulateCommand.TryParseTraffic(text, out _, out _));

    [TestMethod]
    public void Traffic_values_parse()
    {
        Assert.IsTrue(SimulateCommand.TryParseTraffic("fragmented:4096", out var traffic, out var size));
        Assert.AreEqual(ScenarioTraffic.Fragmented, traffic);
        Assert.AreEqual(4096, size);
        Assert.IsTrue(SimulateCommand.TryParseTraffic("bound", out traffic, out _));
        Assert.AreEqual(ScenarioTraffic.Bound, traffic);
    }

    [TestMethod]
    [DataRow(0, 1024)]
    [DataRow(9, 1024)]
    [DataRow(8, 5)]
    [DataRow(8, 100000)]
    public void Out_of_range_window_or_size_exits_with_two(int window, int size)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var options = new NwkScenarioOptions { Nodes = 3, Traffic = ScenarioTraffic.Fragmented, FragmentSize = size, Window = window };
        Assert.AreEqual(2, SimulateCommand.Run(options, null, json: true, output, error));
        Assert.HasCount(1, error.ToString().TrimEnd().Split('\n'));
    }
}
