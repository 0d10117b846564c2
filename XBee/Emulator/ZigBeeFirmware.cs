using ZigBee.Aps.Service;
using ZigBee.Mac.Service;
using ZigBee.Nwk.Service;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Scheduling;
using ZigBee.Stack.Zdo;
using ZigBee.Zdo.Service;
using ZigBee.XBee.Frames;

namespace ZigBee.XBee.Emulator;

/// <summary>
/// An XBee with ZigBee coordinator firmware, made of our own stack on the simulator: the dongle's node (MAC, NWK,
/// APS as trust center, ZDO answering requests) on a <see cref="SimulatedMedium"/> with simulated devices (routers,
/// end devices, sleepers, each with its own ZDO) that try to join until they are in. It answers the API as the
/// firmware does (ZigBee RF Modules user guide 90000976): AT commands, transmit requests with their transmit status,
/// received data, node identification, remote AT, source routes and joining-device registration.
/// Runs on the simulator's scheduler thread, like every node.
/// </summary>
public sealed partial class ZigBeeFirmware : XBeeFirmware
{







    private readonly ZigBeeFirmwareOptions _options;
    private readonly Random _random;
    private readonly List<ZigBeeFirmwareDevice> _devices = [];
    private readonly List<Exception> _faults = [];
    private readonly byte[] _out = new byte[1200];

    private ZigBeeFirmware(SimulationScheduler scheduler, ZigBeeFirmwareOptions options, ulong extendedAddress)
        : base(scheduler, extendedAddress)
    {
        _options = options;
        _random = new Random(options.Seed);
        Medium = new SimulatedMedium(scheduler, options.Seed);
        var radio = Medium.AddNode(extendedAddress);
        Mac = new MacService(radio, scheduler.Time, new Random(NodeSeed(0)), options: new MacServiceOptions { TransactionQueueCapacity = 32 });
        Nwk = new NwkService(Mac, scheduler.Time, new Random(~NodeSeed(0)), new NwkServiceOptions { AddressMapCapacity = 64, RoutingTableCapacity = 64 });
        Aps = new ApsService(Nwk, scheduler.Time, new ApsServiceOptions { DuplicateRejectionTableCapacity = 64 });
        // The firmware hands data for any application endpoint to the host (AO=1).
        for (var endpoint = (byte)1; endpoint <= 0xF0; endpoint++)
        {
            Aps.RegisterEndpoint(endpoint);
        }

        Zdo = new ZdoService(new ModuleZdoAps(this), new StackZdoNode(Nwk, Aps), scheduler.Time);
        // The module's own endpoints: the Digi device object and the data endpoint, in Digi's profile.
        Zdo.RegisterEndpoint(new ZdoEndpoint(Digi.DeviceObjectEndpoint, Digi.Profile, 0x0000, 0, [], []));
        Zdo.RegisterEndpoint(new ZdoEndpoint(Digi.DataEndpoint, Digi.Profile, 0x0000, 0, [Digi.DataCluster], [Digi.DataCluster]));
        Aps.DataIndication += OnCoordinatorData;
    }

    /// <summary>The air around the dongle: node 0 is the dongle, device k is node k + 1.</summary>
    public SimulatedMedium Medium { get; }

    /// <summary>The dongle's MAC, NWK, APS (trust center) and ZDO.</summary>
    public MacService Mac { get; }

    public NwkService Nwk { get; }

    public ApsService Aps { get; }

    public ZdoService Zdo { get; }

    /// <summary>The simulated devices (created when the network is first formed; rebuilt if its security changes).</summary>
    public IReadOnlyList<ZigBeeFirmwareDevice> Devices => _devices;

    /// <summary>What a background procedure of the firmware or a device threw: a bug, never a protocol outcome.</summary>
    public IReadOnlyList<Exception> Faults => _faults;

    /// <summary>A ZigBee coordinator API build (the 21xx family of the S2C modules).</summary>
    public override ushort FirmwareVersion => 0x21A7;

    /// <summary>An S2C module.</summary>
    public override ushort HardwareVersion => 0x2E41;

    public ZigBeeFirmwareOptions Options => _options;

    /// <summary>Builds the dongle and its simulated devices on <paramref name="scheduler"/>; call <see cref="PowerOn"/> to start it.</summary>
    public static ZigBeeFirmware Create(SimulationScheduler scheduler, ZigBeeFirmwareOptions options)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var address = options.ExtendedAddress != 0 ? options.ExtendedAddress : 0x0013A200_40000000UL | (uint)(options.Seed & 0x00FFFFFF);
        return new ZigBeeFirmware(scheduler, options, address);
    }

    /// <summary>Switches device <paramref name="device"/> off: its radio goes silent and it stops trying anything.</summary>
    public void SwitchOff(int device)
    {
        var d = _devices[device];
        d.SwitchOff();
        Medium.SwitchOff(d.MediumNode);
    }

    public override void PowerOn()
    {
        SendModemStatus(Frames.ModemStatus.HardwareReset);
        // A coordinator (CE=1) forms its network at power-up, as after AC.
        if (_settings.CoordinatorEnabled)
        {
            ApplyChanges();
        }
    }

    protected override void Reset()
    {
        // The network survives a software reset (its parameters are kept in flash): the coordinator resumes it and
        // says so once it runs again, after the watchdog-reset status the base sends.
        if (Nwk.IsJoined)
        {
            Scheduler.Post(() => SendModemStatus(Frames.ModemStatus.CoordinatorStarted));
        }
        else if (_settings.CoordinatorEnabled && !_forming)
        {
            // A coordinator without a network forms one when it starts, as at power-up.
            Scheduler.Post(StartFormation);
        }
    }

    internal int NodeSeed(int node) => unchecked((_options.Seed * 1_000_003) + node);

    /// <summary>Keeps a background procedure's failure instead of losing it in an unobserved task.</summary>
    internal void Observe(Task task)
    {
        if (task.IsCompleted)
        {
            Note(task);
            return;
        }

        task.ContinueWith(Note, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        void Note(Task t)
        {
            if (t.Exception is { } e)
            {
                _faults.Add(e.InnerException ?? e);
            }
        }
    }
}
