using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;
using ZigBee.Mac.Service;
using ZigBee.XBee.Frames;

namespace ZigBee.XBee.Mac;

// MLME-START, -ASSOCIATE, -DISASSOCIATE, -POLL and -RESET through the firmware's own procedures (CE, A1, A2, AI, DA,
// FP), and the MLME responses the firmware makes itself.
public sealed partial class XBeeMacService
{
    private MacAddress _coordinator;

    /// <summary>
    /// MLME-START as PAN coordinator: CE=1, ID, CH, A2 without reassignment (its allow bit kept, as macAssociationPermit),
    /// applied, then AI until 0. BeaconOrder/SuperframeOrder other than 15, realignment, page ≠ 0, a channel outside
    /// 11–26, PAN 0xFFFF → INVALID_PARAMETER; macShortAddress 0xFFFF → NO_SHORT_ADDRESS (§7.1.14.1.3); not PAN
    /// coordinator (a ZigBee router's start) → INVALID_PARAMETER: the firmware's coordinator always starts its own PAN.
    /// A module that cannot start (AI 0x08, 0x09) or takes too long → INVALID_PARAMETER.
    /// </summary>
    public async Task<MacStatus> StartRequestAsync(MlmeStartRequest request)
    {
        if (request.BeaconOrder != 15 || request.SuperframeOrder != 15 || request.CoordRealignment || request.ChannelPage != 0 || !request.PanCoordinator
            || request.LogicalChannel is < Phy24GHz.FirstChannel or > Phy24GHz.LastChannel || request.PanId == MacAddress.BroadcastPan)
        {
            return MacStatus.InvalidParameter;
        }

        if (_shortAddress == MacAddress.BroadcastShort)
        {
            return MacStatus.NoShortAddress;
        }

        var a2 = await ReadAsync(AtCommandName.A2) & Ieee802154Commands.A2AllowAssociation;
        var status = await ApplyAsync(
            (AtCommandName.CE, 1, 1),
            (AtCommandName.ID, request.PanId, 2),
            (AtCommandName.CH, request.LogicalChannel, 1),
            (AtCommandName.A2, a2, 1));
        if (status != MacStatus.Success)
        {
            return status;
        }

        _panId = request.PanId;
        var outcome = await WaitForAssociationIndicationAsync();
        return outcome == AssociationIndication.Success ? MacStatus.Success : MacStatus.InvalidParameter;
    }

    /// <summary>
    /// MLME-ASSOCIATE through the module's own association: CE=0, ID and CH of the coordinator, A1 auto-associate without
    /// reassignment, applied, then AI until 0 (AssocShortAddress is MY then) or a failure. The module picks the coordinator
    /// of that PAN and channel it hears best and makes its own capability information (end device; receiver on unless
    /// SM sleeps), so <see cref="MlmeAssociateRequest.CoordAddress"/> and the capability are not passed on. AI maps: no
    /// PANs (0x01, 0x02) or none of this PAN or channel (0x05, 0x06) → NO_BEACON; not permitting (0x03) → PAN_ACCESS_DENIED;
    /// no reply (0x0C) or no outcome in time → NO_DATA; 0x0D → INVALID_PARAMETER; 0x0E → CHANNEL_ACCESS_FAILURE. On
    /// failure auto-association is switched off again, so the module stops retrying by itself.
    /// </summary>
    public async Task<MlmeAssociateConfirm> AssociateRequestAsync(MlmeAssociateRequest request)
    {
        var coordinator = request.CoordAddress;
        if (request.LogicalChannel is < Phy24GHz.FirstChannel or > Phy24GHz.LastChannel || request.ChannelPage != 0
            || coordinator.Mode is not (MacAddressingMode.Short or MacAddressingMode.Extended) || request.CoordPanId == MacAddress.BroadcastPan)
        {
            return new MlmeAssociateConfirm(MacAddress.BroadcastShort, MacStatus.InvalidParameter);
        }

        var status = await ApplyAsync(
            (AtCommandName.CE, 0, 1),
            (AtCommandName.ID, request.CoordPanId, 2),
            (AtCommandName.CH, request.LogicalChannel, 1),
            (AtCommandName.A1, Ieee802154Commands.A1AutoAssociate, 1));
        if (status != MacStatus.Success)
        {
            return new MlmeAssociateConfirm(MacAddress.BroadcastShort, status);
        }

        _panId = request.CoordPanId;
        var outcome = await WaitForAssociationIndicationAsync();
        if (outcome == AssociationIndication.Success)
        {
            _shortAddress = (ushort)await ReadAsync(AtCommandName.MY);
            _coordinator = coordinator;
            return new MlmeAssociateConfirm(_shortAddress, MacStatus.Success);
        }

        await WriteAsync(AtCommandName.A1, 0, 1);
        return new MlmeAssociateConfirm(MacAddress.BroadcastShort, outcome switch
        {
            AssociationIndication.ActiveScanTimeout or AssociationIndication.NoPansFound or AssociationIndication.PanIdMismatch
                or AssociationIndication.ChannelMismatch => MacStatus.NoBeacon,
            AssociationIndication.AssociationNotPermitted => MacStatus.PanAccessDenied,
            AssociationIndication.AssociationRequestInvalidParameter => MacStatus.InvalidParameter,
            AssociationIndication.AssociationRequestChannelAccessFailure => MacStatus.ChannelAccessFailure,
            _ => MacStatus.NoData,
        });
    }

    /// <summary>
    /// MLME-DISASSOCIATE of this device from its coordinator: DA (the module sends the notification), AI until 0x13, then
    /// auto-association off so it does not associate again. A coordinator sending a device away → INVALID_PARAMETER: the
    /// firmware has no command for it. The status of the notification's own transmission is not reported: SUCCESS once
    /// AI says disassociated (the device is out either way, §7.5.3.2).
    /// </summary>
    public async Task<MlmeDisassociateConfirm> DisassociateRequestAsync(MlmeDisassociateRequest request)
    {
        if (request.DeviceAddress != _coordinator || _coordinator.Mode == MacAddressingMode.None || request.DevicePanId != _panId)
        {
            return new MlmeDisassociateConfirm(MacStatus.InvalidParameter, request.DeviceAddress, request.DevicePanId);
        }

        var response = await _link.AtCommandAsync(Ieee802154Commands.DA);
        if (!response.IsOk)
        {
            return new MlmeDisassociateConfirm(FromAtStatus(response.Status), request.DeviceAddress, request.DevicePanId);
        }

        var outcome = await WaitForAssociationIndicationAsync(until: AssociationIndication.Disassociated);
        await WriteAsync(AtCommandName.A1, 0, 1);
        _coordinator = MacAddress.None;
        return new MlmeDisassociateConfirm(outcome == AssociationIndication.Disassociated ? MacStatus.Success : MacStatus.NoAck,
            request.DeviceAddress, request.DevicePanId);
    }

    /// <summary>
    /// MLME-POLL: FP. The module reports neither what came nor whether the coordinator answered: pending data arrives as
    /// RX frames (data indications), and the confirm is NO_DATA once the module took FP (never SUCCESS, which would have a
    /// NWK layer poll again at once); FP refused → its status.
    /// </summary>
    public async Task<MacStatus> PollRequestAsync(MlmePollRequest request)
    {
        if (request.CoordAddress.Mode is not (MacAddressingMode.Short or MacAddressingMode.Extended))
        {
            return MacStatus.InvalidParameter;
        }

        var response = await _link.AtCommandAsync(Ieee802154Commands.FP);
        return response.IsOk ? MacStatus.NoData : FromAtStatus(response.Status);
    }

    /// <summary>
    /// MLME-RESET: CE=0 and A1=0 (no coordinator, no association), applied; with <paramref name="setDefaultPib"/> also
    /// macPANId and macShortAddress back to 0xFFFF (ID, MY) and the association permit off (A2=0). SUCCESS.
    /// </summary>
    public async Task<MacStatus> ResetRequestAsync(bool setDefaultPib)
    {
        var status = setDefaultPib
            ? await ApplyAsync((AtCommandName.CE, 0, 1), (AtCommandName.A1, 0, 1), (AtCommandName.A2, 0, 1),
                (AtCommandName.ID, MacAddress.BroadcastPan, 2), (AtCommandName.MY, MacAddress.BroadcastShort, 2))
            : await ApplyAsync((AtCommandName.CE, 0, 1), (AtCommandName.A1, 0, 1));
        if (status == MacStatus.Success && setDefaultPib)
        {
            _panId = MacAddress.BroadcastPan;
            _shortAddress = MacAddress.BroadcastShort;
        }

        _coordinator = MacAddress.None;
        return status;
    }

    /// <summary>
    /// MLME-ASSOCIATE.response: the firmware answers association requests itself (A2 bit 2) and never indicates them,
    /// so there is no request to answer → INVALID_PARAMETER, also raised as MLME-COMM-STATUS.indication.
    /// </summary>
    public Task<MacStatus> AssociateResponseAsync(MlmeAssociateResponse response)
    {
        CommStatusIndication?.Invoke(new MlmeCommStatusIndication(_panId, MacAddress.FromExtended(ExtendedAddress),
            MacAddress.FromExtended(response.DeviceAddress), MacStatus.InvalidParameter));
        return Task.FromResult(MacStatus.InvalidParameter);
    }

    /// <summary>MLME-ORPHAN.response: no coordinator realignment through this firmware → INVALID_PARAMETER, raised as COMM-STATUS too.</summary>
    public Task<MacStatus> OrphanResponseAsync(MlmeOrphanResponse response)
    {
        CommStatusIndication?.Invoke(new MlmeCommStatusIndication(_panId, MacAddress.FromExtended(ExtendedAddress),
            MacAddress.FromExtended(response.OrphanAddress), MacStatus.InvalidParameter));
        return Task.FromResult(MacStatus.InvalidParameter);
    }

    /// <summary>Queued parameters (0x09) then AC, so the module applies them together; the first refusal's status.</summary>
    private async Task<MacStatus> ApplyAsync(params (AtCommandName Command, ulong Value, int Bytes)[] settings)
    {
        foreach (var (command, value, bytes) in settings)
        {
            var status = await WriteAsync(command, value, bytes, queued: true);
            if (status != MacStatus.Success)
            {
                return status;
            }
        }

        return FromAtStatus((await _link.AtCommandAsync(AtCommandName.AC)).Status);
    }

    /// <summary>AI until the module has an outcome (not 0xFF), <paramref name="until"/> when given, or the timeout (then InProgress).</summary>
    private async Task<AssociationIndication> WaitForAssociationIndicationAsync(AssociationIndication? until = null)
    {
        var deadline = _time.GetUtcNow() + Options.AssociationTimeout;
        while (true)
        {
            var indication = (AssociationIndication)await ReadAsync(AtCommandName.AI);
            if (until is { } wanted ? indication == wanted : indication != AssociationIndication.InProgress)
            {
                return indication;
            }

            if (_time.GetUtcNow() >= deadline)
            {
                return AssociationIndication.InProgress;
            }

            await Task.Delay(Options.AssociationPollInterval, _time);
        }
    }
}
