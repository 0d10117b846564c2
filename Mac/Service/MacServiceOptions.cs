namespace ZigBee.Mac.Service;

/// <summary>Sizes of the software MAC's tables and queues.</summary>
public sealed class MacServiceOptions
{
    /// <summary>Direct MCPS-DATA requests waiting for the channel; one more gets TRANSACTION_OVERFLOW.</summary>
    public int TransmitQueueCapacity { get; init; } = 16;

    /// <summary>Indirect transactions a coordinator keeps for sleeping devices; one more gets TRANSACTION_OVERFLOW.</summary>
    public int TransactionQueueCapacity { get; init; } = 16;

    /// <summary>Sources whose last DSN is remembered for duplicate rejection.</summary>
    public int DuplicateTableCapacity { get; init; } = 32;

    /// <summary>PAN descriptors an active/passive scan keeps before it stops with LIMIT_REACHED.</summary>
    public int MaxPanDescriptors { get; init; } = 16;

    /// <summary>How often an ED scan samples the channel's energy.</summary>
    public TimeSpan EnergyDetectSamplePeriod { get; init; } = TimeSpan.FromTicks(3200); // one aUnitBackoffPeriod
}
