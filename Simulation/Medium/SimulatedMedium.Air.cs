using ZigBee.Mac.Frames;
using ZigBee.Mac.Radio;

namespace ZigBee.Simulation.Medium;

// Frames on air: start, end, who hears what. Collision bookkeeping works without searching: each receiver counts the
// audible transmissions on air per channel and remembers when (tick and stamp) one last started while another was
// already audible; a frame collided at a receiver exactly when such an overlap happened at or after its own start and
// before its end. A frame occupies the half-open interval [start, end): one that starts on the very tick another ends
// does not overlap it, whichever of the two events the scheduler happens to run first.
public sealed partial class SimulatedMedium
{
    private static readonly Action<object?> EndCallback = static state => ((InFlightFrame)state!).Sender.Medium.EndTransmission((InFlightFrame)state!);

    private readonly Stack<InFlightFrame> _pool = new();
    private readonly List<InFlightFrame> _onAir = [];
    private readonly byte[] _corruptCopy = new byte[Phy24GHz.MaxPhyPacketSize];
    private IMediumCaptureSink[] _sinks = [];
    private MediumLink[] _hearers = [];
    private bool[] _hearerCorrupt = [];

    /// <summary>Registers a sink that sees every frame put on air (see <see cref="IMediumCaptureSink"/>).</summary>
    public void AddCaptureSink(IMediumCaptureSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _sinks = [.. _sinks, sink];
    }

    public bool RemoveCaptureSink(IMediumCaptureSink sink)
    {
        var index = Array.IndexOf(_sinks, sink);
        if (index < 0)
        {
            return false;
        }

        var sinks = new List<IMediumCaptureSink>(_sinks);
        sinks.RemoveAt(index);
        _sinks = [.. sinks];
        return true;
    }

    /// <summary>Number of transmissions on air now, on all channels.</summary>
    public int FramesOnAir => _onAir.Count;

    internal void StartTransmission(SimulatedRadio sender, ReadOnlySpan<byte> psdu)
    {
        var frame = _pool.Count > 0 ? _pool.Pop() : new InFlightFrame();
        psdu.CopyTo(frame.Buffer);
        frame.Length = psdu.Length;
        frame.Sender = sender;
        frame.Channel = sender.Channel;
        frame.StartTicks = Scheduler.NowTicks;
        frame.EndTicks = frame.StartTicks + Phy24GHz.Airtime(psdu.Length).Ticks;
        frame.StartStamp = NextStamp();
        frame.Radiated = sender.IsPowered;
        sender.Current = frame;

        if (frame.Radiated)
        {
            Statistics.FramesTransmitted++;
            frame.ActiveIndex = _onAir.Count;
            _onAir.Add(frame);
            var channel = frame.Channel - Phy24GHz.FirstChannel;
            foreach (var link in sender.Links)
            {
                if (link.Audible)
                {
                    link.CountedStamp = frame.StartStamp;
                    ref var air = ref link.To.Air[channel];
                    if (air.Audible > 0 && air.LatestEnd > frame.StartTicks)
                    {
                        if (air.OverlapTicks < frame.StartTicks)
                        {
                            air.EarlierOverlapStamp = air.OverlapStamp;
                            air.OverlapTicks = frame.StartTicks;
                        }

                        air.OverlapStamp = frame.StartStamp;
                    }

                    air.Audible++;
                    air.LatestEnd = Math.Max(air.LatestEnd, frame.EndTicks);
                }
            }

            if (_sinks.Length > 0)
            {
                var info = new MediumCaptureInfo(Scheduler.Now, Scheduler.Time.GetUtcNow(), frame.Channel, sender.Index, sender.ExtendedAddress);
                foreach (var sink in _sinks)
                {
                    sink.OnFrame(info, frame.Psdu);
                }
            }
        }

        Scheduler.Schedule(Phy24GHz.Airtime(psdu.Length), EndCallback, frame);
    }

    private void EndTransmission(InFlightFrame frame)
    {
        var sender = frame.Sender;
        var hearers = 0;
        if (frame.Radiated)
        {
            RemoveFromAir(frame);
            var channel = frame.Channel - Phy24GHz.FirstChannel;
            foreach (var link in sender.Links)
            {
                if (link.CountedStamp != frame.StartStamp)
                {
                    continue; // not audible when the frame started, or broken since
                }

                link.CountedStamp = 0;
                var receiver = link.To;
                ref var air = ref receiver.Air[channel];
                air.Audible--;
                if (!receiver.Listening || receiver.Channel != frame.Channel || receiver.ListeningSince > frame.StartStamp)
                {
                    continue; // off, deaf, tuned elsewhere, or busy at some time during the frame: it never tried
                }

                // The latest overlap strictly before this frame's end tick (one on the end tick only touches it).
                var overlap = air.OverlapTicks < frame.EndTicks ? air.OverlapStamp : air.EarlierOverlapStamp;
                if (overlap >= frame.StartStamp)
                {
                    Statistics.Collisions++;
                    continue;
                }

                if (frame.StartTicks < link.BurstUntilTicks || frame.StartTicks < receiver.BurstUntilTicks ||
                    (link.LossProbability > 0 && _random.NextDouble() < link.LossProbability))
                {
                    Statistics.Losses++;
                    continue;
                }

                _hearers[hearers] = link;
                _hearerCorrupt[hearers] = ShouldCorrupt(link, receiver);
                hearers++;
            }
        }

        // Every decision is made before any handler runs, so nothing a handler does (send, retune) can change them.
        sender.Current = null;
        sender.ListeningSince = NextStamp();
        sender.Handler?.OnTransmitComplete();

        // The FCS is the same for every intact copy: checked once, at the first receiver whose radio checks it in
        // hardware (one a MAC set a frame filter on), and only then.
        var fcs = FcsVerdict.Unchecked;
        for (var i = 0; i < hearers; i++)
        {
            var link = _hearers[i];
            var receiver = link.To;
            _hearers[i] = null!;
            if (!receiver.IsPowered)
            {
                continue; // switched off by a handler at this very instant
            }

            Statistics.Deliveries++;
            var rssi = LinkQuality.RssiFromLqi(link.Lqi);
            if (_hearerCorrupt[i])
            {
                // Flipped bits may sit in the addresses, so a corrupted copy goes to the MAC unfiltered to fail its FCS.
                Statistics.Corruptions++;
                var copy = _corruptCopy.AsSpan(0, frame.Length);
                frame.Psdu.CopyTo(copy);
                FlipBits(copy);
                receiver.Handler?.OnReceive(copy, new RadioReceiveInfo(link.Lqi, rssi));
            }
            else if (!receiver.Filter.Accepts(frame.Psdu))
            {
                Statistics.Filtered++;
                receiver.FramesFiltered++;
            }
            else
            {
                if (fcs == FcsVerdict.Unchecked && receiver.Filter.Enabled)
                {
                    fcs = Fcs.Check(frame.Psdu) ? FcsVerdict.Good : FcsVerdict.Bad;
                }

                var fcsChecked = receiver.Filter.Enabled && fcs == FcsVerdict.Good;
                receiver.Handler?.OnReceive(frame.Psdu, new RadioReceiveInfo(link.Lqi, rssi, fcsChecked));
            }
        }

        frame.Sender = null!;
        _pool.Push(frame);
    }

    private enum FcsVerdict : byte
    {
        Unchecked,
        Good,
        Bad,
    }

    private bool ShouldCorrupt(MediumLink link, SimulatedRadio receiver)
    {
        if (link.CorruptNextFrames > 0)
        {
            link.CorruptNextFrames--;
            return true;
        }

        if (receiver.CorruptNextFrames > 0)
        {
            receiver.CorruptNextFrames--;
            return true;
        }

        return link.CorruptionProbability > 0 && _random.NextDouble() < link.CorruptionProbability;
    }

    // An odd number of flipped bits (1 or 3, even where positions repeat) always fails the CRC-16: its generator has
    // the factor x+1, which catches every error of odd weight.
    private void FlipBits(Span<byte> psdu)
    {
        var flips = _random.Next(2) == 0 ? 1 : 3;
        for (var i = 0; i < flips; i++)
        {
            var bit = _random.Next(psdu.Length * 8);
            psdu[bit >> 3] ^= (byte)(1 << (bit & 7));
        }
    }

    /// <summary>
    /// Whether an audible transmission occupies the channel at this receiver now. Frames ending on this very tick do
    /// not count even if their end event has not run yet. (The latest end is a maximum that is not lowered when a frame
    /// is cut or its link broken, so right after such a fault a frame ending now may still count, until the cut
    /// frame's scheduled end; a corner case accepted to keep this check free of searches.)
    /// </summary>
    internal bool IsAudibleOnAir(SimulatedRadio receiver, int channel) =>
        receiver.Air[channel].Audible > 0 && receiver.Air[channel].LatestEnd > Scheduler.NowTicks;

    /// <summary>Takes a link's share of a frame on air away at once (link broken or removed mid-frame).</summary>
    private static void DropEnergy(MediumLink link)
    {
        if (link.CountedStamp != 0 && link.From.Current is { } frame && frame.StartStamp == link.CountedStamp)
        {
            link.To.Air[frame.Channel - Phy24GHz.FirstChannel].Audible--;
        }

        link.CountedStamp = 0;
    }

    /// <summary>Cuts a frame short: its energy leaves the air now and nobody receives it; the sender still completes.</summary>
    private void CutTransmission(InFlightFrame frame)
    {
        if (!frame.Radiated)
        {
            return;
        }

        RemoveFromAir(frame);
        foreach (var link in frame.Sender.Links)
        {
            DropEnergy(link);
        }

        frame.Radiated = false;
        Statistics.FramesCut++;
    }

    private void RemoveFromAir(InFlightFrame frame)
    {
        var last = _onAir[^1];
        _onAir[frame.ActiveIndex] = last;
        last.ActiveIndex = frame.ActiveIndex;
        _onAir.RemoveAt(_onAir.Count - 1);
        frame.ActiveIndex = -1;
    }

    internal byte EnergyAt(SimulatedRadio radio)
    {
        if (!radio.IsPowered)
        {
            return 0;
        }

        if (radio.IsTransmitting)
        {
            return byte.MaxValue;
        }

        var level = _channelEnergy[radio.Channel - Phy24GHz.FirstChannel];
        foreach (var frame in _onAir)
        {
            if (frame.Channel == radio.Channel && _links.TryGetValue(LinkKey(frame.Sender.Index, radio.Index), out var link) &&
                link.CountedStamp == frame.StartStamp && link.Lqi > level)
            {
                level = link.Lqi;
            }
        }

        return level;
    }

    private void GrowScratch(int nodes)
    {
        if (_hearers.Length < nodes)
        {
            var size = Math.Max(nodes, _hearers.Length * 2);
            Array.Resize(ref _hearers, size);
            Array.Resize(ref _hearerCorrupt, size);
        }
    }
}
