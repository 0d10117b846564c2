using ZigBee.Nwk.Security;
using ZigBee.Nwk.Tables;

namespace ZigBee.Nwk.Nib;

/// <summary>
/// One entry of nwkSecurityMaterialSet (§4.3.1, Table 4-2): a network key (KeyType is always the standard network
/// key in ZigBee PRO), its key sequence number and the incoming frame counters of the devices heard under it. The cipher made from the key is kept with it (one per key), so the
/// per-frame path builds none.
/// </summary>
public sealed class NwkSecurityMaterialDescriptor : IDisposable
{
    internal NwkSecurityMaterialDescriptor(ZigBeeKey key, byte keySeqNumber, int incomingCapacity)
    {
        Key = key;
        KeySeqNumber = keySeqNumber;
        Cipher = new ZigBeeCipher(key);
        IncomingFrameCounterSet = new IncomingFrameCounterTable(incomingCapacity);
    }

    /// <summary>KeySeqNumber: the key sequence number frames secured with this key carry.</summary>
    public byte KeySeqNumber { get; }

    /// <summary>Key: the network key.</summary>
    public ZigBeeKey Key { get; }

    /// <summary>IncomingFrameCounterSet: the last frame counter accepted from each sender under this key.</summary>
    public IncomingFrameCounterTable IncomingFrameCounterSet { get; }

    internal ZigBeeCipher Cipher { get; }

    public void Dispose() => Cipher.Dispose();

    public override string ToString() => $"key seq {KeySeqNumber} {Key}";
}
