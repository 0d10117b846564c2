using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Tests.Mac.Fakes;

namespace ZigBee.Tests.Mac.Service;

[TestClass]
public sealed class MlmeTests
{
    private const ulong CoordinatorAddress = 0x00124B00000000C0;
    private const ulong DeviceAddress = 0x00124B00000000D1;
    private static readonly CapabilityInformation SleepyEndDevice = CapabilityInformation.Create(false, false, false);

    private static MlmeAssociateRequest AssociateTo(byte channel) =>
        new(channel, MacTestBed.PanId, MacAddress.FromShort(0x0000), SleepyEndDevice);

    [TestMethod]
    public void AssociationEndToEndSetsTheDevicesAddresses()
    {
        var bed = new MacTestBed();
        var (coordinator, _) = bed.AddCoordinator(CoordinatorAddress, channel: 15);
        var (device, radio) = bed.AddNode(DeviceAddress, channel: 11, seed: 5);
        var indications = new List<MlmeAssociateIndication>();
        var comms = new List<MlmeCommStatusIndication>();
        coordinator.CommStatusIndication += (in MlmeCommStatusIndication c) => comms.Add(c);
        coordinator.AssociateIndication += (in MlmeAssociateIndication i) =>
        {
            indications.Add(i);
            _ = coordinator.AssociateResponseAsync(new MlmeAssociateResponse(i.DeviceAddress, 0x3E51, MacStatus.Success));
        };

        var confirm = bed.Run(() => device.AssociateRequestAsync(AssociateTo(15)));

        Assert.AreEqual(MacStatus.Success, confirm.Status);
        Assert.AreEqual((ushort)0x3E51, confirm.AssocShortAddress);
        Assert.AreEqual((ushort)0x3E51, device.Pib.MacShortAddress);
        Assert.AreEqual(MacTestBed.PanId, device.Pib.MacPanId);
        Assert.AreEqual((ushort)0x0000, device.Pib.MacCoordShortAddress);
        Assert.AreEqual(CoordinatorAddress, device.Pib.MacCoordExtendedAddress);
        Assert.AreEqual((byte)15, radio.Channel);
        Assert.HasCount(1, indications);
        Assert.AreEqual(DeviceAddress, indications[0].DeviceAddress);
        Assert.AreEqual(SleepyEndDevice, indications[0].CapabilityInformation);
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(10));
        Assert.HasCount(1, comms);
        Assert.AreEqual(MacStatus.Success, comms[0].Status);
        Assert.AreEqual(MacAddress.FromExtended(DeviceAddress), comms[0].DstAddr);
        Assert.AreEqual(MacAddress.FromExtended(CoordinatorAddress), comms[0].SrcAddr);

        // The response waited macResponseWaitTime for the device's data request.
        var request = bed.Air.Log.First(f => f.Sender == DeviceAddress && (f.Psdu[0] & 7) == 3);
        var dataRequest = bed.Air.Log.Last(f => f.Sender == DeviceAddress && (f.Psdu[0] & 7) == 3);
        Assert.IsGreaterThanOrEqualTo(request.End + device.Pib.ResponseWaitTime, dataRequest.Start);

        // Now on the PAN with its short address.
        var heard = new List<MacAddress>();
        coordinator.DataIndication += (in McpsDataIndication i, ReadOnlySpan<byte> _) => heard.Add(i.SrcAddr);
        Assert.AreEqual(MacStatus.Success, bed.SendAndWait(device, MacTestBed.ToShort(0x0000, [1])).Status);
        CollectionAssert.AreEqual(new[] { MacAddress.FromShort(0x3E51) }, heard);
    }

    [TestMethod]
    [DataRow(MacStatus.PanAtCapacity)]
    [DataRow(MacStatus.PanAccessDenied)]
    public void RefusedAssociationReportsTheStatusAndLeavesTheDeviceOutside(MacStatus refusal)
    {
        var bed = new MacTestBed();
        var (coordinator, _) = bed.AddCoordinator(CoordinatorAddress);
        var (device, _) = bed.AddNode(DeviceAddress, seed: 5);
        coordinator.AssociateIndication += (in MlmeAssociateIndication i) =>
            _ = coordinator.AssociateResponseAsync(new MlmeAssociateResponse(i.DeviceAddress, MacAddress.BroadcastShort, refusal));

        var confirm = bed.Run(() => device.AssociateRequestAsync(AssociateTo(11)));

        Assert.AreEqual(refusal, confirm.Status);
        Assert.AreEqual(MacAddress.BroadcastShort, confirm.AssocShortAddress);
        Assert.AreEqual(MacAddress.BroadcastShort, device.Pib.MacShortAddress);
        Assert.AreEqual(MacAddress.BroadcastPan, device.Pib.MacPanId);
    }

    [TestMethod]
    public void AssociationWithoutAnswerGivesNoDataAndWithoutCoordinatorNoAck()
    {
        var bed = new MacTestBed();
        var (coordinator, _) = bed.AddCoordinator(CoordinatorAddress);
        var (device, _) = bed.AddNode(DeviceAddress, seed: 5);
        Assert.AreEqual(MacStatus.NoData, bed.Run(() => device.AssociateRequestAsync(AssociateTo(11))).Status);

        coordinator.Pib.MacRxOnWhenIdle = false;
        Assert.AreEqual(MacStatus.NoAck, bed.Run(() => device.AssociateRequestAsync(AssociateTo(11))).Status);
    }

    [TestMethod]
    public void CoordinatorNotPermittingAssociationIgnoresRequests()
    {
        var bed = new MacTestBed();
        var (coordinator, _) = bed.AddCoordinator(CoordinatorAddress);
        coordinator.Pib.MacAssociationPermit = false;
        var indications = 0;
        coordinator.AssociateIndication += (in MlmeAssociateIndication _) => indications++;
        var (device, _) = bed.AddNode(DeviceAddress, seed: 5);
        Assert.AreEqual(MacStatus.NoData, bed.Run(() => device.AssociateRequestAsync(AssociateTo(11))).Status);
        Assert.AreEqual(0, indications);
    }

    [TestMethod]
    public void UnclaimedAssociationResponseExpiresWithCommStatus()
    {
        var bed = new MacTestBed();
        var (coordinator, _) = bed.AddCoordinator(CoordinatorAddress);
        var comms = new List<MlmeCommStatusIndication>();
        coordinator.CommStatusIndication += (in MlmeCommStatusIndication c) => comms.Add(c);
        var start = bed.Scheduler.Now;
        var status = bed.Run(() => coordinator.AssociateResponseAsync(new MlmeAssociateResponse(DeviceAddress, 0x1234, MacStatus.Success)));
        Assert.AreEqual(MacStatus.TransactionExpired, status);
        Assert.AreEqual(start + TimeSpan.FromSeconds(7.68), bed.Scheduler.Now);
        Assert.HasCount(1, comms);
        Assert.AreEqual(MacStatus.TransactionExpired, comms[0].Status);
    }

    [TestMethod]
    public void ActiveScanFindsTheCoordinatorAndItsBeaconPayload()
    {
        var bed = new MacTestBed();
        var (coordinator, _) = bed.AddCoordinator(CoordinatorAddress, channel: 14);
        byte[] payload = [0x00, 0x22, 0x84, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88];
        coordinator.Pib.MacBeaconPayload = payload;
        var (device, radio) = bed.AddNode(DeviceAddress, channel: 20, seed: 5);
        var notified = new List<(MlmeBeaconNotifyIndication Indication, byte[] Sdu)>();
        device.BeaconNotify += (in MlmeBeaconNotifyIndication i, ReadOnlySpan<ushort> _, ReadOnlySpan<ulong> _, ReadOnlySpan<byte> sdu) => notified.Add((i, sdu.ToArray()));

        var confirm = bed.Run(() => device.ScanRequestAsync(new MlmeScanRequest(MacScanType.Active, 0x0000_7800, 3))); // 11–14

        Assert.AreEqual(MacStatus.Success, confirm.Status);
        Assert.AreEqual(0u, confirm.UnscannedChannels);
        Assert.HasCount(1, confirm.PanDescriptorList);
        var pan = confirm.PanDescriptorList[0];
        Assert.AreEqual(MacTestBed.PanId, pan.CoordPanId);
        Assert.AreEqual(MacAddress.FromShort(0x0000), pan.CoordAddress);
        Assert.AreEqual((byte)14, pan.LogicalChannel);
        Assert.IsTrue(pan.SuperframeSpec.PanCoordinator);
        Assert.IsTrue(pan.SuperframeSpec.AssociationPermit);
        Assert.AreEqual(15, pan.SuperframeSpec.BeaconOrder);
        Assert.HasCount(1, notified);
        CollectionAssert.AreEqual(payload, notified[0].Sdu);
        Assert.AreEqual(pan, notified[0].Indication.PanDescriptor);
        Assert.AreEqual((byte)20, radio.Channel, "channel restored");
        Assert.AreEqual(MacAddress.BroadcastPan, device.Pib.MacPanId);
        Assert.AreEqual(4, bed.Air.Log.Count(f => f.Sender == DeviceAddress), "one beacon request per channel");
        Assert.AreEqual(1, coordinator.Counters.BeaconsTransmitted);
    }

    [TestMethod]
    public void RouterBeaconHasNoPanCoordinatorBitAndRefusalOfAssociationShows()
    {
        var bed = new MacTestBed();
        var (router, _) = bed.AddNode(CoordinatorAddress, seed: 3);
        MacTestBed.Join(router, 0x5A5A, 0x99, rxOnWhenIdle: true);
        Assert.AreEqual(MacStatus.Success, bed.Run(() => router.StartRequestAsync(new MlmeStartRequest(MacTestBed.PanId, 11, PanCoordinator: false))));
        var (device, _) = bed.AddNode(DeviceAddress, seed: 5);

        var confirm = bed.Run(() => device.ScanRequestAsync(new MlmeScanRequest(MacScanType.Active, 1u << 11, 2)));

        var pan = confirm.PanDescriptorList.Single();
        Assert.AreEqual(MacAddress.FromShort(0x5A5A), pan.CoordAddress);
        Assert.IsFalse(pan.SuperframeSpec.PanCoordinator);
        Assert.IsFalse(pan.SuperframeSpec.AssociationPermit);
    }

    [TestMethod]
    public void ActiveScanStopsWithLimitReachedWhenTheDescriptorListIsFull()
    {
        var bed = new MacTestBed();
        for (byte channel = 11; channel <= 13; channel++)
        {
            bed.AddCoordinator(0xC000UL + channel, channel, seed: channel);
        }

        var (device, _) = bed.AddNode(DeviceAddress, seed: 5, options: new MacServiceOptions { MaxPanDescriptors = 2 });
        var confirm = bed.Run(() => device.ScanRequestAsync(new MlmeScanRequest(MacScanType.Active, 0x0000_3800, 2)));

        Assert.AreEqual(MacStatus.LimitReached, confirm.Status);
        Assert.HasCount(2, confirm.PanDescriptorList);
        Assert.AreEqual(1u << 13, confirm.UnscannedChannels);
    }

    [TestMethod]
    public void ActiveScanHearsSeveralCoordinatorsOnOneChannel()
    {
        var bed = new MacTestBed();
        for (var i = 0; i < 3; i++)
        {
            var (coordinator, _) = bed.AddNode(0xC100UL + (ulong)i, seed: 40 + i);
            coordinator.Pib.MacShortAddress = 0;
            coordinator.Pib.MacRxOnWhenIdle = true;
            bed.Run(() => coordinator.StartRequestAsync(new MlmeStartRequest((ushort)(0x1000 + i), 11, PanCoordinator: true)));
        }

        var (device, _) = bed.AddNode(DeviceAddress, seed: 5);
        var confirm = bed.Run(() => device.ScanRequestAsync(new MlmeScanRequest(MacScanType.Active, 1u << 11, 3)));

        Assert.AreEqual(MacStatus.Success, confirm.Status);
        CollectionAssert.AreEquivalent(new ushort[] { 0x1000, 0x1001, 0x1002 }, confirm.PanDescriptorList.Select(d => d.CoordPanId).ToArray());
    }

    [TestMethod]
    public void WithoutAutoRequestEveryBeaconIsNotifiedAndNoneListed()
    {
        var bed = new MacTestBed();
        bed.AddCoordinator(CoordinatorAddress);
        var (device, _) = bed.AddNode(DeviceAddress, seed: 5);
        device.Pib.MacAutoRequest = false;
        var notified = 0;
        device.BeaconNotify += (in MlmeBeaconNotifyIndication _, ReadOnlySpan<ushort> _, ReadOnlySpan<ulong> _, ReadOnlySpan<byte> sdu) => notified++;

        var confirm = bed.Run(() => device.ScanRequestAsync(new MlmeScanRequest(MacScanType.Active, 1u << 11, 2)));

        Assert.AreEqual(MacStatus.Success, confirm.Status);
        Assert.IsEmpty(confirm.PanDescriptorList);
        Assert.AreEqual(1, notified);
    }

    [TestMethod]
    public void FrameWithoutDestinationReachesOnlyThePanCoordinator()
    {
        var bed = new MacTestBed();
        var (coordinator, _) = bed.AddCoordinator(CoordinatorAddress);
        var (device, _) = bed.AddNode(DeviceAddress, seed: 5);
        MacTestBed.Join(device, 0x1234, CoordinatorAddress, rxOnWhenIdle: true);
        var heard = new List<McpsDataIndication>();
        coordinator.DataIndication += (in McpsDataIndication i, ReadOnlySpan<byte> _) => heard.Add(i);
        device.DataIndication += (in McpsDataIndication i, ReadOnlySpan<byte> _) => heard.Add(i);
        var (other, _) = bed.AddNode(0x33, seed: 8);
        MacTestBed.Join(other, 0x3333, CoordinatorAddress, rxOnWhenIdle: true);

        var request = new McpsDataRequest(MacAddressingMode.Short, MacTestBed.PanId, MacAddress.None, new byte[] { 1 }, 1);
        Assert.AreEqual(MacStatus.Success, bed.SendAndWait(other, request).Status);

        Assert.HasCount(1, heard);
        Assert.HasCount(1, bed.FramesOfType(MacFrameType.Acknowledgment), "acknowledged by the PAN coordinator alone");
        Assert.AreEqual(MacAddress.None, heard[0].DstAddr);
        Assert.AreEqual(MacAddress.FromShort(0x3333), heard[0].SrcAddr);
    }

    [TestMethod]
    public void ScanWithoutBeaconsGivesNoBeaconAfterTheScanDuration()
    {
        var bed = new MacTestBed();
        var (device, _) = bed.AddNode(DeviceAddress, seed: 5);
        var start = bed.Scheduler.Now;
        var confirm = bed.Run(() => device.ScanRequestAsync(new MlmeScanRequest(MacScanType.Passive, (1u << 11) | (1u << 12), 3)));
        Assert.AreEqual(MacStatus.NoBeacon, confirm.Status);
        Assert.IsEmpty(confirm.PanDescriptorList);
        Assert.AreEqual(start + (MacConstants.ScanDurationTime(3) * 2), bed.Scheduler.Now, "aBaseSuperframeDuration · (2^3 + 1) symbols per channel");
    }

    [TestMethod]
    public void DataFramesAreNotIndicatedDuringAScan()
    {
        var bed = new MacTestBed();
        var (sender, _) = bed.AddNode(0x77, seed: 2);
        var (device, _) = bed.AddNode(DeviceAddress, seed: 5);
        MacTestBed.Join(device, 0x1234, CoordinatorAddress, rxOnWhenIdle: true);
        MacTestBed.Join(sender, 0x0077, CoordinatorAddress, rxOnWhenIdle: true);
        var heard = 0;
        device.DataIndication += (in McpsDataIndication _, ReadOnlySpan<byte> _) => heard++;
        var scan = bed.Start(() => device.ScanRequestAsync(new MlmeScanRequest(MacScanType.Passive, 1u << 11, 4)));
        var sent = bed.SendAndWait(sender, MacTestBed.ToShort(0x1234, [1]));
        Assert.AreEqual(MacStatus.NoAck, sent.Status, "a scanning device does not acknowledge");
        Assert.AreEqual(0, heard);
        bed.Wait(scan);
        Assert.AreEqual(MacStatus.Success, bed.SendAndWait(sender, MacTestBed.ToShort(0x1234, [2])).Status);
        Assert.AreEqual(1, heard);
    }

    [TestMethod]
    public void SecondScanWhileScanningGivesScanInProgress()
    {
        var bed = new MacTestBed();
        var (device, _) = bed.AddNode(DeviceAddress);
        var first = bed.Start(() => device.ScanRequestAsync(new MlmeScanRequest(MacScanType.Passive, 1u << 11, 2)));
        var second = bed.Run(() => device.ScanRequestAsync(new MlmeScanRequest(MacScanType.Active, 1u << 11, 2)));
        Assert.AreEqual(MacStatus.ScanInProgress, second.Status);
        Assert.AreEqual(MacStatus.NoBeacon, bed.Wait(first).Status);
        Assert.AreEqual(MacStatus.InvalidParameter, bed.Run(() => device.ScanRequestAsync(new MlmeScanRequest(MacScanType.Active, 1u << 11, 15))).Status);
        Assert.AreEqual(MacStatus.InvalidParameter, bed.Run(() => device.ScanRequestAsync(new MlmeScanRequest(MacScanType.Active, 1u << 5, 1))).Status);
    }

    [TestMethod]
    public void EnergyDetectScanReportsPeakEnergyPerChannel()
    {
        var bed = new MacTestBed();
        var (device, radio) = bed.AddNode(DeviceAddress, channel: 25);
        bed.Air.Energy[12] = 100;
        bed.Air.Energy[13] = 30;

        var confirm = bed.Run(() => device.ScanRequestAsync(new MlmeScanRequest(MacScanType.EnergyDetect, 0x0000_3800, 1))); // 11–13

        Assert.AreEqual(MacStatus.Success, confirm.Status);
        CollectionAssert.AreEqual(new byte[] { 0, 100, 30 }, confirm.EnergyDetectList.ToArray());
        Assert.AreEqual(3, confirm.ResultListSize);
        Assert.AreEqual((byte)25, radio.Channel);
    }

    [TestMethod]
    public void EnergyDetectScanSeesATransmission()
    {
        var bed = new MacTestBed();
        var (device, _) = bed.AddNode(DeviceAddress);
        var (talker, _) = bed.AddNode(0x55, channel: 12, seed: 9);
        bed.Send(talker, MacTestBed.ToShort(MacAddress.BroadcastShort, new byte[100]));
        var confirm = bed.Run(() => device.ScanRequestAsync(new MlmeScanRequest(MacScanType.EnergyDetect, 1u << 12, 0)));
        Assert.AreEqual((byte)255, confirm.EnergyDetectList[0]);
    }

    [TestMethod]
    public void OrphanScanRealignsTheDevice()
    {
        var bed = new MacTestBed();
        var (coordinator, _) = bed.AddCoordinator(CoordinatorAddress, channel: 13);
        var comms = new List<MlmeCommStatusIndication>();
        coordinator.CommStatusIndication += (in MlmeCommStatusIndication c) => comms.Add(c);
        coordinator.OrphanIndication += (in MlmeOrphanIndication o) =>
            _ = coordinator.OrphanResponseAsync(new MlmeOrphanResponse(o.OrphanAddress, 0x2222, AssociatedMember: o.OrphanAddress == DeviceAddress));
        var (device, radio) = bed.AddNode(DeviceAddress, channel: 20, seed: 5);

        var confirm = bed.Run(() => device.ScanRequestAsync(new MlmeScanRequest(MacScanType.Orphan, 0x0000_7800, 3))); // 11–14

        Assert.AreEqual(MacStatus.Success, confirm.Status);
        Assert.AreEqual(1u << 14, confirm.UnscannedChannels, "the scan stops at the realignment");
        Assert.AreEqual(MacTestBed.PanId, device.Pib.MacPanId);
        Assert.AreEqual((ushort)0x2222, device.Pib.MacShortAddress);
        Assert.AreEqual((ushort)0x0000, device.Pib.MacCoordShortAddress);
        Assert.AreEqual(CoordinatorAddress, device.Pib.MacCoordExtendedAddress);
        Assert.AreEqual((byte)13, radio.Channel);
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(10));
        Assert.AreEqual(MacStatus.Success, comms.Single().Status);

        // A stranger is not realigned.
        var (stranger, _) = bed.AddNode(0x0BAD, channel: 20, seed: 6);
        Assert.AreEqual(MacStatus.NoBeacon, bed.Run(() => stranger.ScanRequestAsync(new MlmeScanRequest(MacScanType.Orphan, 1u << 13, 3))).Status);
        Assert.AreEqual(MacAddress.BroadcastShort, stranger.Pib.MacShortAddress);
    }

    [TestMethod]
    public void DeviceLeavesByDisassociationAndTheCoordinatorIsTold()
    {
        var bed = new MacTestBed();
        var (coordinator, _) = bed.AddCoordinator(CoordinatorAddress);
        var (device, _) = bed.AddNode(DeviceAddress, seed: 5);
        MacTestBed.Join(device, 0x1234, CoordinatorAddress, rxOnWhenIdle: false);
        var told = new List<MlmeDisassociateIndication>();
        coordinator.DisassociateIndication += (in MlmeDisassociateIndication i) => told.Add(i);

        var confirm = bed.Run(() => device.DisassociateRequestAsync(
            new MlmeDisassociateRequest(MacAddress.FromExtended(CoordinatorAddress), MacTestBed.PanId, DisassociateReason.DeviceWishesToLeave)));

        Assert.AreEqual(MacStatus.Success, confirm.Status);
        Assert.AreEqual(new MlmeDisassociateIndication(DeviceAddress, DisassociateReason.DeviceWishesToLeave), told.Single());
        Assert.AreEqual(MacAddress.BroadcastPan, device.Pib.MacPanId);
        Assert.AreEqual(MacAddress.BroadcastShort, device.Pib.MacShortAddress);
        Assert.AreEqual(0UL, device.Pib.MacCoordExtendedAddress);
    }

    [TestMethod]
    public void CoordinatorSendsASleepingDeviceAwayIndirectly()
    {
        var bed = new MacTestBed();
        var (coordinator, _) = bed.AddCoordinator(CoordinatorAddress);
        var (device, _) = bed.AddNode(DeviceAddress, seed: 5);
        MacTestBed.Join(device, 0x1234, CoordinatorAddress, rxOnWhenIdle: false);
        var told = new List<MlmeDisassociateIndication>();
        device.DisassociateIndication += (in MlmeDisassociateIndication i) => told.Add(i);

        var request = new MlmeDisassociateRequest(MacAddress.FromExtended(DeviceAddress), MacTestBed.PanId, DisassociateReason.CoordinatorWishesDeviceToLeave, TxIndirect: true);
        var confirm = bed.Start(() => coordinator.DisassociateRequestAsync(request));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.IsFalse(confirm.IsCompleted);

        // The device polls with its extended address, as the notification is queued for it.
        device.Pib.MacShortAddress = MacAddress.NoShortAddress;
        Assert.AreEqual(MacStatus.Success, bed.Run(() => device.PollRequestAsync(new MlmePollRequest(MacTestBed.PanId, MacAddress.FromShort(0)))));

        Assert.AreEqual(MacStatus.Success, bed.Wait(confirm).Status);
        Assert.AreEqual(new MlmeDisassociateIndication(CoordinatorAddress, DisassociateReason.CoordinatorWishesDeviceToLeave), told.Single());
        Assert.AreEqual(MacAddress.BroadcastPan, device.Pib.MacPanId);
    }

    [TestMethod]
    public void StartValidatesItsParameters()
    {
        var bed = new MacTestBed();
        var (mac, _) = bed.AddNode(CoordinatorAddress);
        Assert.AreEqual(MacStatus.NoShortAddress, bed.Run(() => mac.StartRequestAsync(new MlmeStartRequest(0x1A62, 11, true))));
        mac.Pib.MacShortAddress = 0;
        Assert.AreEqual(MacStatus.InvalidParameter, bed.Run(() => mac.StartRequestAsync(new MlmeStartRequest(0x1A62, 11, true, BeaconOrder: 6, SuperframeOrder: 4))));
        Assert.AreEqual(MacStatus.InvalidParameter, bed.Run(() => mac.StartRequestAsync(new MlmeStartRequest(0x1A62, 27, true))));
        Assert.IsFalse(mac.IsCoordinator);
        Assert.AreEqual(MacStatus.Success, bed.Run(() => mac.StartRequestAsync(new MlmeStartRequest(0x1A62, 19, true))));
        Assert.IsTrue(mac.IsPanCoordinator);
        Assert.AreEqual((ushort)0x1A62, mac.Pib.MacPanId);
        Assert.AreEqual((byte)19, mac.Pib.PhyCurrentChannel);
    }

    [TestMethod]
    public void RouterStartKeepsTheChannelAndPanItJoined()
    {
        var bed = new MacTestBed();
        var (router, radio) = bed.AddNode(0x42, channel: 17);
        MacTestBed.Join(router, 0x0101, CoordinatorAddress, rxOnWhenIdle: true);
        Assert.AreEqual(MacStatus.Success, bed.Run(() => router.StartRequestAsync(new MlmeStartRequest(MacAddress.BroadcastPan, 0, PanCoordinator: false))));
        Assert.IsTrue(router.IsCoordinator);
        Assert.IsFalse(router.IsPanCoordinator);
        Assert.AreEqual(MacTestBed.PanId, router.Pib.MacPanId);
        Assert.AreEqual((byte)17, radio.Channel);
    }

    [TestMethod]
    public void ResetDuringATransmissionLetsTheNextFrameGoAfterIt()
    {
        var bed = new MacTestBed();
        var (mac, _) = bed.AddNode(0x42);
        mac.Pib.MacMinBe = 0;
        var first = bed.Send(mac, MacTestBed.ToShort(MacAddress.BroadcastShort, new byte[100]));
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(1)); // on air now
        bed.Run(() => mac.ResetRequestAsync(setDefaultPib: false));
        Assert.AreEqual(MacStatus.TransactionExpired, bed.Wait(first).Status);
        Assert.AreEqual(MacStatus.Success, bed.SendAndWait(mac, MacTestBed.ToShort(MacAddress.BroadcastShort, [1])).Status);
        Assert.HasCount(2, bed.Air.Log);
        Assert.IsGreaterThanOrEqualTo(bed.Air.Log[0].End, bed.Air.Log[1].Start);
    }

    [TestMethod]
    public void ResetRestoresDefaultsAndAbandonsTransactions()
    {
        var bed = new MacTestBed();
        var (coordinator, radio) = bed.AddCoordinator(CoordinatorAddress);
        coordinator.Pib.MacMaxFrameRetries = 6;
        var pending = bed.Send(coordinator, MacTestBed.ToShort(0x1234, [1], 1, MacTxOptions.Acknowledged | MacTxOptions.Indirect));

        Assert.AreEqual(MacStatus.Success, bed.Run(() => coordinator.ResetRequestAsync(setDefaultPib: false)));
        Assert.AreEqual(MacStatus.TransactionExpired, bed.Wait(pending).Status);
        Assert.AreEqual(0, coordinator.PendingTransactions);
        Assert.IsFalse(coordinator.IsCoordinator);
        Assert.AreEqual((byte)6, coordinator.Pib.MacMaxFrameRetries, "PIB kept");
        Assert.AreEqual(MacTestBed.PanId, coordinator.Pib.MacPanId);

        Assert.AreEqual(MacStatus.Success, bed.Run(() => coordinator.ResetRequestAsync(setDefaultPib: true)));
        Assert.AreEqual((byte)3, coordinator.Pib.MacMaxFrameRetries);
        Assert.AreEqual(MacAddress.BroadcastPan, coordinator.Pib.MacPanId);
        Assert.AreEqual(MacAddress.BroadcastShort, coordinator.Pib.MacShortAddress);
        Assert.IsFalse(coordinator.Pib.MacRxOnWhenIdle);
        Assert.IsFalse(radio.ReceiverEnabled);

        // Still works after a reset.
        coordinator.Pib.MacPanId = MacTestBed.PanId;
        Assert.AreEqual(MacStatus.Success, bed.SendAndWait(coordinator, MacTestBed.ToShort(MacAddress.BroadcastShort, [1])).Status);
    }
}
