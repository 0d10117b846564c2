using Microsoft.Extensions.Logging;
using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;

namespace ZigBee.Mac.Service;

// Association (§7.5.3.1), disassociation (§7.5.3.2) and orphan realignment (§7.5.2.1.4) procedures.
public sealed partial class MacService
{
    /// <summary>
    /// MLME-ASSOCIATE (§7.5.3.1): association request (acknowledged), macResponseWaitTime, a data request, and the
    /// association response delivered indirectly. On success macShortAddress, macPANId and the coordinator's
    /// addresses are set; on failure they are cleared again.
    /// </summary>
    public async Task<MlmeAssociateConfirm> AssociateRequestAsync(MlmeAssociateRequest request)
    {
        var coord = request.CoordAddress;
        if (request.LogicalChannel is < Phy24GHz.FirstChannel or > Phy24GHz.LastChannel || request.ChannelPage != 0
            || coord.Mode is not (MacAddressingMode.Short or MacAddressingMode.Extended) || request.CoordPanId == MacAddress.BroadcastPan)
        {
            return new MlmeAssociateConfirm(MacAddress.BroadcastShort, MacStatus.InvalidParameter);
        }

        if (_scan is not null)
        {
            return new MlmeAssociateConfirm(MacAddress.BroadcastShort, MacStatus.ScanInProgress);
        }

        Pib.PhyCurrentChannel = request.LogicalChannel;
        Pib.MacPanId = request.CoordPanId;
        if (coord.Mode == MacAddressingMode.Short)
        {
            Pib.MacCoordShortAddress = coord.Short;
        }
        else
        {
            Pib.MacCoordExtendedAddress = coord.Extended;
        }

        var self = MacAddress.FromExtended(_radio.ExtendedAddress);
        Span<byte> command = stackalloc byte[2];
        new AssociationRequestCommand(request.CapabilityInformation).Encode(command);

        // The source PAN of an association request is the broadcast PAN: the device belongs to none yet.
        var tx = BuildFrame(MacFrameType.Command, request.CoordPanId, coord, MacAddress.BroadcastPan, self, true, command);
        Enqueue(tx);
        var sent = await tx.AsOutcome();
        if (sent.Status != MacStatus.Success)
        {
            ClearAssociation();
            return new MlmeAssociateConfirm(MacAddress.BroadcastShort, sent.Status);
        }

        await DelayAsync(Pib.ResponseWaitTime);
        var result = await ExtractPendingAsync(request.CoordPanId, coord, self);
        if (result.Status != MacStatus.Success || result.Kind != ReceivedFrameKind.AssociationResponse)
        {
            ClearAssociation();
            return new MlmeAssociateConfirm(MacAddress.BroadcastShort, result.Status != MacStatus.Success ? result.Status : MacStatus.NoData);
        }

        var response = result.Response;
        if (response.Status != AssociationStatus.Successful)
        {
            ClearAssociation();
            return new MlmeAssociateConfirm(MacAddress.BroadcastShort, (MacStatus)(byte)response.Status);
        }

        Pib.MacShortAddress = response.ShortAddress;
        Pib.MacCoordExtendedAddress = result.Source;
        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("Associated to PAN 0x{PanId:x4} as 0x{ShortAddress:x4}", Pib.MacPanId, response.ShortAddress);
        }

        return new MlmeAssociateConfirm(response.ShortAddress, MacStatus.Success);
    }

    /// <summary>
    /// MLME-ASSOCIATE.response (§7.5.3.1): queues the association response for the device's data request. The
    /// outcome (SUCCESS, NO_ACK, CHANNEL_ACCESS_FAILURE, TRANSACTION_EXPIRED, TRANSACTION_OVERFLOW) is raised as
    /// MLME-COMM-STATUS.indication and returned.
    /// </summary>
    public async Task<MacStatus> AssociateResponseAsync(MlmeAssociateResponse response)
    {
        if (response.Status is not (MacStatus.Success or MacStatus.PanAtCapacity or MacStatus.PanAccessDenied))
        {
            return MacStatus.InvalidParameter;
        }

        var device = MacAddress.FromExtended(response.DeviceAddress);
        var self = MacAddress.FromExtended(_radio.ExtendedAddress);
        var panId = Pib.MacPanId;
        Span<byte> command = stackalloc byte[4];
        new AssociationResponseCommand(response.AssocShortAddress, (AssociationStatus)(byte)response.Status).Encode(command);
        var tx = BuildFrame(MacFrameType.Command, panId, device, panId, self, true, command);
        var status = TryQueueIndirect(tx) ? (await tx.AsOutcome()).Status : MacStatus.TransactionOverflow;
        CommStatusIndication?.Invoke(new MlmeCommStatusIndication(panId, self, device, status));
        return status;
    }

    /// <summary>
    /// MLME-DISASSOCIATE (§7.5.3.2). Naming the coordinator leaves the PAN (the device is out even without an ACK);
    /// naming a device sends it away, indirectly when <see cref="MlmeDisassociateRequest.TxIndirect"/>.
    /// </summary>
    public async Task<MlmeDisassociateConfirm> DisassociateRequestAsync(MlmeDisassociateRequest request)
    {
        var device = request.DeviceAddress;
        if (device.Mode is not (MacAddressingMode.Short or MacAddressingMode.Extended) || request.DevicePanId != Pib.MacPanId)
        {
            return new MlmeDisassociateConfirm(MacStatus.InvalidParameter, device, request.DevicePanId);
        }

        var toCoordinator = device.Mode == MacAddressingMode.Extended
            ? Pib.MacCoordExtendedAddress != 0 && device.Extended == Pib.MacCoordExtendedAddress
            : Pib.MacCoordShortAddress < MacAddress.NoShortAddress && device.Short == Pib.MacCoordShortAddress;
        Span<byte> command = stackalloc byte[2];
        new DisassociationNotificationCommand(request.DisassociateReason).Encode(command);
        var self = MacAddress.FromExtended(_radio.ExtendedAddress);
        var tx = BuildFrame(MacFrameType.Command, request.DevicePanId, device, Pib.MacPanId, self, true, command);
        MacStatus status;
        if (!toCoordinator && request.TxIndirect)
        {
            status = TryQueueIndirect(tx) ? (await tx.AsOutcome()).Status : MacStatus.TransactionOverflow;
        }
        else
        {
            Enqueue(tx);
            status = (await tx.AsOutcome()).Status;
        }

        if (toCoordinator)
        {
            ClearAssociation();
        }

        return new MlmeDisassociateConfirm(status, device, request.DevicePanId);
    }

    /// <summary>
    /// MLME-ORPHAN.response (§7.5.2.1.4): for an associated member, a coordinator realignment to the orphan with
    /// its short address; the outcome is raised as MLME-COMM-STATUS.indication and returned. For a stranger
    /// nothing is sent and SUCCESS is returned.
    /// </summary>
    public async Task<MacStatus> OrphanResponseAsync(MlmeOrphanResponse response)
    {
        if (!response.AssociatedMember)
        {
            return MacStatus.Success;
        }

        if (!_started)
        {
            return MacStatus.InvalidParameter;
        }

        var orphan = MacAddress.FromExtended(response.OrphanAddress);
        var self = MacAddress.FromExtended(_radio.ExtendedAddress);
        Span<byte> command = stackalloc byte[8];
        new CoordinatorRealignmentCommand(Pib.MacPanId, Pib.MacShortAddress, _radio.Channel, response.ShortAddress).Encode(command);

        // Sent to the orphan on the broadcast PAN, from us on ours (§7.3.8).
        var tx = BuildFrame(MacFrameType.Command, MacAddress.BroadcastPan, orphan, Pib.MacPanId, self, true, command);
        Enqueue(tx);
        var status = (await tx.AsOutcome()).Status;
        CommStatusIndication?.Invoke(new MlmeCommStatusIndication(Pib.MacPanId, self, orphan, status));
        return status;
    }
}
