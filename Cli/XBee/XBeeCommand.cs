using System.CommandLine;
using System.Globalization;
using System.Text;
using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Mac.Frames;
using ZigBee.Nwk.Security;
using ZigBee.XBee.Coordinator;
using ZigBee.XBee.Frames;

namespace ZigBee.Cli.XBee;

/// <summary>`zigbee xbee`: drive an XBee with ZigBee firmware (a real dongle, or the emulator) as a network coordinator.</summary>
internal static class XBeeCommand
{
    public static Command Create()
    {
        var port = new Option<string>("--port") { Description = "Serial port of the dongle (COM3, /dev/ttyUSB0, or the emulator's --link path)", Required = true, Recursive = true };
        var baud = new Option<int>("--baud") { Description = "Serial speed", DefaultValueFactory = _ => 9600, Recursive = true };
        var api = new Option<int>("--api") { Description = "API mode to run in: 1 or 2 (the dongle is switched to it)", DefaultValueFactory = _ => 2, Recursive = true };
        api.AcceptOnlyFromAmong("1", "2");
        var scan = new Option<bool>("--scan-baud") { Description = "If the dongle is silent at --baud, try the other common speeds", Recursive = true };
        var command = new Command("xbee", "Drive an XBee with ZigBee firmware over a serial port: identity, forming a network, joining, data")
        {
            port, baud, api, scan,
        };
        DongleAddress Address(ParseResult parse) => new(parse.GetValue(port)!, parse.GetValue(baud), (ApiMode)parse.GetValue(api), parse.GetValue(scan));

        var info = new Command("info", "Read what the dongle says about itself and its network (VR, HV, SH/SL, MY, CH, ID, AI, and OP/OI on ZigBee firmware); works with either firmware");
        info.SetAction((parse, ct) => DongleSession.RunAsync(Address(parse), Console.Out, async (c, token) =>
        {
            foreach (var (command, meaning) in InfoCommands)
            {
                var answer = await c.Link.AtCommandAsync(command, cancellationToken: token);
                if (answer.IsOk)
                {
                    Console.WriteLine($"{command} {Convert.ToHexString(answer.Data),-16} {meaning}");
                }
            }

            return 0;
        }, ct));
        command.Subcommands.Add(info);

        var panId = new Option<string?>("--pan-id") { Description = "Extended PAN ID in hex (default: the dongle picks one)" };
        var channel = new Option<int?>("--channel") { Description = "The one channel to use, 11–26 (default: the dongle picks among all)" };
        var noSecurity = new Option<bool>("--no-security") { Description = "Form the network without NWK security" };
        var key = new Option<string?>("--network-key") { Description = "Network key, 32 hex digits (default: the dongle makes a random one)" };
        var form = new Command("form", "Form a network with the dongle as coordinator and trust center, and wait until it has started") { panId, channel, noSecurity, key };
        form.SetAction((parse, ct) =>
        {
            var settings = new XBeeNetworkSettings { Security = !parse.GetValue(noSecurity) };
            if (parse.GetValue(panId) is { } pan)
            {
                if (!ulong.TryParse(pan.Replace(":", "", StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var epid))
                {
                    return Fail($"--pan-id: not a hex number: {pan}");
                }

                settings = settings with { ExtendedPanId = epid };
            }

            if (parse.GetValue(channel) is { } ch)
            {
                if (ch is < 11 or > 26)
                {
                    return Fail("--channel must be 11–26");
                }

                settings = settings with { ScanChannels = XBeeNetworkSettings.Channel(ch) };
            }

            if (parse.GetValue(key) is { } hex)
            {
                if (!ZigBeeKey.TryParse(hex, out var networkKey))
                {
                    return Fail("--network-key: 32 hex digits");
                }

                settings = settings with { NetworkKey = networkKey };
            }

            return DongleSession.RunAsync(Address(parse), Console.Out, async (c, token) =>
            {
                PrintIdentity(await c.FormNetworkAsync(settings, token));
                return 0;
            }, ct);
        });
        command.Subcommands.Add(form);

        var seconds = new Option<int>("--seconds") { Description = "How long joining stays open (255: always)", DefaultValueFactory = _ => 60 };
        var permit = new Command("permit-join", "Let devices join for a while (NJ)") { seconds };
        permit.SetAction((parse, ct) =>
        {
            var s = parse.GetValue(seconds);
            return s is < 0 or > 255 ? Fail("--seconds must be 0–255") : DongleSession.RunAsync(Address(parse), Console.Out, async (c, token) =>
            {
                await c.PermitJoiningAsync((byte)s, token);
                Console.WriteLine(s == 255 ? "joining is open" : $"joining is open for {s} s");
                return 0;
            }, ct);
        });
        command.Subcommands.Add(permit);

        var wait = new Option<int>("--wait") { Description = "Seconds to keep listening for devices that join or announce themselves", DefaultValueFactory = _ => 30 };
        var devices = new Command("devices", "Open joining and list the devices that join or announce themselves (0x95, Device_annce)") { wait };
        devices.SetAction((parse, ct) => DongleSession.RunAsync(Address(parse), Console.Out, async (c, token) =>
        {
            c.DeviceJoined += d => Console.WriteLine($"device {MacAddress.FormatExtended(d.ExtendedAddress)} 0x{d.NetworkAddress:x4}{(d.NodeIdentifier is { } ni ? $" \"{ni}\"" : "")}{(d.DeviceType is { } t ? $" {t}" : "")}");
            var duration = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(wait), 1, 3600));
            await c.PermitJoiningAsync((byte)Math.Min(254, duration.TotalSeconds), token);
            await Listen(duration, token);
            Console.WriteLine($"{c.Devices.Count} device(s)");
            return 0;
        }, ct));
        command.Subcommands.Add(devices);

        var to = new Option<string>("--to") { Description = "Destination: 16 hex digits (IEEE address) or 4 (network address)", Required = true };
        var data = new Option<string>("--data") { Description = "Payload: text, or hex after 0x", Required = true };
        var endpoint = new Option<int>("--endpoint") { Description = "Destination (and source) endpoint", DefaultValueFactory = _ => Digi.DataEndpoint };
        var cluster = new Option<int>("--cluster") { Description = "Cluster ID", DefaultValueFactory = _ => Digi.DataCluster };
        var profile = new Option<int>("--profile") { Description = "Profile ID", DefaultValueFactory = _ => Digi.Profile };
        var replies = new Option<int>("--listen") { Description = "Seconds to print what arrives afterwards (a reply)", DefaultValueFactory = _ => 2 };
        var send = new Command("send", "Send one APS data frame through the dongle, print its delivery status and what comes back") { to, data, endpoint, cluster, profile, replies };
        send.SetAction((parse, ct) =>
        {
            if (!TryParseAddress(parse.GetValue(to)!, out var mode, out var destination))
            {
                return Fail("--to: 16 hex digits (IEEE) or 4 (network address)");
            }

            var payload = ParsePayload(parse.GetValue(data)!);
            if (payload is null)
            {
                return Fail("--data: hex after 0x must be an even number of hex digits");
            }

            var request = new ApsdeDataRequest(mode, destination, (byte)parse.GetValue(endpoint), (ushort)parse.GetValue(profile), (ushort)parse.GetValue(cluster),
                (byte)parse.GetValue(endpoint), payload);
            return DongleSession.RunAsync(Address(parse), Console.Out, async (c, token) =>
            {
                c.DataIndication += Print;
                var confirm = await c.DataRequestAsync(request, token);
                Console.WriteLine($"APSDE-DATA.confirm: {confirm.Status}");
                if (confirm.Status == ApsStatus.Success)
                {
                    await Listen(TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(replies), 0, 3600)), token);
                }

                return confirm.Status == ApsStatus.Success ? 0 : 1;
            }, ct);
        });
        command.Subcommands.Add(send);

        var listenFor = new Option<int>("--seconds") { Description = "How long to listen (0: until Ctrl+C)", DefaultValueFactory = _ => 0 };
        var listen = new Command("listen", "Print every APS data frame the dongle receives") { listenFor };
        listen.SetAction((parse, ct) => DongleSession.RunAsync(Address(parse), Console.Out, async (c, token) =>
        {
            c.DataIndication += Print;
            var s = parse.GetValue(listenFor);
            await Listen(s > 0 ? TimeSpan.FromSeconds(s) : Timeout.InfiniteTimeSpan, token);
            return 0;
        }, ct));
        command.Subcommands.Add(listen);
        return command;
    }

    // What each firmware answers of these it answers; a command the other firmware lacks is skipped.
    private static readonly (AtCommandName Command, string Meaning)[] InfoCommands =
    [
        (AtCommandName.VR, "firmware version"), (AtCommandName.HV, "hardware version"), (AtCommandName.SH, "IEEE address, high"),
        (AtCommandName.SL, "IEEE address, low"), (AtCommandName.MY, "network address"), (AtCommandName.CH, "channel"),
        (AtCommandName.ID, "PAN ID setting"), (AtCommandName.OP, "operating extended PAN ID"), (AtCommandName.OI, "operating PAN ID"),
        (AtCommandName.AI, "association indication (0: in a network)"),
    ];

    private static void Print(in ApsdeDataIndication indication) =>
        Console.WriteLine($"from 0x{indication.SrcAddress:x4} ep {indication.SrcEndpoint} → ep {indication.DstEndpoint} cluster 0x{indication.ClusterId:x4} profile 0x{indication.ProfileId:x4}: {Printable(indication.Asdu.Span)}");

    private static Task<int> Fail(string message)
    {
        Console.Error.WriteLine($"xbee: {message}");
        return Task.FromResult(2);
    }

    private static async Task Listen(TimeSpan duration, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(duration, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C ends listening, not the command.
        }
    }

    private static void PrintIdentity(XBeeIdentity id)
    {
        Console.WriteLine($"firmware VR {id.FirmwareVersion:X4}, hardware HV {id.HardwareVersion:X4}, IEEE {MacAddress.FormatExtended(id.ExtendedAddress)}");
        Console.WriteLine(id.IsInNetwork
            ? $"in network: address 0x{id.NetworkAddress:x4}, PAN 0x{id.OperatingPanId:x4}, extended PAN {MacAddress.FormatExtended(id.OperatingExtendedPanId)}, channel {id.Channel}"
            : $"not in a network (AI 0x{id.AssociationIndication:X2})");
    }

    private static bool TryParseAddress(string text, out ApsAddressMode mode, out ulong address)
    {
        mode = ApsAddressMode.Short;
        address = 0;
        var hex = text.Replace(":", "", StringComparison.Ordinal);
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex[2..];
        }

        if (!ulong.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        if (hex.Length == 16)
        {
            (mode, address) = (ApsAddressMode.Extended, value);
            return true;
        }

        if (hex.Length <= 4)
        {
            (mode, address) = (ApsAddressMode.Short, value);
            return true;
        }

        return false;
    }

    private static byte[]? ParsePayload(string text)
    {
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetBytes(text);
        }

        try
        {
            return Convert.FromHexString(text[2..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Printable(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            if (b is < 0x20 or > 0x7E)
            {
                return "0x" + Convert.ToHexString(data);
            }
        }

        return $"\"{Encoding.ASCII.GetString(data)}\"";
    }
}
