namespace ZigBee.Simulation.Medium;

/// <summary>
/// Sees every frame put on air (pcap writers, sniffers), once per transmission, at the instant it starts, so frames
/// arrive in order of their start time. Frames later cut or lost at every receiver are still seen: a sniffer next to
/// the transmitter would have heard them.
/// </summary>
public interface IMediumCaptureSink
{
    /// <summary>The span is valid only during the call.</summary>
    void OnFrame(in MediumCaptureInfo info, ReadOnlySpan<byte> psdu);
}

/// <param name="Timestamp">Virtual time of the frame's start (first bit of the preamble) since the scheduler started.</param>
/// <param name="UtcTimestamp">The same instant as wall-clock time (scheduler epoch plus <paramref name="Timestamp"/>).</param>
/// <param name="Channel">Channel 11–26.</param>
/// <param name="Transmitter">Node index of the sender in its medium.</param>
/// <param name="TransmitterAddress">The sender radio's extended address.</param>
public readonly record struct MediumCaptureInfo(TimeSpan Timestamp, DateTimeOffset UtcTimestamp, byte Channel, int Transmitter, ulong TransmitterAddress);
