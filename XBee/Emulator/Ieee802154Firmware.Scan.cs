using ZigBee.Mac.Service;
using ZigBee.Simulation.Medium;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Mac;

namespace ZigBee.XBee.Emulator;

// AS and ED in API mode: the MAC scans the SC channels in virtual time and the answer leaves when the scan ends.
public sealed partial class Ieee802154Firmware
{
    /// <summary>The active scan reports at most this many PAN descriptors (90000982, "AS").</summary>
    public const int MaxPanDescriptors = 5;

    /// <summary>The scan duration parameter of AS and ED: 0–6 (time per channel 2^n · 15.36 ms).</summary>
    public const byte MaxScanParameter = 6;

    protected override bool BeginDeferredAtCommand(byte frameId, AtCommandName command, ReadOnlySpan<byte> parameter)
    {
        if (command != AtCommandName.AS && command != AtCommandName.ED)
        {
            return false;
        }

        if (parameter.Length > 1 || (parameter.Length == 1 && parameter[0] > MaxScanParameter))
        {
            SendAtResponse(frameId, command, AtCommandStatus.InvalidParameter, default);
            return true;
        }

        // Without a parameter the scan lasts SD.
        var duration = parameter.IsEmpty ? Math.Min(_settings.ScanDuration, (byte)14) : parameter[0];
        var request = new MlmeScanRequest(command == AtCommandName.AS ? MacScanType.Active : MacScanType.EnergyDetect, _settings.ChannelMask, duration);
        Observe(command == AtCommandName.AS ? ActiveScanAsync(frameId, request) : EnergyScanAsync(frameId, request));
        return true;
    }

    /// <summary>
    /// One AT response per PAN descriptor heard (at most five), then one with no value: in API mode the frames stand for
    /// the text mode's descriptors, and the last one for its closing carriage return ("no PANs": that one alone).
    /// </summary>
    private async Task ActiveScanAsync(byte frameId, MlmeScanRequest request)
    {
        var confirm = await _mac.ScanRequestAsync(request);
        if (_disposed)
        {
            return;
        }

        if (confirm.Status is not (MacStatus.Success or MacStatus.NoBeacon or MacStatus.LimitReached))
        {
            SendAtResponse(frameId, AtCommandName.AS, AtCommandStatus.Error, default);
            return;
        }

        Span<byte> value = stackalloc byte[XBeePanDescriptor.LongLength];
        var count = 0;
        foreach (var pan in confirm.PanDescriptorList)
        {
            if (count++ == MaxPanDescriptors)
            {
                break;
            }

            var descriptor = new XBeePanDescriptor(pan.CoordAddress, pan.CoordPanId, pan.LogicalChannel, pan.SuperframeSpec, pan.GtsPermit,
                RssiLinkQuality.RssiFromDbm(LinkQuality.RssiFromLqi(pan.LinkQuality)), TimeStamp(pan.Timestamp));
            SendAtResponse(frameId, AtCommandName.AS, AtCommandStatus.Ok, value[..descriptor.Encode(value)]);
        }

        SendAtResponse(frameId, AtCommandName.AS, AtCommandStatus.Ok, default);
    }

    /// <summary>One byte per SC channel, in channel order: the peak energy heard there, in −dBm.</summary>
    private async Task EnergyScanAsync(byte frameId, MlmeScanRequest request)
    {
        var confirm = await _mac.ScanRequestAsync(request);
        if (_disposed)
        {
            return;
        }

        if (confirm.Status != MacStatus.Success)
        {
            SendAtResponse(frameId, AtCommandName.ED, AtCommandStatus.Error, default);
            return;
        }

        var value = new byte[confirm.EnergyDetectList.Count];
        for (var i = 0; i < value.Length; i++)
        {
            // The simulated medium measures energy on its LQI scale.
            value[i] = RssiLinkQuality.RssiFromDbm(LinkQuality.RssiFromLqi(confirm.EnergyDetectList[i]));
        }

        SendAtResponse(frameId, AtCommandName.ED, AtCommandStatus.Ok, value);
    }

    /// <summary>The 24-bit symbol counter at <paramref name="time"/> (one symbol is 16 µs at 2.4 GHz).</summary>
    private uint TimeStamp(DateTimeOffset time) => (uint)(((time - Scheduler.Epoch).Ticks / 160) & 0xFFFFFF);
}
