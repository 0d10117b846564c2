using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ZigBee.Aps.Service;
using ZigBee.Stack.Scenarios;
using ZigBee.Zdo.Management;

namespace ZigBee.Cli.Simulate;

/// <summary>`zigbee simulate`: a whole ZigBee network in virtual time, with a summary a person or a script can read.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var nodes = new Option<int>("--nodes") { Description = "Nodes in the network, the coordinator included", DefaultValueFactory = _ => 20 };
        var routers = new Option<int?>("--routers") { Description = "Routers; the rest are end devices (default: all but --end-devices and --sleepy)" };
        var endDevices = new Option<int>("--end-devices") { Description = "End devices with the receiver on (when --routers is not given)" };
        var sleepy = new Option<int>("--sleepy") { Description = "Sleeping end devices (receiver off, polling their parent)" };
        var topology = new Option<string>("--topology") { Description = "grid, line, star or random", DefaultValueFactory = _ => "grid" };
        topology.AcceptOnlyFromAmong("grid", "line", "star", "random");
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice: the same seed gives the same run", DefaultValueFactory = _ => 1 };
        var duration = new Option<string>("--duration") { Description = "Virtual time to run, e.g. 10m, 90s, 1h", DefaultValueFactory = _ => "10m" };
        var loss = new Option<double>("--loss") { Description = "Loss probability of every link, 0 to 1" };
        var interval = new Option<string>("--interval") { Description = "How often traffic is sent, e.g. 30s", DefaultValueFactory = _ => "30s" };
        var poll = new Option<string>("--poll") { Description = "How often a sleeping end device polls its parent, e.g. 2s", DefaultValueFactory = _ => "2s" };
        var traffic = new Option<string>("--traffic")
        {
            Description = "unicast (devices → coordinator), to-devices (coordinator → every device), broadcast (coordinator → all), "
                + "group (coordinator → an APS group of half the routers), bound (each device → the two devices its endpoint 1 is bound to, acknowledged) "
                + "or fragmented:SIZE (coordinator → every device, SIZE bytes each, acknowledged, fragmented)",
            DefaultValueFactory = _ => "unicast",
        };
        var window = new Option<int>("--window") { Description = "apsMaxWindowSize of every node, 1 to 8 (fragmented transfers)", DefaultValueFactory = _ => 8 };
        var kill = new Option<string?>("--kill") { Description = "K@T: switch K routers (never the coordinator) off at virtual time T, e.g. 3@5m" };
        var pcap = new Option<FileInfo?>("--pcap") { Description = "Write every frame on air to this pcap file (link type 195)" };
        var json = new Option<bool>("--json") { Description = "End with one JSON object summarising the run" };
        var noSecurity = new Option<bool>("--no-security") { Description = "Run without NWK security (by default every frame is secured with a network key made from the seed)" };
        var policy = new Option<string>("--policy")
        {
            Description = "The trust center's policy: allow-all (default global TC link key) or install-code (only devices whose install code it holds)",
            DefaultValueFactory = _ => "allow-all",
        };
        var intruders = new Option<int>("--intruders") { Description = "Extra devices without the TC link key or an install code that try to join; they must stay out" };
        var preconfigured = new Option<bool>("--preconfigured-key") { Description = "Install the network key on every node beforehand instead of the trust center transporting it" };
        var zdo = new Option<bool>("--zdo")
        {
            Description = "Run ZDO on every node: devices announce themselves, the coordinator interviews each and crawls the topology (Mgmt_Lqi, Mgmt_Rtg) at the end",
        };
        var map = new Option<FileInfo?>("--map") { Description = "Write the crawled network map to this SVG file (implies --zdo)" };

        var command = new Command("simulate", "Run a ZigBee network on the simulated radio in virtual time and summarise what was delivered")
        {
            nodes, routers, endDevices, sleepy, topology, seed, duration, loss, interval, poll, traffic, window, kill, pcap, json, noSecurity,
            policy, intruders, preconfigured, zdo, map,
        };
        command.SetAction(parse =>
        {
            if (!DurationParser.TryParse(parse.GetValue(duration), out var runFor)
                || !DurationParser.TryParse(parse.GetValue(interval), out var every)
                || !DurationParser.TryParse(parse.GetValue(poll), out var pollEvery))
            {
                parse.InvocationConfiguration.Error.WriteLine("zigbee simulate: --duration, --interval and --poll take durations such as 10m, 30s, 1h or 250ms");
                return 2;
            }

            if (!TryParseTraffic(parse.GetValue(traffic)!, out var trafficKind, out var fragmentSize))
            {
                parse.InvocationConfiguration.Error.WriteLine("zigbee simulate: --traffic takes unicast, to-devices, broadcast, group, bound or fragmented:SIZE (SIZE in bytes, e.g. fragmented:4096)");
                return 2;
            }

            var killCount = 0;
            var killAt = TimeSpan.Zero;
            if (parse.GetValue(kill) is { } killText && !TryParseKill(killText, out killCount, out killAt))
            {
                parse.InvocationConfiguration.Error.WriteLine("zigbee simulate: --kill takes K@T, e.g. 3@5m (K routers switched off at virtual time T)");
                return 2;
            }

            if (!TryParsePolicy(parse.GetValue(policy)!, out var trustCenterMode))
            {
                parse.InvocationConfiguration.Error.WriteLine("zigbee simulate: --policy takes allow-all or install-code");
                return 2;
            }

            var options = new NwkScenarioOptions
            {
                Nodes = parse.GetValue(nodes),
                Routers = parse.GetValue(routers),
                EndDevices = parse.GetValue(endDevices),
                Sleepy = parse.GetValue(sleepy),
                Topology = parse.GetValue(topology)!,
                Seed = parse.GetValue(seed),
                Duration = runFor,
                Loss = parse.GetValue(loss),
                Interval = every,
                PollInterval = pollEvery,
                Traffic = trafficKind,
                FragmentSize = fragmentSize,
                Window = parse.GetValue(window),
                Kill = killCount,
                KillAt = killAt,
                Secured = !parse.GetValue(noSecurity),
                KeyDistribution = parse.GetValue(preconfigured) ? ScenarioKeyDistribution.Preconfigured : ScenarioKeyDistribution.TrustCenter,
                Policy = trustCenterMode,
                Intruders = parse.GetValue(intruders),
                Zdo = parse.GetValue(zdo) || parse.GetValue(map) is not null,
            };
            return Run(options, parse.GetValue(pcap), parse.GetValue(json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, parse.GetValue(map));
        });
        return command;
    }

    /// <summary>Parses a --traffic value; fragmented:SIZE also gives the transfer size.</summary>
    public static bool TryParseTraffic(string text, out ScenarioTraffic traffic, out int fragmentSize)
    {
        fragmentSize = new NwkScenarioOptions().FragmentSize;
        traffic = ScenarioTraffic.Unicast;
        switch (text)
        {
            case "unicast":
                return true;
            case "to-devices":
                traffic = ScenarioTraffic.ToDevices;
                return true;
            case "broadcast":
                traffic = ScenarioTraffic.Broadcast;
                return true;
            case "group":
                traffic = ScenarioTraffic.Group;
                return true;
            case "bound":
                traffic = ScenarioTraffic.Bound;
                return true;
        }

        const string Fragmented = "fragmented:";
        traffic = ScenarioTraffic.Fragmented;
        return text.StartsWith(Fragmented, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(Fragmented.Length), NumberStyles.None, CultureInfo.InvariantCulture, out fragmentSize);
    }

    /// <summary>Parses a --policy value.</summary>
    public static bool TryParsePolicy(string text, out TrustCenterMode mode)
    {
        mode = text switch
        {
            "install-code" => TrustCenterMode.InstallCodeOnly,
            _ => TrustCenterMode.AllowAll,
        };
        return text is "allow-all" or "install-code";
    }

    /// <summary>Parses "K@T": K routers at virtual time T.</summary>
    public static bool TryParseKill(string text, out int count, out TimeSpan at)
    {
        count = 0;
        at = default;
        var parts = text.Split('@');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out count)
            && DurationParser.TryParse(parts[1], out at);
    }

    /// <summary>
    /// Runs the scenario and prints its summary; returns the exit code (2 for bad options or an unwritable pcap or
    /// map, 1 when a map was asked for and the crawl did not complete). A map turns ZDO on.
    /// </summary>
    public static int Run(NwkScenarioOptions options, FileInfo? pcap, bool json, TextWriter output, TextWriter error, FileInfo? map = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (map is not null)
        {
            options = options with { Zdo = true };
        }

        var problem = options.Validate();
        if (problem is not null)
        {
            error.WriteLine($"zigbee simulate: {problem}");
            return 2;
        }

        // Fail before the run rather than after minutes of it.
        if (map is { Directory: { Exists: false } folder })
        {
            error.WriteLine($"zigbee simulate: cannot write {map.FullName}: no folder {folder.FullName}");
            return 2;
        }

        var scenario = new NwkScenario(options);
        using var capture = pcap is null ? null : PcapCapture.TryOpen(pcap, scenario.Medium, "simulate", error);
        if (pcap is not null && capture is null)
        {
            return 2;
        }

        var started = TimeProvider.System.GetTimestamp();
        var result = scenario.Run();
        var wallSeconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Nodes} nodes (coordinator, {result.Routers} routers, {result.EndDevices} end devices of which {result.Sleepy} sleep) on a {options.Topology} topology, seed {options.Seed}, {TrafficName(options.Traffic)}{(options.Traffic == ScenarioTraffic.Fragmented ? $":{options.FragmentSize}" : string.Empty)} traffic"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"joined {result.Joined}/{result.Nodes - 1 - options.Kill}{(result.AllJoinedSeconds is { } t ? $" (all by {t:F2} s)" : string.Empty)}, depth up to {result.MaxDepth}; delivered {result.Delivered}/{result.Sent} ({result.DeliveryRatio:P2}) over up to {result.MaxHops} hops, duplicates {result.Duplicates}, misdelivered {result.Misdelivered}"));
        if (result.SentAfterKill is { } sentAfterKill)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"after {options.Kill} routers died at {options.KillAt.TotalSeconds:F0} s: delivered {result.DeliveredAfterKill}/{sentAfterKill}; from {(options.KillAt + options.RecoveryTime).TotalSeconds:F0} s on: {result.DeliveredAfterRecovery}/{result.SentAfterRecovery}; {result.RouteRepairs} route repairs, {result.Rejoins} rejoins"));
        }

        if (options.UsesAps)
        {
            var goodput = result.GoodputBps is { } bps
                ? $"; goodput {bps / 1000:F1} kb/s = {bps / result.PhyBoundBps:P1} of the {result.PhyBoundBps / 1000:F1} kb/s single-hop bound (window {options.Window})"
                : string.Empty;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"APS: {result.ApsRetries} retries, {result.ApsNoAck} NO_ACK{goodput}"));
        }

        output.WriteLine(result.NetworkKey is { } key
            ? string.Create(CultureInfo.InvariantCulture,
                $"NWK security on, network key {key}; refused {result.RefusedReplay} replayed, {result.RefusedMic} with a bad MIC, {result.RefusedUnauthorised} unauthorised")
            : "NWK security off: frames in the clear");
        if (options.UsesTrustCenter)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Trust center ({PolicyName(options.Policy)}): {result.TransportKeys} transport keys, {result.Authenticated} of {result.Nodes - 1} devices hold the key; {result.IntrudersJoined} of {options.Intruders} intruders got in"));
        }
        if (options.Zdo)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ZDO: {result.Interviewed} devices interviewed ({result.Joined} in the network at the end); {(scenario.Crawl is null ? "the crawl did not complete" : $"the crawl found {result.LinksFound} links, {result.LinksMatched} of the {result.LinksTrue} the simulator has, {result.CrawlUnreachable} routers unreachable")}{(map is not null && scenario.Crawl is not null ? $"; map in {map.FullName}" : string.Empty)}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.VirtualSeconds:F0} virtual seconds in {wallSeconds:F2} wall seconds; {result.Events} events, {result.FramesOnAir} frames on air, {result.Relayed} relayed, {result.RouteDiscoveries} route discoveries, {result.Collisions} collisions"));
        var exit = map is null ? 0 : WriteMap(scenario, options.Seed, map, error);
        if (json)
        {
            WriteJson(output, result, options, wallSeconds);
        }

        return exit;
    }

    private static int WriteMap(NwkScenario scenario, int seed, FileInfo map, TextWriter error)
    {
        if (scenario.Crawl is not { } crawl)
        {
            error.WriteLine($"zigbee simulate: the coordinator's crawl did not complete, so there is no map for {map.FullName}");
            return 1;
        }

        try
        {
            File.WriteAllText(map.FullName, NetworkMapSvg.Render(crawl.Map, $"ZigBee network map, seed {seed}"));
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            error.WriteLine($"zigbee simulate: cannot write {map.FullName}: {e.Message}");
            return 2;
        }
    }

    private static string PolicyName(TrustCenterMode mode) => mode == TrustCenterMode.InstallCodeOnly ? "install-code" : "allow-all";

    private static string TrafficName(ScenarioTraffic traffic) => traffic switch
    {
        ScenarioTraffic.ToDevices => "to-devices",
        ScenarioTraffic.Broadcast => "broadcast",
        ScenarioTraffic.Group => "group",
        ScenarioTraffic.Bound => "bound",
        ScenarioTraffic.Fragmented => "fragmented",
        _ => "unicast",
    };

    private static void WriteJson(TextWriter output, NwkScenarioResult result, NwkScenarioOptions options, double wallSeconds)
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
            writer.WriteNumber("max_hops", result.MaxHops);
            writer.WriteNumber("route_discoveries", result.RouteDiscoveries);
            writer.WriteNumber("route_repairs", result.RouteRepairs);
            writer.WriteNumber("relayed", result.Relayed);
            if (result.SentAfterKill is { } sentAfterKill)
            {
                writer.WriteNumber("sent_after_kill", sentAfterKill);
                writer.WriteNumber("delivered_after_kill", result.DeliveredAfterKill ?? 0);
                writer.WriteNumber("sent_after_recovery", result.SentAfterRecovery ?? 0);
                writer.WriteNumber("delivered_after_recovery", result.DeliveredAfterRecovery ?? 0);
            }

            writer.WriteNumber("routers", result.Routers);
            writer.WriteNumber("end_devices", result.EndDevices);
            writer.WriteNumber("sleepy", result.Sleepy);
            writer.WriteString("topology", options.Topology);
            writer.WriteString("traffic", TrafficName(options.Traffic));
            writer.WriteNumber("seed", options.Seed);
            if (result.AllJoinedSeconds is { } allJoined)
            {
                writer.WriteNumber("all_joined_seconds", Math.Round(allJoined, 6));
            }
            else
            {
                writer.WriteNull("all_joined_seconds");
            }

            writer.WriteNumber("max_depth", result.MaxDepth);
            writer.WriteNumber("rejoins", result.Rejoins);
            writer.WriteNumber("corrupted", result.Corrupted);
            writer.WriteNumber("frames_on_air", result.FramesOnAir);
            writer.WriteNumber("collisions", result.Collisions);
            writer.WriteNumber("mac_retries", result.MacRetries);
            writer.WriteNumber("data_confirm_failures", result.DataConfirmFailures);
            writer.WriteNumber("dropped", result.DroppedFrames);
            writer.WriteNumber("channel", result.Channel);
            writer.WriteNumber("polls", result.Polls);
            writer.WriteNumber("mac_no_ack", result.MacNoAck);
            writer.WriteNumber("channel_access_failures", result.ChannelAccessFailures);
            writer.WriteNumber("transactions_expired", result.TransactionsExpired);
            writer.WriteNumber("aps_retries", result.ApsRetries);
            writer.WriteNumber("aps_no_ack", result.ApsNoAck);
            if (result.GoodputBps is { } goodput)
            {
                writer.WriteNumber("goodput_bps", Math.Round(goodput, 1));
            }
            else
            {
                writer.WriteNull("goodput_bps");
            }

            writer.WriteNumber("phy_bound_bps", Math.Round(result.PhyBoundBps, 1));
            writer.WriteNumber("window", options.Window);
            if (options.Traffic == ScenarioTraffic.Fragmented)
            {
                writer.WriteNumber("fragment_size", options.FragmentSize);
            }

            if (result.NetworkKey is { } networkKey)
            {
                writer.WriteString("network_key", networkKey);
            }
            else
            {
                writer.WriteNull("network_key");
            }

            writer.WriteNumber("refused_replay", result.RefusedReplay);
            writer.WriteNumber("refused_mic", result.RefusedMic);
            writer.WriteNumber("refused_unauthorised", result.RefusedUnauthorised);
            writer.WriteString("key_distribution", !options.Secured ? "none" : options.UsesTrustCenter ? "trust-center" : "preconfigured");
            writer.WriteString("policy", PolicyName(options.Policy));
            writer.WriteNumber("intruders", options.Intruders);
            writer.WriteNumber("intruders_joined", result.IntrudersJoined);
            writer.WriteNumber("transport_keys", result.TransportKeys);
            writer.WriteNumber("authenticated", result.Authenticated);
            writer.WriteBoolean("zdo", options.Zdo);
            writer.WriteNumber("interviewed", result.Interviewed);
            writer.WriteNumber("links_found", result.LinksFound);
            writer.WriteNumber("links_true", result.LinksTrue);
            writer.WriteNumber("links_matched", result.LinksMatched);
            writer.WriteNumber("crawl_unreachable", result.CrawlUnreachable);
            writer.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
