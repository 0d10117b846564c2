using ZigBee.Cli.Demo;

namespace ZigBee.Tests.Cli;

[TestClass]
public sealed class DemoTests
{
    [TestMethod]
    public async Task DemoNarratesJoiningIndirectDeliveryExpiryAndRetries()
    {
        var output = new StringWriter();
        var exit = await new DemoRunner(output, seed: 1).Run();
        var text = output.ToString();

        Assert.AreEqual(0, exit, text);
        Assert.Contains("quietest is channel 15", text); // channels 11–14 and 21–24 carry Wi-Fi energy
        Assert.Contains("sleepy sensor MLME-ASSOCIATE.confirm: Success, short address 0x0003", text);
        Assert.Contains("sleepy sensor received \"lights off at 23:00\"", text);
        Assert.Contains("TransactionExpired after 7.68 s", text);
        Assert.Contains("NoAck after 4 transmissions", text);
    }
}
