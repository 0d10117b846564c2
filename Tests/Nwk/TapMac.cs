using ZigBee.Mac.Frames;
using ZigBee.Mac.Pib;
using ZigBee.Mac.Service;

namespace ZigBee.Tests.Nwk;

/// <summary>
/// A real MAC with a tap for the NWK layer above it: it keeps a copy of every MSDU handed down (<see cref="Sent"/>) and
/// every data indication passed up (<see cref="Heard"/>), and can pass up bytes that never crossed the air
/// (<see cref="Inject"/>) — what an attacker within range, or a replaying one, makes a NWK layer see.
/// </summary>
internal sealed class TapMac : IMacService, IMcpsDataDirect
{
    private readonly MacService _inner;
    private McpsDataIndicationHandler? _dataIndication;

    public TapMac(MacService inner)
    {
        _inner = inner;
        inner.DataIndication += OnInnerData;
    }

    /// <summary>Whether <see cref="Sent"/> and <see cref="Heard"/> are kept (off, the tap allocates nothing).</summary>
    public bool Recording { get; set; } = true;

    public List<byte[]> Sent { get; } = [];

    public List<(McpsDataIndication Indication, byte[] Msdu)> Heard { get; } = [];

    public ulong ExtendedAddress => _inner.ExtendedAddress;

    public MacCounters Counters => _inner.Counters;

    /// <summary>Passes <paramref name="msdu"/> up as if the MAC had received it with <paramref name="indication"/>.</summary>
    public void Inject(in McpsDataIndication indication, ReadOnlySpan<byte> msdu) => _dataIndication?.Invoke(indication, msdu);

    private void OnInnerData(in McpsDataIndication indication, ReadOnlySpan<byte> msdu)
    {
        if (Recording)
        {
            Heard.Add((indication, msdu.ToArray()));
        }

        _dataIndication?.Invoke(indication, msdu);
    }

    public ValueTask<McpsDataConfirm> DataRequestAsync(in McpsDataRequest request)
    {
        Keep(request);
        return _inner.DataRequestAsync(request);
    }

    public void DataRequest(in McpsDataRequest request, IMcpsDataConfirmReceiver receiver)
    {
        Keep(request);
        _inner.DataRequest(request, receiver);
    }

    private void Keep(in McpsDataRequest request)
    {
        if (Recording)
        {
            Sent.Add(request.Msdu.ToArray());
        }
    }

    public Task<MacStatus> AssociateResponseAsync(MlmeAssociateResponse response) => _inner.AssociateResponseAsync(response);

    public event McpsDataIndicationHandler? DataIndication { add => _dataIndication += value; remove => _dataIndication -= value; }

    public event MlmeAssociateIndicationHandler? AssociateIndication { add => _inner.AssociateIndication += value; remove => _inner.AssociateIndication -= value; }

    public event MlmeDisassociateIndicationHandler? DisassociateIndication { add => _inner.DisassociateIndication += value; remove => _inner.DisassociateIndication -= value; }

    public event MlmeBeaconNotifyHandler? BeaconNotify { add => _inner.BeaconNotify += value; remove => _inner.BeaconNotify -= value; }

    public event MlmeOrphanIndicationHandler? OrphanIndication { add => _inner.OrphanIndication += value; remove => _inner.OrphanIndication -= value; }

    public event MlmeCommStatusIndicationHandler? CommStatusIndication { add => _inner.CommStatusIndication += value; remove => _inner.CommStatusIndication -= value; }

    public event MlmePollIndicationHandler? PollIndication { add => _inner.PollIndication += value; remove => _inner.PollIndication -= value; }

    public Task<MlmeAssociateConfirm> AssociateRequestAsync(MlmeAssociateRequest request) => _inner.AssociateRequestAsync(request);

    public Task<MlmeDisassociateConfirm> DisassociateRequestAsync(MlmeDisassociateRequest request) => _inner.DisassociateRequestAsync(request);

    public Task<MacStatus> OrphanResponseAsync(MlmeOrphanResponse response) => _inner.OrphanResponseAsync(response);

    public ValueTask<MlmeGetConfirm> GetRequestAsync(MacPibAttribute attribute) => _inner.GetRequestAsync(attribute);

    public ValueTask<MlmeSetConfirm> SetRequestAsync(MacPibAttribute attribute, MacPibValue value) => _inner.SetRequestAsync(attribute, value);

    public Task<MacStatus> ResetRequestAsync(bool setDefaultPib) => _inner.ResetRequestAsync(setDefaultPib);

    public Task<MlmeScanConfirm> ScanRequestAsync(MlmeScanRequest request) => _inner.ScanRequestAsync(request);

    public Task<MacStatus> StartRequestAsync(MlmeStartRequest request) => _inner.StartRequestAsync(request);

    public Task<MacStatus> PollRequestAsync(MlmePollRequest request) => _inner.PollRequestAsync(request);
}
