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

    /// <summary>Frames refused by NWK security, for any reason (the sum of the Refused… counters below).</summary>
    public long DroppedSecurity { get; internal set; }

    /// <summary>Secured frames whose frame counter was not above the last one accepted from that sender under that key (§4.3.1.2).</summary>
    public long RefusedReplay { get; internal set; }

    /// <summary>Secured frames whose message integrity code did not check (tampered, or secured with another key under the same sequence number).</summary>
    public long RefusedMic { get; internal set; }

    /// <summary>
    /// Frames refused as unauthorised: unsecured where security is required, secured with a key sequence number this
    /// device holds no key for, with a key identifier other than the network key, or while it has no key.
    /// </summary>
    public long RefusedUnauthorised { get; internal set; }

    /// <summary>Secured frames from a sender with no room left to keep its frame counter (nwkAllFresh TRUE).</summary>
    public long RefusedNoCounterRoom { get; internal set; }

    /// <summary>Frames secured on their way out (every transmission, relays and broadcast retries included).</summary>
    public long FramesSecured { get; internal set; }

    /// <summary>Secured frames received whose MIC checked and whose payload was decrypted.</summary>
    public long FramesUnsecured { get; internal set; }

    /// <summary>Switches to the alternate network key (asked for, or on the first frame secured with it).</summary>
    public long KeySwitches { get; internal set; }

    /// <summary>Frames not sent because securing them was impossible (too long with the security header and MIC, or frame counter exhausted).</summary>
    public long DroppedSecuringFailed { get; internal set; }

    /// <summary>Frames whose MAC transmission failed (NO_ACK, CHANNEL_ACCESS_FAILURE, expired, overflow).</summary>
    public long MacTransmitFailures { get; internal set; }

    /// <summary>Unicast frames sent once more along the same link after the MAC could not confirm them.</summary>
    public long Retransmissions { get; internal set; }

    /// <summary>Frames sent to another neighbour closer to the concentrator after a many-to-one next hop failed.</summary>
    public long ManyToOneDetours { get; internal set; }

    /// <summary>Unicast data frames delivered here already (same source and sequence number), not handed up again.</summary>
    public long DroppedDuplicateUnicast { get; internal set; }
}
