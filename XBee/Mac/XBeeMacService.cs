using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZigBee.Mac.Frames;
using ZigBee.Mac.Pib;
using ZigBee.Mac.Service;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Link;

namespace ZigBee.XBee.Mac;

/// <summary>
/// <see cref="IMacService"/> over an XBee with the 802.15.4 firmware: data through TX 16/64 requests and their TX status,
/// indications from RX 16/64 frames (the RSSI as link quality, see <see cref="RssiLinkQuality"/>), the PIB through AT
/// parameters, scans through ED and AS, start and association through the firmware's own CE/A1/A2 procedures. What the
/// firmware cannot do is answered with the MAC status the spec gives (listed on each member). Call <see cref="StartAsync"/>
/// once the link is up and before a NWK layer is built on it; use it on the link's context (the node's loop).
/// </summary>
public sealed partial class XBeeMacService : IMacService, IDisposable
{
    private readonly XBeeLink _link;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private ushort _panId = MacAddress.BroadcastPan;
    private ushort _shortAddress = MacAddress.BroadcastShort;
    private bool _disposed;

    public XBeeMacService(XBeeLink link, XBeeMacServiceOptions? options = null, TimeProvider? time = null, ILogger<XBeeMacService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(link);
        _link = link;
        Options = options ?? new XBeeMacServiceOptions();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        link.FrameReceived += OnFrame;
    }

    public XBeeMacServiceOptions Options { get; }

    /// <summary>SH and SL of the module, read by <see cref="StartAsync"/>.</summary>
    public ulong ExtendedAddress { get; private set; }

    /// <summary>The software MAC's counters: the firmware reports none of them, so they stay at zero (see <see cref="HostCounters"/>).</summary>
    public MacCounters Counters { get; } = new();

    /// <summary>What the host saw of the module's traffic.</summary>
    public XBeeMacCounters HostCounters { get; } = new();

    /// <summary>Modem status frames (0x8A): associated, disassociated, coordinator started, resets.</summary>
    public event Action<ModemStatus>? ModemStatusReceived;

    public event McpsDataIndicationHandler? DataIndication;

    public event MlmeBeaconNotifyHandler? BeaconNotify;

    public event MlmeCommStatusIndicationHandler? CommStatusIndication;

    /// <summary>Never raised: the firmware answers association requests itself and tells the host nothing of them.</summary>
    public event MlmeAssociateIndicationHandler? AssociateIndication
    {
        add { }
        remove { }
    }

    /// <summary>Never raised: the firmware reports a coordinator's disassociation only as modem status and AI 0x13.</summary>
    public event MlmeDisassociateIndicationHandler? DisassociateIndication
    {
        add { }
        remove { }
    }

    /// <summary>Never raised: orphan notifications never reach the host.</summary>
    public event MlmeOrphanIndicationHandler? OrphanIndication
    {
        add { }
        remove { }
    }

    /// <summary>Reads the module's identity and addresses and sets MM (<see cref="XBeeMacServiceOptions.MacMode"/>).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var high = await _link.ReadNumberAsync(AtCommandName.SH, cancellationToken);
        var low = await _link.ReadNumberAsync(AtCommandName.SL, cancellationToken);
        ExtendedAddress = (high << 32) | (low & 0xFFFF_FFFF);
        _panId = (ushort)await _link.ReadNumberAsync(AtCommandName.ID, cancellationToken);
        _shortAddress = (ushort)await _link.ReadNumberAsync(AtCommandName.MY, cancellationToken);
        if (Options.MacMode is { } mode && await _link.ReadNumberAsync(AtCommandName.MM, cancellationToken) != mode)
        {
            await _link.SetNumberAsync(AtCommandName.MM, mode, cancellationToken: cancellationToken);
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("XBee 802.15.4 {Address} on PAN 0x{PanId:x4} as 0x{Short:x4}", MacAddress.FormatExtended(ExtendedAddress), _panId, _shortAddress);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _link.FrameReceived -= OnFrame;
        _activeScan?.Fail(new ObjectDisposedException(nameof(XBeeMacService)));
    }

    private void OnFrame(ReadOnlySpan<byte> frame)
    {
        if (frame.IsEmpty || _disposed)
        {
            return;
        }

        switch ((ApiFrameType)frame[0])
        {
            case ApiFrameType.Rx16Indicator when Rx16Frame.TryDecode(frame, out var rx16):
                Indicate(MacAddress.FromShort(rx16.Source16), rx16.Rssi, rx16.Options, rx16.Data);
                break;
            case ApiFrameType.Rx64Indicator when Rx64Frame.TryDecode(frame, out var rx64):
                Indicate(MacAddress.FromExtended(rx64.Source64), rx64.Rssi, rx64.Options, rx64.Data);
                break;
            case ApiFrameType.AtCommandResponse when AtCommandResponseFrame.TryDecode(frame, out var at):
                OnLateAtResponse(at);
                break;
            case ApiFrameType.ModemStatus when ModemStatusFrame.TryDecode(frame, out var modem):
                ModemStatusReceived?.Invoke(modem.Status);
                break;
        }
    }

    /// <summary>
    /// MCPS-DATA.indication from an RX frame. The firmware gives neither the destination nor the sequence number: the
    /// destination is broadcast when the options say so and this module otherwise, the PANs are this module's PAN
    /// (0xFFFF for a PAN broadcast), the DSN 0. LQI from the RSSI (<see cref="RssiLinkQuality"/>).
    /// </summary>
    private void Indicate(MacAddress source, byte rssi, Rx154Options options, ReadOnlySpan<byte> data)
    {
        HostCounters.FramesReceived++;
        var destination = (options & Rx154Options.AddressBroadcast) != 0
            ? MacAddress.FromShort(MacAddress.BroadcastShort)
            : _shortAddress < MacAddress.NoShortAddress ? MacAddress.FromShort(_shortAddress) : MacAddress.FromExtended(ExtendedAddress);
        var destinationPan = (options & Rx154Options.PanBroadcast) != 0 ? MacAddress.BroadcastPan : _panId;
        var indication = new McpsDataIndication(_panId, source, destinationPan, destination, RssiLinkQuality.LqiFromRssi(rssi),
            RssiLinkQuality.DbmFromRssi(rssi), 0, _time.GetUtcNow());
        DataIndication?.Invoke(indication, data);
    }

    private static MacStatus FromAtStatus(AtCommandStatus status) => status switch
    {
        AtCommandStatus.Ok => MacStatus.Success,
        AtCommandStatus.InvalidCommand => MacStatus.UnsupportedAttribute,
        _ => MacStatus.InvalidParameter,
    };
}
