using System.CommandLine;

namespace ZigBee.Cli.Demo;

/// <summary>`zigbee demo`: what the stack does today, on the simulated radio, in a few readable lines.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated radio", DefaultValueFactory = _ => 1 };
        var pcap = new Option<FileInfo?>("--pcap") { Description = "Write every frame on air to this pcap file (link type 195)" };
        var command = new Command("demo", "Run a small network on the simulated radio in virtual time and narrate it") { seed, pcap };
        command.SetAction(async (parse, _) =>
        {
            var runner = new DemoRunner(Console.Out, parse.GetValue(seed));
            var file = parse.GetValue(pcap);
            using var capture = file is null ? null : Simulate.PcapCapture.TryOpen(file, runner.Medium, "demo", Console.Error);
            if (file is not null && capture is null)
            {
                return 2;
            }

            var exit = await runner.Run();
            if (capture is not null)
            {
                Console.WriteLine($"{capture.FramesWritten} frames written to {file!.FullName}");
            }

            return exit;
        });
        return command;
    }
}
