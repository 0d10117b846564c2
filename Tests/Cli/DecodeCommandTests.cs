using System.CommandLine;
using System.Text.Json;
using ZigBee.Cli.Decode;
using ZigBee.Mac.Frames;
using ZigBee.Simulation.Pcap;
using ZigBee.Tests.Mac;

namespace ZigBee.Tests.Cli;

[TestClass]
public sealed class DecodeCommandTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void JsonHasOneObjectPerFrameWithTheMacKeys()
    {
        var path = WriteCapture(
            PcapLinkType.Ieee802154WithFcs,
            FrameHex.Parse("61 88 03 62 1A 34 12 00 00 48 00 34 12 00 00 1E 10 00 01 06 00 04 01 01 07 01 05 02 BF B7"),
            FrameHex.Parse("23 C8 02 62 1A 00 00 FF FF 04 03 02 01 00 4B 12 00 01 8E CE 1B"),
            FrameHex.Parse("02 00 6A E4 78"), // ack with a bad FCS
            [0x03],
            FrameHex.Parse("03 08 01 FF FF FF FF 07 13 2D"));
        var (code, output, error) = Run(path, json: true);
        Assert.AreEqual(0, code, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(5, lines);

        using (var toggle = JsonDocument.Parse(lines[0]))
        {
            var root = toggle.RootElement;
            Assert.AreEqual(1, root.GetProperty("frame").GetInt32());
            Assert.IsTrue(root.GetProperty("fcs_ok").GetBoolean());
            var mac = root.GetProperty("mac");
            Assert.AreEqual("data", mac.GetProperty("frame_type").GetString());
            Assert.AreEqual(0, mac.GetProperty("frame_version").GetInt32());
            Assert.AreEqual(3, mac.GetProperty("seq").GetInt32());
            Assert.IsFalse(mac.GetProperty("security").GetBoolean());
            Assert.IsFalse(mac.GetProperty("frame_pending").GetBoolean());
            Assert.IsTrue(mac.GetProperty("ack_request").GetBoolean());
            Assert.IsTrue(mac.GetProperty("pan_id_compression").GetBoolean());
            Assert.AreEqual("0x1a62", mac.GetProperty("dst_pan").GetString());
            Assert.AreEqual("0x1234", mac.GetProperty("dst").GetString());
            Assert.IsFalse(mac.TryGetProperty("src_pan", out _), "a compressed source PAN is not on air");
            Assert.AreEqual("0x0000", mac.GetProperty("src").GetString());
            Assert.AreEqual(19, mac.GetProperty("payload_length").GetInt32());
            Assert.IsFalse(mac.TryGetProperty("command", out _));
        }

        using (var association = JsonDocument.Parse(lines[1]))
        {
            var mac = association.RootElement.GetProperty("mac");
            Assert.AreEqual("command", mac.GetProperty("frame_type").GetString());
            Assert.AreEqual(1, mac.GetProperty("command").GetInt32());
            Assert.AreEqual("0xffff", mac.GetProperty("src_pan").GetString());
            Assert.AreEqual("00:12:4b:00:01:02:03:04", mac.GetProperty("src").GetString());
            Assert.IsTrue(mac.GetProperty("capability").GetProperty("allocate_address").GetBoolean());
        }

        using (var ack = JsonDocument.Parse(lines[2]))
        {
            Assert.IsFalse(ack.RootElement.GetProperty("fcs_ok").GetBoolean());
            var mac = ack.RootElement.GetProperty("mac");
            Assert.AreEqual("ack", mac.GetProperty("frame_type").GetString());
            Assert.IsFalse(mac.TryGetProperty("dst", out _));
            Assert.IsFalse(mac.TryGetProperty("dst_pan", out _));
        }

        using (var broken = JsonDocument.Parse(lines[3]))
        {
            Assert.AreEqual(4, broken.RootElement.GetProperty("frame").GetInt32());
            Assert.IsFalse(string.IsNullOrEmpty(broken.RootElement.GetProperty("error").GetString()));
            Assert.IsFalse(broken.RootElement.TryGetProperty("mac", out _));
        }

        using (var beaconRequest = JsonDocument.Parse(lines[4]))
        {
            var mac = beaconRequest.RootElement.GetProperty("mac");
            Assert.AreEqual(7, mac.GetProperty("command").GetInt32());
            Assert.AreEqual("0xffff", mac.GetProperty("dst_pan").GetString());
            Assert.IsFalse(mac.TryGetProperty("src", out _));
        }
    }

    [TestMethod]
    public void BeaconsAndReservedTypesInJson()
    {
        var beaconPayload = new byte[32];
        var length = Beacon.Encode(SuperframeSpecification.NonBeacon(true, true), [0x0021], [0x0102030405060708], [0x00, 0x22], beaconPayload);
        var buffer = new byte[127];
        var beaconHeader = new MacHeader(FrameControl.Create(MacFrameType.Beacon, MacAddressingMode.None, MacAddressingMode.Short), 9, 0, MacAddress.None, 0x1A62, MacAddress.FromShort(0));
        var beacon = buffer[..MacFrame.Encode(beaconHeader, beaconPayload.AsSpan(0, length), buffer)];
        var reservedHeader = new MacHeader(FrameControl.Create((MacFrameType)5, MacAddressingMode.Short, MacAddressingMode.None, version: MacFrameVersion.Ieee2006), 1, 0x1A62, MacAddress.FromShort(1), 0, MacAddress.None);
        var reserved = buffer[..MacFrame.Encode(reservedHeader, [1, 2], buffer)];
        var (code, output, _) = Run(WriteCapture(PcapLinkType.Ieee802154WithFcs, beacon, reserved), json: true);
        Assert.AreEqual(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var first = JsonDocument.Parse(lines[0]);
        var mac = first.RootElement.GetProperty("mac");
        Assert.AreEqual("beacon", mac.GetProperty("frame_type").GetString());
        Assert.IsTrue(mac.GetProperty("superframe").GetProperty("association_permit").GetBoolean());
        Assert.AreEqual(15, mac.GetProperty("superframe").GetProperty("beacon_order").GetInt32());
        Assert.AreEqual("0x0021", mac.GetProperty("pending_short")[0].GetString());
        Assert.AreEqual("01:02:03:04:05:06:07:08", mac.GetProperty("pending_extended")[0].GetString());
        Assert.AreEqual(2, mac.GetProperty("beacon_payload_length").GetInt32());
        using var second = JsonDocument.Parse(lines[1]);
        Assert.AreEqual("reserved5", second.RootElement.GetProperty("mac").GetProperty("frame_type").GetString());
        Assert.AreEqual(1, second.RootElement.GetProperty("mac").GetProperty("frame_version").GetInt32());
    }

    [TestMethod]
    public void LinkType230HasNullFcsVerdict()
    {
        var (code, output, _) = Run(WriteCapture(PcapLinkType.Ieee802154NoFcs, FrameHex.Parse("03 08 01 FF FF FF FF 07")), json: true);
        Assert.AreEqual(0, code);
        using var document = JsonDocument.Parse(output);
        Assert.AreEqual(JsonValueKind.Null, document.RootElement.GetProperty("fcs_ok").ValueKind);
        Assert.AreEqual(7, document.RootElement.GetProperty("mac").GetProperty("command").GetInt32());
    }

    [TestMethod]
    public void TextHasOneLinePerFrame()
    {
        var path = WriteCapture(
            PcapLinkType.Ieee802154WithFcs,
            FrameHex.Parse("61 88 03 62 1A 34 12 00 00 48 00 34 12 00 00 1E 10 00 01 06 00 04 01 01 07 01 05 02 BF B7"),
            [0x03]);
        var (code, output, _) = Run(path, json: false);
        Assert.AreEqual(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(2, lines);
        StringAssert.Contains(lines[0], "data seq=3");
        StringAssert.Contains(lines[0], "0x1a62: 0x1234");
        StringAssert.Contains(lines[0], "fcs=ok");
        StringAssert.Contains(lines[1], "malformed");
    }

    [TestMethod]
    public void MissingFileGivesExitCode2AndOneLine()
    {
        var (code, output, error) = Run(Path.Combine(TestContext.TestRunDirectory ?? Path.GetTempPath(), "no-such-file.pcap"), json: true);
        Assert.AreEqual(2, code);
        Assert.AreEqual(string.Empty, output);
        Assert.HasCount(1, error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        StringAssert.Contains(error, "no such file");
    }

    [TestMethod]
    public void NotAPcapGivesExitCode2()
    {
        var path = TempFile();
        File.WriteAllText(path, "hello, this is not a capture\n");
        var (code, _, error) = Run(path, json: false);
        Assert.AreEqual(2, code);
        StringAssert.Contains(error, "not a pcap");
        Assert.DoesNotContain("   at ", error, "no stack trace");
    }

    [TestMethod]
    public void WrongLinkTypeAndDaintreeFilesGiveExitCode2()
    {
        foreach (var file in CaptureFrames.Unreadable)
        {
            var (code, output, error) = Run(TestPaths.Capture(file), json: true);
            Assert.AreEqual(2, code, file);
            Assert.AreEqual(string.Empty, output);
            Assert.HasCount(1, error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    [TestMethod]
    public void TruncatedFileKeepsTheFramesBeforeAndExits2()
    {
        var path = WriteCapture(PcapLinkType.Ieee802154WithFcs, FrameHex.Parse("02 00 6A E4 79"), FrameHex.Parse("02 00 6B 00 00"));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^3]);
        var (code, output, error) = Run(path, json: true);
        Assert.AreEqual(2, code);
        Assert.HasCount(1, output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        StringAssert.Contains(error, "truncated");
    }

    [TestMethod]
    public void EveryCaptureDecodesThroughTheCommand()
    {
        foreach (var file in CaptureFrames.Readable)
        {
            var (code, output, error) = Run(TestPaths.Capture(file), json: true);
            Assert.AreEqual(0, code, $"{file}: {error}");
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using var document = JsonDocument.Parse(line);
                Assert.IsTrue(document.RootElement.TryGetProperty("mac", out _) || document.RootElement.TryGetProperty("error", out _));
            }

            (code, _, error) = Run(TestPaths.Capture(file), json: false);
            Assert.AreEqual(0, code, $"{file}: {error}");
        }
    }

    [TestMethod]
    public void CommandIsWiredThroughSystemCommandLine()
    {
        var command = DecodeCommand.Create();
        Assert.AreEqual("decode", command.Name);
        var path = WriteCapture(PcapLinkType.Ieee802154WithFcs, FrameHex.Parse("02 00 6A E4 79"));
        var output = new StringWriter();
        var error = new StringWriter();
        var code = command.Parse([path, "--json"]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        Assert.AreEqual(0, code, error.ToString());
        StringAssert.StartsWith(output.ToString(), "{\"frame\":1,");

        code = command.Parse([path + ".missing"]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        Assert.AreEqual(2, code);
    }

    private static (int Code, string Output, string Error) Run(string path, bool json)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = DecodeCommand.Run(new FileInfo(path), json, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string TempFile()
    {
        var directory = Path.Combine(TestContext.TestRunDirectory ?? Path.GetTempPath(), "decode-tests");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"{TestContext.TestName}-{Guid.NewGuid():N}.pcap");
    }

    private string WriteCapture(uint linkType, params byte[][] frames)
    {
        var path = TempFile();
        using var writer = new PcapWriter(File.Create(path), linkType);
        var time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var frame in frames)
        {
            writer.Write(time, frame);
            time = time.AddMilliseconds(5);
        }

        return path;
    }
}
