namespace ZigBee.Simulation.Medium;

/// <summary>
/// Counters of a <see cref="SimulatedMedium"/>. Deliveries, collisions, losses and corruptions count (frame, receiver)
/// pairs: one frame heard by three nodes is one transmission and three deliveries.
/// </summary>
public sealed class MediumStatistics
{
    /// <summary>Frames put on air (a frame sent by a switched-off node is not counted).</summary>
    public long FramesTransmitted { get; internal set; }

    /// <summary>Frames a receiver's radio took off the air, corrupted ones included (see <see cref="Filtered"/>).</summary>
    public long Deliveries { get; internal set; }

    /// <summary>Deliveries the receiving radio's hardware frame filter kept from its MAC (others' unicasts and ACKs).</summary>
    public long Filtered { get; internal set; }

    /// <summary>Frames a listening receiver lost because another audible transmission overlapped them.</summary>
    public long Collisions { get; internal set; }

    /// <summary>Frames a listening receiver lost to the link's loss probability or a burst loss window.</summary>
    public long Losses { get; internal set; }

    /// <summary>Deliveries whose copy had bits flipped in flight.</summary>
    public long Corruptions { get; internal set; }

    /// <summary>Transmissions cut short because their sender was switched off.</summary>
    public long FramesCut { get; internal set; }

    public override string ToString() =>
        $"transmitted {FramesTransmitted}, deliveries {Deliveries} (filtered {Filtered}), collisions {Collisions}, losses {Losses}, corruptions {Corruptions}, cut {FramesCut}";
}
