using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ZigBee.Stack.Scenarios;

namespace ZigBee.Cli.Simulate;

/// <summary>`zigbee simulate`: a whole network in virtual time, with a summary a person or a script can read.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var nodes = new Option<int>("--nodes") { Description = "Nodes in the network, the PAN coordinator included", DefaultValueFactory = _ => 20 };
        var endDevices = new Option<int>("--end-devices") { Description = "End devices with the receiver on" };
        var sleepy = new Option<int>("--sleepy") { Description = "Sleeping end devices (receiver off, polling their parent)" };
        var topology = new Option<string>("--topology") { Description = "grid, line, star or random", DefaultValueFactory = _ => "star" };
        topology.AcceptOnlyFromAmong("grid", "line", "star", "random");
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice: the same seed gives the same run", DefaultValueFactory = _ => 1 };
        var duration = new Option<string>("--duration") { Description = "Virtual time to run, e.g. 10m, 90s, 1h", DefaultValueFactory = _ => "10m" };
        var loss = new Option<double>("--loss") { Description = "Loss probability of every link, 0 to 1" };
        var interval = new Option<string>("--interval") { Description = "How often every device sends, e.g. 30s", DefaultValueFactory = _ => "30s" };
        var poll = new Option<string>("--poll") { Description = "How often a sleeping end device polls, e.g. 2s", DefaultValueFactory = _ => "2s" };
        var channel = new Option<int>("--channel") { Description = "Channel of the PAN, 11 to 26", DefaultValueFactory = _ => 15 };
        var pcap = new Option<FileInfo?>("--pcap") { Description = "Write every frame on air to this pcap file (link type 195)" };
        var json = new Option<bool>("--json") { Description = "End with one JSON object summarising the run" };

        var command = new Command("simulate", "Run a network on the simulated radio in virtual time and summarise what was delivered")
        {
            nodes, endDevices, sleepy, topology, seed, duration, loss, interval, poll, channel, pcap, json,
        };
        command.SetAction(parse =>
        {
            if (!DurationParser.TryParse(parse.GetValue(duration), out var runFor)
                || !DurationParser.TryParse(parse.GetValue(interval), out var every)
                || !DurationParser.TryParse(parse.GetValue(poll), out var pollEvery))
            {
                Console.Error.WriteLine("zigbee simulate: --duration, --interval and --poll take durations such as 10m, 30s, 1h or 250ms");
                return 2;
            }

            var options = new MacScenarioOptions
            {
                Nodes = parse.GetValue(nodes),
                EndDevices = parse.GetValue(endDevices),
                Sleepy = parse.GetValue(sleepy),
                Topology = parse.GetValue(topology)!,
                Seed = parse.GetValue(seed),
                Duration = runFor,
                Loss = parse.GetValue(loss),
                Interval = every,
                PollInterval = pollEvery,
                Channel = (byte)Math.Clamp(parse.GetValue(channel), 0, 255),
            };
            return Run(options, parse.GetValue(pcap), parse.GetValue(json), Console.Out, Console.Error);
        });
        return command;
    }

    /// <summary>Runs the scenario and prints its summary; returns the exit code (2 for bad options or an unwritable pcap).</summary>
    public static int Run(MacScenarioOptions options, FileInfo? pcap, bool json, TextWriter output, TextWriter error)
    {
        var problem = options.Validate();
        if (problem is not null)
        {
            error.WriteLine($"zigbee simulate: {problem}");
            return 2;
        }

        var scenario = new MacScenario(options);
        using var capture = pcap is null ? null : PcapCapture.TryOpen(pcap, scenario.Medium, "simulate", error);
        if (pcap is not null && capture is null)
        {
            return 2;
        }

        var started = TimeProvider.System.GetTimestamp();
        var result = scenario.Run();
        var wallSeconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Nodes} nodes ({result.Routers} routers, {result.EndDevices} end devices, {result.Sleepy} sleepy) on a {options.Topology} topology, seed {options.Seed}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"joined {result.Joined}/{result.Nodes - 1}{(result.AllJoinedSeconds is { } t ? $" (all by {t:F2} s)" : string.Empty)}; delivered {result.Delivered}/{result.Sent} ({result.DeliveryRatio:P2}), duplicates {result.Duplicates}, misdelivered {result.Misdelivered}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.VirtualSeconds:F0} virtual seconds in {wallSeconds:F2} wall seconds; {result.Events} events, {result.FramesOnAir} frames on air, {result.Collisions} collisions, {result.MacRetries} MAC retries"));
        if (json)
        {
            WriteJson(output, result, options, wallSeconds);
        }

        return 0;
    }

    private static void WriteJson(TextWriter output, MacScenarioResult result, MacScenarioOptions options, double wallSeconds)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("nodes", result.Nodes);
            writer.WriteNumber("joined", result.Joined);
            writer.WriteNumber("sent", result.Sent);
            writer.WriteNumber("delivered", result.Delivered);
            writer.WriteNumber("duplicates", result.Duplicates);
            writer.WriteNumber("misdelivered", result.Misdelivered);
            writer.WriteNumber("delivery_ratio", Math.Round(result.DeliveryRatio, 6));
            writer.WriteNumber("virtual_seconds", Math.Round(result.VirtualSeconds, 6));
            writer.WriteNumber("wall_seconds", Math.Round(wallSeconds, 3));
            writer.WriteNumber("events", result.Events);
            writer.WriteNumber("routers", result.Routers);
            writer.WriteNumber("end_devices", result.EndDevices);
            writer.WriteNumber("sleepy", result.Sleepy);
            writer.WriteString("topology", options.Topology);
            writer.WriteNumber("seed", options.Seed);
            writer.WriteNumber("channel", options.Channel);
            if (result.AllJoinedSeconds is { } allJoined)
            {
                writer.WriteNumber("all_joined_seconds", Math.Round(allJoined, 6));
            }
            else
            {
                writer.WriteNull("all_joined_seconds");
            }

            writer.WriteNumber("corrupted", result.Corrupted);
            writer.WriteNumber("frames_on_air", result.FramesOnAir);
            writer.WriteNumber("collisions", result.Collisions);
            writer.WriteNumber("mac_retries", result.MacRetries);
            writer.WriteNumber("mac_no_ack", result.MacNoAck);
            writer.WriteNumber("channel_access_failures", result.ChannelAccessFailures);
            writer.WriteNumber("transactions_expired", result.TransactionsExpired);
            writer.WriteNumber("data_confirm_failures", result.DataConfirmFailures);
            writer.WriteNumber("polls", result.Polls);
            writer.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
