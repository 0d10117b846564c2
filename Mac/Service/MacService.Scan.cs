using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;

namespace ZigBee.Mac.Service;

// MLME-SCAN (§7.5.2.1): energy detect, active, passive and orphan scans, channel by channel.
public sealed partial class MacService
{
    private ScanState? _scan;

    private sealed class ScanState(MacScanType type)
    {
        public readonly MacScanType Type = type;
        public readonly List<PanDescriptor> Descriptors = [];
        public bool Realigned;

        /// <summary>The orphan scan's wait on the current channel, ended early by a realignment.</summary>
        public DelayState? ChannelWait;
        public int BeaconsHeard;
        public bool LimitReached;
        public bool Aborted;
        public CoordinatorRealignmentCommand Realignment;
        public ulong RealignmentSource;

        public void OnBeacon(in PanDescriptor descriptor, bool autoRequest, int limit)
        {
            BeaconsHeard++;
            if (!autoRequest || LimitReached)
            {
                return;
            }

            // One descriptor per PAN and coordinator on a channel (§7.5.2.1.2).
            foreach (var known in Descriptors)
            {
                if (known.CoordPanId == descriptor.CoordPanId && known.CoordAddress == descriptor.CoordAddress
                    && known.LogicalChannel == descriptor.LogicalChannel)
                {
                    return;
                }
            }

            Descriptors.Add(descriptor);
            LimitReached = Descriptors.Count >= limit;
        }

        public void OnRealignment(in CoordinatorRealignmentCommand command, ulong source)
        {
            if (Realigned)
            {
                return;
            }

            Realignment = command;
            RealignmentSource = source;
            Realigned = true;
            ChannelWait?.Fire();
        }
    }

    /// <summary>
    /// MLME-SCAN (§7.5.2.1). Each requested channel of 11–26 is scanned for aBaseSuperframeDuration · (2^n + 1)
    /// symbols (an orphan scan waits macResponseWaitTime). Active and passive scans stop early with LIMIT_REACHED
    /// when the descriptor list is full and end in NO_BEACON when no beacon was heard; an orphan scan ends at the
    /// first coordinator realignment (SUCCESS, PIB realigned) or in NO_BEACON. Data frames are not indicated meanwhile.
    /// </summary>
    public async Task<MlmeScanConfirm> ScanRequestAsync(MlmeScanRequest request)
    {
        var channels = request.ScanChannels & MacConstants.SupportedChannels;
        if (_scan is not null)
        {
            return Confirm(MacStatus.ScanInProgress, request, request.ScanChannels, [], []);
        }

        if (request.ScanType > MacScanType.Orphan || request.ScanDuration > 14 || request.ChannelPage != 0 || channels == 0)
        {
            return Confirm(MacStatus.InvalidParameter, request, request.ScanChannels, [], []);
        }

        var scan = new ScanState(request.ScanType);
        _scan = scan;

        // A frame already on its way finishes on the old channel first.
        while (_current is not null && !scan.Aborted)
        {
            await DelayAsync(MacConstants.UnitBackoffTime);
        }

        var savedChannel = _radio.Channel;
        var savedPanId = Pib.MacPanId;
        if (request.ScanType != MacScanType.EnergyDetect)
        {
            // Beacons and realignments of any PAN must pass the filter (§7.5.2.1.2).
            Pib.MacPanId = MacAddress.BroadcastPan;
        }

        UpdateReceiver();
        var unscanned = channels;
        var energies = new List<byte>();
        var duration = MacConstants.ScanDurationTime(request.ScanDuration);
        for (var channel = Phy24GHz.FirstChannel; channel <= Phy24GHz.LastChannel; channel++)
        {
            if ((channels & (1u << channel)) == 0)
            {
                continue;
            }

            if (scan.Aborted || scan.LimitReached || scan.Realigned)
            {
                break;
            }

            _radio.SetChannel(channel);
            switch (request.ScanType)
            {
                case MacScanType.EnergyDetect:
                    energies.Add(await MeasureEnergyAsync(duration));
                    break;
                case MacScanType.Active:
                    await SendScanCommand(MacCommandId.BeaconRequest, MacAddress.None);
                    await DelayAsync(duration);
                    break;
                case MacScanType.Passive:
                    await DelayAsync(duration);
                    break;
                case MacScanType.Orphan:
                    await SendScanCommand(MacCommandId.OrphanNotification, MacAddress.FromExtended(_radio.ExtendedAddress));
                    scan.ChannelWait = StartDelay(Pib.ResponseWaitTime);
                    await scan.ChannelWait.Completion.Task;
                    scan.ChannelWait = null;
                    break;
            }

            unscanned &= ~(1u << channel);
        }

        MacStatus status;
        if (scan.Aborted)
        {
            status = MacStatus.Success;
        }
        else if (request.ScanType == MacScanType.Orphan && scan.Realigned)
        {
            // §7.5.2.1.4: the realignment tells the device its PAN, coordinator, channel and short address.
            var r = scan.Realignment;
            Pib.MacPanId = r.PanId;
            Pib.MacCoordShortAddress = r.CoordinatorShortAddress;
            Pib.MacShortAddress = r.ShortAddress;
            Pib.MacCoordExtendedAddress = scan.RealignmentSource;
            if (r.LogicalChannel is >= Phy24GHz.FirstChannel and <= Phy24GHz.LastChannel)
            {
                _radio.SetChannel(r.LogicalChannel);
            }

            status = MacStatus.Success;
        }
        else
        {
            _radio.SetChannel(savedChannel);
            Pib.MacPanId = savedPanId;
            status = request.ScanType switch
            {
                MacScanType.EnergyDetect => MacStatus.Success,
                _ when scan.LimitReached => MacStatus.LimitReached,
                MacScanType.Orphan => MacStatus.NoBeacon,
                _ => scan.BeaconsHeard == 0 ? MacStatus.NoBeacon : MacStatus.Success,
            };
        }

        if (_scan == scan)
        {
            _scan = null;
        }

        UpdateReceiver();
        TryStartNext();
        return Confirm(status, request, unscanned, energies, scan.Descriptors);
    }

    private static MlmeScanConfirm Confirm(MacStatus status, in MlmeScanRequest request, uint unscanned, IReadOnlyList<byte> energies, IReadOnlyList<PanDescriptor> descriptors) =>
        new(status, request.ScanType, request.ChannelPage, unscanned, energies, descriptors);

    /// <summary>The peak of the energy samples taken over <paramref name="duration"/> (§7.5.2.1.1).</summary>
    private async Task<byte> MeasureEnergyAsync(TimeSpan duration)
    {
        var period = _options.EnergyDetectSamplePeriod;
        var samples = Math.Max(1, (int)(duration.Ticks / period.Ticks));
        byte peak = 0;
        for (var i = 0; i < samples; i++)
        {
            peak = Math.Max(peak, _radio.EnergyDetect());
            await DelayAsync(period);
        }

        return peak;
    }

    /// <summary>
    /// Broadcasts a beacon request or orphan notification to PAN 0xFFFF (§7.3.6, §7.3.7), with CSMA, unacknowledged.
    /// Not an async method: the scan awaits the pooled transmission itself, which spares a state machine per channel
    /// scanned (a device that finds no parent scans all 16 channels again and again).
    /// </summary>
    private ValueTask<TxOutcome> SendScanCommand(MacCommandId id, MacAddress source)
    {
        Span<byte> command = stackalloc byte[1];
        MacCommand.EncodeBare(id, command);
        var tx = BuildFrame(MacFrameType.Command, MacAddress.BroadcastPan, MacAddress.FromShort(MacAddress.BroadcastShort),
            MacAddress.BroadcastPan, source, false, command);
        tx.ScanFrame = true;
        Enqueue(tx);
        return tx.AsOutcome();
    }
}
