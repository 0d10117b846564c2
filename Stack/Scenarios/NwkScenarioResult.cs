namespace ZigBee.Stack.Scenarios;

/// <summary>What a NWK-level network run measured.</summary>
public sealed record NwkScenarioResult
{
    public required int Nodes { get; init; }

    /// <summary>Devices joined to the network (as router or end device) at the end of the run.</summary>
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

    /// <summary>Virtual time by which every device had joined (null when some never did).</summary>
    public required double? AllJoinedSeconds { get; init; }

    public required long Events { get; init; }

    /// <summary>Most hops a delivered message travelled.</summary>
    public required int MaxHops { get; init; }

    /// <summary>Deepest device in the network (hops from the coordinator along the join tree).</summary>
    public required int MaxDepth { get; init; }

    public required long RouteDiscoveries { get; init; }

    public required long RouteRepairs { get; init; }

    /// <summary>Frames relayed by routers (unicast relays and broadcast re-transmissions).</summary>
    public required long Relayed { get; init; }

    public required long Rejoins { get; init; }

    public required long? SentAfterKill { get; init; }

    public required long? DeliveredAfterKill { get; init; }

    public required long? SentAfterRecovery { get; init; }

    public required long? DeliveredAfterRecovery { get; init; }

    public required long FramesOnAir { get; init; }

    public required long Collisions { get; init; }

    public required long MacRetries { get; init; }

    public required long DataConfirmFailures { get; init; }

    public required long DroppedFrames { get; init; }

    /// <summary>The channel the coordinator formed the network on.</summary>
    public required int Channel { get; init; }

    public required long Polls { get; init; }

    public required long MacNoAck { get; init; }

    public required long ChannelAccessFailures { get; init; }

    public required long TransactionsExpired { get; init; }

    /// <summary>APS retransmissions (frames and blocks) over every node; 0 when the traffic does not use APS.</summary>
    public long ApsRetries { get; init; }

    /// <summary>APS requests that ended with NO_ACK over every node.</summary>
    public long ApsNoAck { get; init; }

    /// <summary>Fragmented traffic: ASDU bits delivered per second of transfer (virtual time); null otherwise.</summary>
    public double? GoodputBps { get; init; }

    /// <summary>The network key of the run as 32 hex digits (for a sniffer); null when NWK security was off.</summary>
    public string? NetworkKey { get; init; }

    /// <summary>Secured frames refused as replays (counter not above the sender's last) over every node.</summary>
    public long RefusedReplay { get; init; }

    /// <summary>Secured frames refused because their MIC did not check, over every node.</summary>
    public long RefusedMic { get; init; }

    /// <summary>Frames refused as unauthorised (unsecured where required, unknown key) over every node.</summary>
    public long RefusedUnauthorised { get; init; }

    /// <summary>The single-hop bound for frames carrying full APS blocks (<see cref="PhyBound"/>).</summary>
    public double PhyBoundBps { get; init; }

    /// <summary>Intruders (devices without an accepted key) that got the network key: 0 unless the trust center failed.</summary>
    public int IntrudersJoined { get; init; }

    /// <summary>Transport keys the trust center sent (0 with preconfigured keys).</summary>
    public long TransportKeys { get; init; }

    /// <summary>The network's own devices (coordinator excluded) holding the network key from the trust center at the end.</summary>
    public int Authenticated { get; init; }

    /// <summary>Devices the coordinator's network manager interviewed (descriptors and endpoints); 0 without ZDO.</summary>
    public int Interviewed { get; init; }

    /// <summary>Links the coordinator's topology crawl found (Mgmt_Lqi); 0 without a crawl.</summary>
    public int LinksFound { get; init; }

    /// <summary>Links the simulator has among the devices in the network when the crawl ended (see NwkScenario.TrueLinks).</summary>
    public int LinksTrue { get; init; }

    /// <summary>Links the crawl found that the simulator has.</summary>
    public int LinksMatched { get; init; }

    /// <summary>Routers the crawl could not get a neighbor table from.</summary>
    public int CrawlUnreachable { get; init; }
}
