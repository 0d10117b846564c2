using ZigBee.Mac.Frames;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Scheduling;
using ZigBee.XBee.Emulator;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Mac;

namespace ZigBee.Tests.XBee;

/// <summary>Broken input for the 802.15.4 pieces: PAN descriptors from the line, API frames into the emulated firmware.</summary>
[TestClass]
public sealed class MacHostileTests
{
    private static readonly XBeePanDescriptor ShortDescriptor = new(MacAddress.FromShort(0x7E7D), 0x1311, 15,
        SuperframeSpecification.NonBeacon(panCoordinator: true, associationPermit: true), false, 0x28, 0x123456);

    private static readonly XBeePanDescriptor LongDescriptor = new(MacAddress.FromExtended(0x0013A20040A1B2C3), 0xFFFE, 26,
        SuperframeSpecification.NonBeacon(panCoordinator: false, associationPermit: false), true, 0x64, 0xFFFFFF, SecurityUse: true, AclEntry: 3, SecurityFailure: true);

    [TestMethod]
    public void PanDescriptor_RoundTripsBothAddressModes()
    {
        foreach (var descriptor in new[] { ShortDescriptor, LongDescriptor })
        {
            var bytes = new byte[XBeePanDescriptor.LongLength];
            var length = descriptor.Encode(bytes);
            Assert.AreEqual(descriptor.Length, length);
            Assert.IsTrue(XBeePanDescriptor.TryDecode(bytes.AsSpan(0, length), out var back));
            Assert.AreEqual(descriptor, back);
            Assert.AreEqual(-descriptor.Rssi, back.RssiDbm);
        }

        // Big-endian on the wire, as every XBee field: address, PAN ID, mode, channel first.
        var shortBytes = new byte[XBeePanDescriptor.ShortLength];
        ShortDescriptor.Encode(shortBytes);
        CollectionAssert.AreEqual(new byte[] { 0x7E, 0x7D, 0x13, 0x11, 0x02, 15 }, shortBytes[..6]);
        CollectionAssert.AreEqual(new byte[] { 0x12, 0x34, 0x56 }, shortBytes[^3..]);
        Assert.ThrowsExactly<ArgumentException>(() => ShortDescriptor.Encode(new byte[15]));
    }

    [TestMethod]
    public void PanDescriptor_TryDecode_RefusesWhatItCannotReadAndNeverThrows()
    {
        Assert.IsFalse(XBeePanDescriptor.TryDecode([], out _));
        var bytes = new byte[XBeePanDescriptor.ShortLength];
        ShortDescriptor.Encode(bytes);
        bytes[4] = XBeePanDescriptor.LongAddressMode;
        Assert.IsFalse(XBeePanDescriptor.TryDecode(bytes, out _), "mode 3 with a 2-byte address");

        var corpus = new List<byte[]>();
        foreach (var descriptor in new[] { ShortDescriptor, LongDescriptor })
        {
            var encoded = new byte[descriptor.Length];
            descriptor.Encode(encoded);
            corpus.Add(encoded);
        }

        var (decoded, refused) = HostileInput.Run(corpus, seed: 1, iterations: 200_000, boundary: 0x7E, input =>
        {
            if (!XBeePanDescriptor.TryDecode(input, out var d))
            {
                return false;
            }

            // What decodes encodes back to the same bytes.
            var again = new byte[XBeePanDescriptor.LongLength];
            var length = d.Encode(again);
            Assert.IsTrue(input.SequenceEqual(again.AsSpan(0, length)), Convert.ToHexString(input));
            return true;
        });
        Assert.IsGreaterThan(0, decoded);
        Assert.IsGreaterThan(0, refused);
    }

    [TestMethod]
    public void Firmware_TakesMutatedApiFramesWithoutFault()
    {
        var scheduler = new SimulationScheduler();
        var medium = new SimulatedMedium(scheduler, seed: 61);
        var firmware = Ieee802154Firmware.Create(scheduler, medium, MacTestBed.ModuleAddress, seed: 61);
        var peer = medium.AddNode(0x00124B0009000001);
        medium.Link(firmware.Radio.Index, peer.Index);
        var toHost = 0;
        firmware.FrameToHost += _ => toHost++;
        scheduler.Post(firmware.PowerOn);
        scheduler.RunFor(TimeSpan.FromMilliseconds(10));
        var corpus = new List<byte[]>
        {
            Encode(d => new Tx16RequestFrame(1, 0x2002, Tx154Options.None, [0x7E, 1, 2]).Encode(d)),
            Encode(d => new Tx64RequestFrame(2, 0x00124B0009000001, Tx154Options.DisableAck, [3]).Encode(d)),
            Encode(d => new AtCommandFrame(3, AtCommandName.CH, [0x0F]).Encode(d)),
            Encode(d => new AtCommandFrame(4, AtCommandName.AS, [1]).Encode(d)),
            Encode(d => new AtCommandFrame(5, AtCommandName.ED, []).Encode(d)),
            Encode(d => new AtCommandFrame(6, AtCommandName.A1, [0x07], Queued: true).Encode(d)),
            Encode(d => new AtCommandFrame(7, AtCommandName.CE, [0x01]).Encode(d)),
            Encode(d => new AtCommandFrame(8, Ieee802154Commands.DA, []).Encode(d)),
            Encode(d => new AtCommandFrame(9, AtCommandName.AC, []).Encode(d)),
            Encode(d => new RemoteAtCommandFrame(10, 1, 0xFFFE, RemoteAtOptions.None, AtCommandName.ID, []).Encode(d)),
            Encode(d => new TransmitRequestFrame(11, 1, 0xFFFE, 0, TransmitOptions.None, [1]).Encode(d)),
        };

        var (accepted, _) = HostileInput.Run(corpus, seed: 2, iterations: 20_000, boundary: 0x13, input =>
        {
            if (input.IsEmpty)
            {
                return false;
            }

            var copy = input.ToArray();
            scheduler.Post(() => firmware.ReceiveFromHost(copy));
            scheduler.RunFor(TimeSpan.FromMilliseconds(5));
            return true;
        });
        scheduler.RunFor(TimeSpan.FromSeconds(30));

        Assert.IsGreaterThan(0, accepted);
        Assert.IsNull(firmware.Fault, firmware.Fault?.ToString());
        Assert.IsGreaterThan(0, toHost, "it kept answering");
        Assert.IsGreaterThan(0L, firmware.UnknownFrames, "ZigBee-firmware and broken frames are ignored, and counted");
    }

    private static byte[] Encode(Func<byte[], int> encode)
    {
        var buffer = new byte[256];
        return buffer[..encode(buffer)];
    }
}
