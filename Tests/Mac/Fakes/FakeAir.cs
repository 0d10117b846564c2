using ZigBee.Mac.Radio;
using ZigBee.Simulation.Scheduling;

namespace ZigBee.Tests.Mac.Fakes;

/// <summary>What the air does with one frame on its way to one receiver.</summary>
public enum AirFate
{
    Deliver,
    Drop,
    Corrupt,
}

/// <summary>One PSDU put on air: when, by whom, on which channel.</summary>
public sealed record AirFrame(TimeSpan Start, TimeSpan End, ulong Sender, byte Channel, byte[] Psdu);

/// <summary>
/// A small test medium: radios on one scheduler hear every frame of their channel at the end of its airtime
/// (Phy24GHz), CCA is busy while a frame is on air, overlapping frames on a channel destroy each other, and a test
/// can drop or corrupt frames per receiver, keep the channel busy, or set a channel's energy.
/// </summary>
public sealed class FakeAir(SimulationScheduler scheduler)
{
    private readonly List<FakeRadio> _radios = [];
    private readonly List<Transmission> _onAir = [];

    public SimulationScheduler Scheduler { get; } = scheduler;

    /// <summary>Every PSDU transmitted, in order.</summary>
    public List<AirFrame> Log { get; } = [];

    /// <summary>When true, every CCA reports busy and ED reads 255.</summary>
    public bool ChannelBusy { get; set; }

    /// <summary>Decides per (sender, receiver, PSDU) whether a frame arrives, is lost, or arrives with a bad FCS.</summary>
    public Func<FakeRadio, FakeRadio, byte[], AirFate>? Fate { get; set; }

    /// <summary>Background energy per channel (0–255) for ED scans.</summary>
    public Dictionary<byte, byte> Energy { get; } = [];

    public FakeRadio AddRadio(ulong extendedAddress, byte channel = 11)
    {
        var radio = new FakeRadio(this, extendedAddress, channel);
        _radios.Add(radio);
        return radio;
    }

    internal bool IsBusy(byte channel, FakeRadio listener)
    {
        if (ChannelBusy)
        {
            return true;
        }

        foreach (var t in _onAir)
        {
            if (t.Channel == channel && t.Sender != listener)
            {
                return true;
            }
        }

        return false;
    }

    internal byte EnergyOf(byte channel) =>
        ChannelBusy || _onAir.Exists(t => t.Channel == channel) ? (byte)255 : Energy.GetValueOrDefault(channel);

    internal void Start(FakeRadio sender, byte[] psdu)
    {
        var airtime = Phy24GHz.Airtime(psdu.Length);
        var t = new Transmission(sender, sender.Channel, psdu);
        foreach (var other in _onAir)
        {
            if (other.Channel == t.Channel)
            {
                other.Collided = true;
                t.Collided = true;
            }
        }

        _onAir.Add(t);
        Log.Add(new AirFrame(Scheduler.Now, Scheduler.Now + airtime, sender.ExtendedAddress, t.Channel, psdu));
        Scheduler.Schedule(airtime, () => End(t));
    }

    private void End(Transmission t)
    {
        _onAir.Remove(t);
        t.Sender.CompleteTransmission();
        if (t.Collided)
        {
            return;
        }

        foreach (var receiver in _radios)
        {
            if (receiver == t.Sender || receiver.Channel != t.Channel || !receiver.ReceiverEnabled || receiver.IsTransmitting)
            {
                continue;
            }

            var fate = Fate?.Invoke(t.Sender, receiver, t.Psdu) ?? AirFate.Deliver;
            if (fate == AirFate.Drop)
            {
                continue;
            }

            var bytes = t.Psdu;
            if (fate == AirFate.Corrupt)
            {
                bytes = (byte[])bytes.Clone();
                bytes[^1] ^= 0xFF;
            }

            receiver.Deliver(bytes);
        }
    }

    /// <summary>Hands raw bytes to <paramref name="receiver"/> now, as if heard on air (hostile-input tests).</summary>
    public static void Inject(FakeRadio receiver, byte[] psdu) => receiver.Deliver(psdu);

    private sealed class Transmission(FakeRadio sender, byte channel, byte[] psdu)
    {
        public FakeRadio Sender { get; } = sender;
        public byte Channel { get; } = channel;
        public byte[] Psdu { get; } = psdu;
        public bool Collided { get; set; }
    }
}
