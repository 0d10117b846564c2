namespace ZigBee.Zdo.Management;

/// <summary>What a device is on the map: the logical types of the node descriptor, or not yet known.</summary>
public enum MapNodeRole
{
    Coordinator,
    Router,
    EndDevice,
    Unknown,
}

/// <summary>A device on the map, by its network address; its IEEE address is 0 until someone reports it.</summary>
public sealed record MapNode(ushort NetworkAddress, ulong IeeeAddress, MapNodeRole Role, bool RxOnWhenIdle);

/// <summary>
/// A radio link between two devices, as their neighbor tables report it: the LQI each side measured (null when only
/// the other side reported the link) and whether one is the other's parent.
/// </summary>
public sealed record MapLink(ushort First, ushort Second, byte? FirstLqi, byte? SecondLqi, bool ParentChild)
{
    /// <summary>The best LQI either side reported.</summary>
    public byte Lqi => Math.Max(FirstLqi ?? 0, SecondLqi ?? 0);
}

/// <summary>
/// The network as a topology crawl found it: devices and undirected links. A link reported from both ends is one link
/// with both LQIs. Devices are kept in the order they were added, so the same crawl draws the same map.
/// </summary>
public sealed class NetworkMap
{
    private readonly Dictionary<ushort, MapNode> _nodes = new();
    private readonly List<ushort> _order = [];
    private readonly Dictionary<(ushort, ushort), MapLink> _links = new();
    private readonly List<(ushort, ushort)> _linkOrder = [];

    /// <summary>Devices in the order they were first reported.</summary>
    public IEnumerable<MapNode> Nodes
    {
        get
        {
            foreach (var address in _order)
            {
                yield return _nodes[address];
            }
        }
    }

    /// <summary>Links in the order they were first reported.</summary>
    public IEnumerable<MapLink> Links
    {
        get
        {
            foreach (var key in _linkOrder)
            {
                yield return _links[key];
            }
        }
    }

    public int NodeCount => _nodes.Count;

    public int LinkCount => _links.Count;

    public MapNode? Find(ushort networkAddress) => _nodes.GetValueOrDefault(networkAddress);

    /// <summary>Adds a device or completes what is known of it (a known role or IEEE address is never forgotten).</summary>
    public MapNode AddNode(ushort networkAddress, ulong ieeeAddress, MapNodeRole role, bool rxOnWhenIdle = true)
    {
        if (_nodes.TryGetValue(networkAddress, out var known))
        {
            var merged = known with
            {
                IeeeAddress = ieeeAddress != 0 ? ieeeAddress : known.IeeeAddress,
                Role = role != MapNodeRole.Unknown ? role : known.Role,
                RxOnWhenIdle = role != MapNodeRole.Unknown ? rxOnWhenIdle : known.RxOnWhenIdle,
            };
            _nodes[networkAddress] = merged;
            return merged;
        }

        var node = new MapNode(networkAddress, ieeeAddress, role, rxOnWhenIdle);
        _nodes.Add(networkAddress, node);
        _order.Add(networkAddress);
        return node;
    }

    /// <summary>
    /// <paramref name="reporter"/> lists <paramref name="neighbor"/> in its neighbor table with <paramref name="lqi"/>.
    /// Both devices must be on the map; a self-link is ignored.
    /// </summary>
    public void AddReport(ushort reporter, ushort neighbor, byte lqi, bool parentChild)
    {
        if (reporter == neighbor)
        {
            return;
        }

        if (!_nodes.ContainsKey(reporter) || !_nodes.ContainsKey(neighbor))
        {
            throw new InvalidOperationException($"a link 0x{reporter:X4}–0x{neighbor:X4} needs both devices on the map");
        }

        var key = Key(reporter, neighbor);
        var reporterFirst = key.Item1 == reporter;
        if (!_links.TryGetValue(key, out var link))
        {
            link = new MapLink(key.Item1, key.Item2, null, null, parentChild);
            _linkOrder.Add(key);
        }

        link = reporterFirst
            ? link with { FirstLqi = lqi, ParentChild = link.ParentChild || parentChild }
            : link with { SecondLqi = lqi, ParentChild = link.ParentChild || parentChild };
        _links[key] = link;
    }

    public bool HasLink(ushort a, ushort b) => _links.ContainsKey(Key(a, b));

    private static (ushort, ushort) Key(ushort a, ushort b) => a < b ? (a, b) : (b, a);
}
