using ZigBee.Stack.Scenarios;
using ZigBee.Zdo.Management;

namespace ZigBee.Tests.Zdo;

[TestClass]
public sealed class ZdoNetworkTests
{
    private static NwkScenarioOptions Mesh(int seed) => new()
    {
        Nodes = 30, EndDevices = 6, Sleepy = 3, Seed = seed, Zdo = true, Duration = TimeSpan.FromMinutes(4), Interval = TimeSpan.FromSeconds(60),
    };

    [TestMethod]
    public void EveryDeviceIsInterviewedAndTheCrawlFindsExactlyTheSimulatorsLinks()
    {
        var scenario = new NwkScenario(Mesh(3));
        var result = scenario.Run();

        Console.WriteLine(result);
        Console.WriteLine($"found {result.LinksFound} true {result.LinksTrue} matched {result.LinksMatched} unreachable {result.CrawlUnreachable}");
        var c = scenario.ZdoNodes[0].Counters;
        Console.WriteLine($"coord: served {c.RequestsServed} matched {c.ResponsesMatched} unmatched {c.ResponsesUnmatched} timeouts {c.RequestTimeouts} sendfail {c.SendFailures} heard {c.AnnouncementsHeard} failedInterviews {scenario.NetworkManager!.FailedInterviews}");
        var served = scenario.ZdoNodes.Sum(z => z.Counters.RequestsServed);
        var sent = scenario.ZdoNodes.Sum(z => z.Counters.AnnouncementsSent);
        var sf = scenario.ZdoNodes.Sum(z => z.Counters.SendFailures);
        Console.WriteLine($"all: served {served} annSent {sent} sendfail {sf}");
        Assert.AreEqual(29, result.Joined);
        Assert.AreEqual(29, result.Interviewed, $"interview failures {scenario.NetworkManager!.FailedInterviews}");
        Assert.IsNotNull(scenario.Crawl);
        Console.WriteLine($"found {result.LinksFound} true {result.LinksTrue} matched {result.LinksMatched} unreachable {result.CrawlUnreachable}");
        File.WriteAllText("/tmp/zdo-map.svg", NetworkMapSvg.Render(scenario.Crawl!.Map));
        Assert.AreEqual(result.LinksTrue, result.LinksMatched);
        Assert.AreEqual(result.LinksTrue, result.LinksFound);
    }
}
