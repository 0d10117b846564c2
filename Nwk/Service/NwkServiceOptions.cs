namespace ZigBee.Nwk.Service;

/// <summary>Sizes of the NWK layer's tables and the timing constants it uses (nwkc* of §3.5.1 where the spec has them).</summary>
public sealed class NwkServiceOptions
{
    public int NeighborTableCapacity { get; init; } = 32;

    public int RoutingTableCapacity { get; init; } = 32;

    public int RouteDiscoveryTableCapacity { get; init; } = 16;

    public int BroadcastTransactionTableCapacity { get; init; } = 32;

    /// <summary>Unicast data frames remembered (for nwkcRouteDiscoveryTime) to hand a re-sent frame up only once.</summary>
    public int UnicastDuplicateTableCapacity { get; init; } = 32;

    public int AddressMapCapacity { get; init; } = 64;

    public int RouteRecordTableCapacity { get; init; } = 32;

    /// <summary>Frames held while their route is discovered; one more gets FRAME_NOT_BUFFERED.</summary>
    public int PendingFrameCapacity { get; init; } = 8;

    /// <summary>
    /// Frames in a row that failed every attempt — the MAC's retries, each time, and nwkcUnicastRetries on top (16
    /// unanswered transmissions) — before the link to a router neighbour counts as failed. One is the spec's reading;
    /// more keep a fading but live link longer at the price of lost frames.
    /// </summary>
    public int LinkFailureLimit { get; init; } = 1;

    /// <summary>
    /// A concentrator asked for a route to itself sends a many-to-one route request at once, but not more often than
    /// this (besides its nwkConcentratorDiscoveryTime period).
    /// </summary>
    public TimeSpan ConcentratorMinRefreshTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// An address conflict is seen by every device a frame of the conflicting pair reaches, most at once: each waits a
    /// random time up to this before it broadcasts its report, and withdraws it when another's report arrives first, so
    /// the network carries a few reports of a conflict instead of one from each device that saw it (R22 §3.6.1.9.2).
    /// </summary>
    public TimeSpan AddressConflictReportJitter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a concentrator waits for a device's route record before it discovers a route to answer it: the data
    /// that follows a record can overtake it on a retried hop (see NwkService.RouteRecordWait.cs). Zero: no wait.
    /// </summary>
    public TimeSpan RouteRecordWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>nwkcRouteDiscoveryTime: how long a route discovery may take (10 s).</summary>
    public TimeSpan RouteDiscoveryTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>nwkcMaxBroadcastJitter: a broadcast waits a random 0–64 ms before it goes out.</summary>
    public TimeSpan MaxBroadcastJitter { get; init; } = TimeSpan.FromMilliseconds(64);

    /// <summary>nwkcInitialRREQRetries: repeats of a route request by its originator.</summary>
    public int InitialRouteRequestRetries { get; init; } = 3;

    /// <summary>nwkcRREQRetries: repeats of a route request by a relaying router.</summary>
    public int RouteRequestRetries { get; init; } = 2;

    /// <summary>nwkcRREQRetryInterval (254 ms).</summary>
    public TimeSpan RouteRequestRetryInterval { get; init; } = TimeSpan.FromMilliseconds(254);

    /// <summary>nwkcMinRREQJitter and nwkcMaxRREQJitter: relays wait 2–128 ms before re-broadcasting a route request.</summary>
    public TimeSpan MinRouteRequestJitter { get; init; } = TimeSpan.FromMilliseconds(2);

    public TimeSpan MaxRouteRequestJitter { get; init; } = TimeSpan.FromMilliseconds(128);

    /// <summary>How often an end device whose receiver is off polls its parent.</summary>
    public TimeSpan PollRate { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an end device whose receiver is on sends a keepalive poll to its parent.</summary>
    public TimeSpan KeepalivePollRate { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Consecutive failed polls or transmissions to the parent after which an end device rejoins elsewhere.</summary>
    public int ParentFailureLimit { get; init; } = 3;

    /// <summary>The end device timeout enumeration an end device asks its parent for (R22 §3.4.11; 0 = 10 s, n = 2^n min).</summary>
    public byte RequestedEndDeviceTimeout { get; init; } = 8;

    /// <summary>
    /// An end device that joins without the network key (its trust center transports it) sends its end device timeout
    /// request only once it holds the key (<see cref="NwkService.SendEndDeviceTimeoutRequest"/>): sent in the clear, its
    /// parent, which secures everything, would refuse it.
    /// </summary>
    public bool DeferEndDeviceTimeoutRequestUntilSecured { get; init; }

    /// <summary>Jitter added to each link status period (the spec asks for a random spread).</summary>
    public TimeSpan LinkStatusJitter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a parent checks its children's timeouts.</summary>
    public TimeSpan ChildAgeingPeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>After a leave with the rejoin flag, rejoin by the NWK rejoin procedure on the same network.</summary>
    public bool RejoinAfterLeaveWithRejoin { get; init; } = true;

    /// <summary>
    /// Active scans a joining or rejoining device makes before it concludes no parent is in range: beacons of routers
    /// that cannot hear each other often collide at the scanner, so one scan is not enough in a dense network.
    /// </summary>
    public int DiscoveryAttempts { get; init; } = 5;

    /// <summary>
    /// The MAC below hands up PAN descriptors without the beacon payload (a radio whose firmware runs the MAC, such as
    /// an XBee with 802.15.4 firmware, reports scans as bare descriptors). Discovery cannot then read the ZigBee fields
    /// of a beacon (R22 §3.6.1.3), so a PAN descriptor whose superframe permits association stands for a router with
    /// room for children, of the extended PAN ID the join names (unknown, 0, in a plain discovery), at depth 0 when it
    /// is the PAN coordinator and of unknown depth (taken as nwkMaxDepth − 1, the deepest that may still take a child)
    /// otherwise. Only the PAN ID tells networks apart then.
    /// </summary>
    public bool MacOmitsBeaconPayload { get; init; }

    /// <summary>How long a rejoining device polls for its rejoin response.</summary>
    public TimeSpan RejoinResponseWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Senders whose incoming frame counters each network key keeps (nwkSecurityMaterialSet).</summary>
    public int IncomingFrameCounterCapacity { get; init; } = 64;

    /// <summary>Outgoing frame counters reserved ahead of use in one write to the frame counter store.</summary>
    public uint FrameCounterBlock { get; init; } = 1024;
}
