using ZigBee.Mac.Radio;
using ZigBee.Simulation.Scheduling;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Simulation.Medium;

/// <summary>
/// The shared 2.4 GHz air of a simulated network, in the virtual time of a <see cref="SimulationScheduler"/>.
/// Nodes are radios numbered 0..N-1; links are directed (<see cref="Link"/> makes both directions, <see cref="LinkDirected"/>
/// one) and carry an LQI and a loss probability. A frame's airtime follows the PHY (6-byte SHR+PHR, 32 µs per byte);
/// at its end the sender completes and each receiver that heard it all the way through gets it. Random draws (loss,
/// corruption) come from one <see cref="Random"/> seeded at construction and are made in a fixed order, so the same
/// seed and the same inputs give the same run, event for event. Not thread-safe: use it on the scheduler's thread.
/// </summary>
public sealed partial class SimulatedMedium
{
    /// <summary>Channels 11–26 of the 2.4 GHz band.</summary>
    public const int ChannelCount = Phy24GHz.LastChannel - Phy24GHz.FirstChannel + 1;

    private readonly List<SimulatedRadio> _radios = [];
    /// <summary>Slot of each link ever made in its sender's <see cref="LinkTable"/>, by <see cref="LinkKey"/>.</summary>
    private readonly Dictionary<long, int> _links = new(LinkKeyComparer.Instance);
    private readonly byte[] _channelEnergy = new byte[ChannelCount];
    private readonly Random _random;
    private long _stamp;

    public SimulatedMedium(SimulationScheduler scheduler, int seed)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        Scheduler = scheduler;
        Seed = seed;
        _random = new Random(seed);
    }

    public SimulationScheduler Scheduler { get; }

    public int Seed { get; }

    public MediumStatistics Statistics { get; } = new();

    public int NodeCount => _radios.Count;

    /// <summary>Radios by node index.</summary>
    public IReadOnlyList<SimulatedRadio> Radios => _radios;

    public SimulatedRadio this[int node] => Radio(node);

    /// <summary>Adds a powered node (channel 11, receiver on, no links) and returns its radio; its index is the previous <see cref="NodeCount"/>.</summary>
    public SimulatedRadio AddNode(ulong extendedAddress)
    {
        var index = _radios.Count;
        GrowTables(index + 1);
        _states[index] = RadioState.Initial(NextStamp(), Phy24GHz.FirstChannel);
        var radio = new SimulatedRadio(this, index, extendedAddress);
        _radios.Add(radio);
        GrowScratch(_radios.Count);
        return radio;
    }

    public SimulatedRadio Radio(int node)
    {
        if ((uint)node >= (uint)_radios.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(node), node, $"The medium has nodes 0..{_radios.Count - 1}.");
        }

        return _radios[node];
    }

    /// <summary>Makes (or updates) a symmetric link: <paramref name="a"/> and <paramref name="b"/> hear each other.</summary>
    public void Link(int a, int b, byte lqi = LinkQuality.DefaultLqi, double lossProbability = 0)
    {
        LinkDirected(a, b, lqi, lossProbability);
        LinkDirected(b, a, lqi, lossProbability);
    }

    /// <summary>
    /// Makes (or updates) the one-way link on which <paramref name="to"/> hears <paramref name="from"/>. Faults set on
    /// the link (broken, burst, corruption) are kept.
    /// </summary>
    public void LinkDirected(int from, int to, byte lqi = LinkQuality.DefaultLqi, double lossProbability = 0)
    {
        Topology.ValidateLoss(lossProbability);
        var slot = GetOrCreateSlot(from, to);
        var links = _radios[from].Links;
        ref var link = ref links[slot];
        link.Exists = true;
        link.Lqi = lqi;
        links.Faults(slot).LossProbability = lossProbability;
        links.RefreshFaulty(slot);
    }

    /// <summary>Removes the link in both directions (a frame on air over it is lost).</summary>
    public void Unlink(int a, int b)
    {
        UnlinkDirected(a, b);
        UnlinkDirected(b, a);
    }

    public void UnlinkDirected(int from, int to)
    {
        var slot = FindSlot(from, to);
        if (slot >= 0)
        {
            var sender = _radios[from];
            ref var link = ref sender.Links[slot];
            DropEnergy(sender, ref link);
            link.Exists = false;
        }
    }

    /// <summary>Removes every link.</summary>
    public void UnlinkAll()
    {
        foreach (var sender in _radios)
        {
            foreach (ref var link in sender.Links.All)
            {
                DropEnergy(sender, ref link);
                link.Exists = false;
            }
        }
    }

    /// <summary>Replaces all links with the topology's; the medium needs at least <see cref="Topology.NodeCount"/> nodes.</summary>
    public void ApplyTopology(Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        if (topology.NodeCount > _radios.Count)
        {
            throw new ArgumentException($"The topology has {topology.NodeCount} nodes but the medium only {_radios.Count}.", nameof(topology));
        }

        UnlinkAll();
        foreach (var link in topology.Links)
        {
            LinkDirected(link.From, link.To, link.Lqi, link.LossProbability);
        }
    }

    /// <summary>True when <paramref name="to"/> hears <paramref name="from"/>: the link exists and is not broken.</summary>
    public bool IsLinked(int from, int to) => FindSlot(from, to) is var slot and >= 0 && _radios[from].Links[slot].Audible;

    /// <summary>The LQI of the link from <paramref name="from"/> to <paramref name="to"/>, or null without a link.</summary>
    public byte? GetLinkQuality(int from, int to) => TryFindExisting(from, to, out var slot) ? _radios[from].Links[slot].Lqi : null;

    /// <summary>The nodes that hear <paramref name="node"/> now (existing, unbroken links), ascending.</summary>
    public IReadOnlyList<int> ReceiversOf(int node)
    {
        var receivers = new List<int>();
        foreach (var link in Radio(node).Links.All)
        {
            if (link.Audible)
            {
                receivers.Add(link.To);
            }
        }

        receivers.Sort();
        return receivers;
    }

    /// <summary>Background energy (noise, other networks) on a channel, 0–255, seen by every node's energy detection.</summary>
    public void SetChannelEnergy(byte channel, byte level)
    {
        ValidateChannel(channel);
        _channelEnergy[channel - Phy24GHz.FirstChannel] = level;
    }

    public byte GetChannelEnergy(byte channel)
    {
        ValidateChannel(channel);
        return _channelEnergy[channel - Phy24GHz.FirstChannel];
    }

    internal static void ValidateChannel(byte channel)
    {
        if (channel is < Phy24GHz.FirstChannel or > Phy24GHz.LastChannel)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "2.4 GHz channels are 11 to 26.");
        }
    }

    /// <summary>A new, strictly increasing stamp that orders state changes within one virtual instant.</summary>
    internal long NextStamp() => ++_stamp;

    /// <summary>The slot of the link in <paramref name="from"/>'s table, or -1 when none was ever made.</summary>
    private int FindSlot(int from, int to)
    {
        Radio(from);
        Radio(to);
        return _links.TryGetValue(LinkKey(from, to), out var slot) ? slot : -1;
    }

    /// <summary>Whether the link exists now (unbroken or not), and its slot in <paramref name="from"/>'s table.</summary>
    private bool TryFindExisting(int from, int to, out int slot)
    {
        slot = FindSlot(from, to);
        return slot >= 0 && _radios[from].Links[slot].Exists;
    }

    private int GetOrCreateSlot(int from, int to)
    {
        var sender = Radio(from);
        Radio(to);
        if (from == to)
        {
            throw new ArgumentException("A node does not link to itself.", nameof(to));
        }

        var key = LinkKey(from, to);
        if (!_links.TryGetValue(key, out var slot))
        {
            slot = sender.Links.Add(to);
            _links.Add(key, slot);
        }

        return slot;
    }

    private static long LinkKey(int from, int to) => ((long)from << 32) | (uint)to;

    /// <summary>
    /// Spreads link keys over the buckets. A long's own hash is its two halves XORed, from ^ to, the same small number
    /// for many pairs of nearby nodes, so a grid of 1,000 nodes put most links in a few long chains.
    /// </summary>
    private sealed class LinkKeyComparer : IEqualityComparer<long>
    {
        public static readonly LinkKeyComparer Instance = new();

        public bool Equals(long x, long y) => x == y;

        // Fibonacci hashing: the high half of the key times 2^64/φ depends on every bit of the key.
        public int GetHashCode(long obj) => (int)(((ulong)obj * 0x9E3779B97F4A7C15UL) >> 32);
    }
}
