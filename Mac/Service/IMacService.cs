using ZigBee.Mac.Pib;

namespace ZigBee.Mac.Service;

/// <summary>
/// The MAC sublayer's service access points (IEEE 802.15.4-2006 §7.1): MCPS-DATA and the MLME primitives a ZigBee
/// NWK layer uses in a non-beacon-enabled PAN. Requests complete with the spec's confirm; indications are events
/// raised on the node's loop. Implemented by the software <see cref="MacService"/> over an IRadio and by radios whose
/// firmware runs the MAC. Call everything on the node's loop.
/// </summary>
public interface IMacService
{
    /// <summary>aExtendedAddress of this device.</summary>
    ulong ExtendedAddress { get; }

    /// <summary>Statistics of this MAC, readable at any time.</summary>
    MacCounters Counters { get; }

    /// <summary>MCPS-DATA.request. Await the result exactly once (it is a pooled ValueTask).</summary>
    ValueTask<McpsDataConfirm> DataRequestAsync(in McpsDataRequest request);

    /// <summary>MCPS-DATA.indication.</summary>
    event McpsDataIndicationHandler? DataIndication;

    /// <summary>MLME-ASSOCIATE.request → MLME-ASSOCIATE.confirm.</summary>
    Task<MlmeAssociateConfirm> AssociateRequestAsync(MlmeAssociateRequest request);

    /// <summary>MLME-ASSOCIATE.indication (coordinator).</summary>
    event MlmeAssociateIndicationHandler? AssociateIndication;

    /// <summary>
    /// MLME-ASSOCIATE.response: queues the association response for indirect delivery. The outcome is raised as
    /// <see cref="CommStatusIndication"/>, and the task completes with the same status.
    /// </summary>
    Task<MacStatus> AssociateResponseAsync(MlmeAssociateResponse response);

    /// <summary>MLME-DISASSOCIATE.request → MLME-DISASSOCIATE.confirm.</summary>
    Task<MlmeDisassociateConfirm> DisassociateRequestAsync(MlmeDisassociateRequest request);

    /// <summary>MLME-DISASSOCIATE.indication.</summary>
    event MlmeDisassociateIndicationHandler? DisassociateIndication;

    /// <summary>MLME-BEACON-NOTIFY.indication.</summary>
    event MlmeBeaconNotifyHandler? BeaconNotify;

    /// <summary>MLME-ORPHAN.indication (coordinator).</summary>
    event MlmeOrphanIndicationHandler? OrphanIndication;

    /// <summary>MLME-ORPHAN.response; the outcome is raised as <see cref="CommStatusIndication"/> and returned.</summary>
    Task<MacStatus> OrphanResponseAsync(MlmeOrphanResponse response);

    /// <summary>MLME-COMM-STATUS.indication.</summary>
    event MlmeCommStatusIndicationHandler? CommStatusIndication;

    /// <summary>MLME-GET.request → MLME-GET.confirm.</summary>
    ValueTask<MlmeGetConfirm> GetRequestAsync(MacPibAttribute attribute);

    /// <summary>MLME-SET.request → MLME-SET.confirm.</summary>
    ValueTask<MlmeSetConfirm> SetRequestAsync(MacPibAttribute attribute, MacPibValue value);

    /// <summary>MLME-RESET.request → status (SUCCESS).</summary>
    Task<MacStatus> ResetRequestAsync(bool setDefaultPib);

    /// <summary>MLME-SCAN.request → MLME-SCAN.confirm.</summary>
    Task<MlmeScanConfirm> ScanRequestAsync(MlmeScanRequest request);

    /// <summary>MLME-START.request → MLME-START.confirm status.</summary>
    Task<MacStatus> StartRequestAsync(MlmeStartRequest request);

    /// <summary>MLME-POLL.request → MLME-POLL.confirm status (SUCCESS when data came and was indicated).</summary>
    Task<MacStatus> PollRequestAsync(MlmePollRequest request);

    /// <summary>
    /// MLME-POLL.indication (IEEE 802.15.4-2011 §6.2.14.3): a device polled this coordinator with a data request.
    /// A ZigBee parent counts it as the child's keepalive. MACs that cannot report polls never raise it.
    /// </summary>
    event MlmePollIndicationHandler? PollIndication
    {
        add { }
        remove { }
    }
}
