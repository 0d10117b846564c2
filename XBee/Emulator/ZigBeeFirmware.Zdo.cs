using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Zdo.Frames;

namespace ZigBee.XBee.Emulator;

// The module's own ZDO, and AO=3: the requests about endpoints go to the host instead.
public sealed partial class ZigBeeFirmware
{
    /// <summary>
    /// What the module's ZDO sees of its APS: everything, except with AO=3 the requests that describe endpoints
    /// (Simple_Desc_req, Active_EP_req, Match_Desc_req), which the firmware passes through to the host unanswered
    /// (ZigBee RF Modules guide, AO) so the host's application describes its own endpoints.
    /// </summary>
    private sealed class ModuleZdoAps : IApsDataService
    {
        private readonly ZigBeeFirmware _firmware;

        public ModuleZdoAps(ZigBeeFirmware firmware)
        {
            _firmware = firmware;
            firmware.Aps.DataIndication += OnIndication;
        }

        public event ApsdeDataIndicationHandler? DataIndication;

        public ushort NetworkAddress => _firmware.Aps.NetworkAddress;

        public ulong ExtendedAddress => _firmware.Aps.ExtendedAddress;

        public Task<ApsdeDataConfirm> DataRequestAsync(ApsdeDataRequest request, CancellationToken cancellationToken = default) =>
            _firmware.Aps.DataRequestAsync(request, cancellationToken);

        private void OnIndication(in ApsdeDataIndication indication)
        {
            if (_firmware._settings.ApiOptions == 3 && indication.DstEndpoint == ApsService.ZdoEndpoint
                && (ZdpClusterId)indication.ClusterId is ZdpClusterId.SimpleDescRequest or ZdpClusterId.ActiveEpRequest or ZdpClusterId.MatchDescRequest)
            {
                return;
            }

            DataIndication?.Invoke(indication);
        }
    }
}
