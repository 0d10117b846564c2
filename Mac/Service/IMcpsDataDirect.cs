namespace ZigBee.Mac.Service;

/// <summary>Takes MCPS-DATA.confirm as a plain call on the node's loop (see <see cref="IMcpsDataDirect"/>).</summary>
public interface IMcpsDataConfirmReceiver
{
    /// <summary>MCPS-DATA.confirm of the request made with this receiver.</summary>
    void OnMcpsDataConfirm(in McpsDataConfirm confirm);
}

/// <summary>
/// MCPS-DATA.request without a ValueTask: the confirm goes to a receiver as a plain call once the MAC is done with the
/// frame, instead of resuming an awaiter through the loop's synchronization context (one event per frame fewer). A
/// layer above that relays frames on its loop uses it where the MAC offers it.
/// </summary>
public interface IMcpsDataDirect
{
    /// <summary>
    /// MCPS-DATA.request whose confirm calls <paramref name="receiver"/>: at once when the request is refused, else on
    /// the node's loop when the transmission concludes (never from inside this call for a frame that was queued).
    /// </summary>
    void DataRequest(in McpsDataRequest request, IMcpsDataConfirmReceiver receiver);
}
