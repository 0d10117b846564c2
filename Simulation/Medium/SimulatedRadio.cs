using ZigBee.Mac.Radio;

namespace ZigBee.Simulation.Medium;

/// <summary>
/// One node's transceiver on a <see cref="SimulatedMedium"/>; created by <see cref="SimulatedMedium.AddNode"/>.
/// Starts powered, on channel 11, with its receiver enabled. All calls are made on the scheduler's thread.
/// </summary>
public sealed class SimulatedRadio : IRadio, IRadioFrameFilter
{
    private readonly SimulatedMedium _medium;
    private bool _receiverEnabled = true;
    private bool _powered = true;

    internal SimulatedRadio(SimulatedMedium medium, int index, ulong extendedAddress)
    {
        _medium = medium;
        Index = index;
        ExtendedAddress = extendedAddress;
        ListeningSince = medium.NextStamp();
    }

    internal SimulatedMedium Medium => _medium;

    /// <summary>This node's index in its medium, 0..N-1, in order of <see cref="SimulatedMedium.AddNode"/>.</summary>
    public int Index { get; }

    public ulong ExtendedAddress { get; }

    public byte Channel { get; private set; } = Phy24GHz.FirstChannel;

    public bool ReceiverEnabled
    {
        get => _receiverEnabled;
        set
        {
            if (value != _receiverEnabled)
            {
                _receiverEnabled = value;
                ListeningSince = _medium.NextStamp();
            }
        }
    }

    /// <summary>
    /// False while the node is switched off (<see cref="SimulatedMedium.SwitchOff"/>): it neither radiates nor hears.
    /// </summary>
    public bool IsPowered
    {
        get => _powered;
        internal set
        {
            if (value != _powered)
            {
                _powered = value;
                ListeningSince = _medium.NextStamp();
            }
        }
    }

    public bool IsTransmitting => Current is not null;

    /// <summary>Frames this radio heard intact and its frame filter kept from the handler.</summary>
    public long FramesFiltered { get; internal set; }

    /// <summary>
    /// The hardware frame filter the MAC set; passes everything until then. While it is enabled the radio also checks
    /// the FCS of what it passes (<see cref="RadioReceiveInfo.FcsChecked"/>).
    /// </summary>
    internal RadioFrameFilter Filter { get; private set; }

    /// <summary>The handler set by the MAC (or a test), if any.</summary>
    public IRadioHandler? Handler { get; private set; }

    /// <summary>Outgoing links, in the order they were first made (the order receivers are served in).</summary>
    internal List<MediumLink> Links { get; } = [];

    internal InFlightFrame? Current { get; set; }

    /// <summary>Stamp of the last change that could have interrupted reception (tuning, receiver, power, own send).</summary>
    internal long ListeningSince { get; set; }

    /// <summary>What is on air here, per channel (index 0 is channel 11): one struct per channel, one cache line per visit.</summary>
    internal AirState[] Air { get; } = new AirState[SimulatedMedium.ChannelCount];

    /// <summary>Frames that started before this instant (ticks) are lost at this receiver.</summary>
    internal long BurstUntilTicks { get; set; } = long.MinValue;

    /// <summary>Next frames this node hears, on any link, to corrupt.</summary>
    internal int CorruptNextFrames { get; set; }

    /// <summary>Able to take a frame now: powered, receiver on, not transmitting.</summary>
    internal bool Listening => _powered && _receiverEnabled && Current is null;

    /// <summary>Retuning loses any frame being received; the new channel is heard from now on.</summary>
    public void SetChannel(byte channel)
    {
        SimulatedMedium.ValidateChannel(channel);
        if (channel != Channel)
        {
            Channel = channel;
            ListeningSince = _medium.NextStamp();
        }
    }

    /// <summary>Busy while this radio transmits or any transmission audible here is on air on its channel.</summary>
    public bool ClearChannelAssessment() => !_powered || (Current is null && !_medium.IsAudibleOnAir(this, Channel - Phy24GHz.FirstChannel));

    /// <summary>
    /// The strongest of the channel's background energy and the LQI of each audible transmission on air; 255 while
    /// transmitting; 0 when switched off.
    /// </summary>
    public byte EnergyDetect() => _medium.EnergyAt(this);

    /// <summary>
    /// Puts <paramref name="psdu"/> (1–127 bytes, copied) on air on the current channel. Throws
    /// <see cref="InvalidOperationException"/> while a transmission is already on air. A switched-off radio radiates
    /// nothing but still completes after the airtime, so its MAC is never left waiting.
    /// </summary>
    public void Transmit(ReadOnlySpan<byte> psdu)
    {
        if (psdu.IsEmpty || psdu.Length > Phy24GHz.MaxPhyPacketSize)
        {
            throw new ArgumentOutOfRangeException(nameof(psdu), psdu.Length, $"A PSDU holds 1 to {Phy24GHz.MaxPhyPacketSize} bytes.");
        }

        if (Current is not null)
        {
            throw new InvalidOperationException("The radio is already transmitting; wait for OnTransmitComplete.");
        }

        _medium.StartTransmission(this, psdu);
    }

    public void SetHandler(IRadioHandler? handler) => Handler = handler;

    public void SetFrameFilter(in RadioFrameFilter filter) => Filter = filter;

    public override string ToString() => $"node {Index} ({ExtendedAddress:X16}) ch {Channel}";
}

/// <summary>The air at one receiver on one channel (see SimulatedMedium.Air.cs for how collisions are found).</summary>
internal struct AirState
{
    /// <summary>Audible transmissions on air.</summary>
    public int Audible;

    /// <summary>Latest end (ticks) of the audible transmissions counted.</summary>
    public long LatestEnd;

    /// <summary>Tick of the latest overlap (an audible start while another audible one was on air).</summary>
    public long OverlapTicks;

    /// <summary>Stamp of the latest overlap.</summary>
    public long OverlapStamp;

    /// <summary>Stamp of the latest overlap at a tick before <see cref="OverlapTicks"/>.</summary>
    public long EarlierOverlapStamp;
}
