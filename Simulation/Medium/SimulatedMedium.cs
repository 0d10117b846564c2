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
    private readonly Dictionary<long, MediumLink> _links = [];
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
        var radio = new SimulatedRadio(this, _radios.Count, extendedAddress);
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
        var link = GetOrCreateLink(from, to);
        link.Exists = true;
        link.Lqi = lqi;
        link.LossProbability = lossProbability;
    }

    /// <summary>Removes the link in both directions (a frame on air over it is lost).</summary>
    public void Unlink(int a, int b)
    {
        UnlinkDirected(a, b);
        UnlinkDirected(b, a);
    }

    public void UnlinkDirected(int from, int to)
    {
        if (FindLink(from, to) is { } link)
        {
            DropEnergy(link);
            link.Exists = false;
        }
    }

    /// <summary>Removes every link.</summary>
    public void UnlinkAll()
    {
        foreach (var link in _links.Values)
        {
            DropEnergy(link);
            link.Exists = false;
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
    public bool IsLinked(int from, int to) => FindLink(from, to) is { Audible: true };

    /// <summary>The LQI of the link from <paramref name="from"/> to <paramref name="to"/>, or null without a link.</summary>
    public byte? GetLinkQuality(int from, int to) => FindLink(from, to) is { Exists: true } link ? link.Lqi : null;

    /// <summary>The nodes that hear <paramref name="node"/> now (existing, unbroken links), ascending.</summary>
    public IReadOnlyList<int> ReceiversOf(int node)
    {
        var receivers = new List<int>();
        foreach (var link in Radio(node).Links)
        {
            if (link.Audible)
            {
                receivers.Add(link.To.Index);
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

    private MediumLink? FindLink(int from, int to)
    {
        Radio(from);
        Radio(to);
        return _links.GetValueOrDefault(LinkKey(from, to));
    }

    private MediumLink GetOrCreateLink(int from, int to)
    {
        var sender = Radio(from);
        var receiver = Radio(to);
        if (from == to)
        {
            throw new ArgumentException("A node does not link to itself.", nameof(to));
        }

        var key = LinkKey(from, to);
        if (!_links.TryGetValue(key, out var link))
        {
            link = new MediumLink(sender, receiver);
            _links.Add(key, link);
            sender.Links.Add(link);
        }

        return link;
    }

    private static long LinkKey(int from, int to) => ((long)from << 32) | (uint)to;
}
