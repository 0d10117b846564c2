namespace ZigBee.Stack.Scenarios;

/// <summary>What a MAC-level network run measured.</summary>
public sealed record MacScenarioResult
{
    public required int Nodes { get; init; }

    /// <summary>Devices associated with the PAN coordinator at the end of the run.</summary>
    public required int Joined { get; init; }

    public required int Routers { get; init; }

    public required int EndDevices { get; init; }

    public required int Sleepy { get; init; }

    public required long Sent { get; init; }

    public required long Delivered { get; init; }

    public required long Duplicates { get; init; }

    public required long Misdelivered { get; init; }

    public required long Corrupted { get; init; }

    public required double DeliveryRatio { get; init; }

    public required double VirtualSeconds { get; init; }

    /// <summary>Virtual time at which the last device joined (null when not all joined).</summary>
    public required double? AllJoinedSeconds { get; init; }

    public required long Events { get; init; }

    public required long FramesOnAir { get; init; }

    public required long Collisions { get; init; }

    public required long MacRetries { get; init; }

    public required long MacNoAck { get; init; }

    public required long ChannelAccessFailures { get; init; }

    public required long TransactionsExpired { get; init; }

    public required long DataConfirmFailures { get; init; }

    public required long Polls { get; init; }
}
