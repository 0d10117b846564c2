using System.CommandLine;

namespace ZigBee.Cli.Demo;

/// <summary>`zigbee demo`: what the stack does today, on the simulated radio, in a few readable lines.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated radio", DefaultValueFactory = _ => 1 };
        var pcap = new Option<FileInfo?>("--pcap") { Description = "Write every frame on air to this pcap file (link type 195)" };
        var port = new Option<string?>("--port") { Description = "Run the demo through an XBee with ZigBee firmware on this serial port (a dongle, or zigbee xbee-emulator's --link)" };
        var baud = new Option<int>("--baud") { Description = "Serial speed of --port", DefaultValueFactory = _ => 9600 };
        var devices = new Option<int>("--devices") { Description = "With --port: how many devices to wait for", DefaultValueFactory = _ => 5 };
        var wait = new Option<int>("--wait") { Description = "With --port: seconds joining stays open", DefaultValueFactory = _ => 60 };
        var command = new Command("demo", "Run a small network on the simulated radio in virtual time and narrate it (or, with --port, through a dongle)") { seed, pcap, port, baud, devices, wait };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(port) is { } path)
            {
                var runner = new DongleDemoRunner(Console.Out, Math.Max(1, parse.GetValue(devices)), TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(wait), 1, 254)));
                return await XBee.DongleSession.RunAsync(new XBee.DongleAddress(path, parse.GetValue(baud), ZigBee.XBee.Frames.ApiMode.Escaped, ScanBaudRates: true),
                    Console.Out, runner.RunAsync, cancellationToken);
            }

            var simulated = new DemoRunner(Console.Out, parse.GetValue(seed));
            var file = parse.GetValue(pcap);
            using var capture = file is null ? null : Simulate.PcapCapture.TryOpen(file, simulated.Medium, "demo", Console.Error);
            if (file is not null && capture is null)
            {
                return 2;
            }

            var exit = await simulated.Run();
            if (capture is not null)
            {
                Console.WriteLine($"{capture.FramesWritten} frames written to {file!.FullName}");
            }

            return exit;
        });
        return command;
    }
}
