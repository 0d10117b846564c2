using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Nwk.Security;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Service;
using ZigBee.XBee.Coordinator;
using ZigBee.XBee.Emulator;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Link;
using ZigBee.XBee.Serial;

namespace ZigBee.Tests.XBee;

/// <summary>
/// The emulated firmware's answers the host sees: transmit statuses for an unknown address and a device that stopped
/// answering, AT commands, remote AT, joining-device registration, source routes, reset — and hostile serial input.
/// </summary>
[TestClass]
public sealed class ZigBeeFirmwareTests
{
    private static readonly byte[] Payload = [0x7E, 0x7D, 0x11, 0x13, 0x42];

    private static ApiFrameWriter Explicit(ulong destination64, ushort destination16, byte[] data, TransmitOptions options = TransmitOptions.None) =>
        (d, id) => new ExplicitAddressingCommandFrame(id, destination64, destination16, Digi.DataEndpoint, Digi.DataEndpoint,
            Digi.DataCluster, Digi.Profile, 0, options, data).Encode(d);

    [TestMethod]
    public void ATransmitRequestCarriesDigisDataEndpointClusterAndProfile()
    {
        var bed = new ZigBeeBed();
        bed.FormAndJoinAll();
        var device = bed.Firmware.Devices[2];

        var status = bed.Transmit((d, id) => new TransmitRequestFrame(id, device.ExtendedAddress, 0xFFFE, 0, TransmitOptions.None, Payload).Encode(d));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));

        Assert.AreEqual(DeliveryStatus.Success, status.DeliveryStatus);
        Assert.AreEqual(device.NetworkAddress, status.Destination16, "the 16-bit address it found");
        var received = device.Received.Single(m => m.ClusterId == Digi.DataCluster);
        Assert.AreEqual(Digi.DataEndpoint, received.SourceEndpoint);
        Assert.AreEqual(Digi.DataEndpoint, received.DestinationEndpoint);
        Assert.AreEqual(Digi.Profile, received.ProfileId);
        CollectionAssert.AreEqual(Payload, received.Data);
    }

    [TestMethod]
    public void AnUnknownIeeeAddressIsAddressNotFoundAfterAnAddressDiscovery()
    {
        var bed = new ZigBeeBed();
        bed.FormAndJoinAll();

        var status = bed.Transmit(Explicit(0x1122334455667788, 0xFFFE, Payload));
        var confirm = bed.Run(() => bed.Coordinator.DataRequestAsync(ApsdeDataRequest.ToExtended(0x1122334455667788, 1, 0x0104, 6, 1, Payload)));

        Assert.AreEqual(DeliveryStatus.AddressNotFound, status.DeliveryStatus);
        Assert.AreEqual(DiscoveryStatus.AddressDiscovery, status.DiscoveryStatus);
        Assert.AreEqual((ushort)0xFFFE, status.Destination16);
        Assert.AreEqual(ApsStatus.NoShortAddress, confirm.Status);
    }

    [TestMethod]
    public void ARouterThatWasSwitchedOffIsRouteNotFoundOnceRepairFails()
    {
        var bed = new ZigBeeBed();
        bed.FormAndJoinAll();
        var router = bed.Firmware.Devices.First(d => d.IsRouter);
        var before = bed.Transmit(Explicit(router.ExtendedAddress, 0xFFFE, Payload));

        bed.Firmware.SwitchOff(router.Index);
        var status = bed.Transmit(Explicit(router.ExtendedAddress, 0xFFFE, Payload));
        var confirm = bed.Run(() => bed.Coordinator.DataRequestAsync(ApsdeDataRequest.ToShort(router.NetworkAddress, 1, 0x0104, 6, 1, Payload, ApsTxOptions.Acknowledged)));

        Assert.AreEqual(DeliveryStatus.Success, before.DeliveryStatus);
        Assert.AreEqual(router.NetworkAddress, before.Destination16);
        // The link to it failed, NWK repaired the route by discovery and found none: the firmware says "route not found".
        Assert.AreEqual(DeliveryStatus.RouteNotFound, status.DeliveryStatus);
        Assert.AreEqual(ApsStatus.NoAck, confirm.Status);
        Assert.AreEqual(NwkStatus.RouteDiscoveryFailed, confirm.NwkStatus);
    }

    [TestMethod]
    public void ASleepingDeviceThatWasSwitchedOffIsANetworkAckFailure()
    {
        var bed = new ZigBeeBed();
        bed.FormAndJoinAll();
        var sleeper = bed.Firmware.Devices.First(d => d.IsSleepy);
        var before = bed.Transmit(Explicit(sleeper.ExtendedAddress, 0xFFFE, Payload));

        bed.Firmware.SwitchOff(sleeper.Index);
        var status = bed.Transmit(Explicit(sleeper.ExtendedAddress, 0xFFFE, Payload));

        Assert.AreEqual(DeliveryStatus.Success, before.DeliveryStatus, "delivered when it polled");
        // Held for it until it polls: no poll, no end-to-end acknowledgement.
        Assert.AreEqual(DeliveryStatus.NetworkAckFailure, status.DeliveryStatus);
        Assert.AreEqual((ApsStatus.NoAck, NwkStatus.Success), XBeeCoordinator.ToConfirmStatus(status.DeliveryStatus));
    }

    [TestMethod]
    public void WithoutRetriesASilentNeighbourIsAMacAckFailureOrNoRoute()
    {
        var bed = new ZigBeeBed();
        bed.FormAndJoinAll();
        var router = bed.Firmware.Devices.First(d => d.IsRouter);
        bed.Firmware.SwitchOff(router.Index);

        var status = bed.Transmit(Explicit(router.ExtendedAddress, router.NetworkAddress, Payload, TransmitOptions.DisableRetries));
        var (aps, _) = XBeeCoordinator.ToConfirmStatus(status.DeliveryStatus);

        Assert.IsTrue(status.DeliveryStatus is DeliveryStatus.MacAckFailure or DeliveryStatus.RouteNotFound, status.DeliveryStatus.ToString());
        Assert.AreEqual(ApsStatus.NoAck, aps);
    }

    [TestMethod]
    public void WhatTheFirmwareRefusesBeforeSendingHasItsOwnStatus()
    {
        var bed = new ZigBeeBed();
        var notJoined = bed.Transmit(Explicit(0x1122334455667788, 0xFFFE, Payload));
        bed.Form(ZigBeeBed.Settings with { Security = false });
        var device = bed.Firmware.Devices[0];

        var self = bed.Transmit(Explicit(bed.Firmware.ExtendedAddress, 0xFFFE, Payload));
        var tooLarge = bed.Transmit(Explicit(device.ExtendedAddress, 0xFFFE, new byte[bed.Firmware.Aps.MaxAsduLength + 1]));
        var encryptedWithoutEe = bed.Transmit(Explicit(device.ExtendedAddress, 0xFFFE, Payload, TransmitOptions.ApsEncryption));
        var encryptedBroadcast = bed.Transmit(Explicit(0xFFFF, 0xFFFE, Payload, TransmitOptions.ApsEncryption));

        Assert.AreEqual(DeliveryStatus.NotJoinedToNetwork, notJoined.DeliveryStatus);
        Assert.AreEqual(DeliveryStatus.SelfAddressed, self.DeliveryStatus);
        Assert.AreEqual(DeliveryStatus.DataPayloadTooLarge, tooLarge.DeliveryStatus);
        Assert.AreEqual(DeliveryStatus.AttemptedUnicastWithApsTransmissionButEeIsZero, encryptedWithoutEe.DeliveryStatus);
        Assert.AreEqual(DeliveryStatus.AttemptedBroadcastWithApsTransmission, encryptedBroadcast.DeliveryStatus);
        Assert.AreEqual(ApsStatus.AsduTooLong, XBeeCoordinator.ToConfirmStatus(tooLarge.DeliveryStatus).Aps);
        Assert.AreEqual(ApsStatus.IllegalRequest, XBeeCoordinator.ToConfirmStatus(notJoined.DeliveryStatus).Aps);
    }

    [TestMethod]
    public void ARequestTheFirmwareCannotCarryGetsTheSpecStatusWithoutTouchingTheLine()
    {
        var bed = new ZigBeeBed();
        bed.Form();
        var written = bed.Pipe.Host.BytesWritten;

        var bound = bed.Run(() => bed.Coordinator.DataRequestAsync(ApsdeDataRequest.ToBindings(0x0104, 6, 1, Payload)));
        var badShort = bed.Run(() => bed.Coordinator.DataRequestAsync(new ApsdeDataRequest(ApsAddressMode.Short, 0x1_0000, 1, 0x0104, 6, 1, Payload)));

        Assert.AreEqual(ApsStatus.NotSupported, bound.Status);
        Assert.AreEqual(0, bound.Deliveries);
        Assert.AreEqual(ApsStatus.InvalidParameter, badShort.Status);
        Assert.AreEqual(written, bed.Pipe.Host.BytesWritten);
    }

    [TestMethod]
    public void AtCommandsAnswerAsTheFirmwareDoes()
    {
        var bed = new ZigBeeBed();

        var unknown = bed.Run(() => bed.Link.AtCommandAsync(new AtCommandName('Z', 'Q')));
        var key = bed.Run(() => bed.Link.AtCommandAsync(AtCommandName.KY, new byte[] { 1, 2, 3 }));
        var readKey = bed.Run(() => bed.Link.AtCommandAsync(AtCommandName.KY));
        var tooLong = bed.Run(() => bed.Link.AtCommandAsync(AtCommandName.ID, new byte[9]));
        var badStack = bed.Run(() => bed.Link.AtCommandAsync(AtCommandName.ZS, new byte[] { 3 }));
        var noChannels = bed.Run(() => bed.Link.AtCommandAsync(AtCommandName.SC, new byte[] { 0, 0 }));
        var setMy = bed.Run(() => bed.Link.AtCommandAsync(AtCommandName.MY, new byte[] { 0x12, 0x34 }));
        var sc = bed.Run(() => bed.Link.ReadNumberAsync(AtCommandName.SC));
        var nj = bed.Run(() => bed.Link.ReadNumberAsync(AtCommandName.NJ));
        var np = bed.Run(() => bed.Link.ReadNumberAsync(AtCommandName.NP));

        Assert.AreEqual(AtCommandStatus.InvalidCommand, unknown.Status);
        Assert.AreEqual(AtCommandStatus.Ok, key.Status);
        Assert.AreEqual(AtCommandStatus.Ok, readKey.Status);
        Assert.IsEmpty(readKey.Data, "KY is write-only");
        Assert.AreEqual(ZigBeeKey.Read([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3]), bed.Firmware.Settings.LinkKey);
        Assert.AreEqual(AtCommandStatus.InvalidParameter, tooLong.Status);
        Assert.AreEqual(AtCommandStatus.InvalidParameter, badStack.Status);
        Assert.AreEqual(AtCommandStatus.InvalidParameter, noChannels.Status);
        Assert.AreEqual(AtCommandStatus.Error, setMy.Status, "MY is read-only");
        Assert.AreEqual(0x7FFFUL, sc, "every channel, as shipped");
        Assert.AreEqual(0xFFUL, nj);
        Assert.AreEqual((ulong)bed.Firmware.Aps.MaxAsduLength, np);
    }

    [TestMethod]
    public void NodeDiscoveryListsTheDevicesThatAnswerWithinTheDiscoveryTime()
    {
        var bed = new ZigBeeBed();
        bed.FormAndJoinAll();
        bed.Firmware.SwitchOff(bed.Firmware.Devices.First(d => d.IsRouter).Index);
        var answers = new List<byte[]>();
        bed.Link.FrameReceived += frame =>
        {
            if (AtCommandResponseFrame.TryDecode(frame, out var response) && response.Command == AtCommandName.ND)
            {
                answers.Add(response.Data.ToArray());
            }
        };

        // A discovery's first answer may take up to NT: the host gives it that long.
        var wait = bed.Firmware.DiscoveryTime + TimeSpan.FromSeconds(1);
        var first = bed.Run(() => bed.Link.AtCommandAsync(AtCommandName.ND, timeout: wait));
        answers.Insert(0, first.Data);
        bed.Scheduler.RunFor(bed.Firmware.DiscoveryTime + TimeSpan.FromSeconds(1));
        var named = bed.Run(() => bed.Link.AtCommandAsync(AtCommandName.ND, "DEVICE4"u8.ToArray(), timeout: wait));
        bed.Scheduler.RunFor(bed.Firmware.DiscoveryTime + TimeSpan.FromSeconds(1));

        var nodes = answers.TakeWhile(a => a.Length > 0).Select(Parse).ToList();
        var awake = bed.Firmware.Devices.Where(d => d.IsOn && !d.IsSleepy).ToList();
        CollectionAssert.IsSubsetOf(awake.Select(d => (d.NetworkAddress, d.ExtendedAddress, d.NodeIdentifier)).ToList(), nodes,
            "every device awake and switched on answered with its MY, SH/SL and NI");
        Assert.IsFalse(nodes.Any(n => n.Item2 == bed.Firmware.Devices.First(d => d.IsRouter).ExtendedAddress), "the switched-off router did not");
        Assert.IsEmpty(answers[nodes.Count], "an empty response ends the discovery");
        Assert.AreEqual(AtCommandStatus.Ok, first.Status);
        Assert.AreEqual("DEVICE4", Parse(named.Data).Item3, "ND with NI asks that node only");
        Assert.AreEqual(0x3CUL, bed.Run(() => bed.Link.ReadNumberAsync(new AtCommandName('N', 'T'))), "6 s, as shipped");

        static (ushort, ulong, string) Parse(byte[] data)
        {
            var end = Array.IndexOf(data, (byte)0, 10);
            return (System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(data), System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(2)),
                System.Text.Encoding.ASCII.GetString(data, 10, end - 10));
        }
    }

    [TestMethod]
    public void ARemoteAtCommandToADeviceThatIsNoXBeeFailsAfterTheAttempt()
    {
        var bed = new ZigBeeBed();
        bed.FormAndJoinAll();
        var device = bed.Firmware.Devices[0];
        var sent = bed.Firmware.Aps.Counters.DataRequests;

        var answer = bed.Run(() => bed.Link.RemoteAtCommandAsync(device.ExtendedAddress, 0xFFFE, AtCommandName.NI));

        Assert.AreEqual(AtCommandStatus.TxFailure, answer.Status);
        Assert.AreEqual(device.ExtendedAddress, answer.Source64);
        Assert.AreEqual(AtCommandName.NI, answer.Command);
        Assert.IsGreaterThan(sent, bed.Firmware.Aps.Counters.DataRequests, "the command went out over the air first");
    }

    [TestMethod]
    public void AJoiningDeviceRegisteredWithAKeyIsAdmittedUnderThatKey()
    {
        var bed = new ZigBeeBed();
        var device = 0x0011223344556677UL;
        // An install code of 16 octets and its CRC (little-endian), as printed on a device's label.
        byte[] code = [0x83, 0xFE, 0xD3, 0x40, 0x7A, 0x93, 0x97, 0x23, 0xA5, 0xC6, 0x39, 0xB2, 0x69, 0x16, 0xD5, 0x05, 0, 0];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(code.AsSpan(16), InstallCode.Crc(code.AsSpan(0, 16)));
        var installCodeValid = InstallCode.TryDeriveLinkKey(code, out var derived);

        var linkKey = Register(bed, device, 0x00, [.. Enumerable.Range(1, 16).Select(i => (byte)i)]);
        var fromCode = Register(bed, device + 1, 0x01, code);
        byte[] broken = [.. code];
        broken[^1] ^= 0xFF;
        var badCode = Register(bed, device + 2, 0x01, broken);
        var nobody = Register(bed, 0, 0x00, new byte[16]);

        Assert.AreEqual((byte)0x00, linkKey);
        Assert.AreEqual((byte)0x00, fromCode);
        Assert.AreEqual((byte)0xBD, badCode, "install code CRC wrong: invalid security data");
        Assert.AreEqual((byte)0xB3, nobody, "invalid address");
        Assert.AreEqual(ZigBeeKey.Read([.. Enumerable.Range(1, 16).Select(i => (byte)i)]), bed.Firmware.Aps.KeyPairs.Find(device)?.Key.LinkKey);
        Assert.IsTrue(installCodeValid);
        Assert.AreEqual(derived, bed.Firmware.Aps.KeyPairs.Find(device + 1)?.Key.LinkKey);
        Assert.IsNull(bed.Firmware.Aps.KeyPairs.Find(device + 2));
    }

    private static byte Register(ZigBeeBed bed, ulong device, byte options, byte[] key)
    {
        var data = bed.Run(() => bed.Link.RequestAsync((d, id) => new RegisterJoiningDeviceFrame(id, device, 0xFFFE, options, key).Encode(d),
            ApiFrameType.RegisterJoiningDeviceStatus));
        Assert.IsTrue(RegisterJoiningDeviceStatusFrame.TryDecode(data, out var status));
        return status.Status;
    }

    [TestMethod]
    public void ADeviceBeyondADeviceIsReachedOverItsRouteRecordAndTheHostsSourceRoute()
    {
        // Device 3, an end device, hears only the other devices: it joins through a router.
        var bed = new ZigBeeBed(options: new ZigBeeFirmwareOptions { Seed = 11, OutOfCoordinatorReach = [3] });
        var records = new List<(ulong Source64, ushort Source16, ushort[] Relays)>();
        bed.Coordinator.RouteRecordReceived += (source64, source16, relays) => records.Add((source64, source16, relays));
        bed.FormAndJoinAll();
        var far = bed.Firmware.Devices[3];
        var parent = far.Nwk.ParentAddress;
        Assert.IsTrue(bed.Firmware.Devices.Any(d => d.IsRouter && d.NetworkAddress == parent), "its parent is a router");

        // The dongle's first many-to-one route request goes out after the first link statuses (15 s).
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(30));

        bed.Run(() => far.SendAsync(0x0000, 1, 1, 0x0006, 0x0104, Payload));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        ushort[] relays = [parent];
        bed.Run(async () =>
        {
            await bed.Link.SendAsync(Encode(new CreateSourceRouteFrame(0, far.ExtendedAddress, far.NetworkAddress, 0, new XBeeAddressList(relays))));
            return true;
        });
        bed.Scheduler.RunFor(TimeSpan.FromMilliseconds(10));
        var sourceRouted = bed.Firmware.Nwk.Counters.SourceRoutedFramesSent;
        var status = bed.Transmit(Explicit(far.ExtendedAddress, far.NetworkAddress, Payload));

        var record = records.Single(r => r.Source16 == far.NetworkAddress);
        Assert.AreEqual(far.ExtendedAddress, record.Source64);
        CollectionAssert.AreEqual(relays, record.Relays, "the route record (0xA1) names its parent");
        Assert.IsTrue(bed.Firmware.Nwk.Nib.RouteRecordTable.TryGet(far.NetworkAddress, out var kept));
        CollectionAssert.AreEqual(relays, kept.ToArray());
        Assert.AreEqual(DeliveryStatus.Success, status.DeliveryStatus, "delivered through the relay");
        Assert.IsGreaterThan(sourceRouted, bed.Firmware.Nwk.Counters.SourceRoutedFramesSent);
    }

    private static byte[] Encode(CreateSourceRouteFrame frame)
    {
        var bytes = new byte[frame.Length];
        frame.Encode(bytes);
        return bytes;
    }

    [TestMethod]
    public void AResetDongleComesBackOnItsNetwork()
    {
        var bed = new ZigBeeBed();
        var formed = bed.Form();

        bed.Run(async () =>
        {
            await bed.Coordinator.ResetAsync();
            return true;
        });
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        var after = bed.Run(() => bed.Coordinator.ReadIdentityAsync());

        Assert.AreEqual(ModemStatus.CoordinatorStarted, bed.Coordinator.LastModemStatus, "after the watchdog reset, it resumed");
        Assert.AreEqual(formed.OperatingPanId, after.OperatingPanId);
        Assert.IsTrue(after.IsInNetwork);
    }

    [TestMethod]
    public void LeavingMakesTheCoordinatorFormANewNetworkThatTheDevicesJoin()
    {
        var bed = new ZigBeeBed();
        bed.FormAndJoinAll();
        bed.Joined.Clear();

        bed.Run(async () =>
        {
            await bed.Coordinator.LeaveAsync();
            return true;
        });

        Assert.IsEmpty(bed.Coordinator.Devices);
        Assert.IsTrue(bed.RunUntilJoined(5), $"{bed.Joined.Count} joined the new network");
        Assert.AreEqual(2, bed.Firmware.Formations);
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public void GarbageAndBrokenFramesFromTheDongleAreSkippedWhileARequestIsInFlight(ApiMode mode)
    {
        var bed = new ZigBeeBed(mode);
        bed.FormAndJoinAll();
        var device = bed.Firmware.Devices[0];
        bed.Indications.Clear();
        var rejected = bed.Link.ReaderCounters.Rejected;
        var skipped = bed.Link.ReaderCounters.BytesSkipped;

        var confirm = bed.Run(async () =>
        {
            var request = bed.Coordinator.DataRequestAsync(ApsdeDataRequest.ToExtended(device.ExtendedAddress, Digi.DataEndpoint, Digi.Profile,
                0x0C0C, Digi.DataEndpoint, Payload, ApsTxOptions.Acknowledged));
            bed.Emulator.InjectGarbage([0x00, 0x13, 0x11, 0x7D, 0x55, 0xAA]);
            bed.Emulator.InjectBadChecksum();
            bed.Emulator.InjectTruncatedFrame();
            bed.Emulator.InjectGarbage([0x42, 0x43]);
            return await request;
        });
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(2));

        Assert.AreEqual(ApsStatus.Success, confirm.Status, "the transmit status after the garbage still arrived");
        CollectionAssert.AreEqual(Payload, bed.Indications.Single(i => i.ClusterId == 0x0C0C).Asdu.ToArray(), "and so did the echo");
        Assert.IsGreaterThanOrEqualTo(rejected + 2, bed.Link.ReaderCounters.Rejected, "the bad checksum and the truncated frame");
        Assert.IsGreaterThan(skipped, bed.Link.ReaderCounters.BytesSkipped, "the garbage");
    }

    [TestMethod]
    public void APortDroppedMidTransmissionFailsItClearlyAndTheCoordinatorCarriesOnWhenItIsBack()
    {
        var bed = new ZigBeeBed();
        bed.FormAndJoinAll();
        var sleeper = bed.Firmware.Devices.First(d => d.IsSleepy);
        var states = new List<XBeeLinkState>();
        bed.Link.StateChanged += states.Add;
        var request = ApsdeDataRequest.ToExtended(sleeper.ExtendedAddress, Digi.DataEndpoint, Digi.Profile, 0x0D0D,
            Digi.DataEndpoint, Payload, ApsTxOptions.Acknowledged);

        var failure = bed.Run(async () =>
        {
            // The frame waits for the sleeper's next poll; the cable goes meanwhile.
            var pending = bed.Coordinator.DataRequestAsync(request);
            bed.Emulator.DropPort(TimeSpan.FromSeconds(2));
            try
            {
                await pending;
                return null;
            }
            catch (SerialLinkException e)
            {
                return e;
            }
        });
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(5));
        var again = bed.Run(() => bed.Coordinator.DataRequestAsync(request));

        Assert.IsNotNull(failure, "the request in flight failed with a line error, not silence");
        CollectionAssert.AreEqual(new[] { XBeeLinkState.Disconnected, XBeeLinkState.Connected }, states);
        Assert.AreEqual(ApsStatus.Success, again.Status);
        Assert.IsTrue(bed.Firmware.Nwk.IsJoined, "the network carried on without the host");
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public void MalformedFramesFromTheDongleNeverThrowInTheCoordinator(ApiMode mode)
    {
        var bed = new ZigBeeBed(mode);
        bed.FormAndJoinAll();
        var random = new Random(8);
        var frames = 0;
        var encoded = new byte[2 * 64 + 8];
        foreach (var type in new byte[] { 0x90, 0x91, 0x95, 0x8A, 0xA1, 0x8B, 0x88, 0x97, 0xA4, 0x42 })
        {
            for (var i = 0; i < 300; i++)
            {
                // Well framed, nonsense inside: short, long, or a Device_annce-looking explicit receive with a cut payload.
                var data = new byte[random.Next(1, 64)];
                random.NextBytes(data);
                data[0] = type;
                if (type == 0x91 && data.Length > 17)
                {
                    data[11] = 0;
                    data[12] = 0x00;
                    data[13] = 0x13;
                    data[14] = 0;
                    data[15] = 0;
                }

                var length = ApiFrame.Encode(data, mode, encoded);
                bed.Emulator.InjectGarbage(encoded[..length]);
                frames++;
            }
        }

        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        var device = bed.Firmware.Devices[0];
        var confirm = bed.Run(() => bed.Coordinator.DataRequestAsync(ApsdeDataRequest.ToExtended(device.ExtendedAddress, Digi.DataEndpoint,
            Digi.Profile, 0x0E0E, Digi.DataEndpoint, Payload, ApsTxOptions.Acknowledged)));

        Assert.AreEqual(3000, frames);
        Assert.IsEmpty(bed.ErrorLog.Errors, string.Join("\n", bed.ErrorLog.Errors.Take(3)));
        Assert.AreEqual(ApsStatus.Success, confirm.Status, "the coordinator still works");
        Assert.IsGreaterThan(0L, bed.Coordinator.OtherFrames, "what it could not read was counted");
    }

    [TestMethod]
    public void HostileFramesFromTheHostAreIgnoredAndTheDongleStillAnswers()
    {
        var bed = new ZigBeeBed();
        bed.Form();
        var random = new Random(2026);
        var unknown = bed.Firmware.UnknownFrames;
        var frames = 0;

        bed.Run(async () =>
        {
            foreach (var type in new byte[] { 0x10, 0x11, 0x17, 0x21, 0x24, 0x33, 0x90, 0xFF })
            {
                for (var i = 0; i < 200; i++)
                {
                    var frame = new byte[random.Next(1, 40)];
                    random.NextBytes(frame);
                    frame[0] = type;
                    // Frame ID 0 asks for no answer; the firmware must neither crash nor hang on any of these.
                    if (frame.Length > 1)
                    {
                        frame[1] = 0;
                    }

                    await bed.Link.SendAsync(frame);
                    frames++;
                }
            }

            return true;
        });
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(30));
        var identity = bed.Run(() => bed.Coordinator.ReadIdentityAsync());

        Assert.AreEqual(1600, frames);
        Assert.IsGreaterThan(unknown, bed.Firmware.UnknownFrames, "malformed and unknown frames were counted");
        Assert.IsTrue(identity.IsInNetwork);
        Assert.IsEmpty(bed.Firmware.Faults, string.Join("; ", bed.Firmware.Faults.Select(f => f.Message)));
        Assert.AreEqual(NwkDeviceRole.Coordinator, bed.Firmware.Nwk.Nib.DeviceType);
    }
}
