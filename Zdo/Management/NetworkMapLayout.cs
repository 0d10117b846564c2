namespace ZigBee.Zdo.Management;

/// <summary>
/// A radial tree layout: the coordinator in the centre, each device on the ring of its hop count from it, and each
/// subtree given an arc in proportion to its leaves, so branches do not cross. A device's tree parent is its own
/// parent where the map knows one, else its best-LQI neighbour one hop closer. Devices the crawl could not connect
/// go on an outer ring. Deterministic: the same map gives the same positions.
/// </summary>
public static class NetworkMapLayout
{
    /// <summary>Distance between rings, in SVG user units.</summary>
    public const double RingSpacing = 120;

    /// <summary>Positions by network address, centred on (0, 0).</summary>
    public static Dictionary<ushort, (double X, double Y)> Place(NetworkMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var neighbours = new Dictionary<ushort, List<MapLink>>();
        foreach (var node in map.Nodes)
        {
            neighbours[node.NetworkAddress] = [];
        }

        foreach (var link in map.Links)
        {
            neighbours[link.First].Add(link);
            neighbours[link.Second].Add(link);
        }

        var root = FindRoot(map);
        var positions = new Dictionary<ushort, (double X, double Y)>();
        if (root is not { } rootAddress)
        {
            return positions;
        }

        var depth = HopCounts(rootAddress, neighbours);
        var children = new Dictionary<ushort, List<ushort>>();
        foreach (var node in map.Nodes)
        {
            children[node.NetworkAddress] = [];
        }

        foreach (var node in map.Nodes)
        {
            if (node.NetworkAddress != rootAddress && TreeParent(node.NetworkAddress, depth, neighbours) is { } parent)
            {
                children[parent].Add(node.NetworkAddress);
            }
        }

        foreach (var list in children.Values)
        {
            list.Sort();
        }

        var leaves = new Dictionary<ushort, int>();
        CountLeaves(rootAddress, children, leaves);
        positions[rootAddress] = (0, 0);
        PlaceSubtree(rootAddress, 0, 2 * Math.PI, 0, children, leaves, positions);

        var maxDepth = depth.Count == 0 ? 0 : depth.Values.Max();
        var stray = map.Nodes.Where(n => !positions.ContainsKey(n.NetworkAddress)).Select(n => n.NetworkAddress).ToList();
        for (var i = 0; i < stray.Count; i++)
        {
            var angle = (2 * Math.PI * i / stray.Count) - (Math.PI / 2);
            var radius = (maxDepth + 1) * RingSpacing;
            positions[stray[i]] = (radius * Math.Cos(angle), radius * Math.Sin(angle));
        }

        return positions;
    }

    private static ushort? FindRoot(NetworkMap map)
    {
        foreach (var node in map.Nodes)
        {
            if (node.Role == MapNodeRole.Coordinator)
            {
                return node.NetworkAddress;
            }
        }

        return map.Find(0x0000) is not null ? 0x0000 : map.Nodes.Select(n => (ushort?)n.NetworkAddress).FirstOrDefault();
    }

    private static Dictionary<ushort, int> HopCounts(ushort root, Dictionary<ushort, List<MapLink>> neighbours)
    {
        var depth = new Dictionary<ushort, int> { [root] = 0 };
        var queue = new Queue<ushort>();
        queue.Enqueue(root);
        while (queue.Count > 0)
        {
            var here = queue.Dequeue();
            var next = neighbours[here].Select(l => l.First == here ? l.Second : l.First).Order();
            foreach (var other in next)
            {
                if (depth.TryAdd(other, depth[here] + 1))
                {
                    queue.Enqueue(other);
                }
            }
        }

        return depth;
    }

    private static ushort? TreeParent(ushort node, Dictionary<ushort, int> depth, Dictionary<ushort, List<MapLink>> neighbours)
    {
        if (!depth.TryGetValue(node, out var level))
        {
            return null;
        }

        ushort? best = null;
        (bool ParentChild, byte Lqi) bestRank = default;
        foreach (var link in neighbours[node])
        {
            var other = link.First == node ? link.Second : link.First;
            if (depth.GetValueOrDefault(other, int.MaxValue) != level - 1)
            {
                continue;
            }

            var rank = (link.ParentChild, link.Lqi);
            if (best is not { } current || rank.ParentChild && !bestRank.ParentChild
                || (rank.ParentChild == bestRank.ParentChild && (rank.Lqi > bestRank.Lqi || (rank.Lqi == bestRank.Lqi && other < current))))
            {
                best = other;
                bestRank = rank;
            }
        }

        return best;
    }

    private static int CountLeaves(ushort node, Dictionary<ushort, List<ushort>> children, Dictionary<ushort, int> leaves)
    {
        var count = 0;
        foreach (var child in children[node])
        {
            count += CountLeaves(child, children, leaves);
        }

        leaves[node] = Math.Max(1, count);
        return leaves[node];
    }

    private static void PlaceSubtree(
        ushort node, double from, double to, int level, Dictionary<ushort, List<ushort>> children, Dictionary<ushort, int> leaves,
        Dictionary<ushort, (double X, double Y)> positions)
    {
        var total = leaves[node];
        var start = from;
        foreach (var child in children[node])
        {
            var span = (to - from) * leaves[child] / total;
            var angle = start + (span / 2) - (Math.PI / 2);
            var radius = (level + 1) * RingSpacing;
            positions[child] = (radius * Math.Cos(angle), radius * Math.Sin(angle));
            PlaceSubtree(child, start, start + span, level + 1, children, leaves, positions);
            start += span;
        }
    }
}
