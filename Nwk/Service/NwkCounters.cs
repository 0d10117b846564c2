namespace ZigBee.Nwk.Service;

/// <summary>Statistics of one NWK layer; it increments them on its loop, anyone may read them.</summary>
public sealed class NwkCounters
{
    /// <summary>NLDE-DATA requests accepted.</summary>
    public long DataRequests { get; internal set; }

    /// <summary>NLDE-DATA confirms with SUCCESS.</summary>
    public long DataConfirmedSuccess { get; internal set; }

    /// <summary>NLDE-DATA confirms with a failure status.</summary>
    public long DataConfirmedFailure { get; internal set; }

    /// <summary>NSDUs passed up as NLDE-DATA.indication.</summary>
    public long DataDelivered { get; internal set; }

    /// <summary>Unicast frames forwarded for other devices.</summary>
    public long FramesRelayed { get; internal set; }

    /// <summary>Broadcasts re-broadcast for other devices (retries included once).</summary>
    public long BroadcastsRelayed { get; internal set; }

    /// <summary>Broadcasts this device originated.</summary>
    public long BroadcastsSent { get; internal set; }

    /// <summary>Broadcast copies queued for sleeping children (indirect unicasts).</summary>
    public long BroadcastsToSleepyChildren { get; internal set; }

    /// <summary>Passive acknowledgement retries of broadcasts.</summary>
    public long BroadcastRetries { get; internal set; }

    public long RouteDiscoveriesStarted { get; internal set; }

    public long RoutesFound { get; internal set; }

    public long RouteDiscoveriesFailed { get; internal set; }

    /// <summary>Routes given up after a failed transmission to their next hop.</summary>
    public long RouteRepairs { get; internal set; }

    public long RouteRequestsReceived { get; internal set; }

    public long RouteRepliesSent { get; internal set; }

    public long ManyToOneRequestsSent { get; internal set; }

    public long RouteRecordsSent { get; internal set; }

    public long SourceRoutedFramesSent { get; internal set; }

    public long LinkStatusSent { get; internal set; }

    public long LinkStatusReceived { get; internal set; }

    public long NetworkStatusSent { get; internal set; }

    public long NetworkStatusReceived { get; internal set; }

    public long AddressConflictsDetected { get; internal set; }

    public long AddressChanges { get; internal set; }

    public long ChildrenAgedOut { get; internal set; }

    public long RoutersAgedOut { get; internal set; }

    public long ParentFailures { get; internal set; }

    public long Rejoins { get; internal set; }

    public long Polls { get; internal set; }

    /// <summary>Frames that did not decode as NWK frames.</summary>
    public long DroppedDecodeError { get; internal set; }

    /// <summary>Unicast frames that could not be routed (no route, discovery suppressed or failed).</summary>
    public long DroppedNoRoute { get; internal set; }

    /// <summary>Frames whose radius ran out before their destination.</summary>
    public long DroppedRadiusExhausted { get; internal set; }

    /// <summary>Frames not buffered (pending-route buffer or broadcast transaction table full).</summary>
    public long DroppedBufferFull { get; internal set; }

    /// <summary>Broadcasts seen again (already delivered): dropped.</summary>
    public long DroppedDuplicateBroadcast { get; internal set; }

    /// <summary>Frames addressed elsewhere that this device may not relay (end devices), or of another PAN state.</summary>
    public long DroppedNotForUs { get; internal set; }

    /// <summary>Frames with an unsupported protocol version or frame type, or an unknown or malformed command.</summary>
    public long DroppedUnsupported { get; internal set; }

    /// <summary>Frames received while not on a network.</summary>
    public long DroppedNotJoined { get; internal set; }

    /// <summary>Frames refused by the security seam.</summary>
    public long DroppedSecurity { get; internal set; }

    /// <summary>Frames whose MAC transmission failed (NO_ACK, CHANNEL_ACCESS_FAILURE, expired, overflow).</summary>
    public long MacTransmitFailures { get; internal set; }

    /// <summary>Unicast frames sent once more along the same link after the MAC could not confirm them.</summary>
    public long Retransmissions { get; internal set; }

    /// <summary>Frames sent to another neighbour closer to the concentrator after a many-to-one next hop failed.</summary>
    public long ManyToOneDetours { get; internal set; }

    /// <summary>Unicast data frames delivered here already (same source and sequence number), not handed up again.</summary>
    public long DroppedDuplicateUnicast { get; internal set; }
}
