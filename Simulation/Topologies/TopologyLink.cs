namespace ZigBee.Simulation.Topologies;

/// <summary>A directed link of a topology: <paramref name="To"/> hears <paramref name="From"/>.</summary>
/// <param name="Lqi">Link quality at the receiver, 0–255 (the RSSI follows from it).</param>
/// <param name="LossProbability">Chance, 0–1, that a frame the receiver would hear is lost anyway.</param>
public readonly record struct TopologyLink(int From, int To, byte Lqi = 255, double LossProbability = 0);

/// <summary>A node's place in a topology that has geometry (grid, line, random), in metres.</summary>
public readonly record struct TopologyPosition(double X, double Y)
{
    public double DistanceTo(TopologyPosition other) => Math.Sqrt(((X - other.X) * (X - other.X)) + ((Y - other.Y) * (Y - other.Y)));
}
