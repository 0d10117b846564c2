using System.Globalization;
using ZigBee.Cli.Decode;
using ZigBee.Mac.Frames;
using ZigBee.Nwk.Frames;
using ZigBee.Simulation.Pcap;

namespace ZigBee.Tests.Nwk;

/// <summary>
/// For every shared capture with link type 195, Wireshark's tshark and our decoder agree on every NWK header field
/// (and the auxiliary security header) of every frame tshark dissects as NWK, and tshark dissects as NWK every frame
/// with a good FCS that the decoder's test calls NWK. tshark is given no keys, so the command identifier is compared on
/// unsecured frames only (it learns keys sent in the clear and decrypts some frames on its own).
/// </summary>
[TestClass]
public sealed class NwkTsharkAgreementTests
{
    private static readonly string[] Fields =
    [
        "frame.number", "zbee_nwk.frame_type", "zbee_nwk.proto_version", "zbee_nwk.discovery", "zbee_nwk.multicast",
        "zbee_nwk.security", "zbee_nwk.src_route", "zbee_nwk.ext_dst", "zbee_nwk.ext_src", "zbee_nwk.end_device_initiator",
        "zbee_nwk.dst", "zbee_nwk.src", "zbee_nwk.radius", "zbee_nwk.seqno", "zbee_nwk.dst64", "zbee_nwk.src64",
        "zbee_nwk.relay.count", "zbee_nwk.relay.index", "zbee_nwk.relay", "zbee.sec.key_id", "zbee.sec.counter",
        "zbee.sec.src64", "zbee.sec.key_seqno", "zbee_nwk.cmd.id", "wpan.fcs_ok", "zbee_nwk.multicast.mode",
        "zbee_nwk.multicast.radius", "zbee_nwk.multicast.max_radius",
    ];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task EveryNwkFieldOfEveryFrameAgreesWithTshark()
    {
        var compared = 0;
        var commands = 0;
        foreach (var file in CaptureFrames.Readable)
        {
            var (linkType, frames) = CaptureFrames.Read(file);
            if (linkType != PcapLinkType.Ieee802154WithFcs)
            {
                continue;
            }

            var rows = await RunTshark(TestPaths.Capture(file));
            Assert.HasCount(frames.Count, rows, $"{file}: tshark rows");
            foreach (var row in rows)
            {
                var number = int.Parse(row[0], CultureInfo.InvariantCulture);
                var where = $"{file} frame {number}";
                var psdu = frames[number - 1];
                var isMac = MacFrame.TryDecode(psdu, out var mac);
                var looksLikeNwk = isMac && NwkNames.LooksLikeNwk(mac, mac.Payload(psdu));
                if (string.IsNullOrEmpty(row[1]))
                {
                    Assert.IsFalse(looksLikeNwk && mac.FcsValid, $"{where}: we read a NWK frame tshark did not");
                    continue;
                }

                Assert.IsTrue(isMac, $"{where}: tshark dissected NWK in a frame whose MAC header we refused");
                var nwk = mac.Payload(psdu);
                Assert.IsTrue(NwkFrame.TryDecode(nwk, out var frame, out _, out var reason), $"{where}: {reason}");
                commands += Compare(where, nwk, frame, row) ? 1 : 0;
                compared++;
            }
        }

        Assert.IsGreaterThan(240, compared);
        Assert.IsGreaterThan(0, commands);
    }

    /// <summary>Compares one frame; true when a command identifier was compared.</summary>
    private static bool Compare(string where, ReadOnlySpan<byte> nwk, in NwkFrame frame, string[] row)
    {
        var header = frame.Header;
        var fc = header.FrameControl;
        Assert.AreEqual(Hex(row[1]), (int)fc.FrameType, $"{where}: frame type");
        Assert.AreEqual(int.Parse(row[2], CultureInfo.InvariantCulture), fc.ProtocolVersion, $"{where}: protocol version");
        Assert.AreEqual(Hex(row[3]), (int)fc.DiscoverRoute, $"{where}: discover route");
        Assert.AreEqual(row[4] == "1", fc.Multicast, $"{where}: multicast");
        Assert.AreEqual(row[5] == "1", fc.Security, $"{where}: security");
        Assert.AreEqual(row[6] == "1", fc.SourceRoute, $"{where}: source route");
        Assert.AreEqual(row[7] == "1", fc.DestinationIeeeAddressPresent, $"{where}: destination IEEE present");
        Assert.AreEqual(row[8] == "1", fc.SourceIeeeAddressPresent, $"{where}: source IEEE present");
        Assert.AreEqual(row[9] == "1", fc.EndDeviceInitiator, $"{where}: end device initiator");
        if (header.IsInterPan)
        {
            Assert.AreEqual(string.Empty, row[10] + row[11] + row[12] + row[13], $"{where}: an inter-PAN stub header has no addresses");
            return false;
        }

        Assert.AreEqual(row[10], $"0x{header.DestinationAddress:x4}", $"{where}: dst");
        Assert.AreEqual(row[11], $"0x{header.SourceAddress:x4}", $"{where}: src");
        Assert.AreEqual(int.Parse(row[12], CultureInfo.InvariantCulture), header.Radius, $"{where}: radius");
        Assert.AreEqual(int.Parse(row[13], CultureInfo.InvariantCulture), header.SequenceNumber, $"{where}: seq");
        Assert.AreEqual(row[14], header.DestinationIeeeAddress is { } dst64 ? MacAddress.FormatExtended(dst64) : string.Empty, $"{where}: dst64");
        if (header.SourceIeeeAddress is { } src64)
        {
            // Without one on air, Wireshark may show a source IEEE address it learnt earlier: not compared.
            Assert.AreEqual(row[15], MacAddress.FormatExtended(src64), $"{where}: src64");
        }

        if (header.SourceRoute is { } route)
        {
            Assert.AreEqual(int.Parse(row[16], CultureInfo.InvariantCulture), route.RelayCount, $"{where}: relay count");
            Assert.AreEqual(int.Parse(row[17], CultureInfo.InvariantCulture), route.RelayIndex, $"{where}: relay index");
            var relays = row[18].Length == 0 ? [] : row[18].Split(',');
            Assert.HasCount(route.RelayCount, relays, $"{where}: relays");
            for (var i = 0; i < relays.Length; i++)
            {
                Assert.AreEqual(int.Parse(relays[i], CultureInfo.InvariantCulture), route.GetRelay(nwk, i), $"{where}: relay {i}");
            }
        }
        else
        {
            Assert.AreEqual(string.Empty, row[16] + row[17] + row[18], $"{where}: tshark read a source route");
        }

        if (header.MulticastControl is { } multicast)
        {
            Assert.AreEqual(int.Parse(row[25], CultureInfo.InvariantCulture), (int)multicast.Mode, $"{where}: multicast mode");
            Assert.AreEqual(int.Parse(row[26], CultureInfo.InvariantCulture), multicast.NonMemberRadius, $"{where}: non-member radius");
            Assert.AreEqual(int.Parse(row[27], CultureInfo.InvariantCulture), multicast.MaxNonMemberRadius, $"{where}: max non-member radius");
        }

        if (header.Security is { } security)
        {
            // The NWK auxiliary header is the first one in the tree; an APS one tshark decrypted may follow.
            Assert.AreEqual(Hex(First(row[19])), (int)security.KeyIdentifier, $"{where}: key identifier");
            Assert.AreEqual(uint.Parse(First(row[20]), CultureInfo.InvariantCulture), security.FrameCounter, $"{where}: frame counter");
            if (security.ExtendedNonce)
            {
                Assert.AreEqual(First(row[21]), MacAddress.FormatExtended(security.SourceAddress), $"{where}: security source");
            }

            if (security.HasKeySequenceNumber)
            {
                Assert.AreEqual(int.Parse(First(row[22]), CultureInfo.InvariantCulture), security.KeySequenceNumber, $"{where}: key sequence number");
            }

            return false;
        }

        var command = frame.CommandId(nwk);
        Assert.AreEqual(row[23], command is { } id ? $"0x{(byte)id:x2}" : string.Empty, $"{where}: command identifier");
        return command.HasValue;
    }

    private Task<List<string[]>> RunTshark(string capture) => Tshark.FieldsAsync(capture, Fields, TestContext.CancellationToken);

    private static string First(string values) => values.Split(',')[0];

    private static int Hex(string text) => int.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
