namespace ZigBee.Mac.Service;

/// <summary>Statistics of one MAC; the MAC increments them on its loop, anyone may read them.</summary>
public sealed class MacCounters
{
    /// <summary>PSDUs put on air except ACKs (retransmissions included).</summary>
    public long FramesTransmitted { get; internal set; }

    /// <summary>Frames with a valid FCS accepted by the address filter (ACKs included).</summary>
    public long FramesReceived { get; internal set; }

    public long AcksTransmitted { get; internal set; }

    /// <summary>ACKs that matched a frame awaiting acknowledgment.</summary>
    public long AcksReceived { get; internal set; }

    /// <summary>Retransmissions after a missing ACK.</summary>
    public long Retries { get; internal set; }

    /// <summary>Transmissions that ended in NO_ACK.</summary>
    public long NoAck { get; internal set; }

    /// <summary>CCAs that found the channel busy.</summary>
    public long CcaBusy { get; internal set; }

    public long ChannelAccessFailures { get; internal set; }

    public long FcsErrors { get; internal set; }

    /// <summary>Frames (or MAC command payloads) that did not decode.</summary>
    public long DecodeErrors { get; internal set; }

    /// <summary>Frames with a valid FCS that the third-level filter (§7.5.6.2) rejected: not for this device.</summary>
    public long FramesFiltered { get; internal set; }

    /// <summary>Secured frames dropped: MAC security is not implemented.</summary>
    public long SecuredFramesDropped { get; internal set; }

    public long DuplicatesDropped { get; internal set; }

    public long TransactionsExpired { get; internal set; }

    public long TransactionsOverflowed { get; internal set; }

    /// <summary>Data requests refused because the transmit queue was full.</summary>
    public long TransmitQueueOverflows { get; internal set; }

    public long BeaconsTransmitted { get; internal set; }

    public long BeaconsReceived { get; internal set; }
}
