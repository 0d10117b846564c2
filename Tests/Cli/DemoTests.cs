using ZigBee.Cli.Demo;

namespace ZigBee.Tests.Cli;

[TestClass]
public sealed class DemoTests
{
    [TestMethod]
    public async Task DemoFormsJoinsRoutesBroadcastsAndRepairs()
    {
        var output = new StringWriter();
        var exit = await new DemoRunner(output, seed: 1).Run();
        var text = output.ToString();

        Assert.AreEqual(0, exit, text);
        Assert.Contains("NLME-NETWORK-FORMATION: Success", text);
        Assert.Contains("channel 15 (the quietest", text); // channels 11–14 and 21–24 carry Wi-Fi energy
        Assert.Contains("sleepy sensor joined as sleeping end device", text);
        Assert.Contains("depth 5", text);
        Assert.Contains("coordinator   received \"temperature 21.5 C\"", text);
        Assert.Contains("after 5 hop(s)", text);
        Assert.Contains("sleepy sensor received \"all lights off\"", text);
        StringAssert.Matches(text, new System.Text.RegularExpressions.Regex(@"router E +relayed [1-9]\d* frame\(s\) on the repaired route"));
    }
}
