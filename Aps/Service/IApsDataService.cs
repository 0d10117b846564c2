using ZigBee.Aps.Service.Primitives;

namespace ZigBee.Aps.Service;

/// <summary>
/// The APS data service as ZDO, ZCL and applications see it: our own APS over our NWK, or a dongle
/// that runs its own ZigBee stack. Requests complete with the spec's confirm; indications arrive as events.
/// </summary>
public interface IApsDataService
{
    /// <summary>This device's network address (0xFFFF until it has joined).</summary>
    ushort NetworkAddress { get; }

    /// <summary>This device's IEEE address.</summary>
    ulong ExtendedAddress { get; }

    /// <summary>APSDE-DATA.request (§2.2.4.1.1); completes with the confirm (for acknowledged frames: when the ACK arrives or retries run out).</summary>
    Task<ApsdeDataConfirm> DataRequestAsync(ApsdeDataRequest request, CancellationToken cancellationToken = default);

    /// <summary>APSDE-DATA.indication (§2.2.4.1.3), once per frame per destination endpoint.</summary>
    event ApsdeDataIndicationHandler? DataIndication;
}
