using Microsoft.Extensions.Logging;
using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Serial;

namespace ZigBee.XBee.Mac;

// MCPS-DATA through TX 16 (0x01) and TX 64 (0x00) requests, confirmed by the TX status (0x89).
public sealed partial class XBeeMacService
{
    /// <summary>
    /// MCPS-DATA.request. Refused before the module: more than NP (100) bytes → FRAME_TOO_LONG; indirect → INVALID_PARAMETER
    /// (the firmware chooses indirect delivery itself); no destination → INVALID_ADDRESS; a PAN other than the module's
    /// or broadcast, or a source mode other than the one MY gives (short when MY &lt; 0xFFFE) → INVALID_PARAMETER. The
    /// TX status maps back: success, no ACK → NO_ACK, CCA failure → CHANNEL_ACCESS_FAILURE, purged → TRANSACTION_EXPIRED;
    /// a status that never comes (module silent, line lost) → TRANSACTION_EXPIRED.
    /// </summary>
    public ValueTask<McpsDataConfirm> DataRequestAsync(in McpsDataRequest request)
    {
        var r = request;
        var refusal = Check(r);
        if (refusal != MacStatus.Success)
        {
            HostCounters.Refused++;
            return new(new McpsDataConfirm(r.MsduHandle, refusal, _time.GetUtcNow()));
        }

        var options = ((r.TxOptions & MacTxOptions.Acknowledged) == 0 ? Tx154Options.DisableAck : Tx154Options.None)
            | (r.DstPanId == MacAddress.BroadcastPan ? Tx154Options.BroadcastPanId : Tx154Options.None);
        Task<byte[]> status;
        try
        {
            // The writer runs before RequestAsync returns: the MSDU is in the frame by then, as MCPS-DATA promises.
            status = _link.RequestAsync((destination, id) => r.DstAddr.Mode == MacAddressingMode.Short
                    ? new Tx16RequestFrame(id, r.DstAddr.Short, options, r.Msdu.Span).Encode(destination)
                    : new Tx64RequestFrame(id, r.DstAddr.Extended, options, r.Msdu.Span).Encode(destination),
                ApiFrameType.TxStatus, Options.TransmitStatusTimeout);
        }
        catch (Exception e) when (e is SerialLinkException or ObjectDisposedException)
        {
            HostCounters.StatusLost++;
            return new(new McpsDataConfirm(r.MsduHandle, MacStatus.TransactionExpired, _time.GetUtcNow()));
        }

        HostCounters.FramesTransmitted++;
        return new(ConfirmAsync(status, r.MsduHandle));
    }

    private MacStatus Check(in McpsDataRequest r)
    {
        if (r.Msdu.Length > Ieee802154Commands.MaxPayload)
        {
            return MacStatus.FrameTooLong;
        }

        if ((r.TxOptions & MacTxOptions.Indirect) != 0)
        {
            return MacStatus.InvalidParameter;
        }

        if (r.DstAddr.Mode is not (MacAddressingMode.Short or MacAddressingMode.Extended))
        {
            return MacStatus.InvalidAddress;
        }

        var sourceMode = _shortAddress < MacAddress.NoShortAddress ? MacAddressingMode.Short : MacAddressingMode.Extended;
        return r.DstPanId != MacAddress.BroadcastPan && r.DstPanId != _panId || r.SrcAddrMode != sourceMode
            ? MacStatus.InvalidParameter
            : MacStatus.Success;
    }

    private async Task<McpsDataConfirm> ConfirmAsync(Task<byte[]> pending, byte handle)
    {
        MacStatus status;
        try
        {
            var frame = await pending;
            if (TxStatusFrame.TryDecode(frame, out var tx))
            {
                Count(tx.Status);
                status = ToMacStatus(tx.Status);
            }
            else
            {
                HostCounters.StatusLost++;
                status = MacStatus.TransactionExpired;
            }
        }
        catch (Exception e) when (e is TimeoutException or SerialLinkException or ObjectDisposedException)
        {
            HostCounters.StatusLost++;
            _logger.LogWarning("TX status lost: {Reason}", e.Message);
            status = MacStatus.TransactionExpired;
        }

        return new McpsDataConfirm(handle, status, _time.GetUtcNow());
    }

    private void Count(TxStatus status)
    {
        switch (status)
        {
            case TxStatus.Success:
                break;
            case TxStatus.CcaFailure:
                HostCounters.CcaFailures++;
                break;
            case TxStatus.Purged:
                HostCounters.Purged++;
                break;
            default:
                HostCounters.NoAck++;
                break;
        }
    }

    /// <summary>The MAC status of a TX status (0x89); a code the firmware's guides do not list reads as no ACK.</summary>
    public static MacStatus ToMacStatus(TxStatus status) => status switch
    {
        TxStatus.Success => MacStatus.Success,
        TxStatus.CcaFailure => MacStatus.ChannelAccessFailure,
        TxStatus.Purged => MacStatus.TransactionExpired,
        _ => MacStatus.NoAck,
    };
}
