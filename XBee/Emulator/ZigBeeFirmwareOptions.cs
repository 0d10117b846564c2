namespace ZigBee.XBee.Emulator;

/// <summary>What the emulated ZigBee-firmware XBee and the simulated network behind it look like.</summary>
public sealed record ZigBeeFirmwareOptions
{
    /// <summary>The most devices the coordinator takes as children (every device joins it directly).</summary>
    public const int MaxDevices = 20;

    /// <summary>Simulated devices that try to join the dongle's network until they are in.</summary>
    public int Devices { get; init; } = 5;

    /// <summary>How many of the devices are routers; the rest are end devices.</summary>
    public int Routers { get; init; } = 2;

    /// <summary>How many of the end devices sleep (receiver off, polling their parent).</summary>
    public int Sleepy { get; init; } = 1;

    /// <summary>Seeds the medium, every node's stack, the random PAN ID and the random network key: same seed, same run.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The dongle's IEEE address (SH/SL); 0 takes one in Digi's range (OUI 00 13 A2) made from the seed.</summary>
    public ulong ExtendedAddress { get; init; }

    /// <summary>How long a device that found no network open for joining waits before it scans again (plus jitter).</summary>
    public TimeSpan JoinRetryInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How often a sleeping end device polls its parent.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a joined device waits for the network key from the trust center before it leaves and retries.</summary>
    public TimeSpan SecurityTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Devices (by number) that do not hear the dongle, only the other devices: they join through a router, and their
    /// frames reach the dongle over a relay (route records, source routes).
    /// </summary>
    public IReadOnlyList<int> OutOfCoordinatorReach { get; init; } = [];

    /// <summary>Devices send back what reaches their Digi data endpoint (0xE8), so a host sees data both ways.</summary>
    public bool Echo { get; init; } = true;

    /// <summary>A problem with these options, or null.</summary>
    public string? Validate() =>
        Devices is < 0 or > MaxDevices ? $"devices must be 0–{MaxDevices}"
        : Routers < 0 || Routers > Devices ? "routers must be between 0 and the number of devices"
        : Sleepy < 0 || Sleepy > Devices - Routers ? "sleepy devices must be end devices"
        : OutOfCoordinatorReach.Any(d => d < 0 || d >= Devices) ? "out-of-reach devices must be device numbers"
        : JoinRetryInterval <= TimeSpan.Zero || PollInterval <= TimeSpan.Zero || SecurityTimeout <= TimeSpan.Zero ? "intervals must be positive"
        : null;
}
