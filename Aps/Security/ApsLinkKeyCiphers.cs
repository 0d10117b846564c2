using ZigBee.Nwk.Frames;
using ZigBee.Nwk.Security;

namespace ZigBee.Aps.Security;

/// <summary>
/// A link key with the ciphers of the keys derived from it (§4.5.3): the key itself secures data (key identifier 0),
/// HMAC(K, 0x00) secures transport-key commands (2) and HMAC(K, 0x02) key-load commands (3). Built once per link key,
/// so securing a frame derives nothing.
/// </summary>
public sealed class ApsLinkKeyCiphers : IDisposable
{
    public ApsLinkKeyCiphers(ZigBeeKey linkKey)
    {
        LinkKey = linkKey;
        Data = new ZigBeeCipher(linkKey);
        var derived = t_lastDerived;
        if (derived is null || derived.LinkKey != linkKey)
        {
            derived = new DerivedKeys(linkKey, KeyDerivation.KeyTransportKey(linkKey), KeyDerivation.KeyLoadKey(linkKey));
            t_lastDerived = derived;
        }

        KeyTransport = new ZigBeeCipher(derived.KeyTransport);
        KeyLoad = new ZigBeeCipher(derived.KeyLoad);
    }

    /// <summary>
    /// The keys derived last on this thread. Nearly every link key built is the same one (the preconfigured trust
    /// center link key, on each joiner and at the trust center for each device it admits), and each derivation is two
    /// keyed hashes of several AES key schedules each; the derived keys depend on the link key alone.
    /// </summary>
    [ThreadStatic]
    private static DerivedKeys? t_lastDerived;

    private sealed record DerivedKeys(ZigBeeKey LinkKey, ZigBeeKey KeyTransport, ZigBeeKey KeyLoad);

    public ZigBeeKey LinkKey { get; }

    /// <summary>The link key itself (key identifier data key).</summary>
    public ZigBeeCipher Data { get; }

    /// <summary>The key-transport key, HMAC(K, 0x00).</summary>
    public ZigBeeCipher KeyTransport { get; }

    /// <summary>The key-load key, HMAC(K, 0x02).</summary>
    public ZigBeeCipher KeyLoad { get; }

    /// <summary>The cipher a key identifier names; null for the network key, which is not derived from a link key.</summary>
    public ZigBeeCipher? For(NwkKeyIdentifier keyIdentifier) => keyIdentifier switch
    {
        NwkKeyIdentifier.DataKey => Data,
        NwkKeyIdentifier.KeyTransportKey => KeyTransport,
        NwkKeyIdentifier.KeyLoadKey => KeyLoad,
        _ => null,
    };

    public void Dispose()
    {
        Data.Dispose();
        KeyTransport.Dispose();
        KeyLoad.Dispose();
    }
}
