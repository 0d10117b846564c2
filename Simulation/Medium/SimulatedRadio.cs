using ZigBee.Mac.Radio;

namespace ZigBee.Simulation.Medium;

/// <summary>
/// One node's transceiver on a <see cref="SimulatedMedium"/>; created by <see cref="SimulatedMedium.AddNode"/>.
/// Starts powered, on channel 11, with its receiver enabled. All calls are made on the scheduler's thread.
/// </summary>
public sealed class SimulatedRadio : IRadio, IRadioFrameFilter
{
    private readonly SimulatedMedium _medium;
    private InFlightFrame? _current;

    internal SimulatedRadio(SimulatedMedium medium, int index, ulong extendedAddress)
    {
        _medium = medium;
        Index = index;
        ExtendedAddress = extendedAddress;
    }

    internal SimulatedMedium Medium => _medium;

    /// <summary>This node's index in its medium, 0..N-1, in order of <see cref="SimulatedMedium.AddNode"/>.</summary>
    public int Index { get; }

    public ulong ExtendedAddress { get; }

    public byte Channel => State.Channel;

    public bool ReceiverEnabled
    {
        get => State.ReceiverEnabled;
        set
        {
            ref var state = ref State;
            if (value != state.ReceiverEnabled)
            {
                state.ReceiverEnabled = value;
                state.UpdateListening();
                state.ListeningSince = _medium.NextStamp();
            }
        }
    }

    /// <summary>
    /// False while the node is switched off (<see cref="SimulatedMedium.SwitchOff"/>): it neither radiates nor hears.
    /// </summary>
    public bool IsPowered
    {
        get => State.Powered;
        internal set
        {
            ref var state = ref State;
            if (value != state.Powered)
            {
                state.Powered = value;
                state.UpdateListening();
                state.ListeningSince = _medium.NextStamp();
            }
        }
    }

    public bool IsTransmitting => _current is not null;

    /// <summary>Frames this radio heard intact and its frame filter kept from the handler.</summary>
    public long FramesFiltered => State.FramesFiltered;

    /// <summary>The handler set by the MAC (or a test), if any.</summary>
    public IRadioHandler? Handler { get; private set; }

    /// <summary>Outgoing links, in the order they were first made (the order receivers are served in).</summary>
    internal LinkTable Links { get; } = new();

    /// <summary>The frame this radio has on air (or sends while switched off); while there is one it hears nothing.</summary>
    internal InFlightFrame? Current
    {
        get => _current;
        set
        {
            _current = value;
            ref var state = ref State;
            state.Transmitting = value is not null;
            state.UpdateListening();
        }
    }

    /// <summary>This radio's row in its medium's table; a reference valid until the next node is added.</summary>
    internal ref RadioState State => ref _medium.StateOf(Index);

    /// <summary>Retuning loses any frame being received; the new channel is heard from now on.</summary>
    public void SetChannel(byte channel)
    {
        SimulatedMedium.ValidateChannel(channel);
        ref var state = ref State;
        if (channel != state.Channel)
        {
            state.Channel = channel;
            state.UpdateListening();
            state.ListeningSince = _medium.NextStamp();
        }
    }

    /// <summary>Busy while this radio transmits or any transmission audible here is on air on its channel.</summary>
    public bool ClearChannelAssessment() => !IsPowered || (_current is null && !_medium.IsAudibleOnAir(Index, Channel));

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

        if (_current is not null)
        {
            throw new InvalidOperationException("The radio is already transmitting; wait for OnTransmitComplete.");
        }

        _medium.StartTransmission(this, psdu);
    }

    public void SetHandler(IRadioHandler? handler) => Handler = handler;

    /// <summary>
    /// Sets the hardware frame filter; the radio passes everything until then. While it is enabled the radio also
    /// checks the FCS of what it passes (<see cref="RadioReceiveInfo.FcsChecked"/>).
    /// </summary>
    public void SetFrameFilter(in RadioFrameFilter filter) => State.Filter = filter;

    public override string ToString() => $"node {Index} ({ExtendedAddress:X16}) ch {Channel}";
}
