using ZigBee.Simulation.Scenarios;

namespace ZigBee.Cli.Simulate;

/// <summary>Writes every frame a scenario puts on air to a pcap file.</summary>
internal sealed class PcapCapture : IDisposable
{
    public static PcapCapture? TryOpen(FileInfo file, MacScenario scenario, TextWriter error)
    {
        error.WriteLine("zigbee simulate: --pcap is not available in this build");
        return null;
    }

    public void Dispose()
    {
    }
}
