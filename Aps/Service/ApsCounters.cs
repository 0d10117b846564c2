namespace ZigBee.Aps.Service;

/// <summary>What one APS instance did and refused, readable by the layers above and by scenarios.</summary>
public sealed class ApsCounters
{
    /// <summary>APSDE-DATA.requests accepted.</summary>
    public long DataRequests;

    /// <summary>Data frames handed to NWK, first transmissions and retransmissions, blocks included.</summary>
    public long FramesSent;

    /// <summary>Retransmissions of unacknowledged frames and of missing blocks.</summary>
    public long Retries;

    /// <summary>Requests that ended with NO_ACK.</summary>
    public long NoAck;

    /// <summary>APS acknowledgements sent and received.</summary>
    public long AcksSent;

    public long AcksReceived;

    /// <summary>Acknowledgements that matched nothing awaiting one (late, or for a transfer already given up).</summary>
    public long UnmatchedAcks;

    /// <summary>Indications delivered to endpoints (one per endpoint).</summary>
    public long Indications;

    /// <summary>Frames the duplicate rejection table refused.</summary>
    public long DuplicatesRejected;

    /// <summary>Frames that did not decode as APS frames.</summary>
    public long MalformedDropped;

    /// <summary>Secured APS frames, which need APS security to be read.</summary>
    public long SecuredDropped;

    /// <summary>Frames for an endpoint that is not active here, or for a group with no member endpoint here.</summary>
    public long NoEndpointDropped;

    /// <summary>APS command frames received (their meaning comes with APS security).</summary>
    public long CommandsReceived;

    /// <summary>Fragmented transfers started, completed (sender: every block acknowledged) and given up.</summary>
    public long FragmentedTransfersSent;

    public long FragmentedTransfersCompleted;

    /// <summary>Fragmented transfers reassembled and delivered whole.</summary>
    public long Reassembled;

    /// <summary>Partial transfers dropped after the reassembly timeout, or refused (too large, inconsistent blocks, no room).</summary>
    public long ReassemblyTimeouts;

    public long ReassemblyRefused;
}
