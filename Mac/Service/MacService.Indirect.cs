using ZigBee.Mac.Frames;

namespace ZigBee.Mac.Service;

// Indirect transmission (§7.5.6.3): on the coordinator, the transaction queue, its expiry and delivery on a data
// request; on the device, extracting a frame with a data request and waiting for the frame its ACK announced.
public sealed partial class MacService
{
    private readonly ITimer _expiryTimer;
    private readonly ITimer _frameWaitTimer;

    /// <summary>A data request on its way whose pending ACK will arm <see cref="_frameWait"/>.</summary>
    private FrameWait? _extraction;

    /// <summary>Waiting for the frame an ACK's pending bit announced; the receiver stays on meanwhile.</summary>
    private FrameWait? _frameWait;

    private enum ReceivedFrameKind
    {
        None,
        Data,
        EmptyData,
        AssociationResponse,
        Command,
    }

    private readonly record struct FrameWaitResult(MacStatus Status, ReceivedFrameKind Kind, AssociationResponseCommand Response, ulong Source);

    private sealed class FrameWait
    {
        public readonly TaskCompletionSource<FrameWaitResult> Completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A data request arrived: the oldest transaction for the requester goes out, pending bit set if more wait.</summary>
    private void DeliverIndirect(MacAddress requester)
    {
        if (!_transactions.TryBeginDelivery(requester, out var tx))
        {
            return;
        }

        tx.SetFramePending(_transactions.CountFor(requester) > 1);

        // The device listens only for macMaxFrameTotalWaitTime: the answer jumps the queue.
        Enqueue(tx, atFront: true);
    }

    private void RearmExpiry()
    {
        if (_transactions.NextExpiry is { } next)
        {
            var due = next - _time.GetUtcNow();
            StartTimer(_expiryTimer, due < TimeSpan.Zero ? TimeSpan.Zero : due);
        }
        else
        {
            StopTimer(_expiryTimer);
        }
    }

    private void OnExpiryTimer()
    {
        var now = _time.GetUtcNow();
        while (_transactions.TryTakeExpired(now, out var tx, out _))
        {
            Counters.TransactionsExpired++;
            tx.Complete(MacStatus.TransactionExpired, false, now);
        }

        RearmExpiry();
    }

    /// <summary>Queues an MLME command for indirect delivery; false when the transaction queue is full.</summary>
    private bool TryQueueIndirect(MacTransmission tx)
    {
        tx.Indirect = true;
        if (!_transactions.TryAdd(tx.Destination, _time.GetUtcNow() + Pib.TransactionPersistenceTime, tx))
        {
            Counters.TransactionsOverflowed++;
            tx.Release();
            return false;
        }

        RearmExpiry();
        return true;
    }

    /// <summary>
    /// Sends a data request to the coordinator and, when its ACK has the frame pending bit, waits for the frame
    /// (up to macMaxFrameTotalWaitTime). The status is that of the data request; Kind says what came.
    /// </summary>
    private async Task<FrameWaitResult> ExtractPendingAsync(ushort coordPanId, MacAddress coordAddress, MacAddress source)
    {
        Span<byte> command = stackalloc byte[1];
        MacCommand.EncodeBare(MacCommandId.DataRequest, command);
        var tx = BuildFrame(MacFrameType.Command, coordPanId, coordAddress, Pib.MacPanId, source, true, command);
        tx.AwaitsFrame = true;
        var wait = new FrameWait();
        _extraction = wait;
        Enqueue(tx);
        var outcome = await tx.AsOutcome();
        if (_extraction == wait)
        {
            _extraction = null;
        }

        if (outcome.Status != MacStatus.Success)
        {
            return new FrameWaitResult(outcome.Status, ReceivedFrameKind.None, default, 0);
        }

        if (!outcome.AckFramePending)
        {
            return new FrameWaitResult(MacStatus.Success, ReceivedFrameKind.None, default, 0);
        }

        return await wait.Completion.Task;
    }

    private void ArmFrameWait()
    {
        _frameWait = _extraction;
        _extraction = null;
        StartTimer(_frameWaitTimer, Pib.MaxFrameTotalWaitTime);
        UpdateReceiver();
    }

    private void OnFrameWaitTimeout() => CompleteFrameWait(new FrameWaitResult(MacStatus.Success, ReceivedFrameKind.None, default, 0));

    private void CompleteFrameWait(in FrameWaitResult result)
    {
        var wait = _frameWait;
        if (wait is null)
        {
            return;
        }

        _frameWait = null;
        StopTimer(_frameWaitTimer);
        UpdateReceiver();
        wait.Completion.TrySetResult(result);
    }

    /// <summary>MLME-POLL (§7.1.16, §7.5.6.3): SUCCESS when a frame came, NO_DATA when none, or the data request's failure.</summary>
    public async Task<MacStatus> PollRequestAsync(MlmePollRequest request)
    {
        if (request.CoordAddress.Mode is not (MacAddressingMode.Short or MacAddressingMode.Extended))
        {
            return MacStatus.InvalidParameter;
        }

        var result = await ExtractPendingAsync(request.CoordPanId, request.CoordAddress, OwnAddress());
        if (result.Status != MacStatus.Success)
        {
            return result.Status;
        }

        return result.Kind is ReceivedFrameKind.None or ReceivedFrameKind.EmptyData ? MacStatus.NoData : MacStatus.Success;
    }
}
