namespace ZigBee.Simulation.Medium;

/// <summary>
/// One directed link, transmitter to receiver. Link objects are never removed once created (unlinking clears
/// <see cref="Exists"/>), so a transmission on air can always find the links it counted at its start.
/// </summary>
internal sealed class MediumLink
{
    public MediumLink(SimulatedRadio from, SimulatedRadio to)
    {
        From = from;
        To = to;
    }

    public SimulatedRadio From { get; }

    public SimulatedRadio To { get; }

    public bool Exists;

    public bool Broken;

    public byte Lqi;

    public double LossProbability;

    public double CorruptionProbability;

    /// <summary>Frames on this link still to be corrupted, whatever the probability.</summary>
    public int CorruptNextFrames;

    /// <summary>Frames that started before this virtual instant (ticks) are lost on this link.</summary>
    public long BurstUntilTicks = long.MinValue;

    /// <summary>Start stamp of the sender's transmission whose energy this link carries now (0: none).</summary>
    public long CountedStamp;

    /// <summary>Audible means the receiver gets this transmitter's energy at all: present and not broken.</summary>
    public bool Audible => Exists && !Broken;
}
