using Microsoft.Extensions.Logging;
using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;

namespace ZigBee.Mac.Service;

// The transmitter: one frame at a time through unslotted CSMA-CA (§7.5.1.4), ACK wait and retries (§7.5.6.4),
// and the ACK sender, which goes aTurnaroundTime after the frame it acknowledges, without CSMA (§7.5.6.4.2).
public sealed partial class MacService
{
    private readonly List<MacTransmission> _txQueue = [];
    private readonly ITimer _csmaTimer;
    private readonly ITimer _ackWaitTimer;
    private readonly ITimer _ackTxTimer;
    private readonly byte[] _ackBuffer = new byte[5];
    private MacTransmission? _current;
    private TxState _txState;
    private AckState _ackState;
    private bool _csmaDeferred;
    private int _queuedData;
    private int _nb;
    private int _be;
    private int _retries;

    private enum TxState
    {
        Idle,
        Backoff,
        Turnaround,
        OnAir,
        WaitAck,
    }

    private enum AckState
    {
        Idle,
        Scheduled,
        OnAir,
    }

    /// <summary>MCPS-DATA.request (§7.1.1.1, §7.5.6). Allocates nothing: the frame lives in a pooled transmission.</summary>
    public ValueTask<McpsDataConfirm> DataRequestAsync(in McpsDataRequest request)
    {
        var tx = StartDataRequest(request, null, out var refused);
        return tx is null ? new(refused) : tx.AsDataConfirm();
    }

    /// <inheritdoc/>
    public void DataRequest(in McpsDataRequest request, IMcpsDataConfirmReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        if (StartDataRequest(request, receiver, out var refused) is null)
        {
            receiver.OnMcpsDataConfirm(refused);
        }
    }

    /// <summary>Queues the frame (direct or indirect) and returns its transmission, or null and the refusal's confirm.</summary>
    private MacTransmission? StartDataRequest(in McpsDataRequest request, IMcpsDataConfirmReceiver? receiver, out McpsDataConfirm refused)
    {
        var now = _time.GetUtcNow();
        var dst = request.DstAddr;
        refused = default;
        if (request.SrcAddrMode is not (MacAddressingMode.None or MacAddressingMode.Short or MacAddressingMode.Extended)
            || dst.Mode == MacAddressingMode.Reserved
            || (request.SrcAddrMode == MacAddressingMode.None && dst.Mode == MacAddressingMode.None)
            || (request.TxOptions & ~(MacTxOptions.Acknowledged | MacTxOptions.Indirect)) != 0)
        {
            refused = new(request.MsduHandle, MacStatus.InvalidParameter, now);
            return null;
        }

        var src = request.SrcAddrMode switch
        {
            MacAddressingMode.Short => MacAddress.FromShort(Pib.MacShortAddress),
            MacAddressingMode.Extended => MacAddress.FromExtended(_radio.ExtendedAddress),
            _ => MacAddress.None,
        };

        // A broadcast is never acknowledged (§7.5.6.4).
        var ack = (request.TxOptions & MacTxOptions.Acknowledged) != 0 && !dst.IsBroadcast;
        var compress = dst.Mode != MacAddressingMode.None && src.Mode != MacAddressingMode.None && request.DstPanId == Pib.MacPanId;
        var header = new MacHeader(
            FrameControl.Create(MacFrameType.Data, dst.Mode, src.Mode, ackRequest: ack, panIdCompression: compress),
            0, request.DstPanId, dst, Pib.MacPanId, src);
        if (header.Length + request.Msdu.Length + Fcs.Length > Phy24GHz.MaxPhyPacketSize)
        {
            refused = new(request.MsduHandle, MacStatus.FrameTooLong, now);
            return null;
        }

        // Indirect transmission is a coordinator's service (§7.1.1.1.3); elsewhere the option is ignored.
        var indirect = (request.TxOptions & MacTxOptions.Indirect) != 0 && _started && dst.Mode != MacAddressingMode.None;
        if (!indirect && _queuedData >= _options.TransmitQueueCapacity)
        {
            Counters.TransmitQueueOverflows++;
            refused = new(request.MsduHandle, MacStatus.TransactionOverflow, now);
            return null;
        }

        var tx = MacTransmission.Rent(_pool);
        tx.Dsn = NextDsn();
        header = header with { SequenceNumber = tx.Dsn };
        tx.Length = MacFrame.Encode(header, request.Msdu.Span, tx.Buffer);
        tx.AckRequest = ack;
        tx.IsData = true;
        tx.MsduHandle = request.MsduHandle;
        tx.Destination = dst;
        tx.Receiver = receiver;
        if (indirect)
        {
            tx.Indirect = true;
            if (!_transactions.TryAdd(dst, now + Pib.TransactionPersistenceTime, tx))
            {
                Counters.TransactionsOverflowed++;
                tx.Release();
                refused = new(request.MsduHandle, MacStatus.TransactionOverflow, now);
                return null;
            }

            RearmExpiry();
            return tx;
        }

        Enqueue(tx);
        return tx;
    }

    /// <summary>Builds a MAC frame (version 2003, as ZigBee sends) in a pooled transmission.</summary>
    private MacTransmission BuildFrame(MacFrameType type, ushort dstPan, MacAddress dst, ushort srcPan, MacAddress src, bool ackRequest, ReadOnlySpan<byte> payload)
    {
        var compress = dst.Mode != MacAddressingMode.None && src.Mode != MacAddressingMode.None && dstPan == srcPan;
        var tx = MacTransmission.Rent(_pool);
        tx.Dsn = type == MacFrameType.Beacon ? Pib.MacBsn++ : NextDsn();
        var header = new MacHeader(
            FrameControl.Create(type, dst.Mode, src.Mode, ackRequest: ackRequest, panIdCompression: compress),
            tx.Dsn, dstPan, dst, srcPan, src);
        tx.Length = MacFrame.Encode(header, payload, tx.Buffer);
        tx.AckRequest = ackRequest;
        tx.Destination = dst;
        return tx;
    }

    private void Enqueue(MacTransmission tx, bool atFront = false)
    {
        if (atFront)
        {
            _txQueue.Insert(0, tx);
        }
        else
        {
            _txQueue.Add(tx);
        }

        if (tx.IsData && !tx.Indirect)
        {
            _queuedData++;
        }

        TryStartNext();
    }

    private void TryStartNext()
    {
        if (_current is not null)
        {
            return;
        }

        for (var i = 0; i < _txQueue.Count; i++)
        {
            var tx = _txQueue[i];

            // While a scan runs only its own frames go out: the radio is on another channel and PAN (§7.5.2.1).
            if (_scan is not null && !tx.ScanFrame)
            {
                continue;
            }

            _txQueue.RemoveAt(i);
            if (tx.IsData && !tx.Indirect)
            {
                _queuedData--;
            }

            _current = tx;
            _retries = 0;
            StartCsma();
            return;
        }
    }

    private void StartCsma()
    {
        _nb = 0;
        _be = Pib.MacMinBe;
        ScheduleBackoff();
    }

    /// <summary>Step 2 of Figure 69: wait a random number of unit backoff periods in [0, 2^BE − 1].</summary>
    private void ScheduleBackoff()
    {
        _txState = TxState.Backoff;
        var periods = _random.Next(1 << _be);
        if (periods == 0)
        {
            // No backoff: the CCA is due now, so it is performed now rather than through a timer event at this instant.
            StopTimer(_csmaTimer);
            OnCsmaTimer();
            return;
        }

        StartTimer(_csmaTimer, MacConstants.UnitBackoffTime * periods);
    }

    private void OnCsmaTimer()
    {
        if (_current is null || _txState is not (TxState.Backoff or TxState.Turnaround))
        {
            return;
        }

        // An ACK we owe goes first; CCA is repeated once it is sent.
        if (_ackState != AckState.Idle || _radio.IsTransmitting)
        {
            _txState = TxState.Backoff;
            _csmaDeferred = true;
            return;
        }

        if (_txState == TxState.Backoff)
        {
            if (_radio.ClearChannelAssessment())
            {
                // The radio turns from receive to transmit in aTurnaroundTime after the CCA.
                _txState = TxState.Turnaround;
                StartTimer(_csmaTimer, Phy24GHz.TurnaroundTime);
                return;
            }

            Counters.CcaBusy++;
            _nb++;
            _be = Math.Min(_be + 1, Pib.MacMaxBe);
            if (_nb > Pib.MacMaxCsmaBackoffs)
            {
                Counters.ChannelAccessFailures++;
                Finish(MacStatus.ChannelAccessFailure, false);
                return;
            }

            ScheduleBackoff();
            return;
        }

        _txState = TxState.OnAir;
        Counters.FramesTransmitted++;
        if (_current.FireAndForget)
        {
            Counters.BeaconsTransmitted++;
        }

        _radio.Transmit(_current.Frame);
    }

    void IRadioHandler.OnTransmitComplete()
    {
        if (_ackState == AckState.OnAir)
        {
            _ackState = AckState.Idle;
            UpdateReceiver();
            ResumeDeferredCsma();
            return;
        }

        if (_txState != TxState.OnAir || _current is null)
        {
            // The end of a transmission abandoned by MLME-RESET: a frame that waited for the radio may go now.
            ResumeDeferredCsma();
            return;
        }

        if (_current.AckRequest)
        {
            _txState = TxState.WaitAck;
            UpdateReceiver();
            StartTimer(_ackWaitTimer, Pib.AckWaitDuration);
        }
        else
        {
            Finish(MacStatus.Success, false);
        }
    }

    private void OnAckWaitTimeout()
    {
        if (_txState != TxState.WaitAck || _current is null)
        {
            return;
        }

        // An indirect frame gets one attempt per data request; it stays queued (§7.5.6.4).
        if (_current.Indirect || _retries >= Pib.MacMaxFrameRetries)
        {
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                _logger.LogDebug("No ACK for DSN {Dsn} to {Destination} after {Attempts} attempt(s)", _current.Dsn, _current.Destination, _retries + 1);
            }

            Counters.NoAck++;
            Finish(MacStatus.NoAck, false);
            return;
        }

        _retries++;
        Counters.Retries++;
        StartCsma();
    }

    private void OnAcknowledgment(byte sequence, bool framePending)
    {
        if (_txState != TxState.WaitAck || _current is null || sequence != _current.Dsn)
        {
            return;
        }

        StopTimer(_ackWaitTimer);
        Counters.AcksReceived++;

        // The coordinator has a frame for us: keep listening for up to macMaxFrameTotalWaitTime (§7.5.6.3).
        if (framePending && _current.AwaitsFrame && _extraction is not null)
        {
            ArmFrameWait();
        }

        Finish(MacStatus.Success, framePending);
    }

    private void Finish(MacStatus status, bool ackFramePending)
    {
        var tx = _current!;
        _current = null;
        _txState = TxState.Idle;
        _csmaDeferred = false;
        StopTimer(_csmaTimer);
        var now = _time.GetUtcNow();
        var complete = true;
        if (tx.Indirect)
        {
            // An undelivered indirect frame stays queued for the next poll (§7.5.6.4).
            complete = status == MacStatus.Success;
            _transactions.EndDelivery(tx, complete);
            RearmExpiry();
        }

        UpdateReceiver();
        TryStartNext();

        // Last, once the MAC is settled: a receiver called directly may send again from inside the call.
        if (complete)
        {
            tx.Complete(status, ackFramePending, now, direct: true);
        }
    }

    private void ResumeDeferredCsma()
    {
        if (_csmaDeferred && _current is not null)
        {
            _csmaDeferred = false;
            OnCsmaTimer();
        }
    }

    private void ScheduleAcknowledgment(byte sequence, bool framePending)
    {
        if (_ackState != AckState.Idle)
        {
            return;
        }

        MacFrame.EncodeAcknowledgment(sequence, framePending, _ackBuffer);
        _ackState = AckState.Scheduled;
        StartTimer(_ackTxTimer, Phy24GHz.TurnaroundTime);
    }

    private void OnAckTxTimer()
    {
        if (_ackState != AckState.Scheduled)
        {
            return;
        }

        if (_radio.IsTransmitting)
        {
            _ackState = AckState.Idle;
            ResumeDeferredCsma();
            return;
        }

        _ackState = AckState.OnAir;
        Counters.AcksTransmitted++;
        _radio.Transmit(_ackBuffer);
    }
}
