using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.Nwk;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Security;
using ZigBee.Nwk.Service;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Nwk.Tables;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Scheduling;

namespace ZigBee.Stack.Scenarios;

/// <summary>
/// A ZigBee network at the NWK stage: node 0 forms the network, routers join through whichever router or
/// coordinator they hear and open for joining in turn, end devices join a parent, sleepers poll it; then traffic
/// runs (devices → coordinator, coordinator → devices, or coordinator broadcasts), optionally with routers killed
/// half-way. Everything runs on one scheduler in virtual time.
/// </summary>
public sealed partial class NwkScenario
{
    private const byte SendRadius = 30; // 2 · nwkMaxDepth, so hops = SendRadius − radius on arrival + 1
    private readonly NwkScenarioOptions _options;
    private readonly DeliveryLedger _ledger = new();
    private readonly DeliveryLedger _afterKill = new();
    private readonly DeliveryLedger _afterRecovery = new();
    private readonly MacService[] _macs;
    private readonly NwkService[] _nwks;
    private readonly bool[] _dead;
    private readonly bool[] _router;
    private readonly bool[] _sleepy;
    private readonly Random _random;
    private readonly ProcedureFaults _faults = new();
    private readonly Dictionary<uint, TimeSpan> _sentAt = new();
    private readonly HashSet<uint> _broadcasts = [];
    private ulong _extendedPanId;
    private int _channel;
    private uint _nextMessage = 1;
    private long _confirmFailures;
    private int _maxHops;
    private int _joinedCount;
    private TimeSpan? _allJoinedAt;
    private bool _killed;

    public NwkScenario(NwkScenarioOptions options)
    {
        var problem = options.Validate();
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _options = options;
        Scheduler = new SimulationScheduler();
        Medium = new SimulatedMedium(Scheduler, options.Seed);
        _random = new Random(options.Seed);
        // Intruders come after the network's own devices: same radios, same stack, no key the trust center accepts.
        var total = options.Nodes + options.Intruders;
        _macs = new MacService[total];
        _nwks = new NwkService[total];
        NetworkKey = options.Secured ? ScenarioSetup.NetworkKey(options.Seed) : null;
        _dead = new bool[total];
        // Routers near the coordinator hold a route to nearly every device, so tables grow with the network (bounded).
        var nwkOptions = new NwkServiceOptions
        {
            PollRate = options.PollInterval,
            RoutingTableCapacity = Math.Clamp(options.Nodes + 8, 32, 256),
            RouteRecordTableCapacity = Math.Clamp(options.Nodes + 8, 32, 256),
            AddressMapCapacity = Math.Clamp(options.Nodes + 8, 64, 256),
            DeferEndDeviceTimeoutRequestUntilSecured = options.UsesTrustCenter,
        };
        // The concentrator (a gateway, not a light bulb) keeps a route record for every device: one it forgot costs a
        // network-wide route discovery for each frame it sends there.
        var coordinatorOptions = new NwkServiceOptions
        {
            PollRate = nwkOptions.PollRate,
            RoutingTableCapacity = nwkOptions.RoutingTableCapacity,
            RouteRecordTableCapacity = Math.Max(nwkOptions.RouteRecordTableCapacity, options.Nodes + 8),
            AddressMapCapacity = Math.Max(nwkOptions.AddressMapCapacity, options.Nodes + 8),
            DeferEndDeviceTimeoutRequestUntilSecured = nwkOptions.DeferEndDeviceTimeoutRequestUntilSecured,
        };
        for (var i = 0; i < total; i++)
        {
            var radio = Medium.AddNode(MacScenario.ExtendedAddressOf(i));
            var seed = ScenarioSetup.NodeSeed(options.Seed, i);
            _macs[i] = new MacService(radio, Scheduler.Time, new Random(seed), options: new MacServiceOptions { TransactionQueueCapacity = 32 });
            _nwks[i] = new NwkService(_macs[i], Scheduler.Time, new Random(~seed), i == 0 ? coordinatorOptions : nwkOptions);
            if (NetworkKey is { } key && (i == 0 || !options.UsesTrustCenter))
            {
                // The trust center (the coordinator) holds it; devices get it by transport key, or have it preconfigured.
                _nwks[i].InstallNetworkKey(key, 0);
            }

            var node = i;
            _nwks[i].DataIndication += (in NldeDataIndication indication, ReadOnlySpan<byte> nsdu) => OnData(node, indication, nsdu);
        }

        var topology = ScenarioRoles.PlaceCoordinator(
            options.Topology == "grid"
                ? ZigBee.Simulation.Topologies.Topology.Grid(options.Nodes, options.GridReach)
                : ZigBee.Simulation.Topologies.Topology.Create(options.Topology, options.Nodes, options.Seed),
            maxDepth: 15);
        (_router, _sleepy) = ScenarioRoles.Assign(topology, options.RouterCount, options.Sleepy);
        if (options.Intruders > 0)
        {
            topology = WithIntruders(topology);
            Array.Resize(ref _router, total);
            Array.Resize(ref _sleepy, total);
        }

        ScenarioSetup.Apply(Medium, topology, options.Loss);
        _hearing = topology.ReceiverLists();
        if (options.HasApsLayer)
        {
            CreateApsLayer();
        }
    }

    public SimulationScheduler Scheduler { get; }

    /// <summary>The network key every node holds (null when the run is not secured): give it to a sniffer.</summary>
    public ZigBeeKey? NetworkKey { get; }

    public SimulatedMedium Medium { get; }

    public IReadOnlyList<NwkService> Nodes => _nwks;

    /// <summary>Whether node <paramref name="node"/> joins as a router (node 0 is the coordinator).</summary>
    public bool IsRouter(int node) => _router[node];

    /// <summary>Whether node <paramref name="node"/> is an end device with its receiver off.</summary>
    public bool IsSleepy(int node) => _sleepy[node];

    /// <summary>In the network: joined, not switched off, and with a trust center, holding the network key from it.</summary>
    private bool Alive(int node) => !_dead[node] && _nwks[node].IsJoined && (_aps.Length == 0 || !_options.UsesTrustCenter || _aps[node].IsAuthenticated);

    /// <summary>Runs the whole scenario: formation and joining, traffic for the duration, then the drain time.</summary>
    public NwkScenarioResult Run()
    {
        Scheduler.Post(() => _faults.Observe(CoordinatorAsync()));
        if (_options.Kill > 0)
        {
            Scheduler.Schedule(_options.KillAt, KillRouters);
        }

        if (_options.Zdo)
        {
            Scheduler.Schedule(_options.CrawlAt ?? _options.Duration, () => StartCrawl());
        }

        Scheduler.RunUntil(_options.Duration + _options.DrainTime);
        FinishCrawl();
        _faults.ThrowIfAny();

        return Result();
    }

    private async Task CoordinatorAsync()
    {
        var nwk = _nwks[0];
        // As every real ZigBee coordinator does: a many-to-one route to it saves each device a network-wide discovery.
        nwk.Nib.IsConcentrator = true;
        // nwkConcentratorRadius defaults to 10 hops; a network deeper than that (a 300-node grid from a corner is 17
        // hops) is configured to let its many-to-one requests reach every router, or the rest discover on their own.
        nwk.Nib.ConcentratorRadius = nwk.Nib.DefaultRadius;
        var formed = await nwk.NetworkFormationAsync(new NlmeNetworkFormationRequest(_options.ChannelMask));
        if (formed.Status != NwkStatus.Success)
        {
            throw new InvalidOperationException($"NLME-NETWORK-FORMATION failed: {formed.Status}");
        }

        _extendedPanId = formed.ExtendedPanId;
        _channel = formed.LogicalChannel;
        StartTrustCenter();
        OnJoined(0);
        await nwk.PermitJoiningAsync(0xFF);
        for (var i = 1; i < _options.Nodes; i++)
        {
            var node = i;
            // Devices power up over the first seconds, as a house full of devices does after a power cut.
            Scheduler.Schedule(TimeSpan.FromMilliseconds(_random.Next(0, 2000 + (20 * _options.Nodes))), () => _faults.Observe(DeviceAsync(node)));
        }

        ScheduleIntruders();

        await Task.Delay(TimeSpan.FromTicks(_random.NextInt64(0, _options.Interval.Ticks)), Scheduler.Time);
        while (Scheduler.Now < _options.Duration)
        {
            if (_options.UsesAps)
            {
                await ApsCoordinatorRoundAsync();
                continue;
            }

            if (_options.Traffic == ScenarioTraffic.ToDevices)
            {
                // An application addresses its devices one after another, not all in the same instant.
                var gap = _options.Interval / _options.Nodes;
                for (var node = 1; node < _options.Nodes; node++)
                {
                    if (Alive(node))
                    {
                        _faults.Observe(SendAsync(0, node));
                    }

                    await Task.Delay(gap, Scheduler.Time);
                }

                await Task.Delay(gap, Scheduler.Time);
                continue;
            }

            if (_options.Traffic == ScenarioTraffic.Broadcast)
            {
                _faults.Observe(BroadcastAsync());
            }

            await Task.Delay(_options.Interval, Scheduler.Time);
        }
    }

    private async Task DeviceAsync(int node)
    {
        var nwk = _nwks[node];
        // A device that found no parent tries again later, backing off as real devices do (doubling up to 16 s):
        // one out of reach of any router that may take it (nwkMaxDepth) must not scan the air full forever.
        var backoff = 1000;
        while (Scheduler.Now < _options.Duration && !_dead[node] && !await TryJoinAsync(node, nwk))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(backoff + _random.Next(0, 3000)), Scheduler.Time);
            backoff = Math.Min(backoff * 2, 16_000);
        }

        if (!nwk.IsJoined || _options.Traffic is not (ScenarioTraffic.Unicast or ScenarioTraffic.Bound))
        {
            return;
        }

        await Task.Delay(_options.FirstReportDelay + TimeSpan.FromTicks(_random.NextInt64(0, _options.Interval.Ticks)), Scheduler.Time);
        while (Scheduler.Now < _options.Duration && !_dead[node])
        {
            if (nwk.IsJoined)
            {
                await (_options.Traffic == ScenarioTraffic.Bound ? SendThroughBindingsAsync(node) : SendAsync(node, 0));
            }

            await Task.Delay(_options.Interval, Scheduler.Time);
        }
    }

    private async Task<bool> TryJoinAsync(int node, NwkService nwk)
    {
        var discovery = await nwk.NetworkDiscoveryAsync(new NlmeNetworkDiscoveryRequest(_options.ChannelMask));
        var found = false;
        foreach (var network in discovery.NetworkDescriptors)
        {
            found |= network.ExtendedPanId == _extendedPanId && network.PermitJoining;
        }

        if (!found)
        {
            return false;
        }

        var router = IsRouter(node);
        var capability = CapabilityInformation.Create(fullFunctionDevice: router, mainsPowered: router, receiverOnWhenIdle: !IsSleepy(node));
        var joined = await nwk.JoinAsync(new NlmeJoinRequest(_extendedPanId, NwkRejoinNetwork.Association, capability, _options.ChannelMask));
        if (joined.Status != NwkStatus.Success || !await AwaitNetworkKeyAsync(node))
        {
            return false;
        }

        if (router)
        {
            await nwk.StartRouterAsync();
        }

        OnJoined(node);
        if (++_joinedCount == _options.Nodes - 1)
        {
            _allJoinedAt = Scheduler.Now;
        }

        if (router)
        {
            // Its Device_annce tells the concentrator's application, which asks for a many-to-one request soon; the
            // router opens for joining once that gave it a route to the trust center, so its children's update-device
            // commands need no network-wide route discovery of their own.
            _nwks[0].RefreshManyToOneRoutes();
            await AwaitRouteToCoordinatorAsync(nwk);
            await nwk.PermitJoiningAsync(0xFF);
        }

        return true;
    }

    /// <summary>Waits (at most twice the concentrator's refresh limit) until the router holds a route to the coordinator.</summary>
    private async Task AwaitRouteToCoordinatorAsync(NwkService nwk)
    {
        var deadline = Scheduler.Now + RouteToCoordinatorWait;
        while (Scheduler.Now < deadline && nwk.RoutingTable.Find(0x0000) is not { Status: RouteStatus.Active })
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), Scheduler.Time);
        }
    }

    private static readonly TimeSpan RouteToCoordinatorWait = TimeSpan.FromSeconds(20);

    private void KillRouters()
    {
        // Routers on the way are the interesting ones to lose; any router but the coordinator may go.
        var candidates = new List<int>();
        for (var node = 1; node < _options.Nodes; node++)
        {
            if (_router[node])
            {
                candidates.Add(node);
            }
        }

        for (var k = 0; k < _options.Kill && candidates.Count > 0; k++)
        {
            var pick = candidates[_random.Next(candidates.Count)];
            candidates.Remove(pick);
            _dead[pick] = true;
            Medium.SwitchOff(pick);
        }

        _killed = true;
    }

    private uint NewMessage(Span<byte> payload, int source, int target)
    {
        var message = _nextMessage++;
        ScenarioMessage.Write(payload, message, source, target);
        _sentAt[message] = Scheduler.Now;
        return message;
    }

    private void Owe(uint message, int receiver)
    {
        _ledger.Owe(message, receiver);
        if (_killed)
        {
            _afterKill.Owe(message, receiver);
            if (Scheduler.Now >= _options.KillAt + _options.RecoveryTime)
            {
                _afterRecovery.Owe(message, receiver);
            }
        }
    }

    private async Task SendAsync(int source, int target)
    {
        var payload = new byte[_options.PayloadLength];
        var message = NewMessage(payload, source, target);
        Owe(message, target);
        var destination = _nwks[target].NetworkAddress;
        var confirm = await _nwks[source].DataRequestAsync(NldeDataRequest.To(destination, payload, (byte)message, SendRadius));
        if (confirm.Status != NwkStatus.Success)
        {
            _confirmFailures++;
        }
    }

    private async Task BroadcastAsync()
    {
        var payload = new byte[_options.PayloadLength];
        var message = NewMessage(payload, 0, 0xFFFF);
        _broadcasts.Add(message);
        for (var node = 1; node < _options.Nodes; node++)
        {
            if (Alive(node))
            {
                Owe(message, node);
            }
        }

        var request = new NldeDataRequest(NwkAddressMode.Unicast, NwkConstants.BroadcastAll, payload, (byte)message, SendRadius);
        var confirm = await _nwks[0].DataRequestAsync(request);
        if (confirm.Status != NwkStatus.Success)
        {
            _confirmFailures++;
        }
    }

    private void OnData(int node, in NldeDataIndication indication, ReadOnlySpan<byte> nsdu)
    {
        if (_options.UsesAps)
        {
            NoteApsHops(indication, nsdu);
            return;
        }

        if (!ScenarioMessage.TryRead(nsdu, out var message, out var intact))
        {
            return;
        }

        // A broadcast is for every device; one that joined after it was sent was owed nothing, and is no misdelivery.
        if (_broadcasts.Contains(message) && !_ledger.IsOwed(message, node))
        {
            return;
        }

        var before = _ledger.Delivered;
        _ledger.Arrived(message, node, intact);
        if (_ledger.Delivered > before)
        {
            _maxHops = Math.Max(_maxHops, SendRadius - indication.Radius + 1);
        }

        if (_sentAt.TryGetValue(message, out var sentAt) && _killed && sentAt >= _options.KillAt)
        {
            _afterKill.Arrived(message, node, intact);
            if (sentAt >= _options.KillAt + _options.RecoveryTime)
            {
                _afterRecovery.Arrived(message, node, intact);
            }
        }
    }

    private NwkScenarioResult Result()
    {
        long refusedReplay = 0, refusedMic = 0, refusedUnauthorised = 0;
        long discoveries = 0, repairs = 0, relayed = 0, rejoins = 0, retries = 0, dropped = 0, polls = 0, noAck = 0, accessFailures = 0, expired = 0;
        int joined = 0, maxDepth = 0;
        for (var i = 0; i < _nwks.Length; i++)
        {
            var c = _nwks[i].Counters;
            discoveries += c.RouteDiscoveriesStarted;
            refusedReplay += c.RefusedReplay;
            refusedMic += c.RefusedMic;
            refusedUnauthorised += c.RefusedUnauthorised + c.RefusedNoCounterRoom;
            repairs += c.RouteRepairs;
            relayed += c.FramesRelayed + c.BroadcastsRelayed;
            rejoins += c.Rejoins;
            dropped += c.DroppedNoRoute + c.DroppedRadiusExhausted + c.DroppedBufferFull + c.DroppedDecodeError;
            polls += c.Polls;
            retries += _macs[i].Counters.Retries;
            noAck += _macs[i].Counters.NoAck;
            accessFailures += _macs[i].Counters.ChannelAccessFailures;
            expired += _macs[i].Counters.TransactionsExpired;
            if (i > 0 && i < _options.Nodes && _nwks[i].IsJoined && !_dead[i])
            {
                joined++;
                maxDepth = Math.Max(maxDepth, _nwks[i].Depth);
            }
        }

        var kill = _options.Kill > 0;
        var links = LinkCounts();
        return new NwkScenarioResult
        {
            Nodes = _options.Nodes,
            Joined = joined,
            Routers = _options.RouterCount,
            EndDevices = _options.EndDeviceCount,
            Sleepy = _options.Sleepy,
            Sent = _ledger.Sent,
            Delivered = _ledger.Delivered,
            Duplicates = _ledger.Duplicates,
            Misdelivered = _ledger.Misdelivered,
            Corrupted = _ledger.Corrupted,
            DeliveryRatio = _ledger.DeliveryRatio,
            VirtualSeconds = Scheduler.Now.TotalSeconds,
            AllJoinedSeconds = _allJoinedAt?.TotalSeconds,
            Events = Scheduler.EventsExecuted,
            MaxHops = _maxHops,
            MaxDepth = maxDepth,
            RouteDiscoveries = discoveries,
            RouteRepairs = repairs,
            Relayed = relayed,
            Rejoins = rejoins,
            SentAfterKill = kill ? _afterKill.Sent : null,
            DeliveredAfterKill = kill ? _afterKill.Delivered : null,
            SentAfterRecovery = kill ? _afterRecovery.Sent : null,
            DeliveredAfterRecovery = kill ? _afterRecovery.Delivered : null,
            FramesOnAir = Medium.Statistics.FramesTransmitted,
            Collisions = Medium.Statistics.Collisions,
            MacRetries = retries,
            DataConfirmFailures = _confirmFailures,
            DroppedFrames = dropped,
            Channel = _channel,
            Polls = polls,
            MacNoAck = noAck,
            ChannelAccessFailures = accessFailures,
            TransactionsExpired = expired,
            ApsRetries = ApsRetries,
            ApsNoAck = ApsNoAck,
            GoodputBps = Goodput,
            PhyBoundBps = PhyBoundBps,
            NetworkKey = NetworkKey?.ToString(),
            RefusedReplay = refusedReplay,
            RefusedMic = refusedMic,
            RefusedUnauthorised = refusedUnauthorised - RefusedBeforeKey + ApsRefusals,
            IntrudersJoined = IntrudersJoined,
            TransportKeys = _aps.Length > 0 ? _aps[0].Counters.TransportKeysSent : 0,
            Authenticated = AuthenticatedCount,
            Interviewed = InterviewedCount,
            LinksFound = links.Found,
            LinksTrue = links.True,
            LinksMatched = links.Matched,
            CrawlUnreachable = Crawl?.Unreachable.Count ?? 0,
        };
    }
}
