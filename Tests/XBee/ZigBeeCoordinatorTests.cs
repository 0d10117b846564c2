using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Security;
using ZigBee.XBee.Coordinator;
using ZigBee.XBee.Emulator;
using ZigBee.XBee.Frames;
using ZigBee.Tests.Zdo.Fakes;
using ZigBee.Zdo.Frames;
using ZigBee.Zdo.Service;

namespace ZigBee.Tests.XBee;

/// <summary>
/// The host's coordinator on the emulated ZigBee-firmware dongle, in virtual time: identity, forming the network with
/// our settings, the simulated devices joining, data both ways with bytes that need escaping in API modes 1 and 2.
/// </summary>
[TestClass]
public sealed class ZigBeeCoordinatorTests
{
    /// <summary>Every byte the escaped mode must escape, and 0x7E where the unescaped mode must not mistake it for a start.</summary>
    private static readonly byte[] Escapable = [0x7E, 0x7D, 0x11, 0x13, 0x7E, 0x7E, 0x7D, 0x13, 0x11, 0x00, 0xFF, 0x7D, 0x7E, 0x11, 0x13, 0x7D];

    [TestMethod]
    public void TheIdentityIsTheDonglesBeforeAnyNetwork()
    {
        var bed = new ZigBeeBed();

        var identity = bed.Run(() => bed.Coordinator.ReadIdentityAsync());

        Assert.AreEqual(bed.Firmware.FirmwareVersion, identity.FirmwareVersion);
        Assert.AreEqual(bed.Firmware.HardwareVersion, identity.HardwareVersion);
        Assert.AreEqual(bed.Firmware.ExtendedAddress, identity.ExtendedAddress);
        Assert.AreEqual(0x0013A200UL, identity.ExtendedAddress >> 32, "Digi's OUI");
        Assert.AreEqual((ushort)0xFFFE, identity.NetworkAddress, "MY before joining");
        Assert.AreEqual(0xFFUL, identity.AssociationIndication, "AI: still scanning");
        Assert.IsFalse(identity.IsInNetwork);
        Assert.AreEqual((ushort)0xFFFF, bed.Coordinator.NetworkAddress);
        Assert.AreEqual(bed.Firmware.ExtendedAddress, bed.Coordinator.ExtendedAddress);
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public void TheNetworkIsFormedWithOurSettings(ApiMode mode)
    {
        var bed = new ZigBeeBed(mode);
        var statuses = new List<ModemStatus>();
        bed.Coordinator.ModemStatusReceived += statuses.Add;

        var identity = bed.Form();

        var nib = bed.Firmware.Nwk.Nib;
        Assert.IsTrue(identity.IsInNetwork);
        Assert.AreEqual((ushort)0x0000, identity.NetworkAddress);
        Assert.AreEqual(ZigBeeBed.Settings.ExtendedPanId, identity.OperatingExtendedPanId);
        Assert.AreEqual((byte)20, identity.Channel, "the only channel SC allowed");
        Assert.AreEqual(ZigBeeBed.Settings.ExtendedPanId, nib.ExtendedPanId);
        Assert.AreEqual((byte)20, nib.LogicalChannel);
        Assert.AreEqual(identity.OperatingPanId, nib.PanId);
        Assert.AreEqual(NwkDeviceRole.Coordinator, nib.DeviceType);
        Assert.AreEqual(ZigBeeBed.NetworkKey, nib.SecurityMaterialSet.Active?.Key, "NK is the network key");
        Assert.IsTrue(bed.Firmware.Aps.IsTrustCenter);
        CollectionAssert.AreEqual(new[] { ModemStatus.CoordinatorStarted }, statuses);
        Assert.AreEqual(1, bed.Firmware.Formations);
        Assert.AreEqual((byte)1, bed.Firmware.Settings.ApiOptions, "AO=1: explicit receive");
        Assert.AreEqual((ushort)0x0000, bed.Coordinator.NetworkAddress);
    }

    [TestMethod]
    public void FormingAgainWithTheSameSettingsKeepsTheNetworkAndOtherSettingsFormANewOne()
    {
        var bed = new ZigBeeBed();
        var first = bed.Form();

        var same = bed.Form();
        Assert.AreEqual(1, bed.Firmware.Formations, "nothing changed: no new formation");
        Assert.AreEqual(first.OperatingPanId, same.OperatingPanId);

        var moved = bed.Form(ZigBeeBed.Settings with { ScanChannels = XBeeNetworkSettings.Channel(25), Security = false });
        Assert.AreEqual(2, bed.Firmware.Formations);
        Assert.AreEqual((byte)25, moved.Channel);
        Assert.AreEqual((byte)25, bed.Firmware.Nwk.Nib.LogicalChannel);
        Assert.IsFalse(bed.Firmware.Nwk.IsSecuring, "EE=0");
    }

    [TestMethod]
    public void FiveDevicesJoinAndEachIsReportedOnce()
    {
        var bed = new ZigBeeBed();

        bed.FormAndJoinAll();

        var devices = bed.Firmware.Devices;
        Assert.HasCount(5, devices);
        Assert.HasCount(5, bed.Joined, "one join event per device although each sends a node identification and a Device_annce");
        foreach (var device in devices)
        {
            Assert.IsTrue(device.IsInNetwork, $"device {device.Index} holds the network key");
            var reported = bed.Coordinator.Devices.Single(d => d.ExtendedAddress == device.ExtendedAddress);
            Assert.AreEqual(device.NetworkAddress, reported.NetworkAddress);
            Assert.AreEqual(device.NodeIdentifier, reported.NodeIdentifier, "from the node identification (0x95)");
            Assert.AreEqual(device.IsRouter ? XBeeDeviceType.Router : XBeeDeviceType.EndDevice, reported.DeviceType);
        }

        var announcements = bed.Indications.Where(i => i.DstEndpoint == 0 && i.ClusterId == 0x0013 && i.ProfileId == 0).ToList();
        CollectionAssert.AreEquivalent(devices.Select(d => d.NetworkAddress).ToList(), announcements.Select(a => a.SrcAddress).ToList(),
            "every Device_annce reached the host as an explicit receive (AO=1)");
        Assert.IsTrue(devices.Any(d => d.IsSleepy), "a sleeping end device among them");
        Assert.IsEmpty(bed.Firmware.Faults);
    }

    [TestMethod]
    public void WithALinkKeyTheDevicesAreAdmittedUnderIt()
    {
        var bed = new ZigBeeBed();
        var linkKey = ZigBeeKey.Read([0x11, 0x13, 0x7D, 0x7E, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF, 0x00]);
        bed.Form(ZigBeeBed.Settings with { LinkKey = linkKey });

        Assert.IsTrue(bed.RunUntilJoined(5), $"{bed.Joined.Count} joined");
        Assert.AreEqual(linkKey, bed.Firmware.Settings.LinkKey, "KY as written");
        foreach (var device in bed.Firmware.Devices)
        {
            Assert.AreEqual(linkKey, bed.Firmware.Aps.KeyPairs.Find(device.ExtendedAddress)?.Key.LinkKey);
            Assert.IsTrue(device.IsInNetwork);
        }
    }

    [TestMethod]
    public void DevicesDoNotJoinWhileJoiningIsClosedAndDoOnceItOpens()
    {
        var bed = new ZigBeeBed();
        bed.Form(ZigBeeBed.Settings with { PermitJoinSeconds = 0 });

        Assert.IsFalse(bed.RunUntilJoined(1, seconds: 30), "NJ=0: nobody gets in");
        Assert.IsTrue(bed.Firmware.Devices.All(d => d.JoinAttempts > 1), "every device kept trying");

        bed.Run(async () =>
        {
            await bed.Coordinator.PermitJoiningAsync(TimeSpan.FromMinutes(2));
            return true;
        });

        Assert.IsTrue(bed.RunUntilJoined(5), $"{bed.Joined.Count} joined after joining opened");
        Assert.IsTrue(bed.Firmware.Nwk.PermitJoining);
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public void DataFullOfEscapableBytesGoesToADeviceAndComesBack(ApiMode mode)
    {
        var bed = new ZigBeeBed(mode);
        bed.FormAndJoinAll();
        var device = bed.Firmware.Devices[3];
        bed.Indications.Clear();

        var confirm = bed.Run(() => bed.Coordinator.DataRequestAsync(ApsdeDataRequest.ToExtended(device.ExtendedAddress, Digi.DataEndpoint,
            Digi.Profile, 0x7E11, Digi.DataEndpoint, Escapable, ApsTxOptions.Acknowledged)));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(3));

        Assert.AreEqual(ApsStatus.Success, confirm.Status);
        var received = device.Received.Single(m => m.ClusterId == 0x7E11);
        CollectionAssert.AreEqual(Escapable, received.Data);
        Assert.AreEqual((ushort)0x0000, received.SourceAddress);
        var echo = bed.Indications.Single(i => i.ClusterId == 0x7E11);
        CollectionAssert.AreEqual(Escapable, echo.Asdu.ToArray(), "the device's echo, back through the dongle");
        Assert.AreEqual(device.NetworkAddress, echo.SrcAddress);
        Assert.AreEqual(device.ExtendedAddress, echo.SrcIeeeAddress);
        Assert.AreEqual(Digi.Profile, echo.ProfileId);
        Assert.IsFalse(echo.WasBroadcast);
        Assert.AreEqual(0, bed.Link.ReaderCounters.Rejected);
        Assert.AreEqual(0, bed.Emulator.ReaderCounters.Rejected);
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public void AnApplicationFrameFromADeviceArrivesWithItsEndpointsClusterAndProfile(ApiMode mode)
    {
        var bed = new ZigBeeBed(mode);
        bed.FormAndJoinAll();
        var device = bed.Firmware.Devices[1];
        bed.Indications.Clear();

        var sent = bed.Run(() => device.SendAsync(0x0000, 1, 0x11, 0x0006, 0x0104, Escapable));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.AreEqual(ApsStatus.Success, sent.Status);
        var indication = bed.Indications.Single();
        Assert.AreEqual(device.NetworkAddress, indication.SrcAddress);
        Assert.AreEqual((byte)1, indication.SrcEndpoint);
        Assert.AreEqual((byte)0x11, indication.DstEndpoint);
        Assert.AreEqual((ushort)0x0006, indication.ClusterId);
        Assert.AreEqual((ushort)0x0104, indication.ProfileId);
        CollectionAssert.AreEqual(Escapable, indication.Asdu.ToArray());
    }

    [TestMethod]
    public void OurZdoRunsOnTheDongleAsOnOurOwnAps()
    {
        var bed = new ZigBeeBed();
        bed.FormAndJoinAll();
        // The host's ZDO client talks to IApsDataService only: here, the dongle.
        using var zdo = new ZdoService(bed.Coordinator, new FakeZdoNode(() => bed.Scheduler.Now), bed.Scheduler.Time);
        var router = bed.Firmware.Devices.First(d => d.IsRouter);

        var ieee = bed.Run(() => zdo.IeeeAddressAsync(router.NetworkAddress));
        var endpoints = bed.Run(() => zdo.ActiveEndpointsAsync(router.NetworkAddress));
        var simple = bed.Run(() => zdo.SimpleDescriptorAsync(router.NetworkAddress, ZigBeeFirmwareDevice.ApplicationEndpoint));
        var node = bed.Run(() => zdo.NodeDescriptorAsync(router.NetworkAddress));

        Assert.AreEqual(ZdpStatus.Success, ieee.Status);
        Assert.AreEqual(router.ExtendedAddress, ieee.Value?.IeeeAddress);
        CollectionAssert.AreEqual(new[] { ZigBeeFirmwareDevice.ApplicationEndpoint }, endpoints.Value?.ToArray());
        Assert.AreEqual(ZigBeeFirmwareDevice.HomeAutomationProfile, simple.Value?.ProfileId);
        CollectionAssert.Contains(simple.Value!.InputClusters.ToList(), (ushort)0x0006);
        Assert.AreEqual(ZdpLogicalType.Router, node.Value.LogicalType);
    }

    [TestMethod]
    public void WithApiOptionsThreeTheHostDescribesTheEndpointsInsteadOfTheModule()
    {
        var bed = new ZigBeeBed();
        bed.FormAndJoinAll();
        var device = bed.Firmware.Devices[0];

        var module = bed.Run(() => device.Zdo.ActiveEndpointsAsync(0x0000));
        bed.Run(async () =>
        {
            await bed.Link.SetNumberAsync(AtCommandName.AO, 3);
            return true;
        });
        using var host = new ZdoService(bed.Coordinator, new FakeZdoNode(() => bed.Scheduler.Now), bed.Scheduler.Time);
        host.RegisterEndpoint(new ZdoEndpoint(1, 0x0104, 0x0007, 1, [0x0000], [0x0006]));
        var passedThrough = bed.Run(() => device.Zdo.ActiveEndpointsAsync(0x0000));
        var simple = bed.Run(() => device.Zdo.SimpleDescriptorAsync(0x0000, 1));
        var ieee = bed.Run(() => device.Zdo.IeeeAddressAsync(0x0000));

        CollectionAssert.AreEqual(new byte[] { Digi.DeviceObjectEndpoint, Digi.DataEndpoint }, module.Value?.ToArray(), "AO=1: the module's own");
        CollectionAssert.AreEqual(new byte[] { 1 }, passedThrough.Value?.ToArray(), "AO=3: the host's answer");
        Assert.AreEqual((ushort)0x0104, simple.Value?.ProfileId);
        Assert.AreEqual(bed.Firmware.ExtendedAddress, ieee.Value?.IeeeAddress, "what the module supports it still answers itself");
    }

    [TestMethod]
    public void WithApiOptionsZeroDataArrivesAsAReceivePacketAndZdoStaysInside()
    {
        var bed = new ZigBeeBed();
        bed.FormAndJoinAll();
        bed.Run(async () =>
        {
            await bed.Link.SetNumberAsync(AtCommandName.AO, 0);
            return true;
        });
        var raw = new List<byte>();
        bed.Link.FrameReceived += frame => raw.Add(frame[0]);
        bed.Indications.Clear();
        var device = bed.Firmware.Devices[0];

        bed.Run(() => device.SendAsync(0x0000, Digi.DataEndpoint, Digi.DataEndpoint, Digi.DataCluster, Digi.Profile, Escapable));
        bed.Run(() => device.Zdo.NodeDescriptorAsync(0x0000));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        CollectionAssert.AreEqual(new[] { (byte)ApiFrameType.ReceivePacket }, raw, "one 0x90 and nothing for the ZDO exchange");
        var indication = bed.Indications.Single();
        Assert.AreEqual(Digi.DataEndpoint, indication.DstEndpoint);
        Assert.AreEqual(Digi.DataCluster, indication.ClusterId);
        CollectionAssert.AreEqual(Escapable, indication.Asdu.ToArray());
    }

    [TestMethod]
    public void AGroupRequestGoesAsAMulticastToTheGroupsMembersOnly()
    {
        var bed = new ZigBeeBed();
        bed.FormAndJoinAll();
        var member = bed.Firmware.Devices.First(d => !d.IsSleepy && !d.IsRouter);
        bed.Scheduler.Post(() => member.Aps.AddGroup(0x7E11, Digi.DataEndpoint));

        var confirm = bed.Run(() => bed.Coordinator.DataRequestAsync(ApsdeDataRequest.ToGroup(0x7E11, Digi.Profile, 0x0A0A, Digi.DataEndpoint, Escapable)));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));

        Assert.AreEqual(ApsStatus.Success, confirm.Status);
        foreach (var device in bed.Firmware.Devices)
        {
            Assert.AreEqual(device == member, device.Received.Any(m => m.ClusterId == 0x0A0A), $"device {device.Index}");
        }

        CollectionAssert.AreEqual(Escapable, member.Received.Single(m => m.ClusterId == 0x0A0A).Data);
    }

    [TestMethod]
    public void ABroadcastReachesEveryDeviceThatIsAwake()
    {
        var bed = new ZigBeeBed();
        bed.FormAndJoinAll();

        var confirm = bed.Run(() => bed.Coordinator.DataRequestAsync(ApsdeDataRequest.ToShort(0xFFFD, Digi.DataEndpoint, Digi.Profile,
            0x0B0B, Digi.DataEndpoint, Escapable)));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));

        Assert.AreEqual(ApsStatus.Success, confirm.Status);
        foreach (var device in bed.Firmware.Devices)
        {
            Assert.AreEqual(!device.IsSleepy, device.Received.Any(m => m.ClusterId == 0x0B0B && m.WasBroadcast), $"device {device.Index} (sleepy: {device.IsSleepy})");
        }
    }
}
