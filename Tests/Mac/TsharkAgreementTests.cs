using System.Globalization;
using ZigBee.Mac.Frames;
using ZigBee.Simulation.Pcap;

namespace ZigBee.Tests.Mac;

/// <summary>
/// For every shared capture with link type 195, Wireshark's tshark and our decoder agree on every MAC field of every
/// frame. Where Wireshark gives up on a header (reserved addressing mode, frame version 3, PAN ID compression with
/// one address in a 2006 frame) only the fields it did read are compared.
/// </summary>
[TestClass]
public sealed class TsharkAgreementTests
{
    private static readonly string[] Fields =
    [
        "frame.number", "wpan.frame_type", "wpan.seq_no", "wpan.dst_pan", "wpan.dst16", "wpan.dst64", "wpan.src_pan",
        "wpan.src16", "wpan.src64", "wpan.security", "wpan.pending", "wpan.ack_request", "wpan.pan_id_compression",
        "wpan.version", "wpan.cmd", "wpan.fcs_ok",
    ];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task EveryMacFieldOfEveryFrameAgreesWithTshark()
    {
        var compared = 0;
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
                Compare($"{file} frame {number}", frames[number - 1], row);
                compared++;
            }
        }

        Assert.IsGreaterThan(400, compared);
    }

    private static void Compare(string where, byte[] psdu, string[] row)
    {
        var ok = MacFrame.TryDecode(psdu, out var frame);
        if (string.IsNullOrEmpty(row[1]))
        {
            Assert.IsFalse(ok, $"{where}: tshark read no frame control, we decoded one");
            return;
        }

        var fc = new FrameControl((ushort)(psdu[0] | (psdu[1] << 8)));
        Assert.AreEqual(Hex(row[1]), (int)fc.FrameType, $"{where}: frame type");
        Assert.AreEqual(row[9] == "1", fc.SecurityEnabled, $"{where}: security");
        Assert.AreEqual(row[10] == "1", fc.FramePending, $"{where}: pending");
        Assert.AreEqual(row[11] == "1", fc.AckRequest, $"{where}: ack request");
        Assert.AreEqual(row[12] == "1", fc.PanIdCompression, $"{where}: PAN ID compression");
        Assert.AreEqual(int.Parse(row[13], CultureInfo.InvariantCulture), (int)fc.FrameVersion, $"{where}: version");
        if (!ok)
        {
            // We refuse only what Wireshark's header dissection also failed on (it then reports no FCS verdict).
            Assert.AreEqual(string.Empty, row[15], $"{where}: we refused a frame whose header Wireshark dissected");
            return;
        }

        var header = frame.Header;
        if (string.IsNullOrEmpty(row[2]))
        {
            Assert.IsFalse(header.HasSequenceNumber, $"{where}: tshark shows no sequence number");
        }
        else
        {
            Assert.AreEqual(int.Parse(row[2], CultureInfo.InvariantCulture), header.SequenceNumber, $"{where}: sequence number");
        }

        if (row[15].Length > 0)
        {
            Assert.AreEqual(row[15] == "1", frame.FcsValid, $"{where}: FCS verdict");
        }

        var bothPresent = fc.DestinationAddressingMode >= MacAddressingMode.Short && fc.SourceAddressingMode >= MacAddressingMode.Short;
        var wiresharkGaveUp = fc.DestinationAddressingMode == MacAddressingMode.Reserved
            || fc.SourceAddressingMode == MacAddressingMode.Reserved
            || fc.FrameVersion == MacFrameVersion.Reserved
            || (fc.FrameVersion < MacFrameVersion.Ieee2015 && fc.PanIdCompression && !bothPresent);
        if (wiresharkGaveUp)
        {
            Assert.AreEqual(string.Empty, row[3] + row[4] + row[5] + row[6] + row[7], $"{where}: tshark read addresses we expected it to refuse");
            return;
        }

        Assert.AreEqual(row[3], header.HasDestinationPanId ? $"0x{header.DestinationPanId:x4}" : string.Empty, $"{where}: destination PAN");
        Assert.AreEqual(row[4], header.Destination.Mode == MacAddressingMode.Short ? header.Destination.ToString() : string.Empty, $"{where}: dst16");
        Assert.AreEqual(row[5], header.Destination.Mode == MacAddressingMode.Extended ? header.Destination.ToString() : string.Empty, $"{where}: dst64");
        Assert.AreEqual(row[6], header.HasSourcePanId ? $"0x{header.SourcePanId:x4}" : string.Empty, $"{where}: source PAN");
        Assert.AreEqual(row[7], header.Source.Mode == MacAddressingMode.Short ? header.Source.ToString() : string.Empty, $"{where}: src16");
        if (header.Source.Mode != MacAddressingMode.Short)
        {
            // With a short source, Wireshark may add the extended address it learnt earlier: not on air, not compared.
            Assert.AreEqual(row[8], header.Source.Mode == MacAddressingMode.Extended ? header.Source.ToString() : string.Empty, $"{where}: src64");
        }

        if (fc.FrameVersion != MacFrameVersion.Ieee2015)
        {
            var command = frame.CommandId(psdu);
            Assert.AreEqual(row[14], command is { } id ? $"0x{(byte)id:x2}" : string.Empty, $"{where}: command identifier");
        }
    }

    private Task<List<string[]>> RunTshark(string capture) => Tshark.FieldsAsync(capture, Fields, TestContext.CancellationToken);

    private static int Hex(string text) => int.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
