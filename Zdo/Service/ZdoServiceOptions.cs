namespace ZigBee.Zdo.Service;

/// <summary>Settings of a <see cref="ZdoService"/>.</summary>
public sealed record ZdoServiceOptions
{
    /// <summary>
    /// Answer the ZDP requests that reach this node (the server side). False makes a client only, for a host whose
    /// radio runs a ZigBee stack that answers them itself (an XBee with ZigBee firmware), so no request is answered twice.
    /// </summary>
    public bool ServeRequests { get; init; } = true;

    /// <summary>How long a unicast request waits for its response (a sleeping device answers at its next poll).</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a broadcast request (Match_Desc, System_Server_Discovery) collects responses.</summary>
    public TimeSpan BroadcastResponseWindow { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Largest ZDP payload a response puts in one frame, so paged tables (Mgmt_Lqi, Mgmt_Rtg, Mgmt_Bind, extended
    /// address responses) fit a secured, source-routed frame unfragmented.
    /// </summary>
    public int MaxResponsePayload { get; init; } = 64;

    /// <summary>
    /// Delay between receiving a channel change and moving (R22 §3.6.1.12.2: nwkNetworkBroadcastDeliveryTime), so the
    /// broadcast reaches every device before its neighbours leave the old channel.
    /// </summary>
    public TimeSpan ChannelChangeDelay { get; init; } = TimeSpan.FromSeconds(9);

    public string? Validate() =>
        ResponseTimeout <= TimeSpan.Zero ? "ResponseTimeout must be positive"
        : BroadcastResponseWindow <= TimeSpan.Zero ? "BroadcastResponseWindow must be positive"
        : MaxResponsePayload is < 32 or > 82 ? "MaxResponsePayload must be 32–82 octets"
        : ChannelChangeDelay < TimeSpan.Zero ? "ChannelChangeDelay must not be negative"
        : null;
}
