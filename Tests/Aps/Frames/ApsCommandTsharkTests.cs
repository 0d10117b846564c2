using System.Globalization;
using ZigBee.Aps.Frames;
using ZigBee.Mac.Frames;
using ZigBee.Nwk.Frames;
using ZigBee.Simulation.Pcap;

namespace ZigBee.Tests.Aps.Frames;

/// <summary>
/// Every field of every unsecured APS command — the ones our encoder builds and the ones in the shared captures
/// (transport key in the clear) — decodes to what Wireshark's tshark shows.
/// </summary>
[TestClass]
public sealed class ApsCommandTsharkTests
{
    private static readonly string[] Fields =
    [
        "frame.number", "zbee_aps.cmd.id", "zbee_aps.cmd.key_type", "zbee_aps.cmd.key", "zbee_aps.cmd.seqno", "zbee_aps.cmd.dst",
        "zbee_aps.cmd.src", "zbee_aps.cmd.partner", "zbee_aps.cmd.init_flag", "zbee_aps.cmd.device", "zbee_aps.cmd.addr",
        "zbee_aps.cmd.update_status", "zbee_aps.cmd.status", "zbee_aps.cmd.key_hash", "zbee_aps.security",
    ];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task EncodedCommandsAgreeWithTshark()
    {
        var psdus = new List<byte[]>();
        byte sequence = 0;
        foreach (var command in ApsSamples.Commands)
        {
            psdus.Add(ApsSamples.InMacAndNwk(ApsSamples.Encode(ApsHeader.Command(sequence), command), sequence++));
        }

        var path = Path.Combine(TestContext.TestRunDirectory ?? Path.GetTempPath(), $"aps-commands-{Guid.NewGuid():N}.pcap");
        using (var writer = new PcapWriter(File.Create(path), PcapLinkType.Ieee802154WithFcs))
        {
            foreach (var psdu in psdus)
            {
                writer.Write(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), psdu);
            }
        }

        Assert.AreEqual(ApsSamples.Commands.Count, await CompareAsync(path, psdus));
    }

    [TestMethod]
    public async Task CapturedCommandsAgreeWithTshark()
    {
        var compared = 0;
        foreach (var file in CaptureFrames.Readable)
        {
            var (linkType, frames) = CaptureFrames.Read(file);
            if (linkType == PcapLinkType.Ieee802154WithFcs)
            {
                compared += await CompareAsync(TestPaths.Capture(file), frames);
            }
        }

        TestContext.WriteLine($"{compared} unsecured APS commands of the shared captures compared with tshark");
        Assert.IsGreaterThanOrEqualTo(2, compared, "the shared captures hold two transport-key commands in the clear");
    }

    /// <summary>Compares every unsecured APS command tshark finds in NWK-unsecured frames; returns how many.</summary>
    private async Task<int> CompareAsync(string capture, IReadOnlyList<byte[]> psdus)
    {
        var compared = 0;
        foreach (var row in await Tshark.FieldsAsync(capture, Fields, TestContext.CancellationToken))
        {
            if (row[1].Length == 0 || row[14].Split(',')[0] != "0")
            {
                continue;
            }

            var number = int.Parse(row[0], CultureInfo.InvariantCulture);
            var psdu = psdus[number - 1];
            if (!MacFrame.TryDecode(psdu, out var mac) || !NwkFrame.TryDecode(mac.Payload(psdu), out var nwk) || nwk.Header.Security.HasValue)
            {
                continue; // tshark decrypted a NWK frame on its own: not ours to compare
            }

            var nwkPayload = nwk.Payload(mac.Payload(psdu));
            Assert.IsTrue(ApsFrame.TryDecode(nwkPayload, out var aps, out _, out var reason), $"frame {number}: {reason}");
            var payload = aps.Payload(nwkPayload);
            Compare($"{Path.GetFileName(capture)} frame {number}", payload, row);
            compared++;
        }

        return compared;
    }

    private static void Compare(string where, ReadOnlySpan<byte> payload, string[] row)
    {
        var id = (ApsCommandId)Hex(First(row[1]));
        Assert.AreEqual((byte)id, payload[0], $"{where}: command identifier");
        switch (id)
        {
            case ApsCommandId.TransportKey:
                Assert.IsTrue(TransportKeyCommand.TryDecode(payload, out var transport), where);
                Assert.AreEqual(Hex(row[2]), (int)transport.KeyType, $"{where}: key type");
                Assert.AreEqual(row[3].Replace(":", string.Empty, StringComparison.Ordinal), transport.Key.ToString(), $"{where}: key");
                Assert.AreEqual(row[4], transport.KeyType == ApsKeyType.StandardNetworkKey ? Dec(transport.KeySequenceNumber) : string.Empty, $"{where}: sequence number");
                Assert.AreEqual(row[5], transport.KeyType == ApsKeyType.ApplicationLinkKey ? string.Empty : Eui(transport.DestinationAddress), $"{where}: destination");
                Assert.AreEqual(row[6], transport.KeyType == ApsKeyType.ApplicationLinkKey ? string.Empty : Eui(transport.SourceAddress), $"{where}: source");
                Assert.AreEqual(row[7], transport.KeyType == ApsKeyType.ApplicationLinkKey ? Eui(transport.PartnerAddress) : string.Empty, $"{where}: partner");
                Assert.AreEqual(row[8], transport.KeyType == ApsKeyType.ApplicationLinkKey ? (transport.Initiator ? "1" : "0") : string.Empty, $"{where}: initiator");
                break;
            case ApsCommandId.UpdateDevice:
                Assert.IsTrue(UpdateDeviceCommand.TryDecode(payload, out var update), where);
                Assert.AreEqual(row[9], Eui(update.DeviceAddress), $"{where}: device");
                Assert.AreEqual(Hex(row[10]), update.DeviceShortAddress, $"{where}: short address");
                Assert.AreEqual(Hex(row[11]), (int)update.Status, $"{where}: status");
                break;
            case ApsCommandId.RemoveDevice:
                Assert.IsTrue(RemoveDeviceCommand.TryDecode(payload, out var remove), where);
                Assert.AreEqual(row[9], Eui(remove.TargetAddress), $"{where}: device");
                break;
            case ApsCommandId.RequestKey:
                Assert.IsTrue(RequestKeyCommand.TryDecode(payload, out var request), where);
                Assert.AreEqual(Hex(row[2]), (int)request.KeyType, $"{where}: key type");
                Assert.AreEqual(row[7], request.HasPartnerAddress ? Eui(request.PartnerAddress) : string.Empty, $"{where}: partner");
                break;
            case ApsCommandId.SwitchKey:
                Assert.IsTrue(SwitchKeyCommand.TryDecode(payload, out var switchKey), where);
                Assert.AreEqual(row[4], Dec(switchKey.KeySequenceNumber), $"{where}: sequence number");
                break;
            case ApsCommandId.Tunnel:
                Assert.IsTrue(TunnelCommand.TryDecode(payload, out var tunnel), where);
                Assert.AreEqual(First(row[5]), Eui(tunnel.DestinationAddress), $"{where}: destination");
                Assert.AreEqual(row[14], tunnel.TunnelledFrame.Header.Security.HasValue ? "0,1" : "0,0", $"{where}: the tunnelled frame's security bit, as tshark's second APS header shows it");
                break;
            case ApsCommandId.VerifyKey:
                Assert.IsTrue(VerifyKeyCommand.TryDecode(payload, out var verify), where);
                Assert.AreEqual(Hex(row[2]), (int)verify.KeyType, $"{where}: key type");
                Assert.AreEqual(row[6], Eui(verify.SourceAddress), $"{where}: source");
                Assert.AreEqual(row[13].Replace(":", string.Empty, StringComparison.Ordinal), verify.InitiatorVerifyKeyHash.ToString(), $"{where}: hash");
                break;
            case ApsCommandId.ConfirmKey:
                Assert.IsTrue(ConfirmKeyCommand.TryDecode(payload, out var confirm), where);
                Assert.AreEqual(Hex(row[12]), (int)confirm.Status, $"{where}: status");
                Assert.AreEqual(Hex(row[2]), (int)confirm.KeyType, $"{where}: key type");
                Assert.AreEqual(row[5], Eui(confirm.DestinationAddress), $"{where}: destination");
                break;
            default:
                Assert.Fail($"{where}: command 0x{(byte)id:x2} is not an R22 command");
                break;
        }
    }

    private static string Eui(ulong address) => MacAddress.FormatExtended(address);

    private static string Dec(byte value) => value.ToString(CultureInfo.InvariantCulture);

    private static string First(string values) => values.Split(',')[0];

    private static int Hex(string text) => int.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
