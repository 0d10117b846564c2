using ZigBee.Mac.Radio;

namespace ZigBee.Simulation.Medium;

// The radios' state as flat tables the per-frame loops index by node: a row of RadioState per node, and the air at
// each node per channel laid out channel by channel, so the nodes of one busy channel share cache lines.
public sealed partial class SimulatedMedium
{
    private RadioState[] _states = [];
    private AirState[] _air = [];

    /// <summary>Rows per channel in <see cref="_air"/> (and rows of <see cref="_states"/>): at least the node count.</summary>
    private int _capacity;

    /// <summary>A reference valid until the next node is added.</summary>
    internal ref RadioState StateOf(int node) => ref _states[node];

    /// <summary>Index of <paramref name="node"/>'s air on channel <paramref name="channelIndex"/> (0 is channel 11) in <see cref="_air"/>.</summary>
    private int AirIndex(int channelIndex, int node) => (channelIndex * _capacity) + node;

    private void GrowTables(int nodes)
    {
        if (nodes <= _capacity)
        {
            return;
        }

        var capacity = Math.Max(Math.Max(16, nodes), _capacity * 2);
        Array.Resize(ref _states, capacity);
        var air = new AirState[ChannelCount * capacity];
        for (var channel = 0; channel < ChannelCount; channel++)
        {
            _air.AsSpan(channel * _capacity, _capacity).CopyTo(air.AsSpan(channel * capacity));
        }

        _air = air;
        _capacity = capacity;
    }
}
