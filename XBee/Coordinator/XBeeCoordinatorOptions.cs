namespace ZigBee.XBee.Coordinator;

/// <summary>How the host drives a ZigBee-firmware dongle as its coordinator.</summary>
public sealed record XBeeCoordinatorOptions
{
    /// <summary>
    /// How long a transmission may take before its transmit status (0x8B) is given up on: an acknowledged unicast
    /// to a device that stopped answering runs through route discovery and every APS retry first.
    /// </summary>
    public TimeSpan TransmitStatusTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long forming a network may take (scans on every channel of SC, then the coordinator start).</summary>
    public TimeSpan FormationTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often AI is read while the dongle forms its network.</summary>
    public TimeSpan AssociationPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// With no "coordinator started" status after AC, how long AI must read 0 before the network counts as formed: a
    /// dongle already running a network with exactly these settings does not form again, so it sends none.
    /// </summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the dongle may take to restart after FR.</summary>
    public TimeSpan ResetTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
