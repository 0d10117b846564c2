using ZigBee.Mac.Radio;

namespace ZigBee.Simulation.Medium;

/// <summary>
/// A radio's state as a row of its medium's table (a <see cref="SimulatedRadio"/> is a view on it), so a frame's end
/// reads each receiver's state with one hop and no object in between. What a frame's end reads for every receiver
/// comes first, together (48 bytes); the rarely set faults last.
/// </summary>
internal struct RadioState
{
    /// <summary>Stamp of the last change that could have interrupted reception (tuning, receiver, power, own send).</summary>
    public long ListeningSince;

    /// <summary>Frames this radio heard intact and its frame filter kept from the handler.</summary>
    public long FramesFiltered;

    /// <summary>The hardware frame filter the MAC set.</summary>
    public RadioFrameFilter Filter;

    public byte Channel;

    /// <summary>
    /// <see cref="Channel"/> while the radio is able to take a frame (powered, receiver on, not transmitting), else 0:
    /// whether it listens on a frame's channel is one comparison.
    /// </summary>
    public byte ListeningChannel;

    public bool Powered;

    public bool ReceiverEnabled;

    public bool Transmitting;

    /// <summary>A burst window or corruptions are set here: without it <see cref="BurstUntilTicks"/> and <see cref="CorruptNextFrames"/> need not be read.</summary>
    public bool Faulty;

    /// <summary>Frames that started before this instant (ticks) are lost at this receiver.</summary>
    public long BurstUntilTicks;

    /// <summary>Next frames this node hears, on any link, to corrupt.</summary>
    public int CorruptNextFrames;

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

    /// <summary>Recomputes <see cref="Faulty"/> after the faults changed.</summary>
    public void UpdateFaulty() => Faulty = BurstUntilTicks != long.MinValue || CorruptNextFrames > 0;
}
