namespace ZigBee.Zdo.Management;

/// <summary>
/// A radial tree layout: the coordinator in the centre, each device on the ring of its hop count from it, and each
/// subtree given an arc in proportion to its leaves, so branches do not cross. A device's tree parent is its own
/// parent where the map knows one, else its best-LQI neighbour one hop closer. A ring is pushed out as far as its
/// most crowded neighbours need to sit <see cref="MinSeparation"/> apart (many end devices of the coordinator would
/// otherwise overlap on the first ring). Devices the crawl could not connect go on an outer ring. Deterministic: the
/// same map gives the same positions.
/// </summary>
public static class NetworkMapLayout
{
    /// <summary>Distance between rings, in SVG user units.</summary>
    public const double RingSpacing = 120;

    /// <summary>Least distance between two neighbours on a ring, room for two circles and their address labels.</summary>
    public const double MinSeparation = 48;

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
        var arcs = new Dictionary<ushort, (double Angle, double Span, int Level)>();
        PlaceSubtree(rootAddress, 0, 2 * Math.PI, 0, children, leaves, arcs);

        var radii = RingRadii(arcs.Values);
        positions[rootAddress] = (0, 0);
        foreach (var (address, (angle, _, level)) in arcs)
        {
            positions[address] = (radii[level] * Math.Cos(angle), radii[level] * Math.Sin(angle));
        }

        var stray = map.Nodes.Where(n => !positions.ContainsKey(n.NetworkAddress)).Select(n => n.NetworkAddress).ToList();
        var outer = radii[^1] + RingSpacing;
        for (var i = 0; i < stray.Count; i++)
        {
            var angle = (2 * Math.PI * i / stray.Count) - (Math.PI / 2);
            positions[stray[i]] = (outer * Math.Cos(angle), outer * Math.Sin(angle));
        }

        return positions;
    }

    /// <summary>
    /// The radius of each ring (index = hop level, 0 the centre): at least <see cref="RingSpacing"/> beyond the one
    /// inside it, and far enough out that the narrowest arc on it is <see cref="MinSeparation"/> long, since two
    /// neighbours on a ring are at least half of each one's arc apart.
    /// </summary>
    private static double[] RingRadii(IEnumerable<(double Angle, double Span, int Level)> arcs)
    {
        var narrowest = new SortedDictionary<int, double>();
        foreach (var (_, span, level) in arcs)
        {
            narrowest[level] = Math.Min(narrowest.GetValueOrDefault(level, double.MaxValue), span);
        }

        var levels = narrowest.Count == 0 ? 0 : narrowest.Keys.Max();
        var radii = new double[levels + 1];
        for (var level = 1; level <= levels; level++)
        {
            var span = narrowest.GetValueOrDefault(level, 2 * Math.PI);
            radii[level] = Math.Max(radii[level - 1] + RingSpacing, MinSeparation / span);
        }

        return radii;
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
        Dictionary<ushort, (double Angle, double Span, int Level)> arcs)
    {
        var total = leaves[node];
        var start = from;
        foreach (var child in children[node])
        {
            var span = (to - from) * leaves[child] / total;
            arcs[child] = (start + (span / 2) - (Math.PI / 2), span, level + 1);
            PlaceSubtree(child, start, start + span, level + 1, children, leaves, arcs);
            start += span;
        }
    }
}
