using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using ZigBee.Mac.Service;
using ZigBee.Nwk.Service.Primitives;

namespace ZigBee.Nwk.Service;

/// <summary>What a transmission is, for what its MAC confirm means.</summary>
internal enum NwkTxKind : byte
{
    /// <summary>An NSDU of NLDE-DATA (maybe awaited).</summary>
    Data,

    /// <summary>A NWK command this device originated.</summary>
    Command,

    /// <summary>A unicast frame forwarded for another device.</summary>
    Relay,

    /// <summary>One transmission of a broadcast (or its indirect copy for a sleeping child): nothing to repair.</summary>
    Broadcast,
}

/// <summary>
/// One NWK frame on its way: its bytes, where it goes, and the MAC confirm it waits for. Pooled by the service, and
/// the pooled <see cref="IValueTaskSource{TResult}"/> behind NLDE-DATA's ValueTask, so sending or relaying a frame
/// allocates nothing. The MAC copies the MSDU on request, so the buffer is free again as soon as the MAC has it.
/// </summary>
internal sealed class NwkTxOperation : IValueTaskSource<NldeDataConfirm>, IMcpsDataConfirmReceiver
{
    /// <summary>aMaxPHYPacketSize: no NWK frame can be longer.</summary>
    public const int MaxFrameLength = 127;

    /// <summary>The frame in the clear, as built or received.</summary>
    public readonly byte[] Buffer = new byte[MaxFrameLength];

    /// <summary>The frame as secured for its current transmission (each one takes a fresh frame counter).</summary>
    public readonly byte[] Wire = new byte[MaxFrameLength];
    private readonly NwkService _owner;
    private readonly Action _onMacCompleted;
    private ManualResetValueTaskSourceCore<NldeDataConfirm> _core;
    private ValueTaskAwaiter<McpsDataConfirm> _macAwaiter;
    private ITimer? _retryTimer;

    public NwkTxOperation(NwkService owner)
    {
        _owner = owner;
        _onMacCompleted = OnMacCompleted;
        // Completion runs the waiter's continuation where the waiter asked: awaits on the node's loop post it to the
        // loop's SynchronizationContext; AsTask() completes its task at once, on the loop (never a pool thread).
        _core.RunContinuationsAsynchronously = false;
    }

    public int Length;

    /// <summary>Where the NWK header of <see cref="Buffer"/> ends: the auxiliary security header goes there.</summary>
    public int HeaderLength;

    /// <summary>Sent unsecured even when this device secures frames (an unsecured rejoin's response, §3.6.1.4.2).</summary>
    public bool InTheClear;
    public NwkTxKind Kind;

    /// <summary>NWK destination and source of the frame.</summary>
    public ushort Destination;
    public ushort Source;

    /// <summary>MAC destination: a network address, or (when <see cref="NextHopExtended"/> is set) that IEEE address.</summary>
    public ushort NextHop;
    public ulong NextHopExtended;
    public bool Indirect;
    public bool HasCompletion;
    public bool DiscoverRoute;
    public bool RepairTried;
    /// <summary>nwkcUnicastRetries used so far on the current next hop.</summary>
    public byte UnicastRetries;
    public bool SourceRouted;
    public bool MacSourceExtended;
    public byte NsduHandle;

    /// <summary>While waiting for a route: when to give up.</summary>
    public DateTimeOffset Deadline;

    public short Version => _core.Version;


    public void Reset()
    {
        Length = 0;
        HeaderLength = 0;
        InTheClear = false;
        Kind = NwkTxKind.Data;
        Destination = 0xFFFF;
        Source = 0xFFFF;
        NextHop = 0xFFFF;
        NextHopExtended = 0;
        Indirect = false;
        HasCompletion = false;
        DiscoverRoute = true;
        RepairTried = false;
        UnicastRetries = 0;
        SourceRouted = false;
        MacSourceExtended = false;
        NsduHandle = 0;
        Deadline = default;
        _macAwaiter = default;
    }

    /// <summary>
    /// Hands the frame to the MAC: where it offers direct confirms (the software MAC does), the confirm comes back as a
    /// call; otherwise the MAC's ValueTask is followed.
    /// </summary>
    public void Send(IMacService mac, in McpsDataRequest request)
    {
        if (mac is IMcpsDataDirect direct)
        {
            direct.DataRequest(request, this);
            return;
        }

        Track(mac.DataRequestAsync(request));
    }

    void IMcpsDataConfirmReceiver.OnMcpsDataConfirm(in McpsDataConfirm confirm) => _owner.OnMacConfirm(this, confirm);

    /// <summary>Follows the MAC's ValueTask to its confirm without an async state machine.</summary>
    public void Track(ValueTask<McpsDataConfirm> confirm)
    {
        if (confirm.IsCompleted)
        {
            // Completed already: reading the result does not block.
            _owner.OnMacConfirm(this, confirm.Result);
            return;
        }

        _macAwaiter = confirm.GetAwaiter();
        _macAwaiter.UnsafeOnCompleted(_onMacCompleted);
    }

    /// <summary>Sends the frame again after <paramref name="delay"/> (one timer per pooled operation, made on first use).</summary>
    public void RetryAfter(TimeProvider time, TimeSpan delay)
    {
        _retryTimer ??= time.CreateTimer(static state => ((NwkTxOperation)state!).OnRetryDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _retryTimer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private void OnRetryDue() => _owner.RetryUnicast(this);

    /// <summary>Completes the NLDE-DATA.confirm; the caller's await returns the operation to the pool.</summary>
    public void Complete(in NldeDataConfirm confirm) => _core.SetResult(confirm);

    private void OnMacCompleted()
    {
        var awaiter = _macAwaiter;
        _macAwaiter = default;
        _owner.OnMacConfirm(this, awaiter.GetResult());
    }

    NldeDataConfirm IValueTaskSource<NldeDataConfirm>.GetResult(short token)
    {
        var result = _core.GetResult(token);
        _core.Reset();
        _owner.Return(this);
        return result;
    }

    ValueTaskSourceStatus IValueTaskSource<NldeDataConfirm>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<NldeDataConfirm>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
