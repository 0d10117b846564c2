using ZigBee.Zdo.Frames;
using ZigBee.Zdo.Service;

namespace ZigBee.Zdo.Management;

/// <summary>
/// The coordinator's network manager: it interviews each device that announces itself (node descriptor, power
/// descriptor, active endpoints, the simple descriptor of each) into <see cref="Devices"/>, one device at a time so
/// the interviews do not flood the network, and crawls the topology through Mgmt_Lqi and Mgmt_Rtg, page by page,
/// from this node outwards through every router it finds.
/// </summary>
public sealed class ZdoNetworkManager : IDisposable
{
    private readonly ZdoService _zdo;
    private readonly TimeProvider _time;
    private readonly Dictionary<ulong, InterviewedDevice> _devices = new();
    private readonly Queue<(ushort NetworkAddress, ulong IeeeAddress)> _toInterview = new();
    private readonly HashSet<ulong> _queued = [];
    private bool _interviewing;
    private bool _disposed;

    public ZdoNetworkManager(ZdoService zdo, TimeProvider time, NetworkManagerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(zdo);
        ArgumentNullException.ThrowIfNull(time);
        _zdo = zdo;
        _time = time;
        Options = options ?? new NetworkManagerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Attempts, 1);
        _zdo.DeviceAnnounced += OnDeviceAnnounced;
    }

    public NetworkManagerOptions Options { get; }

    /// <summary>Every device interviewed so far, by IEEE address.</summary>
    public IReadOnlyDictionary<ulong, InterviewedDevice> Devices => _devices;

    /// <summary>Interviews that gave up after every attempt (the device may be interviewed again when it announces again).</summary>
    public int FailedInterviews { get; private set; }

    /// <summary>Interviews waiting or under way.</summary>
    public int PendingInterviews => _toInterview.Count + (_interviewing ? 1 : 0);

    /// <summary>Raised when a device's interview completes.</summary>
    public event Action<InterviewedDevice>? DeviceInterviewed;

    /// <summary>
    /// Interviews one device now: node and power descriptors, active endpoints and each endpoint's simple descriptor.
    /// Null when a required answer never came (after <see cref="NetworkManagerOptions.Attempts"/> tries each).
    /// </summary>
    public async Task<InterviewedDevice?> InterviewAsync(ushort networkAddress, ulong ieeeAddress, CancellationToken cancellationToken = default)
    {
        var node = await TryAsync(() => _zdo.NodeDescriptorAsync(networkAddress, cancellationToken)).ConfigureAwait(true);
        if (!node.IsSuccess)
        {
            return null;
        }

        var power = await TryAsync(() => _zdo.PowerDescriptorAsync(networkAddress, cancellationToken)).ConfigureAwait(true);
        var active = await TryAsync(() => _zdo.ActiveEndpointsAsync(networkAddress, cancellationToken)).ConfigureAwait(true);
        if (!active.IsSuccess || active.Value is not { } endpointNumbers)
        {
            return null;
        }

        var endpoints = new List<ZdoEndpoint>(endpointNumbers.Count);
        foreach (var endpoint in endpointNumbers)
        {
            var simple = await TryAsync(() => _zdo.SimpleDescriptorAsync(networkAddress, endpoint, cancellationToken)).ConfigureAwait(true);
            if (!simple.IsSuccess || simple.Value is not { } descriptor)
            {
                return null;
            }

            endpoints.Add(descriptor);
        }

        var device = new InterviewedDevice(ieeeAddress, networkAddress, node.Value, power.IsSuccess ? power.Value : null, endpoints, _time.GetUtcNow());
        _devices[ieeeAddress] = device;
        DeviceInterviewed?.Invoke(device);
        return device;
    }

    /// <summary>
    /// Crawls the network: this node's own tables, then Mgmt_Lqi (every page) of each router or coordinator found,
    /// breadth first; Mgmt_Rtg (every page) of each as well. Devices answer with their neighbor tables; end devices
    /// appear through their parents. Routers that never answered are listed in <see cref="CrawlResult.Unreachable"/>.
    /// </summary>
    public async Task<CrawlResult> CrawlAsync(CancellationToken cancellationToken = default)
    {
        var map = new NetworkMap();
        var routes = new Dictionary<ushort, IReadOnlyList<ZdpRoutingTableEntry>>();
        var unreachable = new List<ushort>();
        var self = _zdo.NetworkAddress;
        map.AddNode(self, _zdo.IeeeAddress, Role(_zdo.LocalNodeDescriptor.LogicalType), rxOnWhenIdle: true);
        var visited = new HashSet<ushort> { self };
        var queue = new Queue<ushort>();
        queue.Enqueue(self);
        while (queue.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var address = queue.Dequeue();
            IReadOnlyList<ZdpNeighborTableEntry> neighbors;
            if (address == self)
            {
                neighbors = _zdo.LocalNeighborTable();
                routes[address] = _zdo.LocalRoutingTable();
            }
            else
            {
                var table = await TryAsync(() => _zdo.WholeTableAsync(_zdo.NeighborTableAsync, address, cancellationToken)).ConfigureAwait(true);
                if (!table.IsSuccess || table.Value is null)
                {
                    unreachable.Add(address);
                    continue;
                }

                neighbors = table.Value;
                var routing = await TryAsync(() => _zdo.WholeTableAsync(_zdo.RoutingTableAsync, address, cancellationToken)).ConfigureAwait(true);
                if (routing.IsSuccess && routing.Value is { } routeEntries)
                {
                    routes[address] = routeEntries;
                }
            }

            foreach (var neighbor in neighbors)
            {
                // A previous child has moved on; an entry without a network address is no link to draw.
                if (neighbor.Relationship == ZdpNeighborRelationship.PreviousChild || neighbor.NetworkAddress >= 0xFFF8)
                {
                    continue;
                }

                var role = RoleOf(neighbor);
                map.AddNode(neighbor.NetworkAddress, neighbor.ExtendedAddress, role, neighbor.RxOnWhenIdle != ZdpRxOnWhenIdle.Off);
                map.AddReport(address, neighbor.NetworkAddress, neighbor.Lqi,
                    neighbor.Relationship is ZdpNeighborRelationship.Parent or ZdpNeighborRelationship.Child);
                if (role is MapNodeRole.Router or MapNodeRole.Coordinator && visited.Add(neighbor.NetworkAddress))
                {
                    queue.Enqueue(neighbor.NetworkAddress);
                }
            }
        }

        // What interviews learned is surer than a neighbor's view of the device type.
        foreach (var device in _devices.Values)
        {
            if (map.Find(device.NetworkAddress) is not null)
            {
                map.AddNode(device.NetworkAddress, device.IeeeAddress, Role(device.NodeDescriptor.LogicalType), device.NodeDescriptor.MacCapability.ReceiverOnWhenIdle);
            }
        }

        // Device_annce is an unacknowledged broadcast: a device whose announcement never reached this node is found
        // by the crawl instead, and interviewed like an announced one.
        if (Options.InterviewCrawled)
        {
            foreach (var node in map.Nodes)
            {
                if (node.NetworkAddress != self && node.IeeeAddress != 0 && !_devices.ContainsKey(node.IeeeAddress))
                {
                    Enqueue(node.NetworkAddress, node.IeeeAddress);
                }
            }
        }

        return new CrawlResult(map, routes, unreachable);
    }

    public void Dispose()
    {
        _disposed = true;
        _zdo.DeviceAnnounced -= OnDeviceAnnounced;
    }

    private static MapNodeRole Role(ZdpLogicalType type) => type switch
    {
        ZdpLogicalType.Coordinator => MapNodeRole.Coordinator,
        ZdpLogicalType.Router => MapNodeRole.Router,
        ZdpLogicalType.EndDevice => MapNodeRole.EndDevice,
        _ => MapNodeRole.Unknown,
    };

    private static MapNodeRole RoleOf(in ZdpNeighborTableEntry entry) => entry.DeviceType switch
    {
        ZdpNeighborDeviceType.Coordinator => MapNodeRole.Coordinator,
        ZdpNeighborDeviceType.Router => MapNodeRole.Router,
        ZdpNeighborDeviceType.EndDevice => MapNodeRole.EndDevice,
        _ => MapNodeRole.Unknown,
    };

    private async Task<ZdoResult<T>> TryAsync<T>(Func<Task<ZdoResult<T>>> request)
    {
        var result = await request().ConfigureAwait(true);
        for (var attempt = 1; attempt < Options.Attempts && result.Status == ZdpStatus.Timeout && !_disposed; attempt++)
        {
            result = await request().ConfigureAwait(true);
        }

        return result;
    }

    private void OnDeviceAnnounced(ZdoService zdo, DeviceAnnce announce)
    {
        if (Options.InterviewOnAnnounce)
        {
            Enqueue(announce.NwkAddress, announce.IeeeAddress);
        }
    }

    private void Enqueue(ushort networkAddress, ulong ieeeAddress)
    {
        if (_disposed || !_queued.Add(ieeeAddress))
        {
            return;
        }

        _toInterview.Enqueue((networkAddress, ieeeAddress));
        if (!_interviewing)
        {
            _ = InterviewQueueAsync();
        }
    }

    private async Task InterviewQueueAsync()
    {
        _interviewing = true;
        try
        {
            while (_toInterview.Count > 0 && !_disposed)
            {
                var (networkAddress, ieeeAddress) = _toInterview.Dequeue();
                await Task.Delay(Options.InterviewDelay, _time).ConfigureAwait(true);
                if (await InterviewAsync(networkAddress, ieeeAddress).ConfigureAwait(true) is null)
                {
                    FailedInterviews++;
                }

                // A device that announces again later (a rejoin, a new address) is interviewed again.
                _queued.Remove(ieeeAddress);
            }
        }
        finally
        {
            _interviewing = false;
        }
    }
}
