using ZigBee.Aps.Service.Primitives;
using ZigBee.Nwk.Security;
using ZigBee.Simulation.Scheduling;
using ZigBee.XBee.Coordinator;
using ZigBee.XBee.Emulator;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Link;
using ZigBee.XBee.Serial;

namespace ZigBee.Tests.XBee;

/// <summary>
/// The host (link + <see cref="XBeeCoordinator"/>) and the emulated ZigBee-firmware dongle on one scheduler over an
/// in-memory cable: everything runs in virtual time, deterministic for a seed.
/// </summary>
internal sealed class ZigBeeBed
{
    public static readonly ZigBeeKey NetworkKey = ZigBeeKey.Read([0x7E, 0x7D, 0x11, 0x13, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C]);

    /// <summary>Our settings: a fixed extended PAN ID, one channel, security with a key of our own.</summary>
    public static readonly XBeeNetworkSettings Settings = new()
    {
        ExtendedPanId = 0x00C0FFEE_7E7D1113,
        ScanChannels = XBeeNetworkSettings.Channel(20),
        Security = true,
        NetworkKey = NetworkKey,
    };

    public ZigBeeBed(ApiMode mode = ApiMode.Escaped, ZigBeeFirmwareOptions? options = null)
    {
        Firmware = ZigBeeFirmware.Create(Scheduler, options ?? new ZigBeeFirmwareOptions { Seed = 11 });
        Firmware.ApiMode = mode;
        Emulator = new XBeeEmulator(Firmware);
        Link = new XBeeLink(Pipe.Host, new XBeeLinkOptions { ApiMode = mode }, Scheduler.Time, ErrorLog);
        Coordinator = new XBeeCoordinator(Link, time: Scheduler.Time);
        Coordinator.DeviceJoined += Joined.Add;
        Coordinator.DataIndication += (in ApsdeDataIndication indication) => Indications.Add(indication with { Asdu = indication.Asdu.ToArray() });
        Scheduler.Run(() => Emulator.AttachAsync(Pipe));
        Run(async () =>
        {
            await Link.StartAsync();
            return true;
        });
    }

    public SimulationScheduler Scheduler { get; } = new();

    /// <summary>Errors the link logged: a frame handler of the coordinator that threw.</summary>
    public ZigBeeErrorLog ErrorLog { get; } = new();

    public InMemorySerialPipe Pipe { get; } = new();

    public ZigBeeFirmware Firmware { get; }

    public XBeeEmulator Emulator { get; }

    public XBeeLink Link { get; }

    public XBeeCoordinator Coordinator { get; }

    /// <summary>Every join event the coordinator raised, in order.</summary>
    public List<XBeeDevice> Joined { get; } = [];

    /// <summary>Every APSDE-DATA.indication the coordinator raised (ASDU copied).</summary>
    public List<ApsdeDataIndication> Indications { get; } = [];

    public T Run<T>(Func<Task<T>> operation, int seconds = 120) => Scheduler.Run(operation, TimeSpan.FromSeconds(seconds)).GetAwaiter().GetResult();

    public XBeeIdentity Form(XBeeNetworkSettings? settings = null) => Run(() => Coordinator.FormNetworkAsync(settings ?? Settings));

    /// <summary>Runs until <paramref name="count"/> devices were reported (at most <paramref name="seconds"/> of virtual time).</summary>
    public bool RunUntilJoined(int count, int seconds = 120)
    {
        var limit = Scheduler.Now + TimeSpan.FromSeconds(seconds);
        while (Joined.Count < count && Scheduler.Now < limit)
        {
            Scheduler.RunFor(TimeSpan.FromMilliseconds(250));
        }

        return Joined.Count >= count;
    }

    /// <summary>Forms the network and waits for every device.</summary>
    public void FormAndJoinAll()
    {
        Form();
        Assert.IsTrue(RunUntilJoined(Firmware.Options.Devices), $"{Joined.Count} of {Firmware.Options.Devices} devices joined");
        // Let the second report of the last join (node identification or Device_annce) arrive too.
        Scheduler.RunFor(TimeSpan.FromSeconds(2));
    }

    /// <summary>Sends raw frame data and returns the transmit status the dongle answers with.</summary>
    public TransmitStatusFrame Transmit(ApiFrameWriter write)
    {
        var data = Run(() => Link.RequestAsync(write, ApiFrameType.TransmitStatus, TimeSpan.FromSeconds(60)));
        Assert.IsTrue(TransmitStatusFrame.TryDecode(data, out var status));
        return status;
    }
}
