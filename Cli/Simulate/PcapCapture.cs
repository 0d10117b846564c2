using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Pcap;

namespace ZigBee.Cli.Simulate;

/// <summary>Opens a pcap file for a command's `--pcap` option, turning I/O failures into a one-line message.</summary>
internal static class PcapCapture
{
    public static MediumPcapSink? TryOpen(FileInfo file, SimulatedMedium medium, string command, TextWriter error)
    {
        try
        {
            return new MediumPcapSink(medium, new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error.WriteLine($"zigbee {command}: cannot write {file.FullName}: {e.Message}");
            return null;
        }
    }
}
