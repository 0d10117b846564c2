using Microsoft.Extensions.Logging;
using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Scheduling;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Mac;

namespace ZigBee.XBee.Emulator;

/// <summary>
/// An XBee with the 802.15.4 firmware (90000982, 90001500): our <see cref="MacService"/> on a radio of a simulated
/// medium, driven through the firmware's API. It sends and receives data frames (0x00/0x01 out, 0x80/0x81 in, 0x89
/// status), scans (ED, AS), starts a PAN as coordinator (CE=1, A2) or associates as end device (CE=0, A1) on its own,
/// and reports the outcome in AI. What the real firmware never offers its host — beacon payloads, MAC commands, the
/// MAC's association indications and responses — this emulation does not offer either. Runs on the scheduler's thread.
/// </summary>
public sealed partial class Ieee802154Firmware : XBeeFirmware, IDisposable
{
    /// <summary>How long an end device with auto-association waits before it scans again after a failure.</summary>
    public static readonly TimeSpan AssociationRetryInterval = TimeSpan.FromSeconds(1);

    private readonly MacService _mac;
    private readonly ILogger? _logger;
    private readonly byte[] _frame = new byte[ApiFrame.MaxFrameDataLength];
    private Settings _settings = Settings.Default;
    private Settings _applied = Settings.Default;
    private bool _applyPosted;
    private long _generation;
    private bool _disposed;

    private Ieee802154Firmware(SimulationScheduler scheduler, SimulatedRadio radio, MacService mac, ILogger? logger)
        : base(scheduler, radio.ExtendedAddress)
    {
        Radio = radio;
        _mac = mac;
        _logger = logger;
        mac.DataIndication += OnDataIndication;
        mac.AssociateIndication += OnAssociateIndication;
        mac.DisassociateIndication += OnDisassociateIndication;
    }

    /// <summary>
    /// A module on <paramref name="medium"/> (a new node of it: link it to the others as the test's topology needs),
    /// its MAC seeded with <paramref name="seed"/>.
    /// </summary>
    public static Ieee802154Firmware Create(SimulationScheduler scheduler, SimulatedMedium medium, ulong extendedAddress, int seed = 1, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(medium);
        var radio = medium.AddNode(extendedAddress);
        var mac = new MacService(radio, scheduler.Time, new Random(seed), loggers?.CreateLogger<MacService>());
        return new Ieee802154Firmware(scheduler, radio, mac, loggers?.CreateLogger<Ieee802154Firmware>());
    }

    /// <summary>VR: the XBee 802.15.4 firmware 10EF.</summary>
    public override ushort FirmwareVersion => 0x10EF;

    /// <summary>HV: an XBee Series 1 module.</summary>
    public override ushort HardwareVersion => 0x1746;

    /// <summary>The module's radio on the medium.</summary>
    public SimulatedRadio Radio { get; }

    /// <summary>The MAC inside the module (tests look at its PIB; the host never reaches it but through the API).</summary>
    public MacService Mac => _mac;

    /// <summary>AI: how the last association or coordinator start went.</summary>
    public AssociationIndication AssociationIndication { get; private set; } = AssociationIndication.InProgress;

    /// <summary>True while the module is an end device associated to a coordinator.</summary>
    public bool IsAssociated { get; private set; }

    /// <summary>The coordinator this end device associated to.</summary>
    public MacAddress Coordinator { get; private set; }

    /// <summary>Data requests from the host refused because the payload was longer than NP (dropped, as a TX with no room).</summary>
    public long OversizedFrames { get; private set; }

    /// <summary>What a procedure of the firmware threw (a bug of the emulation, kept rather than lost).</summary>
    public Exception? Fault { get; private set; }

    public override void PowerOn()
    {
        SendModemStatus(ModemStatus.HardwareReset);
        Restart();
    }

    protected override void Reset()
    {
        Observe(_mac.ResetRequestAsync(setDefaultPib: true));
        Restart();
    }

    /// <summary>
    /// AC, and every 0x08 that set something (the guides: an AT command frame applies its change at once). A change of
    /// role, PAN, channel or association options starts the role again; anything else just reaches the MAC.
    /// </summary>
    protected override void ApplyChanges()
    {
        _applyPosted = false;
        var roleChanged = _settings.RoleDiffers(_applied);
        _applied = _settings;
        if (roleChanged)
        {
            Restart();
        }
        else
        {
            ConfigureMac();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _generation++;
        _mac.DataIndication -= OnDataIndication;
        _mac.AssociateIndication -= OnAssociateIndication;
        _mac.DisassociateIndication -= OnDisassociateIndication;
        _mac.Dispose();
    }

    /// <summary>A set by a 0x08 frame applies once the response is out; several sets in a row apply together.</summary>
    private void PostApply()
    {
        if (_applyPosted)
        {
            return;
        }

        _applyPosted = true;
        Scheduler.Post(() =>
        {
            if (_applyPosted && !_disposed)
            {
                ApplyChanges();
            }
        });
    }

    /// <summary>The role from scratch: whatever ran stops, the MAC is reset to the settings, then start or associate.</summary>
    private void Restart()
    {
        _generation++;
        _applied = _settings;
        IsAssociated = false;
        Coordinator = MacAddress.None;
        Observe(_mac.ResetRequestAsync(setDefaultPib: false));
        ConfigureMac();
        var generation = _generation;
        if (_settings.CoordinatorEnable)
        {
            AssociationIndication = AssociationIndication.InProgress;
            Observe(StartCoordinatorAsync(generation));
        }
        else if ((_settings.EndDeviceAssociation & Ieee802154Commands.A1AutoAssociate) != 0)
        {
            AssociationIndication = AssociationIndication.InProgress;
            Observe(AssociateAsync(generation));
        }
        else
        {
            // Peer-to-peer: no association is needed (AI 0).
            AssociationIndication = AssociationIndication.Success;
        }
    }

    private void ConfigureMac()
    {
        var pib = _mac.Pib;
        pib.PhyCurrentChannel = _settings.Channel;
        pib.MacPanId = _settings.PanId;
        // MY 0xFFFF or 0xFFFE: the module goes by its 64-bit address.
        pib.MacShortAddress = _settings.ShortAddress == MacAddress.BroadcastShort ? MacAddress.NoShortAddress : _settings.ShortAddress;
        pib.MacRxOnWhenIdle = _settings.SleepMode == 0 || _settings.CoordinatorEnable;
        pib.MacAssociationPermit = _settings.CoordinatorEnable && (_settings.CoordinatorAssociation & Ieee802154Commands.A2AllowAssociation) != 0;
    }

    private void Observe(Task task)
    {
        if (task.IsCompleted)
        {
            Keep(task);
            return;
        }

        task.ContinueWith(t => Keep(t), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Keep(Task task)
    {
        if (task.Exception is { } error)
        {
            Fault ??= error.InnerException ?? error;
            _logger?.LogError(error, "802.15.4 firmware procedure failed");
        }
    }

    private void SendFrame(int length) => SendToHost(_frame.AsSpan(0, length));
}
