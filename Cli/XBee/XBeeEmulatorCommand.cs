using System.CommandLine;
using ZigBee.Simulation.Scheduling;
using ZigBee.XBee.Emulator;
using ZigBee.XBee.Frames;

namespace ZigBee.Cli.XBee;

/// <summary>`zigbee xbee-emulator`: an emulated XBee on a pseudo-terminal, a simulated network behind it, until stopped.</summary>
internal static class XBeeEmulatorCommand
{
    public static Command Create()
    {
        var link = new Option<string>("--link") { Description = "Path of the symlink to the pseudo-terminal (open it like a serial port)", Required = true };
        var firmware = new Option<string>("--firmware") { Description = "zigbee (the dongle is a coordinator) or 802.15.4 (the dongle is a MAC radio)", DefaultValueFactory = _ => "zigbee" };
        firmware.AcceptOnlyFromAmong("zigbee", "802.15.4");
        var api = new Option<int>("--api") { Description = "API mode: 1 (unescaped) or 2 (escaped)", DefaultValueFactory = _ => 2 };
        api.AcceptOnlyFromAmong("1", "2");
        var devices = new Option<int>("--devices") { Description = "Simulated devices in the network behind the dongle", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated network", DefaultValueFactory = _ => 1 };
        var speed = new Option<double>("--speed") { Description = "Virtual seconds per real second behind the port", DefaultValueFactory = _ => 1.0 };
        var command = new Command("xbee-emulator", "Serve an emulated XBee's API on a pseudo-terminal, backed by a simulated network, until stopped (Ctrl+C)")
        {
            link, firmware, api, devices, seed, speed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!OperatingSystem.IsLinux())
            {
                Console.Error.WriteLine("xbee-emulator: pseudo-terminals are served on Linux only");
                return 2;
            }

            var count = parse.GetValue(devices);
            if (parse.GetValue(speed) <= 0 || count < 0)
            {
                Console.Error.WriteLine("xbee-emulator: --speed must be positive and --devices not negative");
                return 2;
            }

            var scheduler = new SimulationScheduler();
            var mode = (ApiMode)parse.GetValue(api);
            XBeeFirmware emulated;
            string behind;
            if (parse.GetValue(firmware) == "zigbee")
            {
                var options = new ZigBeeFirmwareOptions { Devices = count, Routers = Math.Min(count, Math.Max(1, count / 2)), Sleepy = count > 2 ? 1 : 0, Seed = parse.GetValue(seed) };
                if (options.Validate() is { } problem)
                {
                    Console.Error.WriteLine($"xbee-emulator: {problem}");
                    return 2;
                }

                emulated = ZigBeeFirmware.Create(scheduler, options);
                behind = $"{count} simulated devices that join when the dongle permits joining";
            }
            else
            {
                var network = new Ieee802154Network(scheduler, count, parse.GetValue(seed));
                emulated = network.Firmware;
                behind = $"an unsecured ZigBee network (our coordinator and {count} routers) the host's NWK can join";
                network.Start();
            }

            emulated.ApiMode = mode;
            using var emulator = new XBeeEmulator(emulated, new XBeeEmulatorOptions { LinkPath = Path.GetFullPath(parse.GetValue(link)!), Speed = parse.GetValue(speed) });
            try
            {
                emulator.Start();
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"xbee-emulator: {e.Message}");
                return 2;
            }

            Console.WriteLine($"XBee with {parse.GetValue(firmware)} firmware (VR {emulated.FirmwareVersion:X4}, SH/SL {emulated.ExtendedAddress:X16}) in API mode {(int)mode} on {emulator.PortPath}");
            Console.WriteLine($"behind it: {behind}; virtual time runs at {parse.GetValue(speed)}x. Ctrl+C stops.");
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            Console.WriteLine($"stopped: {emulator.BytesFromHost} bytes from the host, frames skipped: {emulator.ReaderCounters}");
            return emulator.Fault is null ? 0 : 1;
        });
        return command;
    }
}
