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
        KeyTransport = new ZigBeeCipher(KeyDerivation.KeyTransportKey(linkKey));
        KeyLoad = new ZigBeeCipher(KeyDerivation.KeyLoadKey(linkKey));
    }

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
