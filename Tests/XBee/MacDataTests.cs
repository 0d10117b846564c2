using ZigBee.Mac.Frames;
using ZigBee.Mac.Pib;
using ZigBee.Mac.Service;
using ZigBee.Simulation.Medium;
using ZigBee.XBee.Emulator;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Mac;

namespace ZigBee.Tests.XBee;

/// <summary>MCPS-DATA through the 802.15.4-firmware emulator: frames both ways, RSSI as link quality, TX statuses.</summary>
[TestClass]
public sealed class MacDataTests
{
    // Every byte API mode 2 must escape, and the start delimiter twice.
    private static readonly byte[] Awkward = [0x7E, 0x7D, 0x11, 0x13, 0x7E, 0x00, 0xFF, 0x7D];

    private static (MacTestBed Bed, MacService Peer) Configured(int seed, ApiMode mode = ApiMode.Escaped, byte lqi = 200)
    {
        var bed = new MacTestBed(seed, mode);
        var peer = bed.AddPeer(1, lqi);
        bed.Start();
        Assert.AreEqual(MacStatus.Success, bed.RunValue(async () => (await bed.Mac.SetRequestAsync(MacPibAttribute.PhyCurrentChannel, 15UL)).Status));
        Assert.AreEqual(MacStatus.Success, bed.RunValue(async () => (await bed.Mac.SetRequestAsync(MacPibAttribute.MacPanId, 0x1234UL)).Status));
        Assert.AreEqual(MacStatus.Success, bed.RunValue(async () => (await bed.Mac.SetRequestAsync(MacPibAttribute.MacShortAddress, 0x1001UL)).Status));
        return (bed, peer);
    }

    private static McpsDataConfirm Send(MacTestBed bed, MacAddress to, byte[] msdu, MacTxOptions options = MacTxOptions.Acknowledged, ushort panId = 0x1234,
        MacAddressingMode source = MacAddressingMode.Short) =>
        bed.RunValue(() => bed.Mac.DataRequestAsync(new McpsDataRequest(source, panId, to, msdu, 7, options)));

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public void Data_BothWays_CarriesEveryByteAndTheRssiAsLinkQuality(ApiMode mode)
    {
        var (bed, peer) = Configured(seed: 11, mode, lqi: 200);
        var heardByPeer = new List<(McpsDataIndication Indication, byte[] Msdu)>();
        peer.DataIndication += (in McpsDataIndication i, ReadOnlySpan<byte> msdu) => heardByPeer.Add((i, msdu.ToArray()));
        var heardByHost = new List<(McpsDataIndication Indication, byte[] Msdu)>();
        bed.Mac.DataIndication += (in McpsDataIndication i, ReadOnlySpan<byte> msdu) => heardByHost.Add((i, msdu.ToArray()));

        var confirm = Send(bed, MacAddress.FromShort(0x2002), Awkward);
        Assert.AreEqual(MacStatus.Success, confirm.Status);
        Assert.AreEqual((byte)7, confirm.MsduHandle);
        Assert.HasCount(1, heardByPeer);
        CollectionAssert.AreEqual(Awkward, heardByPeer[0].Msdu);
        Assert.AreEqual(MacAddress.FromShort(0x1001), heardByPeer[0].Indication.SrcAddr, "MY is the source");
        Assert.AreEqual((ushort)0x1234, heardByPeer[0].Indication.DstPanId);

        byte[] back = [0x13, 0x11, 0x7E, 0x7D, 0x42];
        var peerConfirm = bed.RunValue(() => peer.DataRequestAsync(new McpsDataRequest(MacAddressingMode.Short, 0x1234, MacAddress.FromShort(0x1001), back, 1)));
        Assert.AreEqual(MacStatus.Success, peerConfirm.Status);
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.HasCount(1, heardByHost);
        var indication = heardByHost[0].Indication;
        CollectionAssert.AreEqual(back, heardByHost[0].Msdu);
        Assert.AreEqual(MacAddress.FromShort(0x2002), indication.SrcAddr);
        Assert.AreEqual(MacAddress.FromShort(0x1001), indication.DstAddr);
        Assert.AreEqual(LinkQuality.RssiFromLqi(200), indication.Rssi, "the module's RSSI is the radio's");
        Assert.IsLessThanOrEqualTo(2, Math.Abs(indication.MpduLinkQuality - 200), $"LQI {indication.MpduLinkQuality} from the RSSI");
    }

    [TestMethod]
    public void Data_ByExtendedAddress_UsesTx64AndRx64()
    {
        var (bed, peer) = Configured(seed: 12);
        var heardByPeer = new List<McpsDataIndication>();
        peer.DataIndication += (in McpsDataIndication i, ReadOnlySpan<byte> _) => heardByPeer.Add(i);
        var heardByHost = new List<McpsDataIndication>();
        bed.Mac.DataIndication += (in McpsDataIndication i, ReadOnlySpan<byte> _) => heardByHost.Add(i);

        Assert.AreEqual(MacStatus.Success, Send(bed, MacAddress.FromExtended(peer.ExtendedAddress), [1, 2, 3]).Status);
        Assert.AreEqual(MacAddress.FromExtended(peer.ExtendedAddress), heardByPeer.Single().DstAddr);

        Assert.AreEqual(MacStatus.Success, bed.RunValue(() => peer.DataRequestAsync(
            new McpsDataRequest(MacAddressingMode.Extended, 0x1234, MacAddress.FromExtended(MacTestBed.ModuleAddress), new byte[] { 4 }, 2))).Status);
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.AreEqual(MacAddress.FromExtended(peer.ExtendedAddress), heardByHost.Single().SrcAddr);
    }

    [TestMethod]
    public void Broadcasts_GoOutUnacknowledgedAndComeInMarkedBroadcast()
    {
        var (bed, peer) = Configured(seed: 13);
        var heardByPeer = new List<McpsDataIndication>();
        peer.DataIndication += (in McpsDataIndication i, ReadOnlySpan<byte> _) => heardByPeer.Add(i);
        var heardByHost = new List<McpsDataIndication>();
        bed.Mac.DataIndication += (in McpsDataIndication i, ReadOnlySpan<byte> _) => heardByHost.Add(i);

        Assert.AreEqual(MacStatus.Success, Send(bed, MacAddress.FromShort(0xFFFF), [9], MacTxOptions.None, panId: 0xFFFF).Status);
        Assert.IsTrue(heardByPeer.Single().DstAddr.IsBroadcast);
        Assert.AreEqual((ushort)0xFFFF, heardByPeer.Single().DstPanId);

        bed.RunValue(() => peer.DataRequestAsync(new McpsDataRequest(MacAddressingMode.Short, 0x1234, MacAddress.FromShort(0xFFFF), new byte[] { 8 }, 3, MacTxOptions.None)));
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.IsTrue(heardByHost.Single().DstAddr.IsBroadcast, "RX option 0x02: address broadcast");
        Assert.AreEqual((ushort)0x1234, heardByHost.Single().DstPanId);
    }

    [TestMethod]
    public void TxStatus_NoAckFromAnAbsentAddress_AndSuccessWhenNoAckWasAsked()
    {
        var (bed, _) = Configured(seed: 14);

        var absent = Send(bed, MacAddress.FromShort(0x0BAD), [1]);
        Assert.AreEqual(MacStatus.NoAck, absent.Status);
        Assert.AreEqual(1L, bed.Mac.HostCounters.NoAck);

        var unacknowledged = Send(bed, MacAddress.FromShort(0x0BAD), [1], MacTxOptions.None);
        Assert.AreEqual(MacStatus.Success, unacknowledged.Status, "no ACK asked (DisableAck): the firmware reports success");
    }

    [TestMethod]
    public void TxStatus_NoAckFromAPeerThatStoppedAnswering()
    {
        var (bed, peer) = Configured(seed: 15);
        Assert.AreEqual(MacStatus.Success, Send(bed, MacAddress.FromShort(0x2002), [1]).Status);

        bed.Medium.Unlink(bed.ModuleNode, 1);
        Assert.AreEqual(MacStatus.NoAck, Send(bed, MacAddress.FromShort(0x2002), [2]).Status);
        GC.KeepAlive(peer);
    }

    [TestMethod]
    public void MacMode1_SendsWithoutAcknowledgement()
    {
        var (bed, _) = Configured(seed: 16);
        bed.Run(async () =>
        {
            await bed.Link.SetNumberAsync(AtCommandName.MM, 1);
            return true;
        });

        Assert.AreEqual(MacStatus.Success, Send(bed, MacAddress.FromShort(0x0BAD), [1]).Status, "MM=1: 802.15.4 without ACKs");
    }

    [TestMethod]
    public void RequestsTheFirmwareCannotCarry_AreRefusedBeforeTheModule()
    {
        var (bed, _) = Configured(seed: 17);
        var before = bed.Emulator.BytesFromHost;

        Assert.AreEqual(MacStatus.FrameTooLong, Send(bed, MacAddress.FromShort(0x2002), new byte[Ieee802154Commands.MaxPayload + 1]).Status);
        Assert.AreEqual(MacStatus.InvalidParameter, Send(bed, MacAddress.FromShort(0x2002), [1], MacTxOptions.Acknowledged | MacTxOptions.Indirect).Status);
        Assert.AreEqual(MacStatus.InvalidParameter, Send(bed, MacAddress.FromShort(0x2002), [1], panId: 0x4321).Status, "another PAN");
        Assert.AreEqual(MacStatus.InvalidParameter, Send(bed, MacAddress.FromShort(0x2002), [1], source: MacAddressingMode.Extended).Status, "MY gives a short source");
        Assert.AreEqual(MacStatus.InvalidAddress, Send(bed, MacAddress.None, [1]).Status);

        Assert.AreEqual(before, bed.Emulator.BytesFromHost, "nothing went down the line");
        Assert.AreEqual(5L, bed.Mac.HostCounters.Refused);
        Assert.AreEqual(MacStatus.Success, Send(bed, MacAddress.FromShort(0x2002), new byte[Ieee802154Commands.MaxPayload]).Status, "NP bytes fit");
    }

    [TestMethod]
    public void TheModuleSilent_ConfirmsTransactionExpired()
    {
        var (bed, _) = Configured(seed: 18);
        bed.Pipe.Unplug();

        var confirm = Send(bed, MacAddress.FromShort(0x2002), [1]);

        Assert.AreEqual(MacStatus.TransactionExpired, confirm.Status);
        Assert.AreEqual(1L, bed.Mac.HostCounters.StatusLost);
    }

    [TestMethod]
    public void TheModuleHung_ConfirmsTransactionExpiredAfterTheTimeout()
    {
        var (bed, _) = Configured(seed: 19);
        bed.Firmware.Unresponsive = true;
        var started = bed.Scheduler.Now;

        var confirm = Send(bed, MacAddress.FromShort(0x2002), [1]);

        Assert.AreEqual(MacStatus.TransactionExpired, confirm.Status);
        Assert.IsGreaterThanOrEqualTo(bed.Mac.Options.TransmitStatusTimeout, bed.Scheduler.Now - started, "it waited for the TX status");
        bed.Firmware.Unresponsive = false;
        Assert.AreEqual(MacStatus.Success, Send(bed, MacAddress.FromShort(0x2002), [2]).Status, "and goes on when the module answers again");
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public void Data_GetsThroughALineThatAlsoCarriesGarbageAndBrokenFrames(ApiMode mode)
    {
        var (bed, peer) = Configured(seed: 20, mode);
        var heardByHost = new List<byte[]>();
        bed.Mac.DataIndication += (in McpsDataIndication _, ReadOnlySpan<byte> msdu) => heardByHost.Add(msdu.ToArray());

        bed.Emulator.InjectGarbage([0x00, 0x7D, 0x13, 0xFF, 0x11]);
        bed.Emulator.InjectBadChecksum();
        bed.Emulator.InjectTruncatedFrame();
        bed.RunValue(() => peer.DataRequestAsync(new McpsDataRequest(MacAddressingMode.Short, 0x1234, MacAddress.FromShort(0x1001), Awkward, 1)));
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(50));
        var confirm = Send(bed, MacAddress.FromShort(0x2002), Awkward);

        Assert.AreEqual(MacStatus.Success, confirm.Status);
        CollectionAssert.AreEqual(Awkward, heardByHost.Single());
        Assert.IsGreaterThan(0L, bed.Link.ReaderCounters.BytesSkipped, "the garbage");
        Assert.IsGreaterThan(0L, bed.Link.ReaderCounters.Rejected, "the broken frames");
    }

    [TestMethod]
    public void StatusMappings_CoverEveryCodeBothWays()
    {
        Assert.AreEqual(MacStatus.Success, XBeeMacService.ToMacStatus(TxStatus.Success));
        Assert.AreEqual(MacStatus.NoAck, XBeeMacService.ToMacStatus(TxStatus.NoAck));
        Assert.AreEqual(MacStatus.ChannelAccessFailure, XBeeMacService.ToMacStatus(TxStatus.CcaFailure));
        Assert.AreEqual(MacStatus.TransactionExpired, XBeeMacService.ToMacStatus(TxStatus.Purged));
        Assert.AreEqual(MacStatus.NoAck, XBeeMacService.ToMacStatus((TxStatus)0x04), "a code the guides add later");

        Assert.AreEqual(TxStatus.Success, Ieee802154Firmware.ToTxStatus(MacStatus.Success));
        Assert.AreEqual(TxStatus.NoAck, Ieee802154Firmware.ToTxStatus(MacStatus.NoAck));
        Assert.AreEqual(TxStatus.CcaFailure, Ieee802154Firmware.ToTxStatus(MacStatus.ChannelAccessFailure));
        Assert.AreEqual(TxStatus.Purged, Ieee802154Firmware.ToTxStatus(MacStatus.TransactionExpired));
        Assert.AreEqual(TxStatus.Purged, Ieee802154Firmware.ToTxStatus(MacStatus.TransactionOverflow));
        foreach (var status in Enum.GetValues<MacStatus>())
        {
            Assert.IsTrue(Enum.IsDefined(Ieee802154Firmware.ToTxStatus(status)), $"{status} becomes one of the firmware's four codes");
        }
    }
}
