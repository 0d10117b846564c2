using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.XBee.Frames;
using ZigBee.XBee.Link;
using ZigBee.Zdo.Frames;

namespace ZigBee.XBee.Coordinator;

/// <summary>
/// A dongle with ZigBee coordinator firmware as the host sees it: <see cref="IApsDataService"/> over explicit
/// addressing frames (0x11 out, 0x8B back, 0x91 in), so ZDO, ZCL and applications run on it exactly as on our own
/// APS, plus the management a coordinator needs (identity, forming the network, permit joining, leave and reset)
/// and the devices that join (node identification 0x95 and Device_annce, one event per join). Call it on the
/// context the link was started on; events are raised there too.
/// </summary>
public sealed partial class XBeeCoordinator : IApsDataService, IDisposable
{
    private readonly XBeeLink _link;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<ulong, XBeeDevice> _devices = new();
    private readonly Dictionary<ModemStatus, int> _modemStatusCounts = new();
    private bool _disposed;

    // The ASDU of an indication is valid only during the call (IApsDataService), so one buffer serves every frame.
    private readonly byte[] _asdu;

    public XBeeCoordinator(XBeeLink link, XBeeCoordinatorOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(link);
        _link = link;
        Options = options ?? new XBeeCoordinatorOptions();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _asdu = new byte[link.Options.MaxFrameDataLength];
        _link.FrameReceived += OnFrame;
    }

    public XBeeCoordinatorOptions Options { get; }

    /// <summary>The link to the dongle.</summary>
    public XBeeLink Link => _link;

    /// <summary>The dongle's network address (0x0000 once it formed; 0xFFFF until the identity was read).</summary>
    public ushort NetworkAddress { get; private set; } = 0xFFFF;

    /// <summary>The dongle's IEEE address (0 until the identity was read).</summary>
    public ulong ExtendedAddress { get; private set; }

    /// <summary>What <see cref="ReadIdentityAsync"/> last read.</summary>
    public XBeeIdentity? Identity { get; private set; }

    /// <summary>Devices reported in the network, by IEEE address.</summary>
    public IReadOnlyCollection<XBeeDevice> Devices => _devices.Values;

    /// <summary>The last modem status (0x8A) the dongle sent.</summary>
    public ModemStatus? LastModemStatus { get; private set; }

    /// <summary>Frames received that no handler here took (route records, registration answers without a waiter...).</summary>
    public long OtherFrames { get; private set; }

    /// <summary>APSDE-DATA.indication from explicit receive indicators (0x91), or receive packets (0x90) with AO=0.</summary>
    public event ApsdeDataIndicationHandler? DataIndication;

    /// <summary>A device joined (or came back with a new network address): raised once per join.</summary>
    public event Action<XBeeDevice>? DeviceJoined;

    /// <summary>A modem status (0x8A) from the dongle.</summary>
    public event Action<ModemStatus>? ModemStatusReceived;

    /// <summary>A route record (0xA1): the relays a device's frames came through, nearest the device first.</summary>
    public event Action<ulong, ushort, ushort[]>? RouteRecordReceived;

    /// <summary>Looks up a device by network address.</summary>
    public XBeeDevice? FindDevice(ushort networkAddress)
    {
        foreach (var device in _devices.Values)
        {
            if (device.NetworkAddress == networkAddress)
            {
                return device;
            }
        }

        return null;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _link.FrameReceived -= OnFrame;
    }

    private void OnFrame(ReadOnlySpan<byte> frame)
    {
        switch ((ApiFrameType)frame[0])
        {
            case ApiFrameType.ExplicitRxIndicator when ExplicitRxIndicatorFrame.TryDecode(frame, out var rx):
                OnExplicitReceive(rx);
                break;
            case ApiFrameType.ReceivePacket when ReceivePacketFrame.TryDecode(frame, out var packet):
                // AO=0: the data came to Digi's data endpoint in Digi's profile, cluster 0x0011.
                Indicate(packet.Source64, packet.Source16, Digi.DataEndpoint, Digi.DataEndpoint, Digi.DataCluster, Digi.Profile, packet.Options, packet.Data);
                break;
            case ApiFrameType.NodeIdentificationIndicator when NodeIdentificationFrame.TryDecode(frame, out var node):
                Note(new XBeeDevice(node.Remote64, node.Remote16)
                {
                    NodeIdentifier = Encoding.ASCII.GetString(node.NodeIdentifier),
                    DeviceType = node.DeviceType,
                });
                break;
            case ApiFrameType.ModemStatus when ModemStatusFrame.TryDecode(frame, out var modem):
                OnModemStatus(modem.Status);
                break;
            case ApiFrameType.RouteRecordIndicator when RouteRecordFrame.TryDecode(frame, out var record):
                var relays = new ushort[record.Addresses.Count];
                for (var i = 0; i < relays.Length; i++)
                {
                    relays[i] = record.Addresses[i];
                }

                RouteRecordReceived?.Invoke(record.Source64, record.Source16, relays);
                break;
            default:
                OtherFrames++;
                break;
        }
    }

    private void OnExplicitReceive(in ExplicitRxIndicatorFrame rx)
    {
        if (rx.ProfileId == 0 && rx.DestinationEndpoint == 0 && rx.ClusterId == (ushort)ZdpClusterId.DeviceAnnce
            && ZdpFrame.TryDecode<DeviceAnnce>(rx.Data, out _, out var announce))
        {
            Note(new XBeeDevice(announce.IeeeAddress, announce.NwkAddress));
        }

        Indicate(rx.Source64, rx.Source16, rx.SourceEndpoint, rx.DestinationEndpoint, rx.ClusterId, rx.ProfileId, rx.Options, rx.Data);
    }

    /// <summary>A device reported: a new one, or one with a new address, is a join; the second report of the same join only adds detail.</summary>
    private void Note(XBeeDevice reported)
    {
        if (_devices.TryGetValue(reported.ExtendedAddress, out var known) && known.NetworkAddress == reported.NetworkAddress)
        {
            _devices[reported.ExtendedAddress] = known with
            {
                NodeIdentifier = reported.NodeIdentifier ?? known.NodeIdentifier,
                DeviceType = reported.DeviceType ?? known.DeviceType,
            };
            return;
        }

        _devices[reported.ExtendedAddress] = reported;
        _logger.LogInformation("device {Ieee:X16} joined as 0x{Address:X4}", reported.ExtendedAddress, reported.NetworkAddress);
        DeviceJoined?.Invoke(reported);
    }

    private void OnModemStatus(ModemStatus status)
    {
        LastModemStatus = status;
        _modemStatusCounts[status] = ModemStatusCount(status) + 1;
        ModemStatusReceived?.Invoke(status);
    }

    /// <summary>How many times the dongle sent <paramref name="status"/> so far: a procedure notes it before it acts and polls for a change.</summary>
    private int ModemStatusCount(ModemStatus status) => _modemStatusCounts.TryGetValue(status, out var count) ? count : 0;
}
