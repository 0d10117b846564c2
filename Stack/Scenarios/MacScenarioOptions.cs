namespace ZigBee.Stack.Scenarios;

/// <summary>
/// What a MAC-level network run looks like: node 0 is the PAN coordinator; of the other nodes the last
/// <see cref="Sleepy"/> are sleeping end devices (receiver off, polling), the <see cref="EndDevices"/> before them
/// end devices with the receiver on, and the rest routers (full-function devices).
/// </summary>
public sealed record MacScenarioOptions
{
    public int Nodes { get; init; } = 20;

    public int EndDevices { get; init; }

    public int Sleepy { get; init; }

    /// <summary>grid, line, star or random (see <see cref="ZigBee.Simulation.Topologies.Topology.Create"/>).</summary>
    public string Topology { get; init; } = "star";

    public int Seed { get; init; } = 1;

    /// <summary>Virtual time during which devices join and send; in-flight traffic then drains for <see cref="DrainTime"/>.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Loss probability on every link.</summary>
    public double Loss { get; init; }

    /// <summary>How often every device sends a frame to the coordinator, and the coordinator one to each sleeping device.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a sleeping end device polls its coordinator (below macTransactionPersistenceTime, 7.68 s).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Time after <see cref="Duration"/> for queued and retried frames to arrive; no new traffic starts.</summary>
    public TimeSpan DrainTime { get; init; } = TimeSpan.FromSeconds(15);

    public byte Channel { get; init; } = 15;

    public ushort PanId { get; init; } = 0x1a62;

    /// <summary>Application bytes in each data frame (at least <see cref="ScenarioMessage.MinimumLength"/>).</summary>
    public int PayloadLength { get; init; } = 24;

    public int Routers => Nodes - 1 - EndDevices - Sleepy;

    /// <summary>Null when the options make a network; otherwise why not.</summary>
    public string? Validate()
    {
        if (Nodes < 1 || Nodes > 10_000)
        {
            return "--nodes must be between 1 and 10000";
        }

        if (EndDevices < 0 || Sleepy < 0 || EndDevices + Sleepy > Nodes - 1)
        {
            return "--end-devices plus --sleepy must be between 0 and nodes - 1 (node 0 is the coordinator)";
        }

        if (Loss is < 0 or > 1 || double.IsNaN(Loss))
        {
            return "--loss must be a probability between 0 and 1";
        }

        if (Interval <= TimeSpan.Zero || PollInterval <= TimeSpan.Zero)
        {
            return "--interval and the poll interval must be positive";
        }

        if (PayloadLength < ScenarioMessage.MinimumLength || PayloadLength > 100)
        {
            return $"payload length must be between {ScenarioMessage.MinimumLength} and 100 bytes";
        }

        if (Channel is < 11 or > 26)
        {
            return "--channel must be between 11 and 26";
        }

        return ZigBee.Simulation.Topologies.Topology.Kinds.Contains(Topology) ? null : $"--topology must be one of {string.Join(", ", ZigBee.Simulation.Topologies.Topology.Kinds)}";
    }
}
