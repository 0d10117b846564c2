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

    /// <summary>Secured APS frames dropped unread (kept for compatibility; refusals are counted by reason below).</summary>
    public long SecuredDropped;

    /// <summary>Secured APS frames refused: MIC check failed (wrong key or tampered), counter not fresh (replay), no key for the sender.</summary>
    public long RefusedMic;

    public long RefusedReplay;

    public long RefusedNoKey;

    /// <summary>APS commands that arrived without the APS security they need (§4.4.1.2).</summary>
    public long RefusedUnsecured;

    /// <summary>Every refusal by APS security.</summary>
    public long RefusedSecurity => RefusedMic + RefusedReplay + RefusedNoKey + RefusedUnsecured;

    /// <summary>Frames secured and unsecured (checked and decrypted) with link keys; frames not secured for lack of a counter.</summary>
    public long FramesSecured;

    public long FramesUnsecured;

    public long SecuringFailed;

    /// <summary>APS command frames handed to NWK, and commands received that asked for nothing this device does.</summary>
    public long CommandsSent;

    public long CommandsIgnored;

    /// <summary>Transport keys sent (trust center) and accepted (devices).</summary>
    public long TransportKeysSent;

    public long TransportKeysReceived;

    /// <summary>Router side: update devices sent, tunnelled frames relayed to children, remove devices received.</summary>
    public long UpdateDevicesSent;

    public long TunnelsRelayed;

    public long RemoveDevicesReceived;

    /// <summary>Trust-center side: devices its policy refused, remove devices sent, verify keys whose hash did not match.</summary>
    public long DevicesRefused;

    public long RemoveDevicesSent;

    public long VerifyKeyFailed;

    /// <summary>Frames for an endpoint that is not active here, or for a group with no member endpoint here.</summary>
    public long NoEndpointDropped;

    /// <summary>APS command frames received (after APS security, when secured).</summary>
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
