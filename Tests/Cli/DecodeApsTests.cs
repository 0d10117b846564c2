using System.Globalization;
using System.Text.Json;
using ZigBee.Aps.Frames;
using ZigBee.Cli.Decode;
using ZigBee.Simulation.Pcap;
using ZigBee.Tests.Aps.Frames;
using ZigBee.Tests.Mac;

namespace ZigBee.Tests.Cli;

/// <summary>
/// `zigbee decode` shows the APS layer of unsecured NWK data frames with a fixed set of keys, and agrees with tshark on
/// every APS header field: on the shared captures (most of their APS frames sit under NWK encryption and cannot be
/// read without keys; the rest are compared) and on a capture of every APS frame kind built from our encoder.
/// </summary>
[TestClass]
public sealed class DecodeApsTests
{
    private const string Toggle = "61 88 03 62 1A 34 12 00 00 48 00 34 12 00 00 1E 10 00 01 06 00 04 01 01 07 01 05 02 BF B7";
    private const string Secured = "618804621a341200004802341200001e112800010000080706050403020100fe45086affbd82431b4ba84e550e72d09f";

    private static readonly string[] Keys =
    [
        "frame_type", "delivery_mode", "ack_request", "security", "extended_header", "dst_endpoint", "group", "cluster",
        "profile", "src_endpoint", "counter", "command", "fragmentation", "block",
    ];

    private static readonly string[] Fields =
    [
        "frame.number", "zbee_aps.type", "zbee_aps.delivery", "zbee_aps.ack_req", "zbee_aps.security", "zbee_aps.ext_header",
        "zbee_aps.dst", "zbee_aps.group", "zbee_aps.cluster", "zbee_aps.zdp_cluster", "zbee_aps.profile", "zbee_aps.src",
        "zbee_aps.counter", "zbee_aps.fragmentation", "zbee_aps.block", "zbee_aps.cmd.id", "zbee_nwk.security",
    ];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void UnicastDataFrameHasEveryKey()
    {
        using var document = JsonDocument.Parse(RunJson(FrameHex.Parse(Toggle))[0]);
        var aps = document.RootElement.GetProperty("aps");
        CollectionAssert.AreEqual(Keys, aps.EnumerateObject().Select(p => p.Name).ToArray(), "the key contract, in order");
        Assert.AreEqual("data", aps.GetProperty("frame_type").GetString());
        Assert.AreEqual("unicast", aps.GetProperty("delivery_mode").GetString());
        Assert.IsFalse(aps.GetProperty("ack_request").GetBoolean());
        Assert.IsFalse(aps.GetProperty("security").GetBoolean());
        Assert.IsFalse(aps.GetProperty("extended_header").GetBoolean());
        Assert.AreEqual(1, aps.GetProperty("dst_endpoint").GetInt32());
        Assert.AreEqual(JsonValueKind.Null, aps.GetProperty("group").ValueKind);
        Assert.AreEqual("0x0006", aps.GetProperty("cluster").GetString());
        Assert.AreEqual("0x0104", aps.GetProperty("profile").GetString());
        Assert.AreEqual(1, aps.GetProperty("src_endpoint").GetInt32());
        Assert.AreEqual(7, aps.GetProperty("counter").GetInt32());
        Assert.AreEqual(JsonValueKind.Null, aps.GetProperty("command").ValueKind);
        Assert.AreEqual(JsonValueKind.Null, aps.GetProperty("fragmentation").ValueKind);
        Assert.AreEqual(JsonValueKind.Null, aps.GetProperty("block").ValueKind);
    }

    [TestMethod]
    public void CommandGroupAndBlockFramesFillTheirKeysAndNullTheRest()
    {
        var command = new byte[20];
        var length = new SwitchKeyCommand(3).Encode(command);
        var lines = RunJson(
            ApsSamples.InMacAndNwk(ApsSamples.Encode(ApsHeader.Command(5, ackRequest: true), command.AsSpan(0, length)), 1),
            ApsSamples.InMacAndNwk(ApsSamples.Encode(ApsHeader.Group(0x4321, 0x0006, 0x0104, 2, 6), [0x01]), 2),
            ApsSamples.InMacAndNwk(ApsSamples.Encode(ApsHeader.Unicast(1, 0x0019, 0x0104, 2, 7).AsBlock(ApsFragmentation.First, 3), [0x01]), 3),
            ApsSamples.InMacAndNwk(ApsSamples.Encode(ApsHeader.CommandAck(8), []), 4));
        using (var document = JsonDocument.Parse(lines[0]))
        {
            var aps = document.RootElement.GetProperty("aps");
            CollectionAssert.AreEqual(Keys, aps.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.AreEqual("command", aps.GetProperty("frame_type").GetString());
            Assert.AreEqual("switch_key", aps.GetProperty("command").GetString());
            Assert.IsTrue(aps.GetProperty("ack_request").GetBoolean());
            Assert.AreEqual(5, aps.GetProperty("counter").GetInt32());
            foreach (var absent in new[] { "dst_endpoint", "group", "cluster", "profile", "src_endpoint", "fragmentation", "block" })
            {
                Assert.AreEqual(JsonValueKind.Null, aps.GetProperty(absent).ValueKind, absent);
            }
        }

        using (var document = JsonDocument.Parse(lines[1]))
        {
            var aps = document.RootElement.GetProperty("aps");
            Assert.AreEqual("group", aps.GetProperty("delivery_mode").GetString());
            Assert.AreEqual("0x4321", aps.GetProperty("group").GetString());
            Assert.AreEqual(JsonValueKind.Null, aps.GetProperty("dst_endpoint").ValueKind);
            Assert.AreEqual(2, aps.GetProperty("src_endpoint").GetInt32());
        }

        using (var document = JsonDocument.Parse(lines[2]))
        {
            var aps = document.RootElement.GetProperty("aps");
            Assert.IsTrue(aps.GetProperty("extended_header").GetBoolean());
            Assert.AreEqual("first", aps.GetProperty("fragmentation").GetString());
            Assert.AreEqual(3, aps.GetProperty("block").GetInt32());
        }

        using (var document = JsonDocument.Parse(lines[3]))
        {
            var aps = document.RootElement.GetProperty("aps");
            Assert.AreEqual("ack", aps.GetProperty("frame_type").GetString());
            Assert.AreEqual(8, aps.GetProperty("counter").GetInt32());
            Assert.AreEqual(JsonValueKind.Null, aps.GetProperty("cluster").ValueKind, "a command acknowledgement has no addressing");
        }
    }

    [TestMethod]
    public void SecuredNwkFrameGetsNoApsAndBrokenApsGetsAnError()
    {
        var lines = RunJson(FrameHex.Parse(Secured), ApsSamples.InMacAndNwk([0x00, 0x01, 0x06], 1), ApsSamples.InMacAndNwk([0x04, 0x01], 2));
        using (var secured = JsonDocument.Parse(lines[0]))
        {
            Assert.IsTrue(secured.RootElement.TryGetProperty("nwk", out _));
            Assert.IsFalse(secured.RootElement.TryGetProperty("aps", out _), "the APS frame of a NWK-secured frame is encrypted");
        }

        using (var truncated = JsonDocument.Parse(lines[1]))
        {
            var aps = truncated.RootElement.GetProperty("aps");
            Assert.AreEqual("APS addressing fields or counter truncated", aps.GetProperty("error").GetString());
            Assert.AreEqual(1, aps.GetProperty("error_offset").GetInt32());
            Assert.IsFalse(aps.TryGetProperty("frame_type", out _));
        }

        using var indirect = JsonDocument.Parse(lines[2]);
        Assert.AreEqual("indirect delivery mode is reserved since ZigBee 2006", indirect.RootElement.GetProperty("aps").GetProperty("error").GetString());
    }

    [TestMethod]
    public void TextLineHasTheApsPart()
    {
        var command = new byte[30];
        var length = new RemoveDeviceCommand(0x00124B0001020304).Encode(command);
        var path = WriteCapture(
            FrameHex.Parse(Toggle),
            FrameHex.Parse(Secured),
            ApsSamples.InMacAndNwk(ApsSamples.Encode(ApsHeader.Command(9, ackRequest: true), command.AsSpan(0, length)), 3),
            ApsSamples.InMacAndNwk(ApsSamples.Encode(ApsHeader.Group(0x4321, 0x0006, 0x0104, 2, 6).AsBlock(ApsFragmentation.Subsequent, 2), [0x01]), 4));
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.AreEqual(0, DecodeCommand.Run(new FileInfo(path), false, output, error), error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        StringAssert.Contains(lines[0], "| aps data unicast ep 1->1 cluster=0x0006 profile=0x0104 ctr=7 fcs=ok");
        Assert.DoesNotContain("| aps", lines[1]);
        StringAssert.Contains(lines[2], "| aps command unicast ctr=9 ack_req remove_device fcs=ok");
        StringAssert.Contains(lines[3], "| aps data group ep 2->- group=0x4321 cluster=0x0006 profile=0x0104 ctr=6 subsequent_block=2 fcs=ok");
    }

    [TestMethod]
    public async Task EveryApsFieldOfTheSharedCapturesAgreesWithTshark()
    {
        var compared = 0;
        var encrypted = 0;
        foreach (var file in CaptureFrames.Readable)
        {
            var (linkType, frames) = CaptureFrames.Read(file);
            if (linkType != PcapLinkType.Ieee802154WithFcs)
            {
                continue;
            }

            var (agreed, underNwkSecurity) = await CompareWithTshark(TestPaths.Capture(file), frames.Count);
            compared += agreed;
            encrypted += underNwkSecurity;
        }

        // tshark learns keys sent in the clear and decrypts some NWK frames; so do we, and frames we decrypt are compared.
        Assert.AreEqual(0, encrypted, "every APS frame tshark reads under NWK security we decrypt too, with the keys that transport-key commands carried in the clear");
        TestContext.WriteLine($"shared captures: {compared} APS frames compared with tshark, {encrypted} NWK-encrypted ones skipped");
        Assert.IsGreaterThanOrEqualTo(5, compared, $"only {compared} unencrypted APS frames were compared with tshark; the shared captures hold at least 5 in the clear");
    }

    [TestMethod]
    public async Task EveryApsFrameKindAgreesWithTshark()
    {
        var psdus = new List<byte[]>();
        byte sequence = 0;
        foreach (var (_, header, payload) in ApsSamples.Frames)
        {
            psdus.Add(ApsSamples.InMacAndNwk(ApsSamples.Encode(header, payload), sequence++));
        }

        foreach (var (_, header, payload) in ApsSamples.InterPanFrames)
        {
            psdus.Add(ApsSamples.InMacAndNwk(ApsSamples.Encode(header, payload), sequence++, interPan: true));
        }

        var (compared, _) = await CompareWithTshark(WriteCapture([.. psdus]), psdus.Count);
        TestContext.WriteLine($"{compared} encoded APS frames compared with tshark");
        Assert.AreEqual(psdus.Count, compared, "every encoded frame is dissected as APS by tshark");
    }

    [TestMethod]
    public async Task EveryApsFieldAgreesWithTsharkWithTheCaptureKeys()
    {
        var (control4, control4Encrypted) = await CompareWithTshark(TestPaths.Capture(DecodeKeyTests.Control4), CaptureFrames.Read(DecodeKeyTests.Control4).Frames.Count, DecodeKeyTests.Control4Keys);
        var (zoh, zohEncrypted) = await CompareWithTshark(TestPaths.Capture(DecodeKeyTests.Zoh), CaptureFrames.Read(DecodeKeyTests.Zoh).Frames.Count, DecodeKeyTests.ZohKeys);
        TestContext.WriteLine($"with keys: control4 {control4} APS frames compared ({control4Encrypted} left encrypted), zigbee-on-host {zoh} ({zohEncrypted})");
        Assert.AreEqual(0, control4Encrypted + zohEncrypted, "with the capture keys no APS frame stays under NWK encryption");
        Assert.IsGreaterThanOrEqualTo(146, control4, "captures/README.md: tshark reads 146 APS frames of control4-sample");
        Assert.AreEqual(11, zoh, "captures/README.md: tshark reads 11 APS frames of the zigbee-on-host data");
    }

    /// <summary>
    /// Compares our JSON "aps" with tshark's fields frame by frame, both given <paramref name="keys"/>; returns frames
    /// compared and frames under NWK security we did not decrypt (not compared).
    /// </summary>
    private async Task<(int Compared, int Encrypted)> CompareWithTshark(string capture, int frameCount, IReadOnlyList<string>? keys = null)
    {
        var rows = keys is null
            ? await Tshark.FieldsAsync(capture, Fields, TestContext.CancellationToken)
            : await TsharkWithKeys.FieldsAsync(capture, keys, Fields, TestContext.CancellationToken);
        Assert.HasCount(frameCount, rows, $"{capture}: tshark rows");
        var output = new StringWriter();
        var error = new StringWriter();
        DecodeCommand.Run(new FileInfo(capture), true, keys ?? [], output, error);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(frameCount, lines, $"{capture}: decoded lines");
        var compared = 0;
        var encrypted = 0;
        foreach (var row in rows)
        {
            var number = int.Parse(row[0], CultureInfo.InvariantCulture);
            var where = $"{Path.GetFileName(capture)} frame {number}";
            using var document = JsonDocument.Parse(lines[number - 1]);
            var hasAps = document.RootElement.TryGetProperty("aps", out var aps);
            if (string.IsNullOrEmpty(row[1]))
            {
                Assert.IsFalse(hasAps && !aps.TryGetProperty("error", out _), $"{where}: we read an APS frame tshark did not");
                continue;
            }

            var nwkDecrypted = document.RootElement.GetProperty("nwk").TryGetProperty("decrypted", out var decrypted) && decrypted.GetBoolean();
            if (First(row[16]) == "1" && !nwkDecrypted)
            {
                // tshark may have learnt a key we were not given; we show nothing of a frame we could not decrypt.
                Assert.IsFalse(hasAps, $"{where}: we showed APS fields of a NWK-encrypted frame");
                encrypted++;
                continue;
            }

            Assert.IsTrue(hasAps, $"{where}: tshark read APS where we did not");
            Assert.IsFalse(aps.TryGetProperty("error", out var reason), $"{where}: {reason}");
            Compare(where, aps, row);
            compared++;
        }

        return (compared, encrypted);
    }

    private static void Compare(string where, JsonElement aps, string[] row)
    {
        // A tunnel command carries a second APS header; the first value of each field is the outer frame's.
        Assert.AreEqual(Hex(First(row[1])), TypeNumber(aps.GetProperty("frame_type").GetString()), $"{where}: frame type");
        Assert.AreEqual(Hex(First(row[2])), DeliveryNumber(aps.GetProperty("delivery_mode").GetString()), $"{where}: delivery mode");
        Assert.AreEqual(First(row[3]) == "1", aps.GetProperty("ack_request").GetBoolean(), $"{where}: ack request");
        Assert.AreEqual(First(row[4]) == "1", aps.GetProperty("security").GetBoolean(), $"{where}: security");
        Assert.AreEqual(First(row[5]) == "1", aps.GetProperty("extended_header").GetBoolean(), $"{where}: extended header");
        Assert.AreEqual(First(row[6]), Number(aps, "dst_endpoint"), $"{where}: destination endpoint");
        Assert.AreEqual(First(row[7]), Text(aps, "group"), $"{where}: group");
        Assert.AreEqual(First(row[8]) + First(row[9]), Text(aps, "cluster"), $"{where}: cluster");
        Assert.AreEqual(First(row[10]), Text(aps, "profile"), $"{where}: profile");
        Assert.AreEqual(First(row[11]), Number(aps, "src_endpoint"), $"{where}: source endpoint");
        Assert.AreEqual(First(row[12]), Number(aps, "counter"), $"{where}: counter");
        var fragmentation = First(row[13]);
        Assert.AreEqual(fragmentation.Length == 0 ? string.Empty : FragmentationName(Hex(fragmentation)), Text(aps, "fragmentation"), $"{where}: fragmentation");
        Assert.AreEqual(First(row[14]), Number(aps, "block"), $"{where}: block");
        var command = aps.GetProperty("command");
        if (!aps.GetProperty("security").GetBoolean() || aps.GetProperty("decrypted").GetBoolean())
        {
            var id = First(row[15]);
            Assert.AreEqual(id.Length == 0 ? string.Empty : ApsNames.Command((ApsCommandId)Hex(id)), command.ValueKind == JsonValueKind.Null ? string.Empty : command.GetString(), $"{where}: command");
        }
        else
        {
            Assert.AreEqual(JsonValueKind.Null, command.ValueKind, $"{where}: an undecrypted frame's command is encrypted");
            Assert.AreEqual(string.Empty, First(row[15]), $"{where}: tshark decrypted an APS frame we did not");
        }
    }

    private static string Number(JsonElement aps, string key) =>
        aps.GetProperty(key) is { ValueKind: JsonValueKind.Number } value ? value.GetInt32().ToString(CultureInfo.InvariantCulture) : string.Empty;

    private static string Text(JsonElement aps, string key) =>
        aps.GetProperty(key) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : string.Empty;

    private static int TypeNumber(string? name) => name switch { "data" => 0, "command" => 1, "ack" => 2, _ => 3 };

    private static int DeliveryNumber(string? name) => name switch { "unicast" => 0, "indirect" => 1, "broadcast" => 2, _ => 3 };

    private static string FragmentationName(int value) => ApsNames.Fragmentation((ApsFragmentation)value);

    private static string First(string values) => values.Split(',')[0];

    private static int Hex(string text) => int.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private string[] RunJson(params byte[][] frames)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.AreEqual(0, DecodeCommand.Run(new FileInfo(WriteCapture(frames)), true, output, error), error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(frames.Length, lines);
        return lines;
    }

    private string WriteCapture(params byte[][] frames)
    {
        var directory = Path.Combine(TestContext.TestRunDirectory ?? Path.GetTempPath(), "decode-aps-tests");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{TestContext.TestName}-{Guid.NewGuid():N}.pcap");
        using var writer = new PcapWriter(File.Create(path), PcapLinkType.Ieee802154WithFcs);
        var time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var frame in frames)
        {
            writer.Write(time, frame);
            time = time.AddMilliseconds(5);
        }

        return path;
    }
}
