namespace ZigBee.Nwk.Security;

/// <summary>
/// Keys derived from a link key with the keyed hash (§4.5.3): the key-transport key secures APS commands that carry a
/// network or link key (key identifier 2), the key-load key those that carry a link key for another device (3), and the
/// verify-key hash proves possession of a link key in the APS verify-key command.
/// </summary>
public static class KeyDerivation
{
    /// <summary>HMAC(K, 0x00).</summary>
    public static ZigBeeKey KeyTransportKey(ZigBeeKey linkKey) => KeyedHash.Compute(linkKey, [0x00]);

    /// <summary>HMAC(K, 0x02).</summary>
    public static ZigBeeKey KeyLoadKey(ZigBeeKey linkKey) => KeyedHash.Compute(linkKey, [0x02]);

    /// <summary>HMAC(K, 0x03), carried by the verify-key command (§4.4.9.8).</summary>
    public static ZigBeeKey VerifyKeyHash(ZigBeeKey linkKey) => KeyedHash.Compute(linkKey, [0x03]);
}
