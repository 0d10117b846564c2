using System.Text.Json;
using ZigBee.Cli.Simulate;
using ZigBee.Stack.Scenarios;

namespace ZigBee.Tests.Cli;

[TestClass]
public sealed class SimulateSecurityTests
{
    private static (JsonElement Summary, string Text) Simulate(NwkScenarioOptions options)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.AreEqual(0, SimulateCommand.Run(options, null, json: true, output, error), error.ToString());
        var lines = output.ToString().TrimEnd().Split('\n');
        using var summary = JsonDocument.Parse(lines[^1]);
        return (summary.RootElement.Clone(), string.Join('\n', lines[..^1]));
    }

    [TestMethod]
    public void ASecuredRunReportsItsKeyAndRefusals()
    {
        var options = new NwkScenarioOptions { Nodes = 8, Sleepy = 1, Seed = 2, Duration = TimeSpan.FromMinutes(1) };
        var (summary, text) = Simulate(options);
        var (again, _) = Simulate(options);
        var (otherSeed, _) = Simulate(options with { Seed = 3 });

        var key = summary.GetProperty("network_key").GetString()!;
        Assert.MatchesRegex("^[0-9A-F]{32}$", key);
        Assert.AreEqual(key, again.GetProperty("network_key").GetString(), "the key comes from the seed");
        Assert.AreNotEqual(key, otherSeed.GetProperty("network_key").GetString());
        Assert.AreEqual(0, summary.GetProperty("refused_replay").GetInt64());
        Assert.AreEqual(0, summary.GetProperty("refused_mic").GetInt64());
        Assert.AreEqual(0, summary.GetProperty("refused_unauthorised").GetInt64());
        Assert.AreEqual(summary.GetProperty("sent").GetInt64(), summary.GetProperty("delivered").GetInt64());
        Assert.Contains($"NWK security on, network key {key}", text);
    }

    [TestMethod]
    public void AnUnsecuredRunSaysSoAndKeepsEveryKey()
    {
        var (secured, _) = Simulate(new NwkScenarioOptions { Nodes = 6, Seed = 2, Duration = TimeSpan.FromMinutes(1) });
        var (summary, text) = Simulate(new NwkScenarioOptions { Nodes = 6, Seed = 2, Duration = TimeSpan.FromMinutes(1), Secured = false });

        Assert.AreEqual(JsonValueKind.Null, summary.GetProperty("network_key").ValueKind);
        Assert.AreEqual(0, summary.GetProperty("refused_unauthorised").GetInt64());
        Assert.Contains("NWK security off", text);
        CollectionAssert.AreEqual(
            secured.EnumerateObject().Select(p => p.Name).ToList(),
            summary.EnumerateObject().Select(p => p.Name).ToList(),
            "the same keys either way");
    }
}
