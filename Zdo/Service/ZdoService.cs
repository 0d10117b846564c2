using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZigBee.Aps.Service;
using ZigBee.Aps.Service.Primitives;
using ZigBee.Mac.Frames;
using ZigBee.Zdo.Frames;

namespace ZigBee.Zdo.Service;

/// <summary>
/// The ZigBee Device Object on endpoint 0 (R22 §2.4, §2.5): it answers every ZDP request from the node's real state
/// (<see cref="IZdoNode"/> and the endpoints registered here), sends requests and returns their typed responses
/// matched by transaction sequence number, announces the node when it joins, and feeds the address map from the
/// announcements it hears. It talks only to <see cref="IApsDataService"/>, so it runs the same on our APS and on a
/// dongle's. Not thread-safe: like the rest of a node, it runs on one synchronisation context.
/// </summary>
public sealed partial class ZdoService : IDisposable
{
    private readonly IApsDataService _aps;
    private readonly IZdoNode _node;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SortedDictionary<byte, ZdoEndpoint> _endpoints = new();
    private readonly Dictionary<(ZdpClusterId Cluster, byte Sequence), PendingRequest> _pending = new();
    private readonly byte[] _frame = new byte[128];
    private byte _sequence;
    private bool _disposed;

    public ZdoService(IApsDataService aps, IZdoNode node, TimeProvider time, ZdoServiceOptions? options = null, ILogger<ZdoService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(aps);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(time);
        Options = options ?? new ZdoServiceOptions();
        if (Options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _aps = aps;
        _node = node;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _sequence = (byte)(aps.ExtendedAddress ^ (aps.ExtendedAddress >> 8));
        _aps.DataIndication += OnDataIndication;
        _node.Announcing += OnAnnouncing;
    }

    public ZdoServiceOptions Options { get; }

    public ZdoCounters Counters { get; } = new();

    /// <summary>This node's network address.</summary>
    public ushort NetworkAddress => _aps.NetworkAddress;

    /// <summary>This node's IEEE address.</summary>
    public ulong IeeeAddress => _aps.ExtendedAddress;

    /// <summary>The application endpoints this node describes, in endpoint order.</summary>
    public IReadOnlyCollection<ZdoEndpoint> Endpoints => _endpoints.Values;

    /// <summary>A Device_annce heard from another device (R22 §2.4.3.1.11): network address, IEEE address, capability.</summary>
    public event Action<ZdoService, DeviceAnnce>? DeviceAnnounced;

    /// <summary>
    /// Describes an application endpoint (1–240) so Active_EP, Simple_Desc and Match_Desc report it. The endpoint must
    /// also be registered with the APS for frames to reach it.
    /// </summary>
    public void RegisterEndpoint(ZdoEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Endpoint is 0 or > 240)
        {
            throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint.Endpoint, "application endpoints are 1–240");
        }

        if (endpoint.InputClusters.Count > 255 || endpoint.OutputClusters.Count > 255)
        {
            throw new ArgumentException("a simple descriptor lists at most 255 clusters each way", nameof(endpoint));
        }

        _endpoints[endpoint.Endpoint] = endpoint;
    }

    /// <summary>This node's own neighbor table as Mgmt_Lqi_rsp would report it (a crawl starts here without asking itself over the air).</summary>
    public IReadOnlyList<ZdpNeighborTableEntry> LocalNeighborTable()
    {
        var entries = new ZdpNeighborTableEntry[_node.NeighborCount];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = _node.GetNeighbor(i);
        }

        return entries;
    }

    /// <summary>This node's own routing table as Mgmt_Rtg_rsp would report it.</summary>
    public IReadOnlyList<ZdpRoutingTableEntry> LocalRoutingTable()
    {
        var entries = new ZdpRoutingTableEntry[_node.RouteCount];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = _node.GetRoute(i);
        }

        return entries;
    }

    /// <summary>This node's node descriptor.</summary>
    public NodeDescriptor LocalNodeDescriptor => _node.NodeDescriptor;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _aps.DataIndication -= OnDataIndication;
        _node.Announcing -= OnAnnouncing;
        foreach (var pending in _pending.Values)
        {
            pending.Completion.TrySetCanceled();
        }

        _pending.Clear();
    }

    private void OnDataIndication(in ApsdeDataIndication indication)
    {
        if (indication.ProfileId != ZdpFrame.ProfileId || indication.DstEndpoint != ZdpFrame.Endpoint || indication.Status != ApsStatus.Success)
        {
            return;
        }

        var cluster = (ZdpClusterId)indication.ClusterId;
        if (!ZdpFrame.TrySplit(indication.Asdu.Span, out var sequence, out var fields))
        {
            Counters.MalformedRequests++;
            return;
        }

        if (ZdpFrame.IsResponse(cluster))
        {
            OnResponse(cluster, sequence, indication.SrcAddress, fields);
        }
        else if (Options.ServeRequests || cluster == ZdpClusterId.DeviceAnnce)
        {
            // A client only still learns addresses from Device_annce.
            OnRequest(indication, cluster, sequence, fields);
        }
    }

    private void OnAnnouncing(ushort networkAddress, ulong ieeeAddress, CapabilityInformation capability)
    {
        // R22 §2.5.5.5.4.2: a device that joined or rejoined broadcasts Device_annce to every rx-on-when-idle device.
        var length = ZdpFrame.Encode(NextSequence(), new DeviceAnnce(networkAddress, ieeeAddress, capability), _frame);
        Counters.AnnouncementsSent++;
        Send(ZdpBroadcast.RxOnWhenIdle, ZdpClusterId.DeviceAnnce, length, acknowledged: false);
    }

    private byte NextSequence() => ++_sequence;

    /// <summary>Sends _frame[..length] to endpoint 0 of <paramref name="destination"/> and counts a failed confirm.</summary>
    private void Send(ushort destination, ZdpClusterId cluster, int length, bool acknowledged)
    {
        var request = ApsdeDataRequest.ToShort(destination, ZdpFrame.Endpoint, ZdpFrame.ProfileId, (ushort)cluster, ZdpFrame.Endpoint,
            _frame.AsMemory(0, length), acknowledged ? ApsTxOptions.Acknowledged : ApsTxOptions.None);
        _ = SendAsync(request);
    }

    private async Task SendAsync(ApsdeDataRequest request)
    {
        try
        {
            var confirm = await _aps.DataRequestAsync(request).ConfigureAwait(true);
            if (confirm.Status != ApsStatus.Success)
            {
                Counters.SendFailures++;
                _logger.LogDebug("ZDP cluster 0x{Cluster:X4} to 0x{Destination:X4}: {Status}", request.ClusterId, request.DstAddress, confirm.Status);
            }
        }
        catch (ObjectDisposedException)
        {
            Counters.SendFailures++;
        }
    }

    private sealed class PendingRequest(bool collect)
    {
        public TaskCompletionSource<ZdpReply> Completion { get; } = new();

        /// <summary>Broadcast requests collect every response until their window closes.</summary>
        public List<ZdpReply>? Replies { get; } = collect ? [] : null;
    }
}

/// <summary>A response as received: who sent it, its sequence number and a copy of its fields.</summary>
public readonly record struct ZdpReply(ushort SourceAddress, byte SequenceNumber, ZdpClusterId ClusterId, byte[] Fields);

/// <summary>The broadcast addresses ZDP requests use (R22 §3.6.5).</summary>
public static class ZdpBroadcast
{
    public const ushort AllDevices = 0xFFFF;

    public const ushort RxOnWhenIdle = 0xFFFD;

    public const ushort RoutersAndCoordinator = 0xFFFC;

    public static bool IsBroadcast(ushort address) => address >= 0xFFF8;
}
