using System.Text.Json;
using ZigBee.Cli.Simulate;
using ZigBee.Stack.Scenarios;

namespace ZigBee.Tests.Cli;

[TestClass]
public sealed class SimulateCommandTests
{
    private static readonly string[] ContractKeys =
        ["nodes", "joined", "sent", "delivered", "duplicates", "misdelivered", "delivery_ratio", "virtual_seconds", "wall_seconds", "events"];

    [TestMethod]
    public void JsonSummaryIsTheLastLineAndCarriesTheContractKeys()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = SimulateCommand.Run(new NwkScenarioOptions { Nodes = 6, Sleepy = 1, Seed = 2, Duration = TimeSpan.FromMinutes(1) }, null, json: true, output, error);

        Assert.AreEqual(0, exit, error.ToString());
        var last = output.ToString().TrimEnd().Split('\n')[^1];
        using var summary = JsonDocument.Parse(last);
        foreach (var key in ContractKeys)
        {
            Assert.IsTrue(summary.RootElement.TryGetProperty(key, out _), $"missing key {key} in {last}");
        }

        Assert.AreEqual(6, summary.RootElement.GetProperty("nodes").GetInt32());
        Assert.AreEqual(5, summary.RootElement.GetProperty("joined").GetInt32());
        Assert.AreEqual(summary.RootElement.GetProperty("sent").GetInt64(), summary.RootElement.GetProperty("delivered").GetInt64());
        Assert.AreEqual(1.0, summary.RootElement.GetProperty("delivery_ratio").GetDouble());
    }

    [TestMethod]
    public void BadOptionsExitWithTwoAndOneLine()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = SimulateCommand.Run(new NwkScenarioOptions { Nodes = 3, Sleepy = 5 }, null, json: true, output, error);

        Assert.AreEqual(2, exit);
        Assert.HasCount(1, error.ToString().TrimEnd().Split('\n'));
        Assert.AreEqual(string.Empty, output.ToString());
    }

    [TestMethod]
    public void UnwritablePcapExitsWithTwo()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var nowhere = new FileInfo(Path.Combine(Path.GetTempPath(), $"no-such-dir-{Guid.NewGuid():N}", "run.pcap"));
        var exit = SimulateCommand.Run(new NwkScenarioOptions { Nodes = 3, Duration = TimeSpan.FromSeconds(30) }, nowhere, json: false, output, error);

        Assert.AreEqual(2, exit);
        Assert.Contains("cannot write", error.ToString());
    }

    [TestMethod]
    public void PcapOfARunIsReadableByOurOwnDecoder()
    {
        var file = new FileInfo(Path.Combine(Path.GetTempPath(), $"simulate-{Guid.NewGuid():N}.pcap"));
        try
        {
            var exit = SimulateCommand.Run(new NwkScenarioOptions { Nodes = 4, Sleepy = 1, Seed = 9, Duration = TimeSpan.FromSeconds(40) }, file, json: false, new StringWriter(), new StringWriter());
            Assert.AreEqual(0, exit);

            var decoded = new StringWriter();
            Assert.AreEqual(0, ZigBee.Cli.Decode.DecodeCommand.Run(file, json: true, decoded, new StringWriter()));
            var lines = decoded.ToString().TrimEnd().Split('\n');
            Assert.IsGreaterThan(20, lines.Length);
            foreach (var line in lines)
            {
                using var frame = JsonDocument.Parse(line);
                Assert.IsTrue(frame.RootElement.GetProperty("fcs_ok").GetBoolean(), line);
                Assert.IsFalse(frame.RootElement.TryGetProperty("error", out _), line);
            }
        }
        finally
        {
            file.Delete();
        }
    }
}
