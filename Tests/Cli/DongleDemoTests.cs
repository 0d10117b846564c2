using ZigBee.Cli.Demo;
using ZigBee.Cli.XBee;
using ZigBee.Simulation.Scheduling;
using ZigBee.XBee.Emulator;
using ZigBee.XBee.Frames;

namespace ZigBee.Tests.Cli;

/// <summary>`zigbee demo --port` and `zigbee xbee` against the emulator on a pseudo-terminal, through System.IO.Ports.</summary>
[TestClass]
public sealed class DongleDemoTests
{
    [TestMethod]
    public async Task TheDemoThroughADongleFormsJoinsInterviewsAndHearsEveryDeviceAnswer()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("pseudo-terminals are served on Linux only");
        }

        var firmware = ZigBeeFirmware.Create(new SimulationScheduler(), new ZigBeeFirmwareOptions { Devices = 5, Routers = 2, Sleepy = 1, Seed = 4 });
        firmware.ApiMode = ApiMode.Unescaped;
        using var emulator = new XBeeEmulator(firmware, new XBeeEmulatorOptions { LinkPath = Path.Combine(Path.GetTempPath(), $"zigbee-demo-{Guid.NewGuid():N}"), Speed = 10 });
        emulator.Start();
        var output = new StringWriter();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var exit = await DongleSession.RunAsync(new DongleAddress(emulator.PortPath!, 9600, ApiMode.Escaped, ScanBaudRates: false), output,
            new DongleDemoRunner(output, expectedDevices: 5, TimeSpan.FromSeconds(60)).RunAsync, guard.Token);

        var text = output.ToString();
        Assert.AreEqual(0, exit, text);
        StringAssert.Contains(text, "5 joined, 5 interviewed, 5 delivered, 5 replies");
        StringAssert.Contains(text, "API mode 2", "the link switched the dongle from mode 1 to its own mode 2");
        Assert.AreEqual(5, text.Split('\n').Count(l => l.Contains("answered \"hello 0x", StringComparison.Ordinal)));
    }

    // These swap Console.Error, which every test shares.
    [DoNotParallelize]
    [TestMethod]
    [DataRow("send", "--to", "12345", "--data", "x")]
    [DataRow("send", "--to", "0x1234", "--data", "0xABC")]
    [DataRow("form", "--channel", "27")]
    [DataRow("form", "--network-key", "00")]
    [DataRow("permit-join", "--seconds", "300")]
    public void BadArgumentsAreAOneLineErrorBeforeThePortIsTouched(params string[] arguments)
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            var exit = XBeeCommand.Create().Parse(["--port", "/nonexistent/port", .. arguments]).Invoke();

            Assert.AreEqual(2, exit);
            StringAssert.StartsWith(error.ToString(), "xbee: ");
            Assert.DoesNotContain("/nonexistent/port", error.ToString(), "the argument is refused before the port is opened");
        }
        finally
        {
            Console.SetError(previous);
        }
    }

    [DoNotParallelize]
    [TestMethod]
    public void AMissingPortIsAOneLineErrorWithExitCodeTwo()
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            var exit = XBeeCommand.Create().Parse(["--port", "/nonexistent/port", "info"]).Invoke();

            Assert.AreEqual(2, exit);
            StringAssert.Contains(error.ToString(), "no such device");
        }
        finally
        {
            Console.SetError(previous);
        }
    }
}
