namespace ZigBee.Stack.Scenarios;

/// <summary>What traffic a network run carries.</summary>
public enum ScenarioTraffic
{
    /// <summary>Every device sends to the coordinator every interval.</summary>
    Unicast,

    /// <summary>The coordinator sends to every device every interval.</summary>
    ToDevices,

    /// <summary>The coordinator broadcasts to all devices (0xFFFF) every interval.</summary>
    Broadcast,
}

/// <summary>
/// A ZigBee network run at the NWK layer: node 0 forms the network as coordinator (trust center later); nodes
/// 1..<see cref="RouterCount"/> join as routers and then let others join through them; the rest join as end devices,
/// the last <see cref="Sleepy"/> with the receiver off, polling their parent.
/// </summary>
public sealed record NwkScenarioOptions
{
    public int Nodes { get; init; } = 20;

    /// <summary>Routers; null means every device that is not an end device.</summary>
    public int? Routers { get; init; }

    /// <summary>End devices with the receiver on (used when <see cref="Routers"/> is null).</summary>
    public int EndDevices { get; init; }

    /// <summary>End devices with the receiver off.</summary>
    public int Sleepy { get; init; }

    public string Topology { get; init; } = "grid";

    public int Seed { get; init; } = 1;

    /// <summary>Virtual time during which devices join and traffic runs; it then drains for <see cref="DrainTime"/>.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    public double Loss { get; init; }

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a sleeping end device polls its parent.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan DrainTime { get; init; } = TimeSpan.FromSeconds(30);

    public ScenarioTraffic Traffic { get; init; } = ScenarioTraffic.Unicast;

    /// <summary>Routers switched off at <see cref="KillAt"/> (never the coordinator).</summary>
    public int Kill { get; init; }

    public TimeSpan KillAt { get; init; }

    /// <summary>Time after the kill that the network is given to repair before "after recovery" counting starts.</summary>
    public TimeSpan RecoveryTime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Application bytes in each message.</summary>
    public int PayloadLength { get; init; } = 24;

    public int RouterCount => Routers ?? (Nodes - 1 - EndDevices - Sleepy);

    public int EndDeviceCount => Nodes - 1 - RouterCount;

    /// <summary>Null when the options make a network; otherwise why not.</summary>
    public string? Validate()
    {
        if (Nodes < 1 || Nodes > 10_000)
        {
            return "--nodes must be between 1 and 10000";
        }

        if (Routers is { } routers && (routers < 0 || routers > Nodes - 1))
        {
            return "--routers must be between 0 and nodes - 1 (node 0 is the coordinator)";
        }

        if (Routers is not null && EndDevices != 0 && EndDevices != Nodes - 1 - Routers - Sleepy)
        {
            return "--end-devices disagrees with --routers: with --routers the rest are end devices, --sleepy of them asleep";
        }

        if (EndDevices < 0 || Sleepy < 0 || RouterCount < 0 || Sleepy > EndDeviceCount)
        {
            return "routers, end devices and sleepy end devices must add up to nodes - 1";
        }

        if (Loss is < 0 or > 1 || double.IsNaN(Loss))
        {
            return "--loss must be a probability between 0 and 1";
        }

        if (Interval <= TimeSpan.Zero || PollInterval <= TimeSpan.Zero)
        {
            return "--interval and --poll must be positive";
        }

        if (Kill < 0 || Kill > RouterCount)
        {
            return $"--kill asks for {Kill} routers but the network has {RouterCount}";
        }

        if (PayloadLength < ScenarioMessage.MinimumLength || PayloadLength > 60)
        {
            return $"payload length must be between {ScenarioMessage.MinimumLength} and 60 bytes";
        }

        return ZigBee.Simulation.Topologies.Topology.Kinds.Contains(Topology) ? null : $"--topology must be one of {string.Join(", ", ZigBee.Simulation.Topologies.Topology.Kinds)}";
    }
}
