using ZigBee.Mac.Radio;

namespace ZigBee.Simulation.Medium;

/// <summary>
/// A radio's state as a row of its medium's table (a <see cref="SimulatedRadio"/> is a view on it), so a frame's end
/// reads each receiver's state with one hop and no object in between.
/// </summary>
internal struct RadioState
{
    /// <summary>Stamp of the last change that could have interrupted reception (tuning, receiver, power, own send).</summary>
    public long ListeningSince;

    /// <summary>Frames that started before this instant (ticks) are lost at this receiver.</summary>
    public long BurstUntilTicks;

    /// <summary>Frames this radio heard intact and its frame filter kept from the handler.</summary>
    public long FramesFiltered;

    /// <summary>The hardware frame filter the MAC set.</summary>
    public RadioFrameFilter Filter;

    /// <summary>Next frames this node hears, on any link, to corrupt.</summary>
    public int CorruptNextFrames;

    public byte Channel;

    /// <summary>
    /// <see cref="Channel"/> while the radio is able to take a frame (powered, receiver on, not transmitting), else 0:
    /// whether it listens on a frame's channel is one comparison.
    /// </summary>
    public byte ListeningChannel;

    public bool Powered;

    public bool ReceiverEnabled;

    public bool Transmitting;

    public static RadioState Initial(long listeningSince, byte channel) => new()
    {
        ListeningSince = listeningSince,
        BurstUntilTicks = long.MinValue,
        Channel = channel,
        ListeningChannel = channel,
        Powered = true,
        ReceiverEnabled = true,
    };

    /// <summary>Recomputes <see cref="ListeningChannel"/> after any of what it depends on changed.</summary>
    public void UpdateListening() => ListeningChannel = Powered && ReceiverEnabled && !Transmitting ? Channel : (byte)0;
}
