using ZigBee.Simulation.Medium;

namespace ZigBee.Simulation.Topologies;

/// <summary>
/// Who hears whom among nodes 0..N-1: a list of directed links (the factories make every link in both directions),
/// applied to a medium with <see cref="SimulatedMedium.ApplyTopology"/>. Immutable.
/// </summary>
public sealed class Topology
{
    /// <summary>Names accepted by <see cref="Create"/>.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["grid", "line", "star", "random"];

    private Topology(string kind, int nodeCount, List<TopologyLink> links, TopologyPosition[]? positions)
    {
        Kind = kind;
        NodeCount = nodeCount;
        Links = links;
        Positions = positions;
    }

    /// <summary>"grid", "line", "star", "random" or "links".</summary>
    public string Kind { get; }

    public int NodeCount { get; }

    /// <summary>Directed links; a symmetric pair appears as two entries.</summary>
    public IReadOnlyList<TopologyLink> Links { get; }

    /// <summary>Node positions in metres where the kind has geometry; null for star and explicit links.</summary>
    public IReadOnlyList<TopologyPosition>? Positions { get; }

    /// <summary>
    /// Nodes on a lattice of ceil(sqrt(N)) columns filled row by row, 1 m apart; each hears its lattice neighbours,
    /// diagonals included (a 3×3 centre hears 8, a corner 3).
    /// </summary>
    public static Topology Grid(int nodeCount, byte lqi = LinkQuality.DefaultLqi, double lossProbability = 0) =>
        Grid(nodeCount, DiagonalReach, lqi, lossProbability);

    /// <summary>Reach of <see cref="Grid(int, byte, double)"/>: the diagonal neighbour (√2 m) and no further.</summary>
    public const double DiagonalReach = 1.5;

    /// <summary>
    /// Nodes on a lattice of ceil(sqrt(N)) columns filled row by row, 1 m apart; each hears every node within
    /// <paramref name="reach"/> metres (1.5: the 8 around it; 2.3: 20, out to the knight's move (2, 1); 2.9: the 24 of
    /// its 5×5 square). A longer reach is a denser mesh with fewer hops across it.
    /// </summary>
    public static Topology Grid(int nodeCount, double reach, byte lqi = LinkQuality.DefaultLqi, double lossProbability = 0)
    {
        ValidateCount(nodeCount);
        ValidateLoss(lossProbability);
        if (!(reach >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(reach), reach, "A grid node reaches at least its lattice neighbours (1 m).");
        }

        var columns = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(nodeCount)));
        var positions = new TopologyPosition[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            positions[i] = new TopologyPosition(i % columns, i / columns);
        }

        var span = (int)Math.Floor(reach);
        var links = new List<TopologyLink>();
        for (var i = 0; i < nodeCount; i++)
        {
            // Later nodes within reach lie at most `span` rows further on.
            var last = Math.Min(nodeCount - 1, i + ((span + 1) * columns));
            for (var j = i + 1; j <= last; j++)
            {
                var dx = positions[i].X - positions[j].X;
                var dy = positions[i].Y - positions[j].Y;
                if ((dx * dx) + (dy * dy) <= reach * reach)
                {
                    AddPair(links, i, j, lqi, lossProbability);
                }
            }
        }

        return new Topology("grid", nodeCount, links, positions);
    }

    /// <summary>A chain: node i hears i-1 and i+1 only.</summary>
    public static Topology Line(int nodeCount, byte lqi = LinkQuality.DefaultLqi, double lossProbability = 0)
    {
        ValidateCount(nodeCount);
        ValidateLoss(lossProbability);
        var positions = new TopologyPosition[nodeCount];
        var links = new List<TopologyLink>();
        for (var i = 0; i < nodeCount; i++)
        {
            positions[i] = new TopologyPosition(i, 0);
            if (i > 0)
            {
                AddPair(links, i - 1, i, lqi, lossProbability);
            }
        }

        return new Topology("line", nodeCount, links, positions);
    }

    /// <summary>Node 0 in the centre hears every node; every other node hears node 0 only.</summary>
    public static Topology Star(int nodeCount, byte lqi = LinkQuality.DefaultLqi, double lossProbability = 0)
    {
        ValidateCount(nodeCount);
        ValidateLoss(lossProbability);
        var links = new List<TopologyLink>();
        for (var i = 1; i < nodeCount; i++)
        {
            AddPair(links, 0, i, lqi, lossProbability);
        }

        return new Topology("star", nodeCount, links, null);
    }

    /// <summary>
    /// Positions drawn from <paramref name="seed"/> uniformly in a square of <paramref name="side"/> metres (default
    /// 10·sqrt(N), about seven neighbours each at the default range); nodes within <paramref name="range"/> metres hear
    /// each other, with LQI falling linearly with distance (<see cref="LinkQuality.LqiFromDistance"/>).
    /// </summary>
    public static Topology Random(int nodeCount, int seed, double range = 15, double? side = null, double lossProbability = 0)
    {
        ValidateCount(nodeCount);
        ValidateLoss(lossProbability);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(range);
        var square = side ?? 10 * Math.Sqrt(Math.Max(1, nodeCount));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(square, nameof(side));
        var random = new Random(seed);
        var positions = new TopologyPosition[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            positions[i] = new TopologyPosition(random.NextDouble() * square, random.NextDouble() * square);
        }

        var links = new List<TopologyLink>();
        for (var i = 0; i < nodeCount; i++)
        {
            for (var j = i + 1; j < nodeCount; j++)
            {
                var distance = positions[i].DistanceTo(positions[j]);
                if (distance <= range)
                {
                    AddPair(links, i, j, LinkQuality.LqiFromDistance(distance, range), lossProbability);
                }
            }
        }

        return new Topology("random", nodeCount, links, positions);
    }

    /// <summary>The same topology with nodes <paramref name="a"/> and <paramref name="b"/> exchanged (links and positions).</summary>
    public Topology Swap(int a, int b)
    {
        if ((uint)a >= (uint)NodeCount || (uint)b >= (uint)NodeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(a), $"nodes {a} and {b} must be in 0..{NodeCount - 1}");
        }

        int Map(int node) => node == a ? b : node == b ? a : node;
        var links = new List<TopologyLink>(Links.Count);
        foreach (var link in Links)
        {
            links.Add(link with { From = Map(link.From), To = Map(link.To) });
        }

        TopologyPosition[]? positions = null;
        if (Positions is { } old)
        {
            positions = new TopologyPosition[old.Count];
            for (var i = 0; i < old.Count; i++)
            {
                positions[Map(i)] = old[i];
            }
        }

        return new Topology(Kind, NodeCount, links, positions);
    }

    /// <summary>Exactly the given directed links (add both directions for a symmetric link).</summary>
    public static Topology FromLinks(int nodeCount, IEnumerable<TopologyLink> links)
    {
        ValidateCount(nodeCount);
        ArgumentNullException.ThrowIfNull(links);
        var list = new List<TopologyLink>();
        foreach (var link in links)
        {
            if ((uint)link.From >= (uint)nodeCount || (uint)link.To >= (uint)nodeCount || link.From == link.To)
            {
                throw new ArgumentException($"Link {link.From}->{link.To} does not join two distinct nodes of 0..{nodeCount - 1}.", nameof(links));
            }

            ValidateLoss(link.LossProbability);
            list.Add(link);
        }

        return new Topology("links", nodeCount, list, null);
    }

    /// <summary>A topology by name (<see cref="Kinds"/>), with defaults; <paramref name="seed"/> matters for "random" only.</summary>
    public static Topology Create(string kind, int nodeCount, int seed = 0) =>
        kind.ToLowerInvariant() switch
        {
            "grid" => Grid(nodeCount),
            "line" => Line(nodeCount),
            "star" => Star(nodeCount),
            "random" => Random(nodeCount, seed),
            _ => throw new ArgumentException($"Unknown topology '{kind}'; expected one of {string.Join(", ", Kinds)}.", nameof(kind)),
        };

    /// <summary>The nodes that hear <paramref name="node"/>, ascending.</summary>
    public IReadOnlyList<int> ReceiversOf(int node)
    {
        var receivers = new List<int>();
        foreach (var link in Links)
        {
            if (link.From == node)
            {
                receivers.Add(link.To);
            }
        }

        receivers.Sort();
        return receivers;
    }

    /// <summary>For every node, the nodes that hear it, ascending: <see cref="ReceiversOf"/> for all nodes in one pass.</summary>
    public int[][] ReceiverLists()
    {
        var lists = new List<int>[NodeCount];
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i] = [];
        }

        foreach (var link in Links)
        {
            lists[link.From].Add(link.To);
        }

        var receivers = new int[lists.Length][];
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i].Sort();
            receivers[i] = [.. lists[i]];
        }

        return receivers;
    }

    private static void AddPair(List<TopologyLink> links, int a, int b, byte lqi, double loss)
    {
        links.Add(new TopologyLink(a, b, lqi, loss));
        links.Add(new TopologyLink(b, a, lqi, loss));
    }

    private static void ValidateCount(int nodeCount) => ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);

    internal static void ValidateLoss(double probability, string name = "lossProbability")
    {
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(name, probability, "A probability lies in 0..1.");
        }
    }
}
