namespace ZigBee.XBee.Mac;

/// <summary>How long the host waits for the 802.15.4 firmware.</summary>
public sealed record XBeeMacServiceOptions
{
    /// <summary>How long a TX request may wait for its TX status (0x89): CSMA and the MAC's retries take milliseconds.</summary>
    public TimeSpan TransmitStatusTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an association or a coordinator start may take before the host gives up on it.</summary>
    public TimeSpan AssociationTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often AI is read while an association or a coordinator start runs.</summary>
    public TimeSpan AssociationPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Added to a scan's own duration for the AS and ED answers (the serial line, the module's own work).</summary>
    public TimeSpan ScanMargin { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// MM the host sets at start: 2 sends plain 802.15.4 frames with MAC acknowledgements, what a ZigBee network
    /// understands (MM 0, the default, adds Digi's own header to every payload). Null leaves MM as it is.
    /// </summary>
    public byte? MacMode { get; init; } = 2;
}
