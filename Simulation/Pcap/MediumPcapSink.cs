using ZigBee.Simulation.Medium;

namespace ZigBee.Simulation.Pcap;

/// <summary>
/// Records every frame a simulated medium puts on air into a pcap (link type 195), stamped with virtual time, as a
/// sniffer beside the network would see it.
/// </summary>
public sealed class MediumPcapSink : IMediumCaptureSink, IDisposable
{
    private readonly SimulatedMedium _medium;
    private readonly PcapWriter _writer;

    public MediumPcapSink(SimulatedMedium medium, Stream stream, bool leaveOpen = false)
    {
        _medium = medium;
        _writer = new PcapWriter(stream, PcapLinkType.Ieee802154WithFcs, leaveOpen);
        medium.AddCaptureSink(this);
    }

    public long FramesWritten => _writer.RecordCount;

    public void OnFrame(in MediumCaptureInfo info, ReadOnlySpan<byte> psdu) => _writer.Write(info.UtcTimestamp, psdu);

    public void Dispose()
    {
        _medium.RemoveCaptureSink(this);
        _writer.Dispose();
    }
}
