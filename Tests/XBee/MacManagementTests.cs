using ZigBee.Mac.Frames;
using ZigBee.Mac.Pib;
using ZigBee.Mac.Service;
using ZigBee.Simulation.Medium;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Mac;

namespace ZigBee.Tests.XBee;

/// <summary>MLME primitives through the 802.15.4-firmware emulator: GET/SET, scans, start, association.</summary>
[TestClass]
public sealed class MacManagementTests
{
    private static MlmeSetConfirm Set(MacTestBed bed, MacPibAttribute attribute, ulong value) =>
        bed.RunValue(() => bed.Mac.SetRequestAsync(attribute, value));

    private static MlmeGetConfirm Get(MacTestBed bed, MacPibAttribute attribute) => bed.RunValue(() => bed.Mac.GetRequestAsync(attribute));

    /// <summary>A software MAC started as PAN coordinator of <paramref name="panId"/> that admits every association with the next short address.</summary>
    private static MacService Coordinator(MacTestBed bed, int index, ushort panId, byte channel, bool permit, byte lqi = 200)
    {
        var mac = bed.AddPeer(index, lqi, channel, panId, shortAddress: 0x0000);
        mac.Pib.MacAssociationPermit = permit;
        ushort next = 0x3000;
        mac.AssociateIndication += (in MlmeAssociateIndication i) =>
        {
            var device = i.DeviceAddress;
            _ = mac.AssociateResponseAsync(new MlmeAssociateResponse(device, next++, MacStatus.Success));
        };
        Assert.AreEqual(MacStatus.Success, bed.Run(() => mac.StartRequestAsync(new MlmeStartRequest(panId, channel, PanCoordinator: true))));
        return mac;
    }

    [TestMethod]
    public void GetAndSet_ReachTheModulesParameters()
    {
        var bed = new MacTestBed(seed: 21).Start();

        Assert.AreEqual(MacStatus.Success, Set(bed, MacPibAttribute.PhyCurrentChannel, 20).Status);
        Assert.AreEqual((byte)20, bed.Firmware.Radio.Channel, "CH reached the radio");
        Assert.AreEqual(20UL, Get(bed, MacPibAttribute.PhyCurrentChannel).PibAttributeValue.Integer);
        Assert.AreEqual(MacStatus.Success, Set(bed, MacPibAttribute.MacPanId, 0x0ABC).Status);
        Assert.AreEqual((ushort)0x0ABC, bed.Firmware.Mac.Pib.MacPanId);
        Assert.AreEqual(0x0ABCUL, Get(bed, MacPibAttribute.MacPanId).PibAttributeValue.Integer);
        Assert.AreEqual(MacStatus.Success, Set(bed, MacPibAttribute.MacShortAddress, 0x7E7D).Status);
        Assert.AreEqual((ushort)0x7E7D, bed.Firmware.Mac.Pib.MacShortAddress);
        Assert.AreEqual(0x7E7DUL, Get(bed, MacPibAttribute.MacShortAddress).PibAttributeValue.Integer);
        Assert.AreEqual(MacStatus.Success, Set(bed, MacPibAttribute.MacAssociationPermit, 1).Status);
        Assert.IsTrue(Get(bed, MacPibAttribute.MacAssociationPermit).PibAttributeValue.Boolean);
        Assert.AreEqual(MacStatus.Success, Set(bed, MacPibAttribute.MacRxOnWhenIdle, 1).Status);
        Assert.IsTrue(Get(bed, MacPibAttribute.MacRxOnWhenIdle).PibAttributeValue.Boolean);
        Assert.AreEqual(XBeeMacService.ChannelsSupported, (uint)Get(bed, MacPibAttribute.PhyChannelsSupported).PibAttributeValue.Integer);
        Assert.AreEqual(MacTestBed.ModuleAddress, bed.Mac.ExtendedAddress, "SH and SL");
    }

    [TestMethod]
    public void GetAndSet_WhatTheFirmwareCannotDo()
    {
        var bed = new MacTestBed(seed: 22).Start();

        Assert.AreEqual(MacStatus.InvalidParameter, Set(bed, MacPibAttribute.PhyCurrentChannel, 27).Status);
        Assert.AreEqual(MacStatus.InvalidParameter, Set(bed, MacPibAttribute.PhyCurrentChannel, 10).Status);
        Assert.AreEqual(MacStatus.InvalidParameter, Set(bed, MacPibAttribute.MacRxOnWhenIdle, 0).Status, "the host cannot put the receiver to sleep");
        Assert.AreEqual(MacStatus.InvalidParameter, Set(bed, MacPibAttribute.MacPanId, 0x1_0000).Status);
        Assert.AreEqual(MacStatus.ReadOnly, Set(bed, MacPibAttribute.PhyChannelsSupported, 0).Status);
        Assert.AreEqual(MacStatus.UnsupportedAttribute, Set(bed, MacPibAttribute.MacBeaconPayload, 0).Status, "no beacon payload");
        Assert.AreEqual(MacStatus.UnsupportedAttribute, Set(bed, MacPibAttribute.MacMaxFrameRetries, 3).Status);
        Assert.AreEqual(MacStatus.UnsupportedAttribute, Get(bed, MacPibAttribute.MacDsn).Status);
        Assert.AreEqual(MacStatus.UnsupportedAttribute, Get(bed, MacPibAttribute.MacCoordExtendedAddress).Status);
        Assert.AreEqual((byte)0x0C, bed.Firmware.Radio.Channel, "nothing changed");
    }

    [TestMethod]
    public void EnergyScan_ReportsEachChannelsLevel()
    {
        var bed = new MacTestBed(seed: 23).Start();
        bed.Medium.SetChannelEnergy(11, 0);
        bed.Medium.SetChannelEnergy(12, 120);
        bed.Medium.SetChannelEnergy(13, 250);
        bed.Medium.SetChannelEnergy(14, 60);

        var confirm = bed.Run(() => bed.Mac.ScanRequestAsync(new MlmeScanRequest(MacScanType.EnergyDetect, 0xFu << 11, 2)));

        Assert.AreEqual(MacStatus.Success, confirm.Status);
        Assert.HasCount(4, confirm.EnergyDetectList);
        byte[] expected = [0, 120, 250, 60];
        for (var i = 0; i < 4; i++)
        {
            Assert.IsLessThanOrEqualTo(2, Math.Abs(confirm.EnergyDetectList[i] - expected[i]), $"channel {11 + i}: {confirm.EnergyDetectList[i]}");
        }

        Assert.AreEqual(0x1FFEUL, bed.Run(() => bed.Link.ReadNumberAsync(AtCommandName.SC)), "SC is put back");
    }

    [TestMethod]
    public void ActiveScan_FindsEachPanAndNotifiesEachDescriptorWithoutPayload()
    {
        var bed = new MacTestBed(seed: 24);
        Coordinator(bed, 1, 0x1111, channel: 15, permit: true, lqi: 220);
        Coordinator(bed, 2, 0x2222, channel: 20, permit: false, lqi: 120);
        bed.Start();
        var notified = new List<(PanDescriptor Pan, int PayloadLength)>();
        bed.Mac.BeaconNotify += (in MlmeBeaconNotifyIndication i, ReadOnlySpan<ushort> _, ReadOnlySpan<ulong> _, ReadOnlySpan<byte> sdu) =>
            notified.Add((i.PanDescriptor, sdu.Length));

        var confirm = bed.Run(() => bed.Mac.ScanRequestAsync(new MlmeScanRequest(MacScanType.Active, (1u << 15) | (1u << 20), 2)));

        Assert.AreEqual(MacStatus.Success, confirm.Status);
        Assert.HasCount(2, confirm.PanDescriptorList);
        Assert.HasCount(2, notified);
        Assert.IsTrue(notified.All(n => n.PayloadLength == 0));
        var first = confirm.PanDescriptorList.Single(p => p.CoordPanId == 0x1111);
        Assert.AreEqual((byte)15, first.LogicalChannel);
        Assert.AreEqual(MacAddress.FromShort(0x0000), first.CoordAddress);
        Assert.IsTrue(first.SuperframeSpec.AssociationPermit);
        Assert.IsTrue(first.SuperframeSpec.PanCoordinator);
        Assert.IsLessThanOrEqualTo(2, Math.Abs(first.LinkQuality - 220));
        var second = confirm.PanDescriptorList.Single(p => p.CoordPanId == 0x2222);
        Assert.AreEqual((byte)20, second.LogicalChannel);
        Assert.IsFalse(second.SuperframeSpec.AssociationPermit);
        Assert.IsLessThanOrEqualTo(2, Math.Abs(second.LinkQuality - 120));
    }

    [TestMethod]
    public void ActiveScan_NoCoordinator_IsNoBeacon()
    {
        var bed = new MacTestBed(seed: 25).Start();
        var confirm = bed.Run(() => bed.Mac.ScanRequestAsync(new MlmeScanRequest(MacScanType.Active, 0x07FFF800, 1)));
        Assert.AreEqual(MacStatus.NoBeacon, confirm.Status);
        Assert.HasCount(0, confirm.PanDescriptorList);
    }

    [TestMethod]
    public void Scan_WhileOneRuns_IsScanInProgress()
    {
        var bed = new MacTestBed(seed: 32).Start();

        var (first, second) = bed.Run(async () =>
        {
            var running = bed.Mac.ScanRequestAsync(new MlmeScanRequest(MacScanType.Active, 0x07FFF800, 2));
            var refused = await bed.Mac.ScanRequestAsync(new MlmeScanRequest(MacScanType.EnergyDetect, 1u << 11, 1));
            return (await running, refused);
        });

        Assert.AreEqual(MacStatus.NoBeacon, first.Status);
        Assert.AreEqual(MacStatus.ScanInProgress, second.Status);
    }

    [TestMethod]
    public void Scans_TheFirmwareCannotMake_AreInvalidParameter()
    {
        var bed = new MacTestBed(seed: 26).Start();
        foreach (var request in new[]
        {
            new MlmeScanRequest(MacScanType.Passive, 1u << 15, 2),
            new MlmeScanRequest(MacScanType.Orphan, 1u << 15, 2),
            new MlmeScanRequest(MacScanType.Active, 1u << 15, 7),
            new MlmeScanRequest(MacScanType.Active, 1u << 15, 2, ChannelPage: 1),
            new MlmeScanRequest(MacScanType.EnergyDetect, 1u << 27, 2),
        })
        {
            Assert.AreEqual(MacStatus.InvalidParameter, bed.Run(() => bed.Mac.ScanRequestAsync(request)).Status, request.ToString());
        }
    }

    [TestMethod]
    public void Associate_WithA154Coordinator_TakesTheAddressItGives()
    {
        var bed = new MacTestBed(seed: 27);
        Coordinator(bed, 1, 0x1111, channel: 15, permit: true);
        bed.Start();
        var modem = new List<ModemStatus>();
        bed.Mac.ModemStatusReceived += modem.Add;

        var confirm = bed.Run(() => bed.Mac.AssociateRequestAsync(new MlmeAssociateRequest(15, 0x1111, MacAddress.FromShort(0x0000),
            CapabilityInformation.Create(false, false, true))));

        Assert.AreEqual(MacStatus.Success, confirm.Status);
        Assert.AreEqual((ushort)0x3000, confirm.AssocShortAddress);
        Assert.IsTrue(bed.Firmware.IsAssociated);
        Assert.AreEqual((ushort)0x3000, bed.Firmware.Mac.Pib.MacShortAddress);
        Assert.AreEqual(AssociationIndication.Success, bed.Firmware.AssociationIndication);
        CollectionAssert.Contains(modem, ModemStatus.JoinedNetwork, "modem status: associated");
    }

    [TestMethod]
    public void Associate_Refusals_MapToTheSpecsStatuses()
    {
        var bed = new MacTestBed(seed: 28);
        Coordinator(bed, 1, 0x1111, channel: 15, permit: false);
        bed.Start();
        var capability = CapabilityInformation.Create(false, false, true);

        var closed = bed.Run(() => bed.Mac.AssociateRequestAsync(new MlmeAssociateRequest(15, 0x1111, MacAddress.FromShort(0), capability)));
        Assert.AreEqual(MacStatus.PanAccessDenied, closed.Status, "AI 0x03: association not permitted");
        Assert.AreEqual((ushort)0xFFFF, closed.AssocShortAddress);

        var nobody = bed.Run(() => bed.Mac.AssociateRequestAsync(new MlmeAssociateRequest(21, 0x1111, MacAddress.FromShort(0), capability)));
        Assert.AreEqual(MacStatus.NoBeacon, nobody.Status, "AI 0x02: no PAN on channel 21");

        var otherPan = bed.Run(() => bed.Mac.AssociateRequestAsync(new MlmeAssociateRequest(15, 0x0999, MacAddress.FromShort(0), capability)));
        Assert.AreEqual(MacStatus.NoBeacon, otherPan.Status, "AI 0x05: the PAN heard is another one");

        Assert.AreEqual(0UL, bed.Run(() => bed.Link.ReadNumberAsync(AtCommandName.A1)), "auto-association switched off again");
        var invalid = bed.Run(() => bed.Mac.AssociateRequestAsync(new MlmeAssociateRequest(27, 0x1111, MacAddress.FromShort(0), capability)));
        Assert.AreEqual(MacStatus.InvalidParameter, invalid.Status);
    }

    [TestMethod]
    public void Disassociate_LeavesTheCoordinatorAndStaysOut()
    {
        var bed = new MacTestBed(seed: 29);
        var coordinator = Coordinator(bed, 1, 0x1111, channel: 15, permit: true);
        bed.Start();
        var left = new List<ulong>();
        coordinator.DisassociateIndication += (in MlmeDisassociateIndication i) => left.Add(i.DeviceAddress);
        var confirm = bed.Run(() => bed.Mac.AssociateRequestAsync(new MlmeAssociateRequest(15, 0x1111, MacAddress.FromShort(0), CapabilityInformation.Create(false, false, true))));
        Assert.AreEqual(MacStatus.Success, confirm.Status);

        var refused = bed.Run(() => bed.Mac.DisassociateRequestAsync(new MlmeDisassociateRequest(MacAddress.FromShort(0x4444), 0x1111, DisassociateReason.CoordinatorWishesDeviceToLeave)));
        Assert.AreEqual(MacStatus.InvalidParameter, refused.Status, "the firmware cannot send a device away");
        var leave = bed.Run(() => bed.Mac.DisassociateRequestAsync(new MlmeDisassociateRequest(MacAddress.FromShort(0), 0x1111, DisassociateReason.DeviceWishesToLeave)));

        Assert.AreEqual(MacStatus.Success, leave.Status);
        CollectionAssert.AreEqual(new[] { MacTestBed.ModuleAddress }, left);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(5));
        Assert.IsFalse(bed.Firmware.IsAssociated, "auto-association is off: it does not come back");
    }

    [TestMethod]
    public void Start_MakesTheModuleAPanCoordinatorThatAdmitsDevicesItself()
    {
        var bed = new MacTestBed(seed: 30);
        var device = bed.AddPeer(1, channel: 18, panId: 0xFFFF, shortAddress: 0xFFFF);
        bed.Start();
        Assert.AreEqual(MacStatus.Success, Set(bed, MacPibAttribute.MacShortAddress, 0x0000).Status);
        Assert.AreEqual(MacStatus.Success, Set(bed, MacPibAttribute.MacAssociationPermit, 1).Status);

        var status = bed.Run(() => bed.Mac.StartRequestAsync(new MlmeStartRequest(0x5A5A, 18, PanCoordinator: true)));

        Assert.AreEqual(MacStatus.Success, status);
        Assert.IsTrue(bed.Firmware.Mac.IsPanCoordinator);
        Assert.AreEqual((byte)18, bed.Firmware.Radio.Channel);
        var joined = bed.Run(() => device.AssociateRequestAsync(new MlmeAssociateRequest(18, 0x5A5A, MacAddress.FromShort(0), CapabilityInformation.Create(false, false, true))));
        Assert.AreEqual(MacStatus.Success, joined.Status, "the module answered the association itself");
        Assert.AreEqual((ushort)0xFFFE, joined.AssocShortAddress, "go by your 64-bit address");

        Assert.AreEqual(MacStatus.InvalidParameter, bed.Run(() => bed.Mac.AssociateResponseAsync(new MlmeAssociateResponse(device.ExtendedAddress, 0x1234, MacStatus.Success))));
        Assert.AreEqual(MacStatus.InvalidParameter, bed.Run(() => bed.Mac.OrphanResponseAsync(new MlmeOrphanResponse(device.ExtendedAddress, 0x1234, true))));
        Assert.AreEqual(MacStatus.InvalidParameter, bed.Run(() => bed.Mac.StartRequestAsync(new MlmeStartRequest(0x5A5A, 18, PanCoordinator: false))), "a router start");
        Assert.AreEqual(MacStatus.InvalidParameter, bed.Run(() => bed.Mac.StartRequestAsync(new MlmeStartRequest(0x5A5A, 18, PanCoordinator: true, BeaconOrder: 5))));
    }

    [TestMethod]
    public void Poll_AsksTheModuleToPoll_AndConfirmsNoData()
    {
        var bed = new MacTestBed(seed: 31);
        var coordinator = Coordinator(bed, 1, 0x1111, channel: 15, permit: true);
        bed.Start();
        var polls = new List<MacAddress>();
        coordinator.PollIndication += (in MlmePollIndication i) => polls.Add(i.DeviceAddress);
        Assert.AreEqual(MacStatus.Success, bed.Run(() => bed.Mac.AssociateRequestAsync(new MlmeAssociateRequest(15, 0x1111, MacAddress.FromShort(0), CapabilityInformation.Create(false, false, true)))).Status);
        var before = polls.Count;

        var status = bed.Run(() => bed.Mac.PollRequestAsync(new MlmePollRequest(0x1111, MacAddress.FromShort(0))));
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(100));

        Assert.AreEqual(MacStatus.NoData, status);
        Assert.HasCount(before + 1, polls, "the coordinator heard the data request");
    }
}
