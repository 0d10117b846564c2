using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Nwk.Service;
using ZigBee.Simulation.Scheduling;
using ZigBee.Stack.Hosting;
using ZigBee.XBee.Coordinator;
using ZigBee.XBee.Emulator;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Link;
using ZigBee.XBee.Serial;

namespace ZigBee.Tests.XBee;

/// <summary>
/// The coordinator through the real serial path: System.IO.Ports on the emulator's pseudo-terminal, the host on a
/// <see cref="NodeLoop"/>, the simulated network in real time (sped up). These wait on real I/O; their timeouts only
/// keep a broken run from hanging and are never what a test asserts.
/// </summary>
[TestClass]
public sealed class ZigBeePseudoTerminalTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(90);

    private static readonly byte[] Escapable = [0x7E, 0x7D, 0x11, 0x13, 0x7E, 0x7E, 0x7D, 0x13, 0x11, 0x00, 0xFF, 0x7D, 0x7E, 0x11, 0x13, 0x7D];

    /// <summary>The emulated dongle on a pseudo-terminal and the host's coordinator on its own loop, through System.IO.Ports.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        private readonly TaskCompletionSource _allJoined = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<ApsdeDataIndication> _indications = [];
        private readonly List<XBeeDevice> _joined = [];

        private Rig(ApiMode mode)
        {
            Firmware = ZigBeeFirmware.Create(new SimulationScheduler(), new ZigBeeFirmwareOptions { Seed = 5 });
            Firmware.ApiMode = mode;
            // Ten virtual seconds per second: scans, joins and retries take a tenth of their real time.
            Emulator = new XBeeEmulator(Firmware, new XBeeEmulatorOptions { LinkPath = Path.Combine(Path.GetTempPath(), $"zigbee-xbee-{Guid.NewGuid():N}"), Speed = 10 });
            Emulator.Start();
            Link = new XBeeLink(new SerialPortTransport(new SerialPortSettings(Emulator.PortPath!)), new XBeeLinkOptions { ApiMode = mode });
            Coordinator = new XBeeCoordinator(Link);
            Coordinator.DeviceJoined += device =>
            {
                lock (_joined)
                {
                    _joined.Add(device);
                    if (_joined.Count == Firmware.Options.Devices)
                    {
                        _allJoined.TrySetResult();
                    }
                }
            };
            Coordinator.DataIndication += (in ApsdeDataIndication indication) =>
            {
                var copy = indication with { Asdu = indication.Asdu.ToArray() };
                lock (_indications)
                {
                    _indications.Add(copy);
                    Monitor.PulseAll(_indications);
                }
            };
        }

        public ZigBeeFirmware Firmware { get; }

        public XBeeEmulator Emulator { get; }

        public XBeeLink Link { get; }

        public XBeeCoordinator Coordinator { get; }

        public NodeLoop Loop { get; } = new("xbee host");

        public CancellationTokenSource Cancel { get; } = new(Guard);

        public int JoinedCount
        {
            get
            {
                lock (_joined)
                {
                    return _joined.Count;
                }
            }
        }

        public static async Task<Rig> StartAsync(ApiMode mode)
        {
            var rig = new Rig(mode);
            await rig.Loop.RunAsync(() => rig.Link.StartAsync(rig.Cancel.Token));
            return rig;
        }

        /// <summary>Runs <paramref name="operation"/> on the host's loop, where the link and the coordinator live.</summary>
        public Task<T> OnHost<T>(Func<Task<T>> operation) => Loop.RunAsync(operation).WaitAsync(Cancel.Token);

        public Task WaitForAllJoinedAsync() => _allJoined.Task.WaitAsync(Cancel.Token);

        /// <summary>Waits for an indication of <paramref name="clusterId"/> (on a thread of the test's, not the host's).</summary>
        public async Task<ApsdeDataIndication> WaitForIndicationAsync(ushort clusterId)
        {
            while (true)
            {
                lock (_indications)
                {
                    var found = _indications.FindIndex(i => i.ClusterId == clusterId);
                    if (found >= 0)
                    {
                        return _indications[found];
                    }
                }

                await Task.Delay(20, Cancel.Token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Loop.RunAsync(async () =>
            {
                Coordinator.Dispose();
                await Link.DisposeAsync();
                return true;
            });
            Loop.Dispose();
            Emulator.Dispose();
            Cancel.Dispose();
        }
    }

    private static void RequireLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("pseudo-terminals are served on Linux only");
        }
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public async Task IdentityFormationFiveJoinsAndDataBothWaysThroughSystemIOPorts(ApiMode mode)
    {
        RequireLinux();
        await using var rig = await Rig.StartAsync(mode);

        var before = await rig.OnHost(() => rig.Coordinator.ReadIdentityAsync(rig.Cancel.Token));
        var formed = await rig.OnHost(() => rig.Coordinator.FormNetworkAsync(ZigBeeBed.Settings, rig.Cancel.Token));
        var nib = await rig.Emulator.InvokeAsync(() => (rig.Firmware.Nwk.Nib.ExtendedPanId, rig.Firmware.Nwk.Nib.LogicalChannel, rig.Firmware.Nwk.Nib.PanId,
            Key: rig.Firmware.Nwk.Nib.SecurityMaterialSet.Active?.Key));
        await rig.WaitForAllJoinedAsync();
        var devices = await rig.Emulator.InvokeAsync(() => rig.Firmware.Devices.Select(d => (d.ExtendedAddress, d.NetworkAddress)).ToList());
        var reported = await rig.OnHost(() => Task.FromResult(rig.Coordinator.Devices.Select(d => (d.ExtendedAddress, d.NetworkAddress)).ToList()));
        var target = devices[2];
        var confirm = await rig.OnHost(() => rig.Coordinator.DataRequestAsync(ApsdeDataRequest.ToExtended(target.ExtendedAddress, Digi.DataEndpoint,
            Digi.Profile, 0x7E13, Digi.DataEndpoint, Escapable, ApsTxOptions.Acknowledged), rig.Cancel.Token));
        var echo = await rig.WaitForIndicationAsync(0x7E13);
        var fromDevice = await rig.Emulator.InvokeAsync(() => rig.Firmware.Devices[4].SendAsync(0x0000, 1, 0x7D, 0x1113, 0x0104, Escapable));
        var unsolicited = await rig.WaitForIndicationAsync(0x1113);

        Assert.AreEqual(rig.Firmware.ExtendedAddress, before.ExtendedAddress);
        Assert.AreEqual(rig.Firmware.FirmwareVersion, before.FirmwareVersion);
        Assert.IsFalse(before.IsInNetwork);
        Assert.IsTrue(formed.IsInNetwork);
        Assert.AreEqual(ZigBeeBed.Settings.ExtendedPanId, nib.ExtendedPanId);
        Assert.AreEqual((byte)20, nib.LogicalChannel);
        Assert.AreEqual(formed.OperatingPanId, nib.PanId);
        Assert.AreEqual(ZigBeeBed.NetworkKey, nib.Key);
        Assert.AreEqual(5, rig.JoinedCount, "one event per device");
        CollectionAssert.AreEquivalent(devices, reported);
        Assert.AreEqual(ApsStatus.Success, confirm.Status);
        CollectionAssert.AreEqual(Escapable, echo.Asdu.ToArray());
        Assert.AreEqual(target.NetworkAddress, echo.SrcAddress);
        Assert.AreEqual(ApsStatus.Success, (await fromDevice).Status);
        CollectionAssert.AreEqual(Escapable, unsolicited.Asdu.ToArray());
        Assert.AreEqual((byte)0x7D, unsolicited.DstEndpoint);
        Assert.AreEqual(0, rig.Link.ReaderCounters.Rejected);
        Assert.AreEqual(0, rig.Emulator.ReaderCounters.Rejected);
    }

    [TestMethod]
    public async Task AnUnknownAddressAndASwitchedOffRouterGiveTheirStatusesThroughSystemIOPorts()
    {
        RequireLinux();
        await using var rig = await Rig.StartAsync(ApiMode.Escaped);
        await rig.OnHost(() => rig.Coordinator.FormNetworkAsync(ZigBeeBed.Settings, rig.Cancel.Token));
        await rig.WaitForAllJoinedAsync();

        var unknown = await rig.OnHost(() => rig.Coordinator.DataRequestAsync(ApsdeDataRequest.ToExtended(0x1122334455667788, 1, 0x0104, 6, 1, Escapable),
            rig.Cancel.Token));
        var router = await rig.Emulator.InvokeAsync(() =>
        {
            var r = rig.Firmware.Devices.First(d => d.IsRouter);
            rig.Firmware.SwitchOff(r.Index);
            return r.NetworkAddress;
        });
        var silent = await rig.OnHost(() => rig.Coordinator.DataRequestAsync(ApsdeDataRequest.ToShort(router, 1, 0x0104, 6, 1, Escapable, ApsTxOptions.Acknowledged),
            rig.Cancel.Token));

        Assert.AreEqual(ApsStatus.NoShortAddress, unknown.Status, "transmit status 0x24, address not found");
        Assert.AreEqual(ApsStatus.NoAck, silent.Status);
        Assert.AreEqual(NwkStatus.RouteDiscoveryFailed, silent.NwkStatus, "transmit status 0x25, route not found");
    }

    [TestMethod]
    public async Task GarbageAndBrokenFramesOnTheLineAreSkippedWhileATransmissionIsInFlight()
    {
        RequireLinux();
        await using var rig = await Rig.StartAsync(ApiMode.Unescaped);
        await rig.OnHost(() => rig.Coordinator.FormNetworkAsync(ZigBeeBed.Settings, rig.Cancel.Token));
        await rig.WaitForAllJoinedAsync();
        // The sleeping device: its frame waits for its next poll, so the request is surely in flight meanwhile.
        var target = await rig.Emulator.InvokeAsync(() => rig.Firmware.Devices.First(d => d.IsSleepy).ExtendedAddress);

        var confirm = await rig.OnHost(async () =>
        {
            var request = rig.Coordinator.DataRequestAsync(ApsdeDataRequest.ToExtended(target, Digi.DataEndpoint, Digi.Profile,
                0x0C0D, Digi.DataEndpoint, Escapable, ApsTxOptions.Acknowledged), rig.Cancel.Token);
            rig.Emulator.InjectGarbage([0x7E, 0x00, 0x13, 0x11, 0x7D]);
            rig.Emulator.InjectBadChecksum();
            rig.Emulator.InjectTruncatedFrame();
            rig.Emulator.InjectGarbage([0x55, 0xAA]);
            return await request;
        });
        var echo = await rig.WaitForIndicationAsync(0x0C0D);
        while (rig.Link.ReaderCounters.Rejected < 2)
        {
            // The faults and the frames race on the line only in when they are counted, not in whether.
            await Task.Delay(20, rig.Cancel.Token);
        }

        Assert.AreEqual(ApsStatus.Success, confirm.Status);
        CollectionAssert.AreEqual(Escapable, echo.Asdu.ToArray());
        Assert.IsGreaterThanOrEqualTo(2L, rig.Link.ReaderCounters.Rejected, "the bad checksum and the truncated frame");
        Assert.IsGreaterThan(0L, rig.Link.ReaderCounters.BytesSkipped, "the garbage");
    }
}
