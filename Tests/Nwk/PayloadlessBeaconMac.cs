using ZigBee.Mac.Pib;
using ZigBee.Mac.Service;

namespace ZigBee.Tests.Nwk;

/// <summary>
/// A real MAC that hands beacons up as bare PAN descriptors, without their payload, as a radio whose firmware runs the
/// MAC does (an XBee with 802.15.4 firmware answers an active scan with descriptors only).
/// </summary>
internal sealed class PayloadlessBeaconMac : IMacService
{
    private readonly MacService _inner;
    private MlmeBeaconNotifyHandler? _beaconNotify;

    public PayloadlessBeaconMac(MacService inner)
    {
        _inner = inner;
        inner.BeaconNotify += OnInnerBeacon;
    }

    /// <summary>Beacons handed up, each without its payload.</summary>
    public int BeaconsStripped { get; private set; }

    public ulong ExtendedAddress => _inner.ExtendedAddress;

    public MacCounters Counters => _inner.Counters;

    private void OnInnerBeacon(in MlmeBeaconNotifyIndication indication, ReadOnlySpan<ushort> pendingShort, ReadOnlySpan<ulong> pendingExtended, ReadOnlySpan<byte> sdu)
    {
        BeaconsStripped++;
        _beaconNotify?.Invoke(indication, pendingShort, pendingExtended, ReadOnlySpan<byte>.Empty);
    }

    public ValueTask<McpsDataConfirm> DataRequestAsync(in McpsDataRequest request) => _inner.DataRequestAsync(request);

    public event MlmeBeaconNotifyHandler? BeaconNotify { add => _beaconNotify += value; remove => _beaconNotify -= value; }

    public event McpsDataIndicationHandler? DataIndication { add => _inner.DataIndication += value; remove => _inner.DataIndication -= value; }

    public event MlmeAssociateIndicationHandler? AssociateIndication { add => _inner.AssociateIndication += value; remove => _inner.AssociateIndication -= value; }

    public event MlmeDisassociateIndicationHandler? DisassociateIndication { add => _inner.DisassociateIndication += value; remove => _inner.DisassociateIndication -= value; }

    public event MlmeOrphanIndicationHandler? OrphanIndication { add => _inner.OrphanIndication += value; remove => _inner.OrphanIndication -= value; }

    public event MlmeCommStatusIndicationHandler? CommStatusIndication { add => _inner.CommStatusIndication += value; remove => _inner.CommStatusIndication -= value; }

    public event MlmePollIndicationHandler? PollIndication { add => _inner.PollIndication += value; remove => _inner.PollIndication -= value; }

    public Task<MlmeAssociateConfirm> AssociateRequestAsync(MlmeAssociateRequest request) => _inner.AssociateRequestAsync(request);

    public Task<MacStatus> AssociateResponseAsync(MlmeAssociateResponse response) => _inner.AssociateResponseAsync(response);

    public Task<MlmeDisassociateConfirm> DisassociateRequestAsync(MlmeDisassociateRequest request) => _inner.DisassociateRequestAsync(request);

    public Task<MacStatus> OrphanResponseAsync(MlmeOrphanResponse response) => _inner.OrphanResponseAsync(response);

    public ValueTask<MlmeGetConfirm> GetRequestAsync(MacPibAttribute attribute) => _inner.GetRequestAsync(attribute);

    public ValueTask<MlmeSetConfirm> SetRequestAsync(MacPibAttribute attribute, MacPibValue value) => _inner.SetRequestAsync(attribute, value);

    public Task<MacStatus> ResetRequestAsync(bool setDefaultPib) => _inner.ResetRequestAsync(setDefaultPib);

    public Task<MlmeScanConfirm> ScanRequestAsync(MlmeScanRequest request) => _inner.ScanRequestAsync(request);

    public Task<MacStatus> StartRequestAsync(MlmeStartRequest request) => _inner.StartRequestAsync(request);

    public Task<MacStatus> PollRequestAsync(MlmePollRequest request) => _inner.PollRequestAsync(request);
}
