using System.Text.Json;
using ZigBee.Aps.Service;
using ZigBee.Cli.Simulate;
using ZigBee.Stack.Scenarios;

namespace ZigBee.Tests.Cli;

[TestClass]
public sealed class SimulateTrustCenterTests
{
    private static JsonElement Simulate(NwkScenarioOptions options)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.AreEqual(0, SimulateCommand.Run(options, null, json: true, output, error), error.ToString());
        var lines = output.ToString().TrimEnd().Split('\n');
        using var summary = JsonDocument.Parse(lines[^1]);
        return summary.RootElement.Clone();
    }

    [TestMethod]
    [DataRow(TrustCenterMode.AllowAll, "allow-all")]
    [DataRow(TrustCenterMode.InstallCodeOnly, "install-code")]
    public void IntrudersStayOutUnderEitherPolicyWhileEveryDeviceGetsTheKey(TrustCenterMode policy, string name)
    {
        var summary = Simulate(new NwkScenarioOptions
        {
            Nodes = 16, EndDevices = 3, Sleepy = 2, Seed = 6, Intruders = 3, Policy = policy, Duration = TimeSpan.FromMinutes(3),
        });

        Assert.AreEqual(0, summary.GetProperty("intruders_joined").GetInt32());
        Assert.AreEqual(3, summary.GetProperty("intruders").GetInt32());
        Assert.AreEqual(15, summary.GetProperty("joined").GetInt32());
        Assert.AreEqual(15, summary.GetProperty("authenticated").GetInt32());
        Assert.AreEqual(name, summary.GetProperty("policy").GetString());
        Assert.AreEqual("trust-center", summary.GetProperty("key_distribution").GetString());
        // Allow-all sends intruders the key too (under the default key they cannot read); install-code sends them nothing.
        var transportKeys = summary.GetProperty("transport_keys").GetInt64();
        if (policy == TrustCenterMode.AllowAll)
        {
            Assert.IsGreaterThan(15L, transportKeys);
        }
        else
        {
            Assert.AreEqual(15L, transportKeys);
        }

        Assert.IsGreaterThan(0L, summary.GetProperty("refused_unauthorised").GetInt64(), "the intruders' attempts are counted");
        Assert.AreEqual(summary.GetProperty("sent").GetInt64(), summary.GetProperty("delivered").GetInt64(), "the network's own traffic is untouched");
        Assert.AreEqual(0, summary.GetProperty("refused_mic").GetInt64());
    }

    [TestMethod]
    public void InstallCodePolicyNeverSendsAnIntruderTheKey()
    {
        var options = new NwkScenarioOptions { Nodes = 10, Seed = 3, Intruders = 2, Policy = TrustCenterMode.InstallCodeOnly, Duration = TimeSpan.FromMinutes(2) };
        var result = new NwkScenario(options).Run();
        Assert.AreEqual(9, result.Authenticated);
        Assert.AreEqual(9, result.TransportKeys, "one transport key per device with an install code, none for intruders");
        Assert.AreEqual(0, result.IntrudersJoined);
    }

    [TestMethod]
    public void SameSeedSameTrustCenterRun()
    {
        var options = new NwkScenarioOptions { Nodes = 12, Sleepy = 2, EndDevices = 2, Seed = 8, Loss = 0.05, Intruders = 2, Duration = TimeSpan.FromMinutes(2) };
        var a = new NwkScenario(options).Run();
        var b = new NwkScenario(options).Run();
        var c = new NwkScenario(options with { Seed = 9 }).Run();

        Assert.AreEqual(a, b);
        Assert.AreNotEqual(a.Events, c.Events);
    }

    [TestMethod]
    public void PreconfiguredKeysSendNoTransportKey()
    {
        var summary = Simulate(new NwkScenarioOptions { Nodes = 6, Seed = 2, KeyDistribution = ScenarioKeyDistribution.Preconfigured, Duration = TimeSpan.FromMinutes(1) });
        Assert.AreEqual("preconfigured", summary.GetProperty("key_distribution").GetString());
        Assert.AreEqual(0, summary.GetProperty("transport_keys").GetInt64());
        Assert.AreEqual(5, summary.GetProperty("joined").GetInt32());
        Assert.AreEqual(0, summary.GetProperty("refused_unauthorised").GetInt64());
    }

    [TestMethod]
    public void CommandLineTakesPolicyIntrudersAndPreconfiguredKey()
    {
        Assert.IsTrue(SimulateCommand.TryParsePolicy("install-code", out var mode));
        Assert.AreEqual(TrustCenterMode.InstallCodeOnly, mode);
        Assert.IsTrue(SimulateCommand.TryParsePolicy("allow-all", out mode));
        Assert.AreEqual(TrustCenterMode.AllowAll, mode);
        Assert.IsFalse(SimulateCommand.TryParsePolicy("refuse-everything", out _));

        var error = Console.Error;
        try
        {
            Console.SetError(new StringWriter());
            Assert.AreEqual(2, SimulateCommand.Create().Parse(["--policy", "bogus", "--nodes", "3"]).Invoke());
            Assert.AreEqual(2, SimulateCommand.Create().Parse(["--intruders", "2", "--no-security", "--nodes", "3"]).Invoke(), "intruders need a trust center");
        }
        finally
        {
            Console.SetError(error);
        }

        Assert.IsNotNull(new NwkScenarioOptions { Intruders = -1 }.Validate());
        Assert.IsNull(new NwkScenarioOptions { Intruders = 5 }.Validate());
    }
}
