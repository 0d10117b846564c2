using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZigBee.Mac.Frames;
using ZigBee.Mac.Pib;
using ZigBee.Mac.Service;
using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Nib;
using ZigBee.Nwk.Service.Primitives;
using ZigBee.Nwk.Tables;

namespace ZigBee.Nwk.Service;

/// <summary>
/// The ZigBee PRO (R22) network layer over an <see cref="IMacService"/>: NLDE-DATA and the NLME primitives for
/// formation, discovery, join (association, NWK rejoin, orphan), permit joining, start router, leave and reset; mesh
/// routing with AODV route discovery and route repair, many-to-one routes with route records and source routing,
/// broadcasts with a broadcast transaction table and passive acknowledgement, link status and router ageing, end
/// device parents (indirect delivery, timeouts, ageing), polling end devices that rejoin when their parent fails, and
/// stochastic addresses with conflict detection; NWK security (§4.3) with the network key once one is installed:
/// every frame secured hop by hop, incoming frames checked for key, freshness and MIC. All of it runs on the node's loop: call it there. Receiving,
/// relaying and retrying are plain methods and timer callbacks; only the long procedures are async.
/// </summary>
public sealed partial class NwkService : IDisposable
{
    private readonly IMacService _mac;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly ILogger _logger;
    private readonly Stack<NwkTxOperation> _txPool = new();
    private readonly Stack<BroadcastJob> _jobPool = new();
    private readonly List<BroadcastJob> _jobs = new();
    private readonly List<NwkTxOperation> _pending = new();
    private readonly RouteDiscoveryTable _routeDiscovery;
    private readonly BroadcastTransactionTable _btt;
    private readonly UnicastDuplicateTable _unicastDuplicates;
    private readonly ushort[] _relayScratch = new ushort[32];
    private readonly LinkStatusEntry[] _linkStatusScratch = new LinkStatusEntry[LinkStatusCommand.MaxEntries];
    private readonly ITimer _timer;
    private readonly ITimer _linkStatusTimer;
    private readonly ITimer _permitJoinTimer;
    private readonly ITimer _concentratorTimer;
    private readonly ITimer _ageingTimer;
    private DateTimeOffset _timerDue = DateTimeOffset.MaxValue;
    private byte _routeRequestId;
    private bool _disposed;

    public NwkService(IMacService mac, TimeProvider time, Random random, NwkServiceOptions? options = null, ILogger<NwkService>? logger = null)
        : this(mac, time, random, new InMemoryNwkFrameCounterStore(), options, logger)
    {
    }

    /// <summary>
    /// A NWK layer whose outgoing frame counter lives in <paramref name="frameCounterStore"/>: it resumes from the
    /// value reserved there, so a node restarted on the same store never sends a frame counter twice.
    /// </summary>
    public NwkService(IMacService mac, TimeProvider time, Random random, INwkFrameCounterStore frameCounterStore, NwkServiceOptions? options = null,
        ILogger<NwkService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(frameCounterStore);
        ArgumentNullException.ThrowIfNull(mac);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        _mac = mac;
        _time = time;
        _random = random;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Options = options ?? new NwkServiceOptions();
        NeighborTable = new NeighborTable(Options.NeighborTableCapacity);
        RoutingTable = new RoutingTable(Options.RoutingTableCapacity);
        _routeDiscovery = new RouteDiscoveryTable(Options.RouteDiscoveryTableCapacity);
        _btt = new BroadcastTransactionTable(Options.BroadcastTransactionTableCapacity, Options.NeighborTableCapacity);
        _unicastDuplicates = new UnicastDuplicateTable(Options.UnicastDuplicateTableCapacity, Options.RouteDiscoveryTime);
        Nib = new NwkNib(NeighborTable, RoutingTable, new AddressMap(Options.AddressMapCapacity), new RouteRecordTable(Options.RouteRecordTableCapacity, 32),
            Options.IncomingFrameCounterCapacity)
        {
            IeeeAddress = mac.ExtendedAddress,
            SequenceNumber = (byte)random.Next(256),
        };
        ForgetNoted();
        Nib.AddressMap.Changed += ForgetNoted;
        Nib.SecurityMaterialSet.Changed += OnNetworkKeysChanged;
        _frameCounterStore = frameCounterStore;
        Nib.OutgoingFrameCounter = frameCounterStore.LoadReserved();
        _frameCounterReservedUpTo = Nib.OutgoingFrameCounter;
        _routeRequestId = (byte)random.Next(256);
        _timer = time.CreateTimer(static s => ((NwkService)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _linkStatusTimer = time.CreateTimer(static s => ((NwkService)s!).OnLinkStatusTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _permitJoinTimer = time.CreateTimer(static s => ((NwkService)s!).OnPermitJoinExpired(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _concentratorTimer = time.CreateTimer(static s => ((NwkService)s!).OnConcentratorTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _ageingTimer = time.CreateTimer(static s => ((NwkService)s!).OnAgeingTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        mac.DataIndication += OnMacData;
        mac.BeaconNotify += OnBeaconNotify;
        mac.AssociateIndication += OnAssociateIndication;
        mac.OrphanIndication += OnOrphanIndication;
        mac.PollIndication += OnPollIndication;
    }

    public NwkServiceOptions Options { get; }

    /// <summary>The NIB, typed.</summary>
    public NwkNib Nib { get; }

    public NwkCounters Counters { get; } = new();

    /// <summary>The MAC this layer runs on.</summary>
    public IMacService Mac => _mac;

    public NeighborTable NeighborTable { get; }

    public RoutingTable RoutingTable { get; }

    /// <summary>Route requests in progress (read only for diagnostics).</summary>
    public int RouteDiscoveryCount
    {
        get
        {
            ExpireTables(Now);
            return _routeDiscovery.Count;
        }
    }

    /// <summary>Broadcast transaction records alive.</summary>
    public int BroadcastTransactionCount
    {
        get
        {
            ExpireTables(Now);
            return _btt.Count;
        }
    }

    /// <summary>Frames waiting for a route.</summary>
    public int PendingFrameCount => _pending.Count;

    public int ChildCount => NeighborTable.ChildCount;

    public ushort NetworkAddress => Nib.NetworkAddress;

    public ulong ExtendedAddress => _mac.ExtendedAddress;

    public NwkDeviceRole Role => Nib.DeviceType;

    public bool IsJoined => Nib.DeviceType != NwkDeviceRole.None;

    public byte Depth => Nib.Depth;

    /// <summary>The parent's network address (end devices and routers that joined); 0xFFFF otherwise.</summary>
    public ushort ParentAddress { get; private set; } = 0xFFFF;

    /// <summary>True while this router or coordinator accepts joins (macAssociationPermit).</summary>
    public bool PermitJoining { get; private set; }

    /// <summary>True after NLME-START-ROUTER or formation: the device routes and sends link status.</summary>
    public bool IsRouting => Nib.DeviceType is NwkDeviceRole.Coordinator or NwkDeviceRole.Router && _routerStarted;

    private bool _routerStarted;

    /// <summary>NLDE-DATA.indication.</summary>
    public event NldeDataIndicationHandler? DataIndication;

    /// <summary>NLME-JOIN.indication on a parent.</summary>
    public event NlmeJoinIndicationHandler? JoinIndication;

    /// <summary>NLME-LEAVE.indication.</summary>
    public event NlmeLeaveIndicationHandler? LeaveIndication;

    /// <summary>NLME-NWK-STATUS.indication.</summary>
    public event NlmeNwkStatusIndicationHandler? NetworkStatusIndication;

    /// <summary>This device took a network address (join, rejoin, conflict): the ZDO announces it with Device_annce.</summary>
    public event NwkDeviceAnnounceHandler? DeviceAnnounce;

    private bool IsEndDevice => Nib.DeviceType == NwkDeviceRole.EndDevice;

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>
    /// The device announce hook from above: the ZDO reports a Device_annce it received, which is how an address
    /// conflict with a device out of radio range comes to light (§3.6.1.9.2).
    /// </summary>
    public void NoteDeviceAnnounce(ushort networkAddress, ulong ieeeAddress) => NoteAddress(networkAddress, ieeeAddress);

    internal NwkTxOperation Rent()
    {
        var op = _txPool.Count > 0 ? _txPool.Pop() : new NwkTxOperation(this);
        op.Reset();
        return op;
    }

    internal void Return(NwkTxOperation op) => _txPool.Push(op);

    private BroadcastJob RentJob()
    {
        var job = _jobPool.Count > 0 ? _jobPool.Pop() : new BroadcastJob();
        job.Sent = false;
        return job;
    }

    private byte NextSequence() => Nib.SequenceNumber++;

    private TimeSpan RandomDelay(TimeSpan min, TimeSpan max) =>
        max <= min ? min : TimeSpan.FromTicks(min.Ticks + _random.NextInt64(0, max.Ticks - min.Ticks + 1));

    /// <summary>Arms the single service timer for <paramref name="due"/> unless it is already due sooner.</summary>
    private void WakeAt(DateTimeOffset due)
    {
        if (due >= _timerDue || _disposed)
        {
            return;
        }

        _timerDue = due;
        var delay = due - Now;
        _timer.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The service timer: broadcasts due, routes given up, table records expired.</summary>
    private void OnTimer()
    {
        _timerDue = DateTimeOffset.MaxValue;
        var now = Now;
        ExpireTables(now);
        RunBroadcastJobs(now);
        ExpirePending(now);
        ExpireDiscoveringRoutes(now);
        EndRouteRecordWaits(now);

        var next = NextRouteRecordWait();
        foreach (var job in _jobs)
        {
            next = job.Due < next ? job.Due : next;
        }

        foreach (var op in _pending)
        {
            next = op.Deadline < next ? op.Deadline : next;
        }

        if (next != DateTimeOffset.MaxValue)
        {
            WakeAt(next);
        }
    }

    /// <summary>
    /// Drops route discovery and broadcast transaction records whose time is over. Their expiry is lazy: it runs
    /// before every look-up and count rather than on a timer wake-up of its own (one per record otherwise), and a
    /// record is gone from the instant its time is over either way.
    /// </summary>
    private void ExpireTables(DateTimeOffset now)
    {
        _routeDiscovery.Expire(now);
        _btt.Expire(now);
    }

    /// <summary>When the earliest route discovery started here runs out: the routing table is scanned only then.</summary>
    private DateTimeOffset _discoveringRoutesDue = DateTimeOffset.MaxValue;

    private void ExpireDiscoveringRoutes(DateTimeOffset now)
    {
        if (now < _discoveringRoutesDue)
        {
            return;
        }

        var next = DateTimeOffset.MaxValue;
        for (var index = 0; index < RoutingTable.Count; index++)
        {
            var route = RoutingTable[index];
            if (route.Status != RouteStatus.DiscoveryUnderway)
            {
                continue;
            }

            var expiry = route.LastUsed + Options.RouteDiscoveryTime;
            if (expiry <= now)
            {
                route.Status = RouteStatus.DiscoveryFailed;
            }
            else if (expiry < next)
            {
                next = expiry;
            }
        }

        _discoveringRoutesDue = next;
        if (next != DateTimeOffset.MaxValue)
        {
            WakeAt(next);
        }
    }

    /// <summary>Keeps a fault of a procedure nobody awaits in the log instead of losing it.</summary>
    private void Observe(Task task)
    {
        if (task.IsCompleted)
        {
            if (task.Exception is { } fault)
            {
                _logger.LogError(fault.GetBaseException(), "NWK procedure failed");
            }

            return;
        }

        task.ContinueWith(
            static (t, s) => ((ILogger)s!).LogError(t.Exception!.GetBaseException(), "NWK procedure failed"),
            _logger,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// What a warm NLME-RESET drops and a cold one drops too: frames waiting for a route (confirmed as failed),
    /// broadcasts in flight, route discoveries, duplicate-rejection records and routes.
    /// </summary>
    private void DropFramesAndRoutes()
    {
        var now = Now;
        var abandoned = _pending.ToArray();
        _pending.Clear();
        _awaitingRecords.Clear();
        foreach (var op in abandoned)
        {
            Finish(op, NwkStatus.RouteDiscoveryFailed, MacStatus.Success, now);
        }

        foreach (var job in _jobs)
        {
            _jobPool.Push(job);
        }

        _jobs.Clear();
        _routeDiscovery.Clear();
        _btt.Clear();
        _unicastDuplicates.Clear();
        RoutingTable.Clear();
    }

    /// <summary>Forgets everything about the network (NLME-RESET and leaving share it).</summary>
    private void ClearNetworkState(bool keepNib)
    {
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timerDue = DateTimeOffset.MaxValue;
        _linkStatusTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _permitJoinTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        ScheduleConcentrator(Timeout.InfiniteTimeSpan);
        _ageingTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _ageing = false; // so a child admitted after a reset or rejoin starts ageing again
        _pollGeneration++;
        DropFramesAndRoutes();
        NeighborTable.Clear();
        Nib.AddressMap.Clear();
        Nib.RouteRecordTable.Clear();
        _routerStarted = false;
        PermitJoining = false;
        ParentAddress = 0xFFFF;
        _parentFailures = 0;
        if (!keepNib)
        {
            Nib.NetworkAddress = 0xFFFF;
            Nib.PanId = 0xFFFF;
            Nib.ExtendedPanId = 0;
            Nib.Depth = 0;
            Nib.DeviceType = NwkDeviceRole.None;
            Nib.UpdateId = 0;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _pollGeneration++;
        _mac.DataIndication -= OnMacData;
        _mac.BeaconNotify -= OnBeaconNotify;
        _mac.AssociateIndication -= OnAssociateIndication;
        _mac.OrphanIndication -= OnOrphanIndication;
        _mac.PollIndication -= OnPollIndication;
        _timer.Dispose();
        _linkStatusTimer.Dispose();
        _permitJoinTimer.Dispose();
        _concentratorTimer.Dispose();
        _ageingTimer.Dispose();
        Nib.SecurityMaterialSet.Dispose();
    }
}
