namespace ZigBee.Simulation.Medium;

/// <summary>The air at one receiver on one channel (see SimulatedMedium.Air.cs for how collisions are found).</summary>
internal struct AirState
{
    /// <summary>Audible transmissions on air.</summary>
    public int Audible;

    /// <summary>Latest end (ticks) of the audible transmissions counted.</summary>
    public long LatestEnd;

    /// <summary>Tick of the latest overlap (an audible start while another audible one was on air).</summary>
    public long OverlapTicks;

    /// <summary>Stamp of the latest overlap.</summary>
    public long OverlapStamp;

    /// <summary>Stamp of the latest overlap at a tick before <see cref="OverlapTicks"/>.</summary>
    public long EarlierOverlapStamp;
}
