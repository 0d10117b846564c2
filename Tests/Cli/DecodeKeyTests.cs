using System.Globalization;
using System.Text.Json;
using ZigBee.Cli.Decode;

namespace ZigBee.Tests.Cli;

/// <summary>
/// `zigbee decode --key` decrypts the NWK frames of the shared captures that tshark decrypts with the same keys (the
/// keys of captures/README.md), no more and no fewer, and agrees with tshark on the decrypted NWK commands' fields.
/// </summary>
[TestClass]
public sealed class DecodeKeyTests
{
    internal const string Control4 = "killerbee/control4-sample.pcap";
    internal const string Zoh = "zoh_testdata_ieee_fcs.pcap";

    internal static readonly string[] Control4Keys = ["26546B723B396A727B5D5271517D392F"];

    internal static readonly string[] ZohKeys =
        ["01030507090B0D0F00020406080A0C0D", "EDC06B9A9FDB8E0185358892D7F1D468", "43A30BE53FEED52104FD82D657A3CB4A", "5A6967426565416C6C69616E63653039"];

    private static readonly string[] Fields =
    [
        "frame.number", "zbee_nwk.security", "zbee_nwk.cmd.id", "zbee_aps.type", "zbee_nwk.cmd.route.dest", "zbee_nwk.cmd.route.id",
        "zbee_nwk.cmd.relay_count", "zbee_nwk.cmd.relay_device", "zbee_nwk.cmd.link.count", "zbee_nwk.cmd.link.address",
        "zbee_nwk.cmd.leave.rejoin", "zbee_nwk.cmd.route.cost",
    ];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Control4NetworkKeyDecryptsWhatTsharkDecrypts()
    {
        var (decrypted, commands) = await CompareWithTshark(Control4, Control4Keys);
        Assert.AreEqual(194, decrypted, "captures/README.md: tshark decrypts 194 frames of control4-sample with its network key");
        TestContext.WriteLine($"{decrypted} frames decrypted, {commands} NWK commands compared");
    }

    [TestMethod]
    public async Task ZigBeeOnHostKeysDecryptWhatTsharkDecrypts()
    {
        var (decrypted, commands) = await CompareWithTshark(Zoh, ZohKeys);
        Assert.AreEqual(23, decrypted, "captures/README.md: tshark decrypts every NWK-secured frame of the zigbee-on-host data (23 of its 24 NWK frames; frame 16 is in the clear)");
        Assert.IsGreaterThanOrEqualTo(10, commands);
    }

    [TestMethod]
    public void WithoutTheKeyNothingIsDecryptedAndSecuredObjectsSaySo()
    {
        var lines = Decode(Zoh, ["00112233445566778899AABBCCDDEEFF"]);
        var secured = 0;
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.TryGetProperty("nwk", out var nwk) && nwk.GetProperty("security").GetBoolean())
            {
                Assert.IsFalse(nwk.GetProperty("decrypted").GetBoolean(), line);
                Assert.IsFalse(nwk.TryGetProperty("command", out _), "a command that stays encrypted is not shown");
                secured++;
            }
        }

        Assert.AreEqual(23, secured, "frame 16 is the one NWK frame in the clear");
    }

    [TestMethod]
    [DataRow("12")]
    [DataRow("26546B723B396A727B5D5271517D392G")]
    [DataRow("26546B723B396A727B5D5271517D392F00")]
    public void BadKeyIsOneLineAndExitCodeTwo(string key)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var path = TestPaths.Capture(Zoh);
        Assert.AreEqual(DecodeCommand.FileError, DecodeCommand.Run(new FileInfo(path), true, [key], output, error));
        Assert.AreEqual(string.Empty, output.ToString());
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines);
        StringAssert.Contains(lines[0], key);
    }

    [TestMethod]
    public void TextLinesSayDecryptedAndShowTheApsInside()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.AreEqual(0, DecodeCommand.Run(new FileInfo(TestPaths.Capture(Zoh)), false, ZohKeys, output, error), error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        StringAssert.Contains(lines[0], "| nwk data 0x96ba -> 0x0000 r=30 seq=151 secured decrypted | aps ack unicast ep 1->1 cluster=0xef00");
        StringAssert.Contains(lines[2], "secured decrypted link_status");
        StringAssert.Contains(lines[15], "| aps command unicast ctr=106 secured decrypted transport_key");
    }

    /// <summary>Runs both decoders with the keys; returns frames decrypted and decrypted NWK commands compared.</summary>
    private async Task<(int Decrypted, int Commands)> CompareWithTshark(string file, string[] keys)
    {
        var capture = TestPaths.Capture(file);
        var rows = await TsharkWithKeys.FieldsAsync(capture, keys, Fields, TestContext.CancellationToken);
        var lines = Decode(file, keys);
        Assert.HasCount(lines.Length, rows, $"{file}: tshark rows");
        var decrypted = 0;
        var commands = 0;
        foreach (var row in rows)
        {
            var number = int.Parse(row[0], CultureInfo.InvariantCulture);
            var where = $"{file} frame {number}";
            if (row[1] != "1")
            {
                continue;
            }

            using var document = JsonDocument.Parse(lines[number - 1]);
            var nwk = document.RootElement.GetProperty("nwk");
            var tsharkDecrypted = row[2].Length > 0 || row[3].Length > 0;
            Assert.AreEqual(tsharkDecrypted, nwk.GetProperty("decrypted").GetBoolean(), $"{where}: decrypted");
            if (!tsharkDecrypted)
            {
                continue;
            }

            decrypted++;
            if (row[2].Length == 0)
            {
                Assert.IsFalse(nwk.TryGetProperty("command", out _), $"{where}: a data frame has no NWK command");
                Assert.IsTrue(document.RootElement.TryGetProperty("aps", out _), $"{where}: the decrypted data frame's APS is shown");
                continue;
            }

            commands++;
            Assert.AreEqual(int.Parse(row[2].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture), nwk.GetProperty("command").GetInt32(), $"{where}: command");
            CompareCommand(where, nwk, row);
        }

        return (decrypted, commands);
    }

    private static void CompareCommand(string where, JsonElement nwk, string[] row)
    {
        switch (nwk.GetProperty("command_name").GetString())
        {
            case "route_request":
                Assert.AreEqual(row[4], nwk.GetProperty("destination").GetString(), $"{where}: route request destination");
                Assert.AreEqual(row[5], nwk.GetProperty("route_request_id").GetInt32().ToString(CultureInfo.InvariantCulture), $"{where}: route request id");
                Assert.AreEqual(row[11], nwk.GetProperty("path_cost").GetInt32().ToString(CultureInfo.InvariantCulture), $"{where}: path cost");
                break;
            case "route_record":
                var relays = nwk.GetProperty("relays").EnumerateArray().Select(r => r.GetString()).ToArray();
                Assert.AreEqual(row[6], relays.Length.ToString(CultureInfo.InvariantCulture), $"{where}: relay count");
                Assert.AreEqual(row[7], string.Join(',', relays), $"{where}: relays");
                break;
            case "link_status":
                var links = nwk.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("address").GetString()).ToArray();
                Assert.AreEqual(row[8], links.Length.ToString(CultureInfo.InvariantCulture), $"{where}: link count");
                Assert.AreEqual(row[9], string.Join(',', links), $"{where}: link addresses");
                break;
            case "leave":
                Assert.AreEqual(row[10] == "1", nwk.GetProperty("rejoin").GetBoolean(), $"{where}: leave rejoin");
                break;
        }
    }

    internal static string[] Decode(string file, IReadOnlyList<string> keys)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.AreEqual(0, DecodeCommand.Run(new FileInfo(TestPaths.Capture(file)), true, keys, output, error), error.ToString());
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
