using System.Threading.Tasks.Sources;
using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;

namespace ZigBee.Mac.Service;

/// <summary>Outcome of one frame's transmission as the MAC's own procedures see it.</summary>
internal readonly record struct TxOutcome(MacStatus Status, bool AckFramePending, DateTimeOffset Timestamp);

/// <summary>
/// One MPDU on its way out (encoded once, DSN fixed, so a retransmission or a second indirect delivery is the same
/// bytes). Pooled: it is the IValueTaskSource behind the ValueTask a request returns, so a data frame allocates
/// nothing; it goes back to the pool when its result is read, or at completion when nobody awaits it.
/// </summary>
internal sealed class MacTransmission : IValueTaskSource<McpsDataConfirm>, IValueTaskSource<TxOutcome>
{
    private readonly Stack<MacTransmission> _pool;
    private static readonly Action<object?> Signal = static s => ((MacTransmission)s!).OnSignalled();
    private static readonly SendOrPostCallback RunPosted = static s => ((MacTransmission)s!).RunContinuation();
    private static readonly Action<object?> RunQueued = static s => ((MacTransmission)s!).RunContinuation();
    private static readonly ContextCallback RunInContext = static s => ((MacTransmission)s!).InvokeContinuation();

    private ManualResetValueTaskSourceCore<bool> _core;

    // The awaiter's continuation, posted by this class rather than by the core: the core posts to a synchronization
    // context through a delegate it allocates per completion, and a simulated hour completes millions of frames.
    // Posted with cached delegates at the same moment the core would post, so events keep their order.
    private Action<object?>? _continuation;
    private object? _continuationState;
    private SynchronizationContext? _context;
    private ExecutionContext? _executionContext;

    public MacTransmission(Stack<MacTransmission> pool)
    {
        _pool = pool;

        // The core only signals this object, synchronously; the continuation itself always runs asynchronously.
        _core.RunContinuationsAsynchronously = false;
    }

    public readonly byte[] Buffer = new byte[Phy24GHz.MaxPhyPacketSize];

    public int Length;
    public byte Dsn;
    public bool AckRequest;

    /// <summary>An MCPS-DATA request (counts against the transmit queue's capacity).</summary>
    public bool IsData;

    /// <summary>Sent only when the destination polls; a failed attempt is not retried but stays queued (§7.5.6.4).</summary>
    public bool Indirect;

    /// <summary>May go on air while a scan runs (beacon request, orphan notification).</summary>
    public bool ScanFrame;

    /// <summary>No one awaits the outcome (a beacon): back to the pool at completion.</summary>
    public bool FireAndForget;

    /// <summary>A data request whose ACK, when its frame pending bit is set, makes the device wait for a frame.</summary>
    public bool AwaitsFrame;

    public byte MsduHandle;
    public MacAddress Destination;

    /// <summary>Takes the confirm as a call instead of an awaiter (<see cref="IMcpsDataDirect"/>).</summary>
    public IMcpsDataConfirmReceiver? Receiver;

    public MacStatus Status;
    public bool AckFramePending;
    public DateTimeOffset Timestamp;

    public ReadOnlySpan<byte> Frame => Buffer.AsSpan(0, Length);

    public static MacTransmission Rent(Stack<MacTransmission> pool)
    {
        var tx = pool.Count > 0 ? pool.Pop() : new MacTransmission(pool);
        tx._core.Reset();
        tx.Length = 0;
        tx.Dsn = 0;
        tx.AckRequest = false;
        tx.IsData = false;
        tx.Indirect = false;
        tx.ScanFrame = false;
        tx.FireAndForget = false;
        tx.AwaitsFrame = false;
        tx.MsduHandle = 0;
        tx.Destination = MacAddress.None;
        tx.Receiver = null;
        tx.Status = MacStatus.Success;
        tx.AckFramePending = false;
        tx.Timestamp = default;
        return tx;
    }

    /// <summary>Back to the pool without completing (the request was refused before anyone awaited it).</summary>
    public void Release() => _pool.Push(this);

    /// <summary>Sets or clears the frame pending bit of the encoded frame and rewrites its FCS.</summary>
    public void SetFramePending(bool pending)
    {
        Buffer[0] = (byte)(pending ? Buffer[0] | 0x10 : Buffer[0] & ~0x10);
        Fcs.Write(Buffer.AsSpan(0, Length - Fcs.Length), Buffer.AsSpan(Length - Fcs.Length));
    }

    public ValueTask<McpsDataConfirm> AsDataConfirm() => new(this, _core.Version);

    public ValueTask<TxOutcome> AsOutcome() => new(this, _core.Version);

    /// <summary>
    /// Concludes the transmission. A receiver is called at once when <paramref name="direct"/> (the MAC has settled
    /// its own state), else through the loop's synchronization context, as an awaiter would be resumed.
    /// </summary>
    public void Complete(MacStatus status, bool ackFramePending, DateTimeOffset timestamp, bool direct = false)
    {
        Status = status;
        AckFramePending = ackFramePending;
        Timestamp = timestamp;
        if (FireAndForget)
        {
            _pool.Push(this);
            return;
        }

        if (Receiver is { } receiver)
        {
            if (!direct && SynchronizationContext.Current is { } context && context.GetType() != typeof(SynchronizationContext))
            {
                context.Post(DeliverPosted, this);
                return;
            }

            Deliver(receiver);
            return;
        }

        _core.SetResult(true);
    }

    private static readonly SendOrPostCallback DeliverPosted = static s => ((MacTransmission)s!).Deliver(((MacTransmission)s!).Receiver!);

    private void Deliver(IMcpsDataConfirmReceiver receiver)
    {
        // Read everything first: back in the pool, this object may be rented again by the receiver's next request.
        var confirm = new McpsDataConfirm(MsduHandle, Status, Timestamp);
        Receiver = null;
        _pool.Push(this);
        receiver.OnMcpsDataConfirm(confirm);
    }

    McpsDataConfirm IValueTaskSource<McpsDataConfirm>.GetResult(short token)
    {
        _core.GetResult(token);
        var confirm = new McpsDataConfirm(MsduHandle, Status, Timestamp);
        _pool.Push(this);
        return confirm;
    }

    TxOutcome IValueTaskSource<TxOutcome>.GetResult(short token)
    {
        _core.GetResult(token);
        var outcome = new TxOutcome(Status, AckFramePending, Timestamp);
        _pool.Push(this);
        return outcome;
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        var status = _core.GetStatus(token); // validates the token
        _continuation = continuation;
        _continuationState = state;
        _context = (flags & ValueTaskSourceOnCompletedFlags.UseSchedulingContext) != 0
            && SynchronizationContext.Current is { } context && context.GetType() != typeof(SynchronizationContext)
                ? context
                : null;
        _executionContext = (flags & ValueTaskSourceOnCompletedFlags.FlowExecutionContext) != 0 ? ExecutionContext.Capture() : null;
        if (status != ValueTaskSourceStatus.Pending)
        {
            OnSignalled();
            return;
        }

        _core.OnCompleted(Signal, this, token, ValueTaskSourceOnCompletedFlags.None);
    }

    private void OnSignalled()
    {
        if (_context is { } context)
        {
            context.Post(RunPosted, this);
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(RunQueued, this, preferLocal: false);
        }
    }

    private void RunContinuation()
    {
        if (_executionContext is { } executionContext)
        {
            _executionContext = null;
            ExecutionContext.Run(executionContext, RunInContext, this);
        }
        else
        {
            InvokeContinuation();
        }
    }

    private void InvokeContinuation()
    {
        // Read everything first: the continuation takes the result, which returns this object to the pool.
        var continuation = _continuation!;
        var state = _continuationState;
        _continuation = null;
        _continuationState = null;
        _context = null;
        continuation(state);
    }
}
