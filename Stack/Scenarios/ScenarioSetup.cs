using ZigBee.Nwk.Security;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Stack.Scenarios;

/// <summary>What every scenario does alike when it builds its network.</summary>
internal static class ScenarioSetup
{
    /// <summary>
    /// The seed of node <paramref name="node"/>'s random source. HashCode.Combine is salted per process, so seeds are
    /// mixed by hand to keep runs reproducible from one process to the next.
    /// </summary>
    public static int NodeSeed(int seed, int node) => unchecked((seed * 1_000_003) + node);

    /// <summary>The network key of a run with <paramref name="seed"/>: random, and the same for the same seed.</summary>
    public static ZigBeeKey NetworkKey(int seed)
    {
        Span<byte> key = stackalloc byte[ZigBeeKey.Length];
        new Random(unchecked((seed * 1_000_003) ^ 0x4E574B)).NextBytes(key);
        return ZigBeeKey.Read(key);
    }

    /// <summary>Applies <paramref name="topology"/> and gives each of its links the loss probability <paramref name="loss"/>.</summary>
    public static void Apply(SimulatedMedium medium, Topology topology, double loss)
    {
        medium.ApplyTopology(topology);
        if (loss > 0)
        {
            foreach (var link in topology.Links)
            {
                medium.SetLinkLoss(link.From, link.To, loss);
            }
        }
    }
}
