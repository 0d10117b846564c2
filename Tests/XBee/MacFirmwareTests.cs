using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.XBee.Emulator;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Link;
using ZigBee.XBee.Mac;

namespace ZigBee.Tests.XBee;

/// <summary>The emulated 802.15.4 firmware's AT commands as a host sees them on the API, below the MAC service.</summary>
[TestClass]
public sealed class MacFirmwareTests
{
    private static AtResponse At(MacTestBed bed, AtCommandName command, byte[]? parameter = null, bool queued = false) =>
        bed.Run(() => bed.Link.AtCommandAsync(command, parameter ?? [], queued, TimeSpan.FromSeconds(10)));

    [TestMethod]
    public void Parameters_HaveTheGuidesDefaults_AndRefuseWhatIsOutOfRange()
    {
        var bed = new MacTestBed(seed: 71).Start();

        Assert.AreEqual(0x0CUL, At(bed, AtCommandName.CH).EnsureOk().Number);
        Assert.AreEqual(0x3332UL, At(bed, AtCommandName.ID).EnsureOk().Number);
        Assert.AreEqual(0x1FFEUL, At(bed, AtCommandName.SC).EnsureOk().Number);
        Assert.AreEqual(4UL, At(bed, Ieee802154Commands.SD).EnsureOk().Number);
        Assert.AreEqual(2UL, At(bed, AtCommandName.MM).EnsureOk().Number, "the MAC service asked for plain 802.15.4 with ACKs");
        Assert.AreEqual(100UL, At(bed, AtCommandName.NP).EnsureOk().Number);
        Assert.AreEqual(0x10EFUL, At(bed, AtCommandName.VR).EnsureOk().Number);
        Assert.AreEqual((byte)AssociationIndication.Success, At(bed, AtCommandName.AI).EnsureOk().Data.Single(), "peer-to-peer: nothing to associate");

        Assert.AreEqual(AtCommandStatus.InvalidCommand, At(bed, AtCommandName.Parse("ZZ")).Status);
        Assert.AreEqual(AtCommandStatus.InvalidCommand, At(bed, AtCommandName.NJ).Status, "a ZigBee-firmware command");
        Assert.AreEqual(AtCommandStatus.InvalidParameter, At(bed, AtCommandName.AI, [0]).Status, "read-only");
        Assert.AreEqual(AtCommandStatus.InvalidParameter, At(bed, AtCommandName.CH, [0x1B]).Status);
        Assert.AreEqual(AtCommandStatus.InvalidParameter, At(bed, AtCommandName.ID, [1, 2, 3]).Status);
        Assert.AreEqual(AtCommandStatus.InvalidParameter, At(bed, Ieee802154Commands.SM, [3]).Status);
        Assert.AreEqual(AtCommandStatus.InvalidParameter, At(bed, AtCommandName.AS, [7]).Status);
        Assert.AreEqual(AtCommandStatus.InvalidParameter, At(bed, Ieee802154Commands.DA, [1]).Status);
    }

    [TestMethod]
    public void QueuedParameters_WaitForAc_WhileAnAtCommandFrameAppliesAtOnce()
    {
        var bed = new MacTestBed(seed: 72).Start();

        At(bed, AtCommandName.CH, [0x14], queued: true).EnsureOk();
        Assert.AreEqual((byte)0x0C, bed.Firmware.Radio.Channel, "queued (0x09)");
        At(bed, AtCommandName.AC).EnsureOk();
        Assert.AreEqual((byte)0x14, bed.Firmware.Radio.Channel, "applied by AC");

        At(bed, AtCommandName.CH, [0x16]).EnsureOk();
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(1));
        Assert.AreEqual((byte)0x16, bed.Firmware.Radio.Channel, "0x08 applies its change");
    }

    [TestMethod]
    public void ActiveScan_ReportsAtMostFiveDescriptors()
    {
        var bed = new MacTestBed(seed: 73);
        var nodes = new List<int>();
        for (var i = 0; i < 7; i++)
        {
            var coordinator = bed.AddPeer(i + 1, channel: 15, panId: (ushort)(0x0100 + i), shortAddress: 0);
            Assert.AreEqual(MacStatus.Success, bed.Run(() => coordinator.StartRequestAsync(new MlmeStartRequest((ushort)(0x0100 + i), 15, PanCoordinator: true))));
            nodes.Add(bed.Medium.NodeCount - 1);
        }

        // The coordinators hear each other, so their beacons take turns (CSMA) instead of colliding at the module.
        foreach (var a in nodes)
        {
            foreach (var b in nodes.Where(b => b > a))
            {
                bed.Medium.Link(a, b);
            }
        }

        bed.Start();
        var confirm = bed.Run(() => bed.Mac.ScanRequestAsync(new MlmeScanRequest(MacScanType.Active, 1u << 15, 5)));

        Assert.AreEqual(MacStatus.Success, confirm.Status);
        Assert.HasCount(5, confirm.PanDescriptorList, "seven PANs answered; the firmware reports five");
        Assert.AreEqual(5, confirm.PanDescriptorList.Select(p => p.CoordPanId).Distinct().Count());
    }

    [TestMethod]
    public void EnergyScan_AnswersOneLevelPerScChannel()
    {
        var bed = new MacTestBed(seed: 74).Start();
        At(bed, AtCommandName.SC, [0x00, 0x0F]).EnsureOk();
        bed.Medium.SetChannelEnergy(13, 255);

        var levels = At(bed, AtCommandName.ED, [1]).EnsureOk().Data;

        Assert.HasCount(4, levels);
        Assert.AreEqual((byte)100, levels[0], "−100 dBm: quiet");
        Assert.AreEqual((byte)20, levels[2], "−20 dBm on channel 13");
    }

    [TestMethod]
    public void Coordinator_WithReassignment_TakesTheQuietestChannelAndAFreePanId()
    {
        var bed = new MacTestBed(seed: 76);
        var other = bed.AddPeer(1, channel: 13, panId: 0x3332, shortAddress: 0);
        Assert.AreEqual(MacStatus.Success, bed.Run(() => other.StartRequestAsync(new MlmeStartRequest(0x3332, 13, PanCoordinator: true))));
        bed.Start();
        bed.Medium.SetChannelEnergy(11, 200);
        bed.Medium.SetChannelEnergy(12, 150);
        bed.Medium.SetChannelEnergy(14, 90);
        var modem = new List<ModemStatus>();
        bed.Mac.ModemStatusReceived += modem.Add;

        At(bed, AtCommandName.SC, [0x00, 0x0F], queued: true).EnsureOk();
        At(bed, AtCommandName.CE, [1], queued: true).EnsureOk();
        At(bed, AtCommandName.A2, [Ieee802154Commands.A2ReassignChannel | Ieee802154Commands.A2ReassignPanId | Ieee802154Commands.A2AllowAssociation], queued: true).EnsureOk();
        At(bed, AtCommandName.AC).EnsureOk();
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));

        Assert.AreEqual((byte)AssociationIndication.Success, At(bed, AtCommandName.AI).EnsureOk().Data.Single());
        CollectionAssert.Contains(modem, ModemStatus.CoordinatorStarted);
        Assert.AreEqual(13UL, At(bed, AtCommandName.CH).EnsureOk().Number, "channel 13 is the quietest of 11–14");
        Assert.AreNotEqual(0x3332UL, At(bed, AtCommandName.ID).EnsureOk().Number, "0x3332 is taken there");
        Assert.IsTrue(bed.Firmware.Mac.IsPanCoordinator);
        Assert.IsTrue(bed.Firmware.Mac.Pib.MacAssociationPermit);
    }

    [TestMethod]
    public void EndDevice_SentAwayByItsCoordinator_SaysDisassociatedAndAssociatesAgain()
    {
        var bed = new MacTestBed(seed: 77);
        var coordinator = bed.AddPeer(1, channel: 15, panId: 0x4444, shortAddress: 0);
        coordinator.Pib.MacAssociationPermit = true;
        coordinator.AssociateIndication += (in MlmeAssociateIndication i) =>
            _ = coordinator.AssociateResponseAsync(new MlmeAssociateResponse(i.DeviceAddress, 0x0042, MacStatus.Success));
        Assert.AreEqual(MacStatus.Success, bed.Run(() => coordinator.StartRequestAsync(new MlmeStartRequest(0x4444, 15, PanCoordinator: true))));
        bed.Start();
        var modem = new List<ModemStatus>();
        bed.Mac.ModemStatusReceived += modem.Add;
        At(bed, AtCommandName.CH, [15], queued: true).EnsureOk();
        At(bed, AtCommandName.ID, [0x44, 0x44], queued: true).EnsureOk();
        At(bed, AtCommandName.A1, [Ieee802154Commands.A1AutoAssociate], queued: true).EnsureOk();
        At(bed, AtCommandName.AC).EnsureOk();
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));
        Assert.IsTrue(bed.Firmware.IsAssociated);
        Assert.AreEqual(0x0042UL, At(bed, AtCommandName.MY).EnsureOk().Number);

        var sent = bed.Run(() => coordinator.DisassociateRequestAsync(new MlmeDisassociateRequest(MacAddress.FromExtended(MacTestBed.ModuleAddress), 0x4444,
            DisassociateReason.CoordinatorWishesDeviceToLeave)));
        Assert.AreEqual(MacStatus.Success, sent.Status);
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(10));
        Assert.AreEqual((byte)AssociationIndication.Disassociated, At(bed, AtCommandName.AI).EnsureOk().Data.Single());
        CollectionAssert.Contains(modem, ModemStatus.Disassociated);

        bed.Scheduler.RunFor(TimeSpan.FromSeconds(3));
        Assert.IsTrue(bed.Firmware.IsAssociated, "A1 auto-associate: it tries again until it is back");
        Assert.AreEqual(2, modem.Count(m => m == ModemStatus.JoinedNetwork));
    }

    [TestMethod]
    public void SoftwareReset_KeepsTheSettingsAndSaysWatchdogReset()
    {
        var bed = new MacTestBed(seed: 75).Start();
        var modem = new List<ModemStatus>();
        bed.Mac.ModemStatusReceived += modem.Add;
        At(bed, AtCommandName.ID, [0x0A, 0xBC]).EnsureOk();

        At(bed, AtCommandName.FR).EnsureOk();
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        CollectionAssert.Contains(modem, ModemStatus.WatchdogReset);
        Assert.AreEqual(0x0ABCUL, At(bed, AtCommandName.ID).EnsureOk().Number);
        Assert.AreEqual((ushort)0x0ABC, bed.Firmware.Mac.Pib.MacPanId);
    }
}
