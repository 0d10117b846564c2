using ZigBee.Simulation.Scheduling;
using ZigBee.XBee.Emulator;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Link;
using ZigBee.XBee.Serial;

namespace ZigBee.Tests.XBee;

/// <summary>
/// The real serial path: System.IO.Ports on the emulator's pseudo-terminal. These wait on real I/O; their timeouts
/// only keep a broken run from hanging and are never what a test asserts.
/// </summary>
[TestClass]
public sealed class XBeePseudoTerminalTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private static string LinkPath() => Path.Combine(Path.GetTempPath(), $"zigbee-xbee-{Guid.NewGuid():N}");

    private static void RequireLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("pseudo-terminals are served on Linux only");
        }
    }

    [TestMethod]
    public async Task EveryByteValuePassesBothWaysThroughSystemIOPortsOnThePseudoTerminal()
    {
        RequireLinux();
        var linkPath = LinkPath();
        using var pty = PseudoTerminal.Open(linkPath);
        await using var port = new SerialPortTransport(new SerialPortSettings(linkPath));
        await port.OpenAsync(9600);
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        await port.WriteAsync(all);
        var atEmulator = new List<byte>();
        var buffer = new byte[512];
        for (var tries = 0; atEmulator.Count < all.Length && tries < 300; tries++)
        {
            atEmulator.AddRange(buffer.AsSpan(0, pty.Read(buffer, TimeSpan.FromMilliseconds(100))).ToArray());
        }

        pty.Write(all);
        var atHost = new List<byte>();
        using var guard = new CancellationTokenSource(Guard);
        while (atHost.Count < all.Length)
        {
            var read = await port.ReadAsync(buffer, guard.Token);
            atHost.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        CollectionAssert.AreEqual(all, atEmulator);
        CollectionAssert.AreEqual(all, atHost);
        Assert.AreEqual(linkPath, pty.PortPath);
        StringAssert.StartsWith(pty.SlavePath, "/dev/pts/");
    }

    [TestMethod]
    public async Task APortThatVanishesFailsTheReaderWithASerialLinkError()
    {
        RequireLinux();
        var linkPath = LinkPath();
        var pty = PseudoTerminal.Open(linkPath);
        await using var port = new SerialPortTransport(new SerialPortSettings(linkPath));
        await port.OpenAsync(9600);
        using var guard = new CancellationTokenSource(Guard);
        var reading = port.ReadAsync(new byte[16], guard.Token).AsTask();

        pty.Dispose();

        await Assert.ThrowsExactlyAsync<SerialLinkException>(() => reading);
        Assert.IsFalse(File.Exists(linkPath), "the symlink goes with the terminal");
        await Assert.ThrowsExactlyAsync<SerialLinkException>(() => port.OpenAsync(9600).AsTask());
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public async Task TheLinkTalksToTheEmulatorThroughSystemIOPortsWithEscapableData(ApiMode mode)
    {
        RequireLinux();
        var scheduler = new SimulationScheduler();
        var firmware = new EchoFirmware(scheduler) { ApiMode = mode };
        using var emulator = new XBeeEmulator(firmware, new XBeeEmulatorOptions { LinkPath = LinkPath() });
        emulator.Start();
        await using var link = new XBeeLink(new SerialPortTransport(new SerialPortSettings(emulator.PortPath!)), new XBeeLinkOptions { ApiMode = mode });
        using var guard = new CancellationTokenSource(Guard);
        var echoed = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        link.FrameReceived += frame =>
        {
            if (Rx16Frame.TryDecode(frame, out var rx))
            {
                echoed.TrySetResult(rx.Data.ToArray());
            }
        };

        await link.StartAsync(guard.Token);
        var my = await link.ReadNumberAsync(AtCommandName.MY, guard.Token);
        byte[] payload = [0x7E, 0x7D, 0x11, 0x13, .. Enumerable.Range(0, 64).Select(i => (byte)(0x7D + (i % 4)))];
        var status = await link.RequestAsync((d, id) => new Tx16RequestFrame(id, 0x1113, Tx154Options.None, payload).Encode(d), ApiFrameType.TxStatus, cancellationToken: guard.Token);
        var back = await echoed.Task.WaitAsync(guard.Token);

        Assert.AreEqual(0x1234UL, my);
        Assert.IsTrue(TxStatusFrame.TryDecode(status, out var tx));
        Assert.AreEqual(TxStatus.Success, tx.Status);
        CollectionAssert.AreEqual(payload, back);
        Assert.AreEqual(0, link.ReaderCounters.Rejected);
        Assert.AreEqual(0, emulator.ReaderCounters.Rejected);
    }

    [TestMethod]
    public async Task ThePortDroppedMidRequestFailsItAndTheLinkComesBackOnTheSamePath()
    {
        RequireLinux();
        var scheduler = new SimulationScheduler();
        var firmware = new EchoFirmware(scheduler);
        using var emulator = new XBeeEmulator(firmware, new XBeeEmulatorOptions { LinkPath = LinkPath() });
        emulator.Start();
        await using var link = new XBeeLink(new SerialPortTransport(new SerialPortSettings(emulator.PortPath!)),
            new XBeeLinkOptions { ReconnectInterval = TimeSpan.FromMilliseconds(100) });
        using var guard = new CancellationTokenSource(Guard);
        var back = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await link.StartAsync(guard.Token);
        link.StateChanged += state =>
        {
            if (state == XBeeLinkState.Connected)
            {
                back.TrySetResult();
            }
        };
        await emulator.InvokeAsync(() => firmware.Unresponsive = true);

        var pending = link.AtCommandAsync(AtCommandName.MY, timeout: Guard, cancellationToken: guard.Token);
        emulator.DropPort(TimeSpan.FromMilliseconds(500));
        var lost = await Assert.ThrowsExactlyAsync<SerialLinkException>(() => pending);
        await emulator.InvokeAsync(() => firmware.Unresponsive = false);
        await back.Task.WaitAsync(guard.Token);

        StringAssert.Contains(lost.Message, "vanished");
        Assert.AreEqual(0x1234UL, await link.ReadNumberAsync(AtCommandName.MY, guard.Token));
        Assert.AreEqual(1, link.Counters.Disconnects);
        Assert.AreEqual(1, link.Counters.Reconnects);
    }
}
