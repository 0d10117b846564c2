namespace ZigBee.Simulation.Medium;

/// <summary>
/// One directed link, transmitter to receiver, in its sender's <see cref="LinkTable"/>: only what the per-frame loops
/// read for every receiver, 16 bytes, so a sender's links sit four to a cache line. Links are never removed once made
/// (unlinking clears <see cref="Exists"/>), so a transmission on air can always find the links it counted at its start.
/// </summary>
internal struct MediumLink
{
    /// <summary>Node index of the receiver.</summary>
    public int To;

    public byte Lqi;

    public bool Exists;

    public bool Broken;

    /// <summary>Some fault in the link's <see cref="LinkFaults"/> may apply: without it they need not be read.</summary>
    public bool Faulty;

    /// <summary>Start stamp of the sender's transmission whose energy this link carries now (0: none).</summary>
    public long CountedStamp;

    /// <summary>Audible means the receiver gets this transmitter's energy at all: present and not broken.</summary>
    public readonly bool Audible => Exists && !Broken;
}

/// <summary>The rarely set faults of a <see cref="MediumLink"/>, kept beside it in its sender's table.</summary>
internal struct LinkFaults
{
    public double LossProbability;

    public double CorruptionProbability;

    /// <summary>Frames on this link still to be corrupted, whatever the probability.</summary>
    public int CorruptNextFrames;

    /// <summary>Frames that started before this virtual instant (ticks) are lost on this link.</summary>
    public long BurstUntilTicks;

    public static LinkFaults None => new() { BurstUntilTicks = long.MinValue };

    /// <summary>Whether any of them can affect a frame.</summary>
    public readonly bool Any => LossProbability > 0 || CorruptionProbability > 0 || CorruptNextFrames > 0 || BurstUntilTicks != long.MinValue;
}
