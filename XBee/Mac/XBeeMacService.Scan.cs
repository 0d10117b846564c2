using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;
using ZigBee.Mac.Service;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Link;

namespace ZigBee.XBee.Mac;

// MLME-SCAN through the firmware's ED and AS: the channels go to SC for the scan (and back afterwards), the duration
// is the commands' parameter, 0–6 (2^n · 15.36 ms per channel, within the spec's (2^n + 1) · 15.36 ms).
public sealed partial class XBeeMacService
{
    private ActiveScan? _activeScan;
    private bool _scanning;

    /// <summary>
    /// MLME-SCAN. ED → ED, one level per channel (the module's −dBm on the LQI scale of <see cref="RssiLinkQuality"/>);
    /// active → AS, up to five PAN descriptors, each also raised as MLME-BEACON-NOTIFY with an empty beacon payload (the
    /// firmware reports none), NO_BEACON when none. Passive and orphan scans, a duration over 6 (the firmware's range),
    /// a page other than 0 or no channel of 11–26 → INVALID_PARAMETER; a scan while one runs → SCAN_IN_PROGRESS.
    /// </summary>
    public async Task<MlmeScanConfirm> ScanRequestAsync(MlmeScanRequest request)
    {
        var channels = request.ScanChannels & ChannelsSupported;
        if (request.ScanType is not (MacScanType.EnergyDetect or MacScanType.Active) || request.ScanDuration > 6 || request.ChannelPage != 0 || channels == 0)
        {
            return Confirm(MacStatus.InvalidParameter, request, request.ScanChannels, [], []);
        }

        if (_scanning)
        {
            return Confirm(MacStatus.ScanInProgress, request, request.ScanChannels, [], []);
        }

        _scanning = true;
        try
        {
            var previous = await ReadAsync(AtCommandName.SC);
            var status = await WriteAsync(AtCommandName.SC, channels >> 11, 2);
            if (status != MacStatus.Success)
            {
                return Confirm(status, request, request.ScanChannels, [], []);
            }

            var perChannel = TimeSpan.FromMilliseconds(15.36 * ((1 << request.ScanDuration) + 1));
            var timeout = (perChannel * System.Numerics.BitOperations.PopCount(channels)) + Options.ScanMargin;
            try
            {
                return request.ScanType == MacScanType.EnergyDetect
                    ? await EnergyScanAsync(request, timeout)
                    : await ActiveScanAsync(request, timeout);
            }
            finally
            {
                await WriteAsync(AtCommandName.SC, previous, 2);
            }
        }
        finally
        {
            _scanning = false;
        }
    }

    private async Task<MlmeScanConfirm> EnergyScanAsync(MlmeScanRequest request, TimeSpan timeout)
    {
        var response = await _link.AtCommandAsync(AtCommandName.ED, new[] { request.ScanDuration }, timeout: timeout);
        if (!response.IsOk)
        {
            return Confirm(FromAtStatus(response.Status), request, request.ScanChannels, [], []);
        }

        var levels = new byte[response.Data.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            levels[i] = RssiLinkQuality.LqiFromRssi(response.Data[i]);
        }

        return Confirm(MacStatus.Success, request, 0, levels, []);
    }

    /// <summary>
    /// AS answers with one AT response per PAN descriptor and a last one with no value: the first is the request's own
    /// response, the others reach the link as responses nobody waits for and are gathered here by their frame ID.
    /// </summary>
    private async Task<MlmeScanConfirm> ActiveScanAsync(MlmeScanRequest request, TimeSpan timeout)
    {
        var scan = new ActiveScan();
        _activeScan = scan;
        try
        {
            var first = await _link.RequestAsync((destination, id) =>
            {
                scan.FrameId = id;
                return new AtCommandFrame(id, AtCommandName.AS, [request.ScanDuration]).Encode(destination);
            }, ApiFrameType.AtCommandResponse, timeout);
            if (!AtCommandResponseFrame.TryDecode(first, out var response) || response.Status != AtCommandStatus.Ok)
            {
                return Confirm(AtCommandResponseFrame.TryDecode(first, out var refused) ? FromAtStatus(refused.Status) : MacStatus.InvalidParameter,
                    request, request.ScanChannels, [], []);
            }

            if (!response.Data.IsEmpty)
            {
                scan.Descriptors.Insert(0, response.Data.ToArray());
                try
                {
                    await scan.Done.Task.WaitAsync(Options.ScanMargin, _time);
                }
                catch (TimeoutException)
                {
                    // The closing response was lost on the line: what arrived stands.
                }
            }
        }
        finally
        {
            _activeScan = null;
        }

        var descriptors = new List<PanDescriptor>();
        foreach (var bytes in scan.Descriptors)
        {
            if (!XBeePanDescriptor.TryDecode(bytes, out var d) || d.Channel is < Phy24GHz.FirstChannel or > Phy24GHz.LastChannel)
            {
                continue;
            }

            var descriptor = new PanDescriptor(d.CoordAddress, d.CoordPanId, d.Channel, 0, d.SuperframeSpec, d.GtsPermit,
                RssiLinkQuality.LqiFromRssi(d.Rssi), _time.GetUtcNow());
            descriptors.Add(descriptor);
            BeaconNotify?.Invoke(new MlmeBeaconNotifyIndication(0, descriptor), [], [], []);
        }

        return Confirm(descriptors.Count == 0 ? MacStatus.NoBeacon : MacStatus.Success, request, 0, [], descriptors);
    }

    /// <summary>An AT response that answered no waiting request: the rest of an active scan's answer.</summary>
    private void OnLateAtResponse(in AtCommandResponseFrame response)
    {
        if (_activeScan is not { } scan || response.FrameId != scan.FrameId || response.Command != AtCommandName.AS)
        {
            return;
        }

        if (response.Data.IsEmpty || response.Status != AtCommandStatus.Ok)
        {
            scan.Done.TrySetResult();
        }
        else
        {
            scan.Descriptors.Add(response.Data.ToArray());
        }
    }

    private static MlmeScanConfirm Confirm(MacStatus status, in MlmeScanRequest request, uint unscanned, IReadOnlyList<byte> energies, IReadOnlyList<PanDescriptor> descriptors) =>
        new(status, request.ScanType, request.ChannelPage, unscanned, energies, descriptors);

    private sealed class ActiveScan
    {
        public readonly List<byte[]> Descriptors = [];
        public readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public byte FrameId;

        public void Fail(Exception error) => Done.TrySetException(error);
    }
}
