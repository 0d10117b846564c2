using ZigBee.Simulation.Scheduling;
using ZigBee.XBee.Emulator;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Link;
using ZigBee.XBee.Serial;

namespace ZigBee.Tests.XBee;

/// <summary>
/// The link to a dongle, in virtual time over an in-memory cable to an emulated module: requests matched to responses,
/// escaping, the API probe and command mode, the speed scan, timeouts, a cable pulled mid-request, and serial garbage.
/// </summary>
[TestClass]
public sealed class XBeeLinkTests
{
    private static readonly byte[] Escapable = [0x7E, 0x7D, 0x11, 0x13, 0x7E, 0x7E, 0x7D, 0x13, 0x11, 0x00, 0xFF, 0x7D];

    private sealed class Bed
    {
        public Bed(ApiMode dongleMode = ApiMode.Escaped, ApiMode linkMode = ApiMode.Escaped, int dongleBaud = 9600, XBeeLinkOptions? options = null)
        {
            Firmware = new EchoFirmware(Scheduler) { ApiMode = dongleMode };
            Emulator = new XBeeEmulator(Firmware, new XBeeEmulatorOptions { BaudRate = dongleBaud });
            Link = new XBeeLink(Pipe.Host, (options ?? new XBeeLinkOptions()) with { ApiMode = linkMode }, Scheduler.Time);
            Scheduler.Run(() => Emulator.AttachAsync(Pipe));
        }

        public SimulationScheduler Scheduler { get; } = new();

        public InMemorySerialPipe Pipe { get; } = new();

        public EchoFirmware Firmware { get; }

        public XBeeEmulator Emulator { get; }

        public XBeeLink Link { get; }

        public T Run<T>(Func<Task<T>> operation, int seconds = 60) => Scheduler.Run(operation, TimeSpan.FromSeconds(seconds)).GetAwaiter().GetResult();

        public void Start() => Run(async () =>
        {
            await Link.StartAsync();
            return true;
        });
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public void AnAtCommandIsAnsweredWithItsValueAndAValueFullOfEscapesSurvives(ApiMode mode)
    {
        var bed = new Bed(mode, mode);
        bed.Start();

        Assert.AreEqual(XBeeLinkState.Connected, bed.Link.State);
        Assert.AreEqual(0x1234UL, bed.Run(() => bed.Link.ReadNumberAsync(AtCommandName.MY)));
        bed.Run(async () =>
        {
            await bed.Link.SetNumberAsync(AtCommandName.MY, 0x7E7D, minimumBytes: 2);
            return true;
        });
        Assert.AreEqual((ushort)0x7E7D, bed.Firmware.ShortAddress);
        Assert.AreEqual(0x7E7DUL, bed.Run(() => bed.Link.ReadNumberAsync(AtCommandName.MY)));

        var refused = bed.Run(() => bed.Link.AtCommandAsync(new AtCommandName('Z', 'Z')));
        Assert.AreEqual(AtCommandStatus.InvalidCommand, refused.Status);
        Assert.ThrowsExactly<XBeeCommandException>(() => refused.EnsureOk());
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public void DataFullOfBytesThatNeedEscapingGoesOutAndComesBackIntact(ApiMode mode)
    {
        var bed = new Bed(mode, mode);
        bed.Start();
        var received = new List<byte[]>();
        bed.Link.FrameReceived += frame =>
        {
            if (Rx16Frame.TryDecode(frame, out var rx))
            {
                received.Add(rx.Data.ToArray());
            }
        };

        var status = bed.Run(() => bed.Link.RequestAsync((d, id) => new Tx16RequestFrame(id, 0x7E7D, Tx154Options.None, Escapable).Encode(d), ApiFrameType.TxStatus));

        Assert.IsTrue(TxStatusFrame.TryDecode(status, out var tx));
        Assert.AreEqual(TxStatus.Success, tx.Status);
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.HasCount(1, received);
        CollectionAssert.AreEqual(Escapable, received[0]);
        Assert.AreEqual(0, bed.Link.ReaderCounters.BadChecksums);
    }

    [TestMethod]
    public void ADongleInTheOtherApiModeIsSwitchedToOursByTheProbe()
    {
        var bed = new Bed(dongleMode: ApiMode.Unescaped, linkMode: ApiMode.Escaped);
        bed.Start();

        Assert.AreEqual(ApiMode.Escaped, bed.Firmware.ApiMode);
        Assert.AreEqual(ApiMode.Escaped, bed.Link.ApiMode);
        bed.Run(async () =>
        {
            await bed.Link.SetNumberAsync(AtCommandName.MY, 0x1311, minimumBytes: 2);
            return true;
        });
        Assert.AreEqual((ushort)0x1311, bed.Firmware.ShortAddress);
    }

    [TestMethod]
    public void ADongleInTransparentModeIsPutInApiModeThroughCommandMode()
    {
        var bed = new Bed(linkMode: ApiMode.Unescaped);
        bed.Firmware.Transparent = true;

        bed.Start();

        Assert.IsFalse(bed.Firmware.Transparent);
        Assert.AreEqual(ApiMode.Unescaped, bed.Firmware.ApiMode);
        Assert.AreEqual(0x1234UL, bed.Run(() => bed.Link.ReadNumberAsync(AtCommandName.MY)));
    }

    [TestMethod]
    public void TheSpeedScanFindsADongleSetTo115200()
    {
        var bed = new Bed(dongleBaud: 115200, options: new XBeeLinkOptions { TryCommonBaudRates = true });

        bed.Start();

        Assert.AreEqual(115200, bed.Link.BaudRate);
        Assert.AreEqual(0x1234UL, bed.Run(() => bed.Link.ReadNumberAsync(AtCommandName.MY)));
    }

    [TestMethod]
    public void NoDongleAnsweringIsAClearErrorNamingThePortAndSpeeds()
    {
        var bed = new Bed();
        bed.Firmware.Unresponsive = true;

        var error = Assert.ThrowsExactly<SerialLinkException>(() => bed.Start());

        StringAssert.Contains(error.Message, "no XBee answered");
        StringAssert.Contains(error.Message, "9600");
        Assert.AreEqual(XBeeLinkState.Closed, bed.Link.State);
    }

    [TestMethod]
    public void AMissingPortIsAClearError()
    {
        var bed = new Bed();
        bed.Pipe.Unplug();

        var error = Assert.ThrowsExactly<SerialLinkException>(() => bed.Start());

        StringAssert.Contains(error.Message, "unplugged");
    }

    [TestMethod]
    public void ADongleThatStopsAnsweringTimesOutAndALateResponseIsCountedUnmatched()
    {
        var bed = new Bed();
        bed.Start();
        bed.Firmware.Unresponsive = true;

        var task = bed.Scheduler.Run(async () =>
        {
            try
            {
                await bed.Link.AtCommandAsync(AtCommandName.MY, timeout: TimeSpan.FromSeconds(2));
                return "answered";
            }
            catch (TimeoutException e)
            {
                return e.Message;
            }
        }, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();

        StringAssert.Contains(task, "AtCommandResponse");
        Assert.AreEqual(1, bed.Link.Counters.Timeouts);

        // The module wakes up and answers a frame ID nobody waits for any more.
        bed.Firmware.Unresponsive = false;
        bed.Emulator.Invoke(() => bed.Firmware.ReceiveFromHost([0x08, 0x01, (byte)'M', (byte)'Y']));
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, bed.Link.Counters.UnmatchedResponses);
        Assert.AreEqual(0x1234UL, bed.Run(() => bed.Link.ReadNumberAsync(AtCommandName.MY)));
    }

    [TestMethod]
    public void ACablePulledMidRequestFailsEveryRequestAtOnceAndTheLinkRecoversWhenItIsBack()
    {
        var bed = new Bed();
        bed.Start();
        var states = new List<XBeeLinkState>();
        bed.Link.StateChanged += states.Add;
        bed.Firmware.Unresponsive = true;

        var outcome = bed.Scheduler.Run(async () =>
        {
            var pending = bed.Link.AtCommandAsync(AtCommandName.MY, timeout: TimeSpan.FromSeconds(30));
            bed.Emulator.DropPort(TimeSpan.FromSeconds(3));
            try
            {
                await pending;
                return "answered";
            }
            catch (SerialLinkException e)
            {
                return "lost: " + e.Message;
            }
        }, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();

        StringAssert.StartsWith(outcome, "lost: ");
        Assert.AreEqual(XBeeLinkState.Disconnected, bed.Link.State);
        var meanwhile = Assert.ThrowsExactly<SerialLinkException>(() => bed.Run(() => bed.Link.ReadNumberAsync(AtCommandName.MY)));
        StringAssert.Contains(meanwhile.Message, "not connected");

        bed.Firmware.Unresponsive = false;
        bed.Scheduler.RunFor(TimeSpan.FromSeconds(10));

        Assert.AreEqual(XBeeLinkState.Connected, bed.Link.State);
        CollectionAssert.AreEqual(new[] { XBeeLinkState.Disconnected, XBeeLinkState.Connected }, states);
        Assert.AreEqual(1, bed.Link.Counters.Disconnects);
        Assert.AreEqual(1, bed.Link.Counters.Reconnects);
        Assert.AreEqual(0x1234UL, bed.Run(() => bed.Link.ReadNumberAsync(AtCommandName.MY)));
    }

    [TestMethod]
    [DataRow(ApiMode.Unescaped)]
    [DataRow(ApiMode.Escaped)]
    public void GarbageAndBrokenFramesAreSkippedWhileTheAnswerStillArrives(ApiMode mode)
    {
        var bed = new Bed(mode, mode);
        bed.Start();
        var modemStatuses = 0;
        bed.Link.FrameReceived += frame => modemStatuses += frame[0] == (byte)ApiFrameType.ModemStatus ? 1 : 0;

        var value = bed.Run(async () =>
        {
            bed.Emulator.InjectGarbage([0x00, 0x13, 0x7D, 0x11, 0xFF, 0x55]);
            bed.Emulator.InjectBadChecksum();
            bed.Emulator.InjectTruncatedFrame();
            return await bed.Link.ReadNumberAsync(AtCommandName.MY);
        });

        Assert.AreEqual(0x1234UL, value);
        Assert.AreEqual(0, modemStatuses, "the frame with a bad checksum must not be delivered");
        Assert.IsGreaterThanOrEqualTo(1L, bed.Link.ReaderCounters.BadChecksums);
        Assert.IsGreaterThanOrEqualTo(2L, bed.Link.ReaderCounters.Rejected, "the bad checksum and the truncated frame");
        Assert.IsGreaterThanOrEqualTo(6L, bed.Link.ReaderCounters.BytesSkipped);
    }
}
