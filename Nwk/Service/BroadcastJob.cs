namespace ZigBee.Nwk.Service;

/// <summary>
/// A broadcast this device sends or relays: its bytes, when it goes out next and how many more times, and whether
/// passive acknowledgement (§3.6.5) may end the retries early. Pooled by the service.
/// </summary>
internal sealed class BroadcastJob
{
    public readonly byte[] Buffer = new byte[NwkTxOperation.MaxFrameLength];
    public int Length;

    /// <summary>Where the NWK header of the frame (in the clear) ends.</summary>
    public int HeaderLength;
    public DateTimeOffset Due;
    public int TransmissionsLeft;
    public TimeSpan RetryInterval;
    public bool PassiveAck;
    public ushort Source;
    public byte SequenceNumber;
    public bool Sent;
}
