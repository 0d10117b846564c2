using ZigBee.Mac.Frames;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Scheduling;
using ZigBee.Stack.Hosting;
using ZigBee.XBee.Emulator;
using ZigBee.XBee.Link;
using ZigBee.XBee.Mac;
using ZigBee.XBee.Serial;

namespace ZigBee.Tests.XBee;

/// <summary>
/// The whole serial path: the 802.15.4-firmware emulator served on a pseudo-terminal in real time, the host through
/// System.IO.Ports on a node loop with the system clock — our NWK joins the simulated network and exchanges data.
/// Waits on real I/O; the timeouts only guard against a hang.
/// </summary>
[TestClass]
public sealed class MacPseudoTerminalTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task OurNwk_JoinsThroughTheEmulatorsPseudoTerminal_AndExchangesData()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("the emulator's pseudo-terminal is Linux only");
        }

        var scheduler = new SimulationScheduler();
        var medium = new SimulatedMedium(scheduler, seed: 51);
        var (coordinator, formed, coordinatorNode) = MacNwkJoinTests.FormCoordinator(scheduler, medium, seed: 51);
        var atCoordinator = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        coordinator.DataIndication += (in NldeDataIndication _, ReadOnlySpan<byte> nsdu) => atCoordinator.TrySetResult(nsdu.ToArray());
        var firmware = Ieee802154Firmware.Create(scheduler, medium, MacTestBed.ModuleAddress, seed: 51);
        medium.Link(coordinatorNode, firmware.Radio.Index, 220);
        using var emulator = new XBeeEmulator(firmware, new XBeeEmulatorOptions { Speed = 1.0 });
        emulator.Start();
        // Not disposed: the host NWK's keepalive delay (system clock, 30 s) still posts its last continuation to the loop
        // after the test, and a disposed NodeLoop throws on Post; the loop's thread is a background one.
        var loop = new NodeLoop("host");
        var atHost = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        byte[] up = [0x7E, 0x7D, 0x11, 0x13, 0x01];
        byte[] down = [0x11, 0x7E, 0x02];

        var link = await loop.RunAsync(async () =>
        {
            var link = new XBeeLink(new SerialPortTransport(new SerialPortSettings(emulator.PortPath!)), time: TimeProvider.System);
            await link.StartAsync();
            return link;
        }).WaitAsync(Guard);
        XBeeMacService? mac = null;
        NwkService? host = null;
        try
        {
            var (joined, sent) = await loop.RunAsync(async () =>
            {
                mac = new XBeeMacService(link, time: TimeProvider.System);
                await mac.StartAsync();
                host = new NwkService(mac, TimeProvider.System, new Random(52), new NwkServiceOptions { MacOmitsBeaconPayload = true });
                host.DataIndication += (in NldeDataIndication _, ReadOnlySpan<byte> nsdu) => atHost.TrySetResult(nsdu.ToArray());
                var joined = await host.JoinAsync(new NlmeJoinRequest(formed.ExtendedPanId, NwkRejoinNetwork.Association, MacNwkJoinTests.EndDevice, 1u << 15, ScanDuration: 2));
                var sent = joined.Status == NwkStatus.Success
                    ? (await host.DataRequestAsync(new NldeDataRequest(NwkAddressMode.Unicast, 0x0000, up, 1, 0))).Status
                    : NwkStatus.InvalidRequest;
                return (joined, sent);
            }).WaitAsync(Guard);

            Assert.AreEqual(NwkStatus.Success, joined.Status, "join through the pseudo-terminal");
            Assert.AreEqual((ushort)0x0000, joined.ParentAddress);
            Assert.AreEqual(NwkStatus.Success, sent);
            CollectionAssert.AreEqual(up, await atCoordinator.Task.WaitAsync(Guard));

            var address = joined.NetworkAddress;
            var back = await (await emulator.InvokeAsync(() => coordinator.DataRequestAsync(new NldeDataRequest(NwkAddressMode.Unicast, address, down, 2, 0)).AsTask())).WaitAsync(Guard);
            Assert.AreEqual(NwkStatus.Success, back.Status);
            CollectionAssert.AreEqual(down, await atHost.Task.WaitAsync(Guard));
            Assert.AreEqual(MacTestBed.ModuleAddress, host!.Nib.IeeeAddress);
            Assert.IsNull(emulator.Fault);
            Assert.IsNull(firmware.Fault);
        }
        finally
        {
            await loop.RunAsync(async () =>
            {
                host?.Dispose();
                mac?.Dispose();
                await link.DisposeAsync();
            }).WaitAsync(Guard);
        }
    }
}
