using ZigBee.Aps.Security;
using ZigBee.Nwk.Security;

namespace ZigBee.Aps.Tables;

/// <summary>How far a link key has been confirmed (§4.4.11, R21+ key attributes of apsDeviceKeyPairSet).</summary>
public enum ApsKeyAttribute : byte
{
    /// <summary>A preconfigured or transported key not yet verified with verify key / confirm key.</summary>
    Unverified = 1,

    /// <summary>Verified: both sides have shown they hold it.</summary>
    Verified = 2,
}

/// <summary>
/// One entry of apsDeviceKeyPairSet (§4.4.11, Table 4-38): the partner's IEEE address, the link key shared with it
/// (with its derived key-transport and key-load ciphers, built once), the outgoing APS frame counter for frames secured
/// with it and the highest incoming counter accepted from the partner under it.
/// </summary>
public sealed class ApsDeviceKeyPair(ulong partnerAddress, ZigBeeKey linkKey, ApsKeyAttribute attribute) : IDisposable
{
    public ulong PartnerAddress { get; } = partnerAddress;

    public ApsLinkKeyCiphers Key { get; private set; } = new(linkKey);

    public ApsKeyAttribute Attribute { get; internal set; } = attribute;

    /// <summary>OutgoingFrameCounter: the counter the next frame secured with this key carries.</summary>
    public uint OutgoingFrameCounter { get; internal set; }

    /// <summary>IncomingFrameCounter: the highest counter accepted; meaningful once <see cref="HasReceived"/>.</summary>
    public uint IncomingFrameCounter { get; private set; }

    public bool HasReceived { get; private set; }

    /// <summary>True when a frame with <paramref name="counter"/> from the partner is not a replay (§4.4.1.2 step 5).</summary>
    public bool IsFresh(uint counter) => counter != uint.MaxValue && (!HasReceived || counter > IncomingFrameCounter);

    /// <summary>Records an accepted frame's counter.</summary>
    public void Accept(uint counter)
    {
        IncomingFrameCounter = counter;
        HasReceived = true;
    }

    /// <summary>The counter for the next secured frame; false when exhausted (0xFFFFFFFF is never sent).</summary>
    public bool TryTakeOutgoing(out uint counter)
    {
        counter = OutgoingFrameCounter;
        if (counter == uint.MaxValue)
        {
            return false;
        }

        OutgoingFrameCounter = counter + 1;
        return true;
    }

    /// <summary>A new key for this partner: both frame counters restart (§4.4.11: counters belong to a key).</summary>
    internal void Replace(ZigBeeKey linkKey, ApsKeyAttribute attribute)
    {
        if (Key.LinkKey != linkKey)
        {
            Key.Dispose();
            Key = new ApsLinkKeyCiphers(linkKey);
            OutgoingFrameCounter = 0;
            IncomingFrameCounter = 0;
            HasReceived = false;
        }

        Attribute = attribute;
    }

    public void Dispose() => Key.Dispose();
}

/// <summary>
/// apsDeviceKeyPairSet (§4.4.11): the link keys this device shares, one per partner IEEE address, bounded; the trust
/// center holds one per device it admitted, a device one for its trust center (and application partners).
/// </summary>
public sealed class ApsDeviceKeyPairSet(int capacity = 64) : IDisposable
{
    private readonly Dictionary<ulong, ApsDeviceKeyPair> _pairs = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count => _pairs.Count;

    /// <summary>The entry for <paramref name="partnerAddress"/>, or null.</summary>
    public ApsDeviceKeyPair? Find(ulong partnerAddress) => _pairs.GetValueOrDefault(partnerAddress);

    /// <summary>
    /// Sets the link key shared with <paramref name="partnerAddress"/> (APSME-ADD-KEY / a transported key). A different
    /// key than the one held restarts the frame counters. False when the set is full.
    /// </summary>
    public bool Set(ulong partnerAddress, ZigBeeKey linkKey, ApsKeyAttribute attribute = ApsKeyAttribute.Unverified)
    {
        if (_pairs.TryGetValue(partnerAddress, out var pair))
        {
            pair.Replace(linkKey, attribute);
            return true;
        }

        if (_pairs.Count >= Capacity)
        {
            return false;
        }

        _pairs[partnerAddress] = new ApsDeviceKeyPair(partnerAddress, linkKey, attribute);
        return true;
    }

    /// <summary>APSME-REMOVE-KEY: forgets the partner's key; false when none was held.</summary>
    public bool Remove(ulong partnerAddress)
    {
        if (!_pairs.Remove(partnerAddress, out var pair))
        {
            return false;
        }

        pair.Dispose();
        return true;
    }

    public void Dispose()
    {
        foreach (var pair in _pairs.Values)
        {
            pair.Dispose();
        }

        _pairs.Clear();
    }
}
