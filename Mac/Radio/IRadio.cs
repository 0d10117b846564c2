namespace ZigBee.Mac.Radio;

/// <summary>
/// A bare 802.15.4 transceiver: sends and receives PSDUs (MPDU with FCS), tunes a channel, and measures the channel.
/// Everything else (CSMA-CA, ACKs, retries, addressing) is the MAC's job. Calls are made, and handler callbacks
/// arrive, on the owning node's loop.
/// </summary>
public interface IRadio
{
    /// <summary>The 64-bit address burnt into this radio (the MAC's aExtendedAddress).</summary>
    ulong ExtendedAddress { get; }

    /// <summary>Current channel, 11–26.</summary>
    byte Channel { get; }

    void SetChannel(byte channel);

    /// <summary>Receiver on or off; a sleeping end device turns it off between polls and hears nothing.</summary>
    bool ReceiverEnabled { get; set; }

    /// <summary>True while a transmission started by <see cref="Transmit"/> is on air.</summary>
    bool IsTransmitting { get; }

    /// <summary>Clear channel assessment (mode 1, energy above threshold): true when the channel is idle now.</summary>
    bool ClearChannelAssessment();

    /// <summary>Energy detection on the current channel now, 0 (idle) to 255.</summary>
    byte EnergyDetect();

    /// <summary>
    /// Starts sending <paramref name="psdu"/> (copied before return). <see cref="IRadioHandler.OnTransmitComplete"/>
    /// is called when its airtime has elapsed.
    /// </summary>
    void Transmit(ReadOnlySpan<byte> psdu);

    /// <summary>Where received frames and transmit completions go (the MAC); one handler at a time.</summary>
    void SetHandler(IRadioHandler? handler);
}

/// <summary>Receives a radio's events on the owning node's loop.</summary>
public interface IRadioHandler
{
    /// <summary>
    /// A PSDU arrived; the span is valid only during the call. The FCS is still in it; the radio may have checked it
    /// (<see cref="RadioReceiveInfo.FcsChecked"/>).
    /// </summary>
    void OnReceive(ReadOnlySpan<byte> psdu, in RadioReceiveInfo info);

    void OnTransmitComplete();
}

/// <summary>Link quality indication and received signal strength of a received PSDU.</summary>
/// <param name="FcsChecked">
/// True when the radio checked the FCS in hardware and found it good, as transceivers report with each frame; false
/// when it did not check (the MAC checks).
/// </param>
public readonly record struct RadioReceiveInfo(byte Lqi, sbyte Rssi, bool FcsChecked = false);
