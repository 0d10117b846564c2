using System.Text.Json;
using System.Xml.Linq;
using ZigBee.Cli.Simulate;
using ZigBee.Stack.Scenarios;

namespace ZigBee.Tests.Cli;

[TestClass]
public sealed class SimulateZdoTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static NwkScenarioOptions Options => new()
    {
        Nodes = 12, EndDevices = 2, Sleepy = 2, Seed = 5, Duration = TimeSpan.FromMinutes(2), Interval = TimeSpan.FromSeconds(60),
    };

    [TestMethod]
    public void MapWritesAnSvgOfTheCrawlAndTheJsonAgreesWithIt()
    {
        var file = new FileInfo(Path.Combine(Path.GetTempPath(), $"simulate-map-{Guid.NewGuid():N}.svg"));
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = SimulateCommand.Run(Options, null, json: true, output, error, file);

            Assert.AreEqual(0, exit, error.ToString());
            var lines = output.ToString().TrimEnd().Split('\n');
            using var summary = JsonDocument.Parse(lines[^1]);
            var root = summary.RootElement;
            Assert.IsTrue(root.GetProperty("zdo").GetBoolean(), "--map implies --zdo");
            Assert.AreEqual(11, root.GetProperty("joined").GetInt32());
            Assert.AreEqual(11, root.GetProperty("interviewed").GetInt32());
            var found = root.GetProperty("links_found").GetInt32();
            Assert.IsGreaterThanOrEqualTo(11, found);
            Assert.AreEqual(root.GetProperty("links_true").GetInt32(), found);
            Assert.AreEqual(found, root.GetProperty("links_matched").GetInt32());
            Assert.AreEqual(0, root.GetProperty("crawl_unreachable").GetInt32());
            Assert.IsTrue(lines.Any(l => l.StartsWith("ZDO: 11 devices interviewed (11 in the network at the end); the crawl found", StringComparison.Ordinal)), output.ToString());

            var svg = XDocument.Load(file.FullName).Root!;
            Assert.AreEqual(Svg + "svg", svg.Name);
            Assert.IsNotNull(svg.Attribute("viewBox"));
            Assert.HasCount(12, svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("id") == "devices").Elements(Svg + "circle"));
            Assert.HasCount(found, svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("id") == "links").Elements(Svg + "line"));
        }
        finally
        {
            file.Delete();
        }
    }

    [TestMethod]
    public void TheCommandLineTakesZdoAndMap()
    {
        var file = new FileInfo(Path.Combine(Path.GetTempPath(), $"simulate-map-{Guid.NewGuid():N}.svg"));
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = SimulateCommand.Create().Parse(["--nodes", "5", "--sleepy", "1", "--seed", "2", "--duration", "1m", "--map", file.FullName, "--json"])
                .Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });

            Assert.AreEqual(0, exit, error.ToString());
            using var summary = JsonDocument.Parse(output.ToString().TrimEnd().Split('\n')[^1]);
            Assert.IsTrue(summary.RootElement.GetProperty("zdo").GetBoolean());
            Assert.AreEqual(4, summary.RootElement.GetProperty("interviewed").GetInt32());
            Assert.AreEqual(Svg + "svg", XDocument.Load(file.FullName).Root!.Name);

            output = new StringWriter();
            exit = SimulateCommand.Create().Parse(["--nodes", "5", "--sleepy", "1", "--seed", "2", "--duration", "1m", "--zdo", "--json"])
                .Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
            Assert.AreEqual(0, exit, error.ToString());
            using var zdoOnly = JsonDocument.Parse(output.ToString().TrimEnd().Split('\n')[^1]);
            Assert.IsTrue(zdoOnly.RootElement.GetProperty("zdo").GetBoolean());
            Assert.AreEqual(zdoOnly.RootElement.GetProperty("links_true").GetInt32(), zdoOnly.RootElement.GetProperty("links_found").GetInt32());
        }
        finally
        {
            file.Delete();
        }
    }

    [TestMethod]
    public void WithoutZdoTheKeysAreThereAndZero()
    {
        var output = new StringWriter();
        var exit = SimulateCommand.Run(Options with { Nodes = 5, EndDevices = 0, Sleepy = 1 }, null, json: true, output, new StringWriter());

        Assert.AreEqual(0, exit);
        var lines = output.ToString().TrimEnd().Split('\n');
        using var summary = JsonDocument.Parse(lines[^1]);
        Assert.IsFalse(summary.RootElement.GetProperty("zdo").GetBoolean());
        foreach (var key in new[] { "interviewed", "links_found", "links_true", "links_matched", "crawl_unreachable" })
        {
            Assert.AreEqual(0, summary.RootElement.GetProperty(key).GetInt32(), key);
        }

        Assert.IsFalse(lines.Any(l => l.StartsWith("ZDO:", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void AMapInAFolderThatDoesNotExistExitsWithTwoBeforeTheRun()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var nowhere = new FileInfo(Path.Combine(Path.GetTempPath(), $"no-such-dir-{Guid.NewGuid():N}", "map.svg"));
        var exit = SimulateCommand.Run(Options, null, json: true, output, error, nowhere);

        Assert.AreEqual(2, exit);
        Assert.Contains("cannot write", error.ToString());
        Assert.AreEqual(string.Empty, output.ToString());
    }
}
