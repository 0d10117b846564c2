using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;
using ZigBee.Simulation.Medium;
using ZigBee.Simulation.Scheduling;
using ZigBee.Simulation.Topologies;

namespace ZigBee.Tests.Simulation;

/// <summary>A scheduler, a medium and N nodes whose handlers record what they receive, in one list in event order.</summary>
internal sealed class MediumTestBed
{
    public const ulong AddressBase = 0x00124B0000000000;

    public MediumTestBed(int nodes, int seed = 1, Topology? topology = null)
    {
        Scheduler = new SimulationScheduler();
        Medium = new SimulatedMedium(Scheduler, seed);
        for (var i = 0; i < nodes; i++)
        {
            var radio = Medium.AddNode(AddressBase + (ulong)i);
            var handler = new RecordingHandler(this, i);
            radio.SetHandler(handler);
            Handlers.Add(handler);
        }

        if (topology is not null)
        {
            Medium.ApplyTopology(topology);
        }

        Medium.AddCaptureSink(Capture);
    }

    public SimulationScheduler Scheduler { get; }

    public SimulatedMedium Medium { get; }

    public List<RecordingHandler> Handlers { get; } = [];

    public List<Delivery> Deliveries { get; } = [];

    public CaptureRecorder Capture { get; } = new();

    public SimulatedRadio this[int node] => Medium[node];

    /// <summary>Nodes that received anything, ascending.</summary>
    public int[] Receivers() => [.. Deliveries.Select(d => d.Node).Distinct().Order()];

    /// <summary>A MAC data frame of <paramref name="length"/> bytes (FCS included, valid) tagged with <paramref name="tag"/>.</summary>
    public static byte[] Frame(int length, byte tag = 0)
    {
        var frame = new byte[length];
        frame[0] = 0x41;
        frame[1] = 0x88;
        for (var i = 2; i < length - 2; i++)
        {
            frame[i] = (byte)(tag + i);
        }

        Fcs.Write(frame.AsSpan(0, length - 2), frame.AsSpan(length - 2));
        return frame;
    }

    /// <summary>Sends from <paramref name="node"/> after <paramref name="delay"/> of virtual time from now.</summary>
    public void SendAt(TimeSpan delay, int node, byte[] psdu) => Scheduler.Schedule(delay, () => Medium[node].Transmit(psdu));

    public sealed record Delivery(TimeSpan At, int Node, byte[] Psdu, RadioReceiveInfo Info);

    public sealed class RecordingHandler(MediumTestBed bed, int node) : IRadioHandler
    {
        public List<TimeSpan> Completions { get; } = [];

        public List<byte[]> Received { get; } = [];

        public Action<ReadOnlySpan<byte>>? OnReceived { get; set; }

        public void OnReceive(ReadOnlySpan<byte> psdu, in RadioReceiveInfo info)
        {
            var copy = psdu.ToArray();
            Received.Add(copy);
            bed.Deliveries.Add(new Delivery(bed.Scheduler.Now, node, copy, info));
            OnReceived?.Invoke(psdu);
        }

        public void OnTransmitComplete() => Completions.Add(bed.Scheduler.Now);
    }

    public sealed class CaptureRecorder : IMediumCaptureSink
    {
        public List<(MediumCaptureInfo Info, byte[] Psdu)> Frames { get; } = [];

        public void OnFrame(in MediumCaptureInfo info, ReadOnlySpan<byte> psdu) => Frames.Add((info, psdu.ToArray()));
    }
}
