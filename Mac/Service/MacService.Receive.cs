using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;

namespace ZigBee.Mac.Service;

// The receiver: decode, FCS, third-level filtering (§7.5.6.2), ACK, duplicate rejection, then dispatch.
// Bad bytes are counted and dropped; nothing here throws.
public sealed partial class MacService
{
    void IRadioHandler.OnReceive(ReadOnlySpan<byte> psdu, in RadioReceiveInfo info)
    {
        // A radio that checked the FCS spares the CRC over the frame; the frame is then decoded without it.
        var checkedFcs = info.FcsChecked && psdu.Length >= Fcs.Length;
        if (!MacFrame.TryDecode(checkedFcs ? psdu[..^Fcs.Length] : psdu, out var frame, hasFcs: !checkedFcs))
        {
            Counters.DecodeErrors++;
            return;
        }

        if (!checkedFcs && !frame.FcsValid)
        {
            Counters.FcsErrors++;
            return;
        }

        var header = frame.Header;
        var payload = frame.Payload(psdu);

        // An ED scan listens to energy only (§7.5.2.1.1).
        if (_scan is { Type: MacScanType.EnergyDetect })
        {
            Counters.FramesFiltered++;
            return;
        }

        if (Pib.MacPromiscuousMode)
        {
            // §7.5.6.5: every frame with a good FCS goes up as data, unacknowledged and unfiltered.
            Counters.FramesReceived++;
            DataIndication?.Invoke(Indication(header, info), payload);
            return;
        }

        if ((byte)header.FrameType > (byte)MacFrameType.Command || header.FrameControl.FrameVersion > MacFrameVersion.Ieee2006)
        {
            Counters.FramesFiltered++;
            return;
        }

        if (header.FrameControl.SecurityEnabled)
        {
            Counters.SecuredFramesDropped++;
            return;
        }

        switch (header.FrameType)
        {
            case MacFrameType.Acknowledgment:
                Counters.FramesReceived++;
                OnAcknowledgment(header.SequenceNumber, header.FrameControl.FramePending);
                return;
            case MacFrameType.Beacon:
                OnBeacon(header, payload, info);
                return;
        }

        var command = header.FrameType == MacFrameType.Command && payload.Length > 0 ? (MacCommandId)payload[0] : (MacCommandId)0;

        // Scans take beacons only, and an orphan scan its coordinator realignment (§7.5.2.1).
        if (_scan is { } scan && !(scan.Type == MacScanType.Orphan && command == MacCommandId.CoordinatorRealignment))
        {
            Counters.FramesFiltered++;
            return;
        }

        if (!PassesAddressFilter(header))
        {
            Counters.FramesFiltered++;
            return;
        }

        Counters.FramesReceived++;
        var acknowledged = header.FrameControl.AckRequest && !header.Destination.IsBroadcast;
        if (acknowledged)
        {
            // The frame pending bit tells the truth: set exactly when a transaction waits for the requester.
            var pending = command == MacCommandId.DataRequest && _transactions.HasPendingFor(header.Source);
            ScheduleAcknowledgment(header.SequenceNumber, pending);
        }

        // Only an acknowledged frame comes again with its DSN (sent anew when its ACK was lost); a frame sent without an
        // ACK request is never repeated by the MAC, so its DSN matching the last one heard from that source is chance.
        if (acknowledged && header.Source.Mode is MacAddressingMode.Short or MacAddressingMode.Extended
            && _duplicates.IsDuplicate(header.Source, header.SequenceNumber))
        {
            Counters.DuplicatesDropped++;

            // A repeat of a frame already indicated still answers the pending bit that announced it.
            if (header.FrameType == MacFrameType.Data)
            {
                CompleteFrameWait(new FrameWaitResult(MacStatus.Success, ReceivedFrameKind.Data, default, 0));
            }

            return;
        }

        if (header.FrameType == MacFrameType.Data)
        {
            OnData(header, payload, info);
        }
        else
        {
            OnCommand(header, command, payload, info);
        }
    }

    private bool PassesAddressFilter(in MacHeader header)
    {
        var dst = header.Destination;
        switch (dst.Mode)
        {
            case MacAddressingMode.None:
                // Without a destination only the PAN coordinator of the source's PAN accepts a frame (§7.5.6.2).
                return IsPanCoordinator && header.SourcePanId == Pib.MacPanId;
            case MacAddressingMode.Short:
                if (dst.Short != MacAddress.BroadcastShort && dst.Short != Pib.MacShortAddress)
                {
                    return false;
                }

                break;
            case MacAddressingMode.Extended:
                if (dst.Extended != _radio.ExtendedAddress)
                {
                    return false;
                }

                break;
            default:
                return false;
        }

        return header.DestinationPanId == MacAddress.BroadcastPan || header.DestinationPanId == Pib.MacPanId;
    }

    private McpsDataIndication Indication(in MacHeader header, in RadioReceiveInfo info) =>
        new(header.SourcePanId, header.Source, header.DestinationPanId, header.Destination, info.Lqi, info.Rssi, header.SequenceNumber, _time.GetUtcNow());

    private void OnData(in MacHeader header, ReadOnlySpan<byte> payload, in RadioReceiveInfo info)
    {
        if (_frameWait is not null)
        {
            // The frame a pending bit announced; an empty one means "nothing after all" (§7.5.6.3, POLL NO_DATA).
            if (payload.Length == 0)
            {
                CompleteFrameWait(new FrameWaitResult(MacStatus.Success, ReceivedFrameKind.EmptyData, default, 0));
                return;
            }

            DataIndication?.Invoke(Indication(header, info), payload);
            CompleteFrameWait(new FrameWaitResult(MacStatus.Success, ReceivedFrameKind.Data, default, 0));
            return;
        }

        DataIndication?.Invoke(Indication(header, info), payload);
    }

    private void OnCommand(in MacHeader header, MacCommandId command, ReadOnlySpan<byte> payload, in RadioReceiveInfo info)
    {
        switch (command)
        {
            case MacCommandId.AssociationRequest:
                // Only a coordinator that permits association takes requests, from extended sources (§7.5.3.1).
                if (!_started || !Pib.MacAssociationPermit)
                {
                    return;
                }

                if (header.Source.Mode != MacAddressingMode.Extended || !AssociationRequestCommand.TryDecode(payload, out var request))
                {
                    Counters.DecodeErrors++;
                    return;
                }

                AssociateIndication?.Invoke(new MlmeAssociateIndication(header.Source.Extended, request.Capability, info.Lqi));
                return;
            case MacCommandId.AssociationResponse:
                if (!AssociationResponseCommand.TryDecode(payload, out var response) || header.Source.Mode != MacAddressingMode.Extended)
                {
                    Counters.DecodeErrors++;
                    return;
                }

                CompleteFrameWait(new FrameWaitResult(MacStatus.Success, ReceivedFrameKind.AssociationResponse, response, header.Source.Extended));
                return;
            case MacCommandId.DisassociationNotification:
                if (!DisassociationNotificationCommand.TryDecode(payload, out var notification) || header.Source.Mode != MacAddressingMode.Extended)
                {
                    Counters.DecodeErrors++;
                    return;
                }

                // From our own coordinator: we are out of its PAN (§7.5.3.2).
                if (Pib.MacCoordExtendedAddress != 0 && header.Source.Extended == Pib.MacCoordExtendedAddress)
                {
                    ClearAssociation();
                }

                CompleteFrameWait(new FrameWaitResult(MacStatus.Success, ReceivedFrameKind.Command, default, header.Source.Extended));
                DisassociateIndication?.Invoke(new MlmeDisassociateIndication(header.Source.Extended, notification.Reason));
                return;
            case MacCommandId.DataRequest:
                DeliverIndirect(header.Source);
                PollIndication?.Invoke(new MlmePollIndication(header.Source, info.Lqi));
                return;
            case MacCommandId.BeaconRequest:
                if (_started)
                {
                    SendBeacon();
                }

                return;
            case MacCommandId.OrphanNotification:
                if (_started && header.Source.Mode == MacAddressingMode.Extended)
                {
                    OrphanIndication?.Invoke(new MlmeOrphanIndication(header.Source.Extended));
                }

                return;
            case MacCommandId.CoordinatorRealignment:
                if (!CoordinatorRealignmentCommand.TryDecode(payload, out var realignment))
                {
                    Counters.DecodeErrors++;
                    return;
                }

                if (_scan is { Type: MacScanType.Orphan } orphanScan && header.Source.Mode == MacAddressingMode.Extended)
                {
                    orphanScan.OnRealignment(realignment, header.Source.Extended);
                }

                return;
            case MacCommandId.PanIdConflictNotification:
            case MacCommandId.GtsRequest:
                // PAN ID conflicts are resolved by the ZigBee NWK layer; GTS belongs to beacon-enabled PANs.
                return;
            default:
                Counters.DecodeErrors++;
                return;
        }
    }

    private void OnBeacon(in MacHeader header, ReadOnlySpan<byte> payload, in RadioReceiveInfo info)
    {
        var scanning = _scan is { Type: MacScanType.Active or MacScanType.Passive };
        if (_scan is not null && !scanning)
        {
            Counters.FramesFiltered++;
            return;
        }

        // Outside a scan only beacons of our own PAN count (§7.5.6.2).
        if (!scanning && Pib.MacPanId != MacAddress.BroadcastPan && header.SourcePanId != Pib.MacPanId)
        {
            Counters.FramesFiltered++;
            return;
        }

        if (header.Source.Mode is not (MacAddressingMode.Short or MacAddressingMode.Extended) || !Beacon.TryDecode(payload, out var beacon))
        {
            Counters.DecodeErrors++;
            return;
        }

        Counters.FramesReceived++;
        Counters.BeaconsReceived++;
        var descriptor = new PanDescriptor(
            header.Source, header.SourcePanId, _radio.Channel, 0, beacon.Superframe, beacon.GtsPermit, info.Lqi, _time.GetUtcNow());
        if (scanning)
        {
            _scan!.OnBeacon(descriptor, Pib.MacAutoRequest, _options.MaxPanDescriptors);
        }

        if (BeaconNotify is { } notify && (beacon.BeaconPayloadLength > 0 || !Pib.MacAutoRequest))
        {
            Span<ushort> shorts = stackalloc ushort[7];
            Span<ulong> extendeds = stackalloc ulong[7];
            for (var i = 0; i < beacon.PendingShortCount; i++)
            {
                shorts[i] = beacon.GetPendingShort(payload, i);
            }

            for (var i = 0; i < beacon.PendingExtendedCount; i++)
            {
                extendeds[i] = beacon.GetPendingExtended(payload, i);
            }

            notify(
                new MlmeBeaconNotifyIndication(header.SequenceNumber, descriptor),
                shorts[..beacon.PendingShortCount],
                extendeds[..beacon.PendingExtendedCount],
                beacon.BeaconPayload(payload));
        }
    }

    /// <summary>Answers a beacon request: a beacon after CSMA with the superframe spec, pending addresses and payload.</summary>
    private void SendBeacon()
    {
        Span<ushort> shorts = stackalloc ushort[7];
        Span<ulong> extendeds = stackalloc ulong[7];
        var (shortCount, extendedCount) = _transactions.CollectPendingAddresses(shorts, extendeds);
        var beaconPayload = Pib.MacBeaconPayload.Span;
        var source = OwnAddress();
        var headerLength = 3 + 2 + source.Length;

        // Pending addresses that would push the beacon past aMaxPHYPacketSize are left for the next beacon.
        while (headerLength + 4 + (2 * shortCount) + (8 * extendedCount) + beaconPayload.Length + Fcs.Length > Phy24GHz.MaxPhyPacketSize)
        {
            if (extendedCount > 0)
            {
                extendedCount--;
            }
            else
            {
                shortCount--;
            }
        }

        Span<byte> macPayload = stackalloc byte[Phy24GHz.MaxPhyPacketSize];
        var length = Beacon.Encode(
            SuperframeSpecification.NonBeacon(_panCoordinator, Pib.MacAssociationPermit),
            shorts[..shortCount], extendeds[..extendedCount], beaconPayload, macPayload);
        var tx = BuildFrame(MacFrameType.Beacon, 0, MacAddress.None, Pib.MacPanId, source, false, macPayload[..length]);
        tx.FireAndForget = true;
        Enqueue(tx);
    }
}
