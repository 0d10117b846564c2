using System.Text.Json;
using ZigBee.Cli.Decode;
using ZigBee.Mac.Frames;
using ZigBee.Nwk.Frames;
using ZigBee.Simulation.Pcap;
using ZigBee.Tests.Mac;

namespace ZigBee.Tests.Cli;

/// <summary>`zigbee decode` shows the NWK layer of MAC data frames that carry ZigBee PRO NWK frames, and only of those.</summary>
[TestClass]
public sealed class DecodeNwkTests
{
    private const string Toggle = "61 88 03 62 1A 34 12 00 00 48 00 34 12 00 00 1E 10 00 01 06 00 04 01 01 07 01 05 02 BF B7";
    private const string Secured = "618804621a341200004802341200001e112800010000080706050403020100fe45086affbd82431b4ba84e550e72d09f";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void DataFrameHasTheNwkKeys()
    {
        using var document = JsonDocument.Parse(RunJson(FrameHex.Parse(Toggle))[0]);
        var nwk = document.RootElement.GetProperty("nwk");
        Assert.AreEqual("data", nwk.GetProperty("frame_type").GetString());
        Assert.AreEqual(2, nwk.GetProperty("protocol_version").GetInt32());
        Assert.AreEqual(1, nwk.GetProperty("discover_route").GetInt32());
        Assert.IsFalse(nwk.GetProperty("multicast").GetBoolean());
        Assert.IsFalse(nwk.GetProperty("security").GetBoolean());
        Assert.IsFalse(nwk.GetProperty("source_route").GetBoolean());
        Assert.AreEqual("0x1234", nwk.GetProperty("dst").GetString());
        Assert.AreEqual("0x0000", nwk.GetProperty("src").GetString());
        Assert.AreEqual(30, nwk.GetProperty("radius").GetInt32());
        Assert.AreEqual(16, nwk.GetProperty("seq").GetInt32());
        Assert.IsFalse(nwk.TryGetProperty("dst64", out _), "not on air");
        Assert.IsFalse(nwk.TryGetProperty("src64", out _), "not on air");
        Assert.IsFalse(nwk.TryGetProperty("command", out _));
        Assert.AreEqual(11, nwk.GetProperty("payload_length").GetInt32());
    }

    [TestMethod]
    public void SecuredFrameShowsItsAuxiliaryHeaderButNoCommand()
    {
        using var document = JsonDocument.Parse(RunJson(FrameHex.Parse(Secured))[0]);
        var nwk = document.RootElement.GetProperty("nwk");
        Assert.IsTrue(nwk.GetProperty("security").GetBoolean());
        var aux = nwk.GetProperty("aux_security");
        Assert.AreEqual("network", aux.GetProperty("key_id").GetString());
        Assert.AreEqual(256, aux.GetProperty("frame_counter").GetInt64());
        Assert.AreEqual("01:02:03:04:05:06:07:08", aux.GetProperty("source").GetString());
        Assert.AreEqual(0, aux.GetProperty("key_seq").GetInt32());
        Assert.AreEqual(4, aux.GetProperty("mic_length").GetInt32());
        Assert.AreEqual(11, nwk.GetProperty("payload_length").GetInt32());
    }

    [TestMethod]
    public void UnsecuredCommandShowsItsFields()
    {
        var nwkHeader = new NwkHeader(
            NwkFrameControl.Create(NwkFrameType.Command),
            0xFFFC, 0x0001, 30, 9,
            DestinationIeeeAddress: 0x00124B0001020304,
            SourceIeeeAddress: 0x1122334455667788,
            MulticastControl: NwkMulticastControl.Create(NwkMulticastMode.Member, 2, 3),
            SourceRoute: new NwkSourceRoute(2, 1));
        var command = new byte[20];
        var commandLength = RouteRequestCommand.Create(7, 0x4321, 3, ManyToOneMode.RouteRecordSupported).Encode(command);
        var psdu = MacDataFrame(nwkHeader, [0x0A0A, 0x0B0B], command.AsSpan(0, commandLength));
        using var document = JsonDocument.Parse(RunJson(psdu)[0]);
        var nwk = document.RootElement.GetProperty("nwk");
        Assert.AreEqual("command", nwk.GetProperty("frame_type").GetString());
        Assert.AreEqual("00:12:4b:00:01:02:03:04", nwk.GetProperty("dst64").GetString());
        Assert.AreEqual("11:22:33:44:55:66:77:88", nwk.GetProperty("src64").GetString());
        Assert.IsTrue(nwk.GetProperty("multicast").GetBoolean());
        Assert.AreEqual(2, nwk.GetProperty("multicast_control").GetProperty("non_member_radius").GetInt32());
        Assert.IsTrue(nwk.GetProperty("source_route").GetBoolean());
        Assert.AreEqual(2, nwk.GetProperty("relay_count").GetInt32());
        Assert.AreEqual(1, nwk.GetProperty("relay_index").GetInt32());
        Assert.AreEqual("0x0b0b", nwk.GetProperty("relays")[1].GetString());
        Assert.AreEqual(1, nwk.GetProperty("command").GetInt32());
        Assert.AreEqual("route_request", nwk.GetProperty("command_name").GetString());
        Assert.AreEqual("0x4321", nwk.GetProperty("destination").GetString());
        Assert.AreEqual(1, nwk.GetProperty("many_to_one").GetInt32());
    }

    [TestMethod]
    public void NonZigBeePayloadsGetNoNwkAndBrokenOnesAnError()
    {
        var buffer = new byte[127];
        var mac = MacHeader.Data(1, 0x1A62, MacAddress.FromShort(0x1234), MacAddress.FromShort(0x0001), ackRequest: false);
        var sixLowPan = buffer[..MacFrame.Encode(mac, [0x41, 0x60, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06], buffer)];
        var greenPower = buffer[..MacFrame.Encode(mac, [0x0C, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07], buffer)];
        var truncated = buffer[..MacFrame.Encode(mac, [0x08, 0x00, 0x34], buffer)];
        var lines = RunJson(sixLowPan, greenPower, truncated);
        using (var first = JsonDocument.Parse(lines[0]))
        {
            Assert.IsFalse(first.RootElement.TryGetProperty("nwk", out _), "protocol version 0 is not ZigBee PRO");
        }

        using (var second = JsonDocument.Parse(lines[1]))
        {
            Assert.IsFalse(second.RootElement.TryGetProperty("nwk", out _), "protocol version 3 is Green Power");
        }

        using var third = JsonDocument.Parse(lines[2]);
        var nwk = third.RootElement.GetProperty("nwk");
        Assert.AreEqual("NWK header shorter than its addresses, radius and sequence number", nwk.GetProperty("error").GetString());
        Assert.AreEqual(2, nwk.GetProperty("error_offset").GetInt32());
        Assert.IsFalse(nwk.TryGetProperty("frame_type", out _));
    }

    [TestMethod]
    public void ZigBeeBeaconPayloadIsShown()
    {
        var beaconPayload = new byte[15];
        ZigBeeBeaconPayload.Create(0x0011223344556677, routerCapacity: true, endDeviceCapacity: false, deviceDepth: 2, updateId: 4).Encode(beaconPayload);
        var macPayload = new byte[40];
        var length = Beacon.Encode(SuperframeSpecification.NonBeacon(false, true), [], [], beaconPayload, macPayload);
        var buffer = new byte[127];
        var header = new MacHeader(FrameControl.Create(MacFrameType.Beacon, MacAddressingMode.None, MacAddressingMode.Short), 9, 0, MacAddress.None, 0x1A62, MacAddress.FromShort(0x0001));
        using var document = JsonDocument.Parse(RunJson(buffer[..MacFrame.Encode(header, macPayload.AsSpan(0, length), buffer)])[0]);
        var beacon = document.RootElement.GetProperty("zigbee_beacon");
        Assert.AreEqual(2, beacon.GetProperty("stack_profile").GetInt32());
        Assert.AreEqual(2, beacon.GetProperty("device_depth").GetInt32());
        Assert.IsTrue(beacon.GetProperty("router_capacity").GetBoolean());
        Assert.IsFalse(beacon.GetProperty("end_device_capacity").GetBoolean());
        Assert.AreEqual("00:11:22:33:44:55:66:77", beacon.GetProperty("extended_pan_id").GetString());
        Assert.AreEqual(4, beacon.GetProperty("update_id").GetInt32());
    }

    [TestMethod]
    public void TextLineHasTheNwkPart()
    {
        var path = WriteCapture(FrameHex.Parse(Toggle), FrameHex.Parse(Secured));
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.AreEqual(0, DecodeCommand.Run(new FileInfo(path), false, output, error), error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        StringAssert.Contains(lines[0], "| nwk data 0x0000 -> 0x1234 r=30 seq=16 | aps data");
        StringAssert.Contains(lines[1], "| nwk data 0x0000 -> 0x1234 r=30 seq=17 secured");
    }

    [TestMethod]
    public void EveryNwkFrameOfTheCapturesDecodesWithoutError()
    {
        var frames = 0;
        foreach (var file in CaptureFrames.Readable)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            DecodeCommand.Run(new FileInfo(TestPaths.Capture(file)), true, output, error);
            foreach (var line in output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.TryGetProperty("nwk", out var nwk))
                {
                    Assert.IsFalse(nwk.TryGetProperty("error", out var reason), $"{file}: {reason}");
                    frames++;
                }
            }
        }

        Assert.IsGreaterThan(250, frames);
    }

    private static byte[] MacDataFrame(in NwkHeader nwkHeader, ReadOnlySpan<ushort> relays, ReadOnlySpan<byte> nwkPayload)
    {
        var nwk = new byte[100];
        var nwkLength = NwkFrame.Encode(nwkHeader, relays, nwkPayload, nwk);
        var buffer = new byte[127];
        var mac = MacHeader.Data(1, 0x1A62, MacAddress.FromShort(0xFFFF), MacAddress.FromShort(0x0001), ackRequest: false);
        return buffer[..MacFrame.Encode(mac, nwk.AsSpan(0, nwkLength), buffer)];
    }

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
        var directory = Path.Combine(TestContext.TestRunDirectory ?? Path.GetTempPath(), "decode-nwk-tests");
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
