using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZigBee.Mac.Frames;
using ZigBee.Mac.Pib;
using ZigBee.Mac.Radio;
using ZigBee.Mac.Tables;

namespace ZigBee.Mac.Service;

/// <summary>
/// The software IEEE 802.15.4-2006 MAC for a non-beacon-enabled PAN at 2.4 GHz over a bare <see cref="IRadio"/>:
/// unslotted CSMA-CA, ACKs and retries, duplicate rejection, scans, association, indirect transmission, polling.
/// All state is touched on the node's loop: call it there, and give it a <see cref="TimeProvider"/> whose timers
/// fire there (the simulator's do). The receive, ACK and retry paths are plain methods and timer callbacks.
/// </summary>
public sealed partial class MacService : IMacService, IMcpsDataDirect, IRadioHandler, IDisposable
{
    private readonly IRadio _radio;
    private readonly IRadioFrameFilter? _radioFilter;
    private RadioFrameFilter _filter;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly ILogger _logger;
    private readonly MacServiceOptions _options;
    private readonly Stack<MacTransmission> _pool = new();
    private readonly TransactionQueue<MacTransmission> _transactions;
    private readonly DuplicateRejectionTable _duplicates;
    private bool _receiverOn;
    private bool _disposed;

    /// <summary>True after MLME-START: this device answers beacon requests and serves its transaction queue.</summary>
    private bool _started;

    private bool _panCoordinator;

    public MacService(IRadio radio, TimeProvider time, Random random, ILogger<MacService>? logger = null, MacServiceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(radio);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        _radio = radio;
        _radioFilter = radio as IRadioFrameFilter;
        _time = time;
        _random = random;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _options = options ?? new MacServiceOptions();
        _transactions = new TransactionQueue<MacTransmission>(_options.TransactionQueueCapacity);
        _duplicates = new DuplicateRejectionTable(_options.DuplicateTableCapacity);
        Pib = new MacPib(radio, random);
        Pib.RxOnWhenIdleChanged += UpdateReceiver;
        Pib.AddressingChanged += UpdateFrameFilter;
        _csmaTimer = time.CreateTimer(static s => ((MacService)s!).OnCsmaTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _ackWaitTimer = time.CreateTimer(static s => ((MacService)s!).OnAckWaitTimeout(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _ackTxTimer = time.CreateTimer(static s => ((MacService)s!).OnAckTxTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _expiryTimer = time.CreateTimer(static s => ((MacService)s!).OnExpiryTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _frameWaitTimer = time.CreateTimer(static s => ((MacService)s!).OnFrameWaitTimeout(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        radio.SetHandler(this);
        _receiverOn = radio.ReceiverEnabled;
        UpdateReceiver();
    }

    public ulong ExtendedAddress => _radio.ExtendedAddress;

    /// <summary>The PIB, with typed properties; MLME-GET/SET go through <see cref="MacPib.Get"/> and <see cref="MacPib.Set"/>.</summary>
    public MacPib Pib { get; }

    public MacCounters Counters { get; } = new();

    /// <summary>True after a successful MLME-START (until MLME-RESET).</summary>
    public bool IsCoordinator => _started;

    /// <summary>True when MLME-START made this device the PAN coordinator.</summary>
    public bool IsPanCoordinator => _started && _panCoordinator;

    /// <summary>Indirect transactions waiting for their devices to poll.</summary>
    public int PendingTransactions => _transactions.Count;

    /// <summary>Direct frames waiting for the channel (not counting the one being sent).</summary>
    public int QueuedTransmissions => _txQueue.Count;

    public event McpsDataIndicationHandler? DataIndication;

    public event MlmeAssociateIndicationHandler? AssociateIndication;

    public event MlmeDisassociateIndicationHandler? DisassociateIndication;

    public event MlmeBeaconNotifyHandler? BeaconNotify;

    public event MlmeOrphanIndicationHandler? OrphanIndication;

    public event MlmePollIndicationHandler? PollIndication;

    public event MlmeCommStatusIndicationHandler? CommStatusIndication;

    public ValueTask<MlmeGetConfirm> GetRequestAsync(MacPibAttribute attribute)
    {
        var status = Pib.Get(attribute, out var value);
        return new(new MlmeGetConfirm(status, attribute, value));
    }

    public ValueTask<MlmeSetConfirm> SetRequestAsync(MacPibAttribute attribute, MacPibValue value) =>
        new(new MlmeSetConfirm(Pib.Set(attribute, value), attribute));

    /// <summary>
    /// MLME-RESET (§7.1.9): abandons every transmission, transaction and procedure (their confirms complete with
    /// TRANSACTION_EXPIRED), forgets the coordinator role and, with <paramref name="setDefaultPib"/>, the PIB.
    /// </summary>
    public Task<MacStatus> ResetRequestAsync(bool setDefaultPib)
    {
        var now = _time.GetUtcNow();
        StopTimer(_csmaTimer);
        StopTimer(_ackWaitTimer);
        StopTimer(_ackTxTimer);
        StopTimer(_expiryTimer);
        _ackState = AckState.Idle;
        _csmaDeferred = false;
        _txState = TxState.Idle;
        var current = _current;
        _current = null;
        if (current is not null && !current.Indirect)
        {
            current.Complete(MacStatus.TransactionExpired, false, now);
        }

        while (_txQueue.Count > 0)
        {
            var tx = _txQueue[0];
            _txQueue.RemoveAt(0);
            if (!tx.Indirect)
            {
                tx.Complete(MacStatus.TransactionExpired, false, now);
            }
        }

        _queuedData = 0;
        _transactions.Clear(tx => tx.Complete(MacStatus.TransactionExpired, false, now));
        _extraction = null;
        CompleteFrameWait(new FrameWaitResult(MacStatus.Success, ReceivedFrameKind.None, default, 0));
        if (_scan is { } scan)
        {
            scan.Aborted = true;
        }

        _duplicates.Clear();
        _started = false;
        _panCoordinator = false;
        if (setDefaultPib)
        {
            Pib.Reset();
        }

        UpdateReceiver();
        return Task.FromResult(MacStatus.Success);
    }

    /// <summary>
    /// MLME-START (§7.5.2.3) of a non-beacon-enabled PAN. A PAN coordinator takes <see cref="MlmeStartRequest.PanId"/>
    /// and the channel; a coordinator that is not the PAN coordinator (a ZigBee router) keeps those it joined with.
    /// </summary>
    public Task<MacStatus> StartRequestAsync(MlmeStartRequest request)
    {
        if (Pib.MacShortAddress == MacAddress.BroadcastShort)
        {
            return Task.FromResult(MacStatus.NoShortAddress);
        }

        if (request.BeaconOrder != 15 || request.SuperframeOrder != 15 || request.CoordRealignment || request.ChannelPage != 0
            || (request.PanCoordinator && (request.LogicalChannel is < Phy24GHz.FirstChannel or > Phy24GHz.LastChannel
                || request.PanId == MacAddress.BroadcastPan)))
        {
            return Task.FromResult(MacStatus.InvalidParameter);
        }

        if (_scan is not null)
        {
            return Task.FromResult(MacStatus.ScanInProgress);
        }

        if (request.PanCoordinator)
        {
            Pib.MacPanId = request.PanId;
            Pib.PhyCurrentChannel = request.LogicalChannel;
        }

        _started = true;
        _panCoordinator = request.PanCoordinator;
        UpdateReceiver();
        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("Started PAN 0x{PanId:x4} on channel {Channel} as {Role}", Pib.MacPanId, _radio.Channel, _panCoordinator ? "PAN coordinator" : "coordinator");
        }

        return Task.FromResult(MacStatus.Success);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _radio.SetHandler(null);
        _csmaTimer.Dispose();
        _ackWaitTimer.Dispose();
        _ackTxTimer.Dispose();
        _expiryTimer.Dispose();
        _frameWaitTimer.Dispose();
    }

    private byte NextDsn() => Pib.MacDsn++;

    /// <summary>The receiver is on when macRxOnWhenIdle says so, or while an ACK, an announced frame or a scan needs it.</summary>
    private void UpdateReceiver()
    {
        var on = Pib.MacRxOnWhenIdle || _txState == TxState.WaitAck || _frameWait is not null || _scan is not null;
        if (on != _receiverOn || on != _radio.ReceiverEnabled)
        {
            _receiverOn = on;
            _radio.ReceiverEnabled = on;
        }

        UpdateFrameFilter();
    }

    /// <summary>
    /// Keeps a filtering radio's filter in step with the PIB and the ACK wait, so frames this MAC would drop unread
    /// (others' unicasts, others' ACKs) stay in the radio; off in promiscuous mode.
    /// </summary>
    private void UpdateFrameFilter()
    {
        if (_radioFilter is null)
        {
            return;
        }

        var awaiting = _txState == TxState.WaitAck && _current is not null;
        var filter = new RadioFrameFilter(
            !Pib.MacPromiscuousMode, Pib.MacPanId, Pib.MacShortAddress, _radio.ExtendedAddress, awaiting, awaiting ? _current!.Dsn : (byte)0);
        if (filter != _filter)
        {
            _filter = filter;
            _radioFilter.SetFrameFilter(filter);
        }
    }

    /// <summary>Our own address as a source: short when we have one, extended otherwise.</summary>
    private MacAddress OwnAddress() =>
        Pib.MacShortAddress < MacAddress.NoShortAddress ? MacAddress.FromShort(Pib.MacShortAddress) : MacAddress.FromExtended(_radio.ExtendedAddress);

    private void ClearAssociation()
    {
        Pib.MacPanId = MacAddress.BroadcastPan;
        Pib.MacShortAddress = MacAddress.BroadcastShort;
        Pib.MacCoordShortAddress = MacAddress.BroadcastShort;
        Pib.MacCoordExtendedAddress = 0;
        Pib.MacAssociatedPanCoord = false;
    }

    /// <summary>
    /// A delay on the TimeProvider to the tick (Task.Delay rounds to whole milliseconds, and scan durations and
    /// macResponseWaitTime are not whole milliseconds).
    /// </summary>
    private Task DelayAsync(TimeSpan delay) => StartDelay(delay).Completion.Task;

    private DelayState StartDelay(TimeSpan delay)
    {
        var delayState = new DelayState();
        delayState.Timer = _time.CreateTimer(static s => ((DelayState)s!).Fire(), delayState, delay, Timeout.InfiniteTimeSpan);
        return delayState;
    }

    // Holds its own timer so the timer stays referenced until it fires. Fire may come early (an awaited event).
    // Awaited directly, never through Task.WhenAny: a combinator would resume on the thread pool, off the node's loop.
    private sealed class DelayState
    {
        public readonly TaskCompletionSource Completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ITimer? Timer;

        public void Fire()
        {
            Timer?.Dispose();
            Completion.TrySetResult();
        }
    }

    private static void StopTimer(ITimer timer) => timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private static void StartTimer(ITimer timer, TimeSpan due) => timer.Change(due, Timeout.InfiniteTimeSpan);
}
