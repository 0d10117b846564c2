using ZigBee.Mac.Frames;
using ZigBee.Mac.Service;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Mac;

namespace ZigBee.XBee.Emulator;

// The firmware's own association (90000982, "A1", "A2", "AI", "DA", "FP"): a coordinator (CE=1) starts a PAN and
// answers association requests itself; an end device (CE=0, A1 bit 2) scans and associates until it succeeds.
public sealed partial class Ieee802154Firmware
{
    private static readonly TimeSpan MacBusyWait = TimeSpan.FromMilliseconds(20);
    private const int MacBusyRetries = 100;
    private ulong _coordinatorExtended;

    /// <summary>
    /// CE=1: the quietest SC channel when A2 lets it reassign the channel, a PAN ID no neighbour uses when A2 lets it
    /// reassign that, then MLME-START as PAN coordinator; AI 0 and modem status "coordinator started" on success.
    /// </summary>
    private async Task StartCoordinatorAsync(long generation)
    {
        var options = _settings.CoordinatorAssociation;
        var duration = Math.Min(_settings.ScanDuration, (byte)14);
        var channel = _settings.Channel;
        if ((options & Ieee802154Commands.A2ReassignChannel) != 0)
        {
            var energy = await ScanWhenFreeAsync(new MlmeScanRequest(MacScanType.EnergyDetect, _settings.ChannelMask, duration));
            if (generation != _generation)
            {
                return;
            }

            channel = Quietest(_settings.ChannelMask, energy.EnergyDetectList) ?? channel;
        }

        var panId = _settings.PanId;
        if ((options & Ieee802154Commands.A2ReassignPanId) != 0)
        {
            var active = await ScanWhenFreeAsync(new MlmeScanRequest(MacScanType.Active, 1u << channel, duration));
            if (generation != _generation)
            {
                return;
            }

            var random = new Random(unchecked((int)ExtendedAddress));
            while (active.PanDescriptorList.Any(d => d.CoordPanId == panId) || panId == MacAddress.BroadcastPan)
            {
                panId = (ushort)random.Next(0, 0xFFFF);
            }
        }

        // The module keeps what it chose, as the guide says ID (and CH) change.
        _settings = _settings with { Channel = channel, PanId = panId };
        _applied = _settings;
        ConfigureMac();
        var status = await _mac.StartRequestAsync(new MlmeStartRequest(panId, channel, PanCoordinator: true));
        for (var attempt = 0; status == MacStatus.ScanInProgress && attempt < MacBusyRetries && generation == _generation; attempt++)
        {
            await Task.Delay(MacBusyWait, Scheduler.Time);
            status = await _mac.StartRequestAsync(new MlmeStartRequest(panId, channel, PanCoordinator: true));
        }

        if (generation != _generation)
        {
            return;
        }

        AssociationIndication = status switch
        {
            MacStatus.Success => AssociationIndication.Success,
            MacStatus.InvalidParameter or MacStatus.NoShortAddress => AssociationIndication.CoordinatorInvalidParameter,
            _ => AssociationIndication.CoordinatorStartFailed,
        };
        if (status == MacStatus.Success)
        {
            SendModemStatus(ModemStatus.CoordinatorStarted);
        }
    }

    private static byte? Quietest(uint mask, IReadOnlyList<byte> energies)
    {
        byte? best = null;
        var bestLevel = int.MaxValue;
        var index = 0;
        for (byte channel = 11; channel <= 26 && index < energies.Count; channel++)
        {
            if ((mask & (1u << channel)) == 0)
            {
                continue;
            }

            if (energies[index] < bestLevel)
            {
                bestLevel = energies[index];
                best = channel;
            }

            index++;
        }

        return best;
    }

    /// <summary>
    /// The coordinator answers association requests itself while A2 allows them: SUCCESS, short address 0xFFFE (the
    /// device goes by its 64-bit address, as XBee 802.15.4 networks do unless MY is set). The host never hears of it.
    /// </summary>
    private void OnAssociateIndication(in MlmeAssociateIndication indication)
    {
        var allowed = _settings.CoordinatorEnable && (_settings.CoordinatorAssociation & Ieee802154Commands.A2AllowAssociation) != 0;
        Observe(_mac.AssociateResponseAsync(new MlmeAssociateResponse(indication.DeviceAddress,
            allowed ? MacAddress.NoShortAddress : MacAddress.BroadcastShort, allowed ? MacStatus.Success : MacStatus.PanAccessDenied)));
    }

    /// <summary>
    /// CE=0 with A1 bit 2: active scan (of SC when A1 lets it change channel, else of CH alone), the best-heard coordinator
    /// of a matching PAN that permits association, MLME-ASSOCIATE; on failure AI tells why and it tries again. On success
    /// MY takes the short address the coordinator gave, ID and CH those of the PAN, and modem status "associated" goes out.
    /// </summary>
    private async Task AssociateAsync(long generation)
    {
        while (generation == _generation && !_disposed)
        {
            AssociationIndication = AssociationIndication.InProgress;
            var options = _settings.EndDeviceAssociation;
            var channels = (options & Ieee802154Commands.A1ReassignChannel) != 0 ? _settings.ChannelMask : 1u << _settings.Channel;
            var scan = await ScanWhenFreeAsync(new MlmeScanRequest(MacScanType.Active, channels, Math.Min(_settings.ScanDuration, (byte)14)));
            if (generation != _generation)
            {
                return;
            }

            var (candidate, indication) = Choose(scan.PanDescriptorList, options);
            if (candidate is { } pan)
            {
                var capability = CapabilityInformation.Create(fullFunctionDevice: false, mainsPowered: true, receiverOnWhenIdle: _settings.SleepMode == 0);
                var confirm = await _mac.AssociateRequestAsync(new MlmeAssociateRequest(pan.LogicalChannel, pan.CoordPanId, pan.CoordAddress, capability));
                if (generation != _generation)
                {
                    return;
                }

                if (confirm.Status == MacStatus.Success)
                {
                    _settings = _settings with { ShortAddress = confirm.AssocShortAddress, PanId = pan.CoordPanId, Channel = pan.LogicalChannel };
                    _applied = _settings;
                    IsAssociated = true;
                    Coordinator = pan.CoordAddress;
                    _coordinatorExtended = _mac.Pib.MacCoordExtendedAddress;
                    AssociationIndication = AssociationIndication.Success;
                    SendModemStatus(ModemStatus.JoinedNetwork);
                    return;
                }

                ConfigureMac();
                indication = confirm.Status switch
                {
                    MacStatus.PanAtCapacity or MacStatus.PanAccessDenied => AssociationIndication.AssociationNotPermitted,
                    MacStatus.ChannelAccessFailure => AssociationIndication.AssociationRequestChannelAccessFailure,
                    MacStatus.InvalidParameter => AssociationIndication.AssociationRequestInvalidParameter,
                    _ => AssociationIndication.AssociationRequestTimedOut,
                };
            }

            AssociationIndication = indication;
            await Task.Delay(AssociationRetryInterval, Scheduler.Time);
        }
    }

    /// <summary>An MLME-SCAN once the MAC is free: a scan abandoned by a restart still winds down for a moment.</summary>
    private async Task<MlmeScanConfirm> ScanWhenFreeAsync(MlmeScanRequest request)
    {
        for (var attempt = 0; ; attempt++)
        {
            var confirm = await _mac.ScanRequestAsync(request);
            if (confirm.Status != MacStatus.ScanInProgress || attempt == MacBusyRetries)
            {
                return confirm;
            }

            await Task.Delay(MacBusyWait, Scheduler.Time);
        }
    }

    /// <summary>The coordinator to associate to, or why there is none (AI).</summary>
    private (PanDescriptor? Candidate, AssociationIndication Why) Choose(IReadOnlyList<PanDescriptor> found, byte options)
    {
        if (found.Count == 0)
        {
            return (null, AssociationIndication.NoPansFound);
        }

        var why = AssociationIndication.PanIdMismatch;
        PanDescriptor? best = null;
        foreach (var pan in found)
        {
            if ((options & Ieee802154Commands.A1ReassignPanId) == 0 && pan.CoordPanId != _settings.PanId)
            {
                continue;
            }

            if ((options & Ieee802154Commands.A1ReassignChannel) == 0 && pan.LogicalChannel != _settings.Channel)
            {
                why = AssociationIndication.ChannelMismatch;
                continue;
            }

            if (!pan.SuperframeSpec.AssociationPermit)
            {
                why = AssociationIndication.AssociationNotPermitted;
                continue;
            }

            if (best is null || pan.LinkQuality > best.Value.LinkQuality)
            {
                best = pan;
            }
        }

        return (best, why);
    }

    /// <summary>DA: leave the coordinator (a disassociation notification), AI 0x13, then associate again if A1 says so.</summary>
    private async Task DisassociateAsync(long generation)
    {
        if (generation != _generation || _settings.CoordinatorEnable)
        {
            return;
        }

        if (IsAssociated)
        {
            await _mac.DisassociateRequestAsync(new MlmeDisassociateRequest(Coordinator, _mac.Pib.MacPanId, DisassociateReason.DeviceWishesToLeave));
            if (generation != _generation)
            {
                return;
            }
        }

        LeaveAndRetry();
    }

    private void OnDisassociateIndication(in MlmeDisassociateIndication indication)
    {
        if (IsAssociated && indication.DeviceAddress == _coordinatorExtended)
        {
            // The coordinator sent us away.
            _generation++;
            LeaveAndRetry();
        }
    }

    private void LeaveAndRetry()
    {
        var wasAssociated = IsAssociated;
        IsAssociated = false;
        Coordinator = MacAddress.None;
        _coordinatorExtended = 0;
        ConfigureMac();
        AssociationIndication = AssociationIndication.Disassociated;
        if (wasAssociated)
        {
            SendModemStatus(ModemStatus.Disassociated);
        }

        if ((_settings.EndDeviceAssociation & Ieee802154Commands.A1AutoAssociate) == 0)
        {
            return;
        }

        var generation = ++_generation;
        Scheduler.Schedule(AssociationRetryInterval, () =>
        {
            if (generation == _generation && !_disposed)
            {
                Observe(AssociateAsync(generation));
            }
        });
    }

    /// <summary>FP: a data request to the coordinator; what it holds arrives as RX frames.</summary>
    private async Task PollAsync(long generation)
    {
        if (generation != _generation || !IsAssociated)
        {
            return;
        }

        await _mac.PollRequestAsync(new MlmePollRequest(_mac.Pib.MacPanId, Coordinator));
    }
}
