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
    private Hearer[] _hearers = [];

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
            CountEnergy(sender.Links.All, frame);
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

    /// <summary>Adds a starting frame's energy to the air at every receiver that hears its sender, noting overlaps.</summary>
    private void CountEnergy(Span<MediumLink> links, InFlightFrame frame)
    {
        var air = _air.AsSpan(AirIndex(frame.Channel - Phy24GHz.FirstChannel, 0), _capacity);
        var start = frame.StartTicks;
        var stamp = frame.StartStamp;
        foreach (ref var link in links)
        {
            if (!link.Audible)
            {
                continue;
            }

            link.CountedStamp = stamp;
            ref var here = ref air[link.To];
            if (here.Audible > 0 && here.LatestEnd > start)
            {
                if (here.OverlapTicks < start)
                {
                    here.EarlierOverlapStamp = here.OverlapStamp;
                    here.OverlapTicks = start;
                }

                here.OverlapStamp = stamp;
            }

            here.Audible++;
            here.LatestEnd = Math.Max(here.LatestEnd, frame.EndTicks);
        }
    }

    private void EndTransmission(InFlightFrame frame)
    {
        var sender = frame.Sender;
        var hearers = 0;
        if (frame.Radiated)
        {
            RemoveFromAir(frame);
            hearers = FindHearers(sender.Links, frame);
        }

        // Every decision is made before any handler runs, so nothing a handler does (send, retune) can change them.
        sender.Current = null;
        sender.State.ListeningSince = NextStamp();
        sender.Handler?.OnTransmitComplete();
        Deliver(frame, hearers);
        frame.Sender = null!;
        _pool.Push(frame);
    }

    /// <summary>
    /// Takes an ending frame's energy off the air and decides, in the order its sender's links were made, which
    /// receivers heard it intact and which copies are corrupted; fills <see cref="_hearers"/> and returns their number.
    /// </summary>
    private int FindHearers(LinkTable table, InFlightFrame frame)
    {
        var links = table.All;
        var air = _air.AsSpan(AirIndex(frame.Channel - Phy24GHz.FirstChannel, 0), _capacity);
        var states = _states;
        var hearers = _hearers;
        var count = 0;
        long collisions = 0;
        long losses = 0;
        for (var slot = 0; slot < links.Length; slot++)
        {
            ref var link = ref links[slot];
            if (link.CountedStamp != frame.StartStamp)
            {
                continue; // not audible when the frame started, or broken since
            }

            link.CountedStamp = 0;
            var node = link.To;
            ref var here = ref air[node];
            here.Audible--;
            ref var receiver = ref states[node];
            if (receiver.ListeningChannel != frame.Channel || receiver.ListeningSince > frame.StartStamp)
            {
                continue; // off, deaf, transmitting, tuned elsewhere, or busy at some time during the frame: it never tried
            }

            // The latest overlap strictly before this frame's end tick (one on the end tick only touches it).
            var overlap = here.OverlapTicks < frame.EndTicks ? here.OverlapStamp : here.EarlierOverlapStamp;
            if (overlap >= frame.StartStamp)
            {
                collisions++;
                continue;
            }

            var corrupt = false;
            if (link.Faulty || receiver.Faulty)
            {
                ref var faults = ref table.Faults(slot);
                if (frame.StartTicks < faults.BurstUntilTicks || frame.StartTicks < receiver.BurstUntilTicks ||
                    (faults.LossProbability > 0 && _random.NextDouble() < faults.LossProbability))
                {
                    losses++;
                    continue;
                }

                corrupt = ShouldCorrupt(ref faults, ref receiver);
                table.RefreshFaulty(slot);
                receiver.UpdateFaulty();
            }

            hearers[count++] = new Hearer(node, link.Lqi, corrupt);
        }

        Statistics.Collisions += collisions;
        Statistics.Losses += losses;
        return count;
    }

    /// <summary>
    /// Hands the frame to each hearer still powered, through its frame filter. Handlers run in between and may change
    /// any radio (switch one off, add a node), so every receiver's state is read afresh from the tables.
    /// </summary>
    private void Deliver(InFlightFrame frame, int hearers)
    {
        // The FCS is the same for every intact copy: checked once, at the first receiver whose radio checks it in
        // hardware (one a MAC set a frame filter on), and only then.
        var fcs = FcsVerdict.Unchecked;
        var destination = hearers > 0 ? RadioFrameDestination.Of(frame.Psdu) : default;
        for (var i = 0; i < hearers; i++)
        {
            var hearer = _hearers[i];
            ref var receiver = ref _states[hearer.Node];
            if (!receiver.Powered)
            {
                continue; // switched off by a handler at this very instant
            }

            Statistics.Deliveries++;
            if (hearer.Corrupt)
            {
                // Flipped bits may sit in the addresses, so a corrupted copy goes to the MAC unfiltered to fail its FCS.
                Statistics.Corruptions++;
                var copy = _corruptCopy.AsSpan(0, frame.Length);
                frame.Psdu.CopyTo(copy);
                FlipBits(copy);
                _radios[hearer.Node].Handler?.OnReceive(copy, new RadioReceiveInfo(hearer.Lqi, LinkQuality.RssiFromLqi(hearer.Lqi)));
            }
            else if (!receiver.Filter.Accepts(destination))
            {
                Statistics.Filtered++;
                receiver.FramesFiltered++;
            }
            else
            {
                var filtering = receiver.Filter.Enabled;
                if (fcs == FcsVerdict.Unchecked && filtering)
                {
                    fcs = Fcs.Check(frame.Psdu) ? FcsVerdict.Good : FcsVerdict.Bad;
                }

                var fcsChecked = filtering && fcs == FcsVerdict.Good;
                _radios[hearer.Node].Handler?.OnReceive(frame.Psdu, new RadioReceiveInfo(hearer.Lqi, LinkQuality.RssiFromLqi(hearer.Lqi), fcsChecked));
            }
        }
    }

    /// <summary>A receiver that heard a frame intact (as far as collisions and losses go), and whether its copy is corrupted.</summary>
    private readonly record struct Hearer(int Node, byte Lqi, bool Corrupt);

    private enum FcsVerdict : byte
    {
        Unchecked,
        Good,
        Bad,
    }

    private bool ShouldCorrupt(ref LinkFaults link, ref RadioState receiver)
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
    internal bool IsAudibleOnAir(int node, byte channel)
    {
        ref var air = ref _air[AirIndex(channel - Phy24GHz.FirstChannel, node)];
        return air.Audible > 0 && air.LatestEnd > Scheduler.NowTicks;
    }

    /// <summary>Takes a link's share of a frame on air away at once (link broken or removed mid-frame).</summary>
    private void DropEnergy(SimulatedRadio sender, ref MediumLink link)
    {
        if (link.CountedStamp != 0 && sender.Current is { } frame && frame.StartStamp == link.CountedStamp)
        {
            _air[AirIndex(frame.Channel - Phy24GHz.FirstChannel, link.To)].Audible--;
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
        foreach (ref var link in frame.Sender.Links.All)
        {
            DropEnergy(frame.Sender, ref link);
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
            if (frame.Channel == radio.Channel && _links.TryGetValue(LinkKey(frame.Sender.Index, radio.Index), out var slot))
            {
                ref var link = ref frame.Sender.Links[slot];
                if (link.CountedStamp == frame.StartStamp && link.Lqi > level)
                {
                    level = link.Lqi;
                }
            }
        }

        return level;
    }

    private void GrowScratch(int nodes)
    {
        if (_hearers.Length < nodes)
        {
            Array.Resize(ref _hearers, Math.Max(nodes, _hearers.Length * 2));
        }
    }
}
