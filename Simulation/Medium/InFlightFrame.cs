using ZigBee.Mac.Radio;

namespace ZigBee.Simulation.Medium;

/// <summary>A transmission on air; pooled by the medium so sending a frame allocates nothing.</summary>
internal sealed class InFlightFrame
{
    public readonly byte[] Buffer = new byte[Phy24GHz.MaxPhyPacketSize];

    public int Length;

    public SimulatedRadio Sender = null!;

    public byte Channel;

    public long StartTicks;

    public long EndTicks;

    /// <summary>Medium state stamp taken when the frame started; orders it against every other state change.</summary>
    public long StartStamp;

    /// <summary>False when the sender was off at the start or was switched off during the frame: nothing on air.</summary>
    public bool Radiated;

    /// <summary>Position in the medium's list of frames on air, for removal without a search.</summary>
    public int ActiveIndex = -1;

    public ReadOnlySpan<byte> Psdu => Buffer.AsSpan(0, Length);
}
