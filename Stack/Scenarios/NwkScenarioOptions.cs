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

    /// <summary>The coordinator sends to an APS group of half the routers every interval (members are owed each message).</summary>
    Group,

    /// <summary>Every device's endpoint 1 is bound to endpoint 1 of two others; it sends through its bindings every interval.</summary>
    Bound,

    /// <summary>The coordinator sends <see cref="NwkScenarioOptions.FragmentSize"/> bytes to every device, one after another, acknowledged and fragmented.</summary>
    Fragmented,
}

/// <summary>How the devices of a secured run get the network key.</summary>
public enum ScenarioKeyDistribution
{
    /// <summary>The trust center transports it to each joiner under its trust-center link key (§4.6.3.2).</summary>
    TrustCenter,

    /// <summary>Installed on every node before the run, out of band.</summary>
    Preconfigured,
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

    /// <summary>How far a node of the "grid" topology is heard, in lattice spacings (1.5: its 8 neighbours).</summary>
    public double GridReach { get; init; } = ZigBee.Simulation.Topologies.Topology.DiagonalReach;

    /// <summary>
    /// Channels the coordinator forms on and devices scan (bit n = channel n): all of 11–26 by default; an installation
    /// may configure fewer, as the Base Device Behavior's primary channel set (11, 15, 20, 25) does.
    /// </summary>
    public uint ChannelMask { get; init; } = AllChannels;

    /// <summary>The largest fragmented transfer: 255 blocks fit in one APS block count, and this stays well inside it.</summary>
    public const int MaxFragmentSize = 16384;

    /// <summary>Channels 11–26 of the 2.4 GHz band.</summary>
    public const uint AllChannels = 0x07FFF800;

    /// <summary>The Base Device Behavior's bdbcPrimaryChannelSet: channels 11, 15, 20 and 25.</summary>
    public const uint PrimaryChannelSet = 0x02108800;

    public int Seed { get; init; } = 1;

    /// <summary>Virtual time during which devices join and traffic runs; it then drains for <see cref="DrainTime"/>.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    public double Loss { get; init; }

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a device waits after joining before its reports start (then a random part of <see cref="Interval"/>).
    /// A sensor reports once the coordinator has configured it, not the instant it joins; a whole network that joins
    /// at once and reports at once makes each device that has no many-to-one route yet flood a route discovery.
    /// </summary>
    public TimeSpan FirstReportDelay { get; init; }

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

    /// <summary>ASDU bytes of each transfer of <see cref="ScenarioTraffic.Fragmented"/> traffic.</summary>
    public int FragmentSize { get; init; } = 1024;

    /// <summary>
    /// NWK security on (the default): every node holds the run's network key (from the seed) and secures every NWK
    /// frame. False runs the network in the clear.
    /// </summary>
    public bool Secured { get; init; } = true;

    /// <summary>
    /// How a secured run's devices get the network key: from the trust center on the coordinator by APS transport key
    /// (the default), or preconfigured on every node.
    /// </summary>
    public ScenarioKeyDistribution KeyDistribution { get; init; } = ScenarioKeyDistribution.TrustCenter;

    /// <summary>The trust center's policy: every device under the default global link key, or install codes only.</summary>
    public ZigBee.Aps.Service.TrustCenterMode Policy { get; init; } = ZigBee.Aps.Service.TrustCenterMode.AllowAll;

    /// <summary>Extra devices, holding neither the trust-center link key nor an install code the trust center knows, that try to join.</summary>
    public int Intruders { get; init; }

    /// <summary>apsSecurityTimeOutPeriod: how long a joined device waits for the network key before it leaves and tries again.</summary>
    public TimeSpan SecurityTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Whether devices get the network key from the trust center (a secured run with trust-center key distribution).</summary>
    public bool UsesTrustCenter => Secured && KeyDistribution == ScenarioKeyDistribution.TrustCenter;

    /// <summary>apsMaxWindowSize of every node (1–8).</summary>
    public int Window { get; init; } = 8;

    /// <summary>Whether the traffic runs through the APS layer (every node then has one).</summary>
    public bool UsesAps => Traffic is ScenarioTraffic.Group or ScenarioTraffic.Bound or ScenarioTraffic.Fragmented;

    /// <summary>
    /// ZDO on every node (it then has an APS layer): devices announce themselves, answer ZDP requests, and the
    /// coordinator's network manager interviews each device that announces itself.
    /// </summary>
    public bool Zdo { get; init; }

    /// <summary>When the coordinator crawls the topology (Mgmt_Lqi, Mgmt_Rtg); null: at the end of the traffic (with <see cref="Zdo"/>).</summary>
    public TimeSpan? CrawlAt { get; init; }

    /// <summary>Whether every node runs an APS layer: for APS traffic, the trust center or ZDO.</summary>
    public bool HasApsLayer => UsesAps || UsesTrustCenter || Zdo;

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

        if (!(GridReach >= 1))
        {
            return "--grid-reach must be at least 1 (the lattice spacing)";
        }

        if ((ChannelMask & AllChannels) == 0 || (ChannelMask & ~AllChannels) != 0)
        {
            return "the channel mask must name channels of 11-26 only, and at least one";
        }

        if (FirstReportDelay < TimeSpan.Zero)
        {
            return "the first report delay must not be negative";
        }

        if (Interval <= TimeSpan.Zero || PollInterval <= TimeSpan.Zero)
        {
            return "--interval and --poll must be positive";
        }

        if (Kill < 0 || Kill > RouterCount)
        {
            return $"--kill asks for {Kill} routers but the network has {RouterCount}";
        }

        if (Intruders < 0 || Intruders > 1000)
        {
            return "--intruders must be between 0 and 1000";
        }

        if (Intruders > 0 && !UsesTrustCenter)
        {
            return "--intruders needs a trust center: a secured run whose devices get the network key from it";
        }

        if (SecurityTimeout <= TimeSpan.Zero)
        {
            return "the security timeout must be positive";
        }

        if (Window is < 1 or > 8)
        {
            return "--window must be between 1 and 8 (apsMaxWindowSize)";
        }

        if (Traffic == ScenarioTraffic.Fragmented && (FragmentSize < ScenarioMessage.MinimumLength || FragmentSize > MaxFragmentSize))
        {
            return $"fragmented:SIZE takes between {ScenarioMessage.MinimumLength} and {MaxFragmentSize} bytes";
        }

        if (PayloadLength < ScenarioMessage.MinimumLength || PayloadLength > 60)
        {
            return $"payload length must be between {ScenarioMessage.MinimumLength} and 60 bytes";
        }

        return ZigBee.Simulation.Topologies.Topology.Kinds.Contains(Topology) ? null : $"--topology must be one of {string.Join(", ", ZigBee.Simulation.Topologies.Topology.Kinds)}";
    }
}
