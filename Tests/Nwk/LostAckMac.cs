using ZigBee.Mac.Frames;
using ZigBee.Mac.Pib;
using ZigBee.Mac.Service;

namespace ZigBee.Tests.Nwk;

/// <summary>
/// A real MAC whose next confirms say NO_ACK although the frame was sent and acknowledged: what the NWK layer sees
/// when every ACK of a frame that did arrive was lost on the way back.
/// </summary>
internal sealed class LostAckMac(MacService inner) : IMacService
{
    /// <summary>Acknowledged unicast data requests still to be confirmed NO_ACK.</summary>
    public int DataAcksToLose { get; set; }

    /// <summary>Association responses still to be confirmed NO_ACK.</summary>
    public int AssociateAcksToLose { get; set; }

    public ulong ExtendedAddress => inner.ExtendedAddress;

    public MacCounters Counters => inner.Counters;

    public ValueTask<McpsDataConfirm> DataRequestAsync(in McpsDataRequest request)
    {
        var sent = inner.DataRequestAsync(request);
        if (DataAcksToLose == 0 || (request.TxOptions & MacTxOptions.Acknowledged) == 0 || request.DstAddr.Mode != MacAddressingMode.Short)
        {
            return sent;
        }

        DataAcksToLose--;
        return LoseAckAsync(sent);
    }

    private static async ValueTask<McpsDataConfirm> LoseAckAsync(ValueTask<McpsDataConfirm> sent)
    {
        var confirm = await sent;
        return confirm.Status == MacStatus.Success ? confirm with { Status = MacStatus.NoAck } : confirm;
    }

    public async Task<MacStatus> AssociateResponseAsync(MlmeAssociateResponse response)
    {
        var status = await inner.AssociateResponseAsync(response);
        if (AssociateAcksToLose > 0 && status == MacStatus.Success)
        {
            AssociateAcksToLose--;
            return MacStatus.NoAck;
        }

        return status;
    }

    public event McpsDataIndicationHandler? DataIndication { add => inner.DataIndication += value; remove => inner.DataIndication -= value; }

    public event MlmeAssociateIndicationHandler? AssociateIndication { add => inner.AssociateIndication += value; remove => inner.AssociateIndication -= value; }

    public event MlmeDisassociateIndicationHandler? DisassociateIndication { add => inner.DisassociateIndication += value; remove => inner.DisassociateIndication -= value; }

    public event MlmeBeaconNotifyHandler? BeaconNotify { add => inner.BeaconNotify += value; remove => inner.BeaconNotify -= value; }

    public event MlmeOrphanIndicationHandler? OrphanIndication { add => inner.OrphanIndication += value; remove => inner.OrphanIndication -= value; }

    public event MlmeCommStatusIndicationHandler? CommStatusIndication { add => inner.CommStatusIndication += value; remove => inner.CommStatusIndication -= value; }

    public event MlmePollIndicationHandler? PollIndication { add => inner.PollIndication += value; remove => inner.PollIndication -= value; }

    public Task<MlmeAssociateConfirm> AssociateRequestAsync(MlmeAssociateRequest request) => inner.AssociateRequestAsync(request);

    public Task<MlmeDisassociateConfirm> DisassociateRequestAsync(MlmeDisassociateRequest request) => inner.DisassociateRequestAsync(request);

    public Task<MacStatus> OrphanResponseAsync(MlmeOrphanResponse response) => inner.OrphanResponseAsync(response);

    public ValueTask<MlmeGetConfirm> GetRequestAsync(MacPibAttribute attribute) => inner.GetRequestAsync(attribute);

    public ValueTask<MlmeSetConfirm> SetRequestAsync(MacPibAttribute attribute, MacPibValue value) => inner.SetRequestAsync(attribute, value);

    public Task<MacStatus> ResetRequestAsync(bool setDefaultPib) => inner.ResetRequestAsync(setDefaultPib);

    public Task<MlmeScanConfirm> ScanRequestAsync(MlmeScanRequest request) => inner.ScanRequestAsync(request);

    public Task<MacStatus> StartRequestAsync(MlmeStartRequest request) => inner.StartRequestAsync(request);

    public Task<MacStatus> PollRequestAsync(MlmePollRequest request) => inner.PollRequestAsync(request);
}
