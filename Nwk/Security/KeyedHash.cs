namespace ZigBee.Nwk.Security;

/// <summary>
/// The keyed hash for message authentication (ZigBee spec Annex C.6, B.1.4): HMAC over the MMO hash with a 16-octet
/// key and block: H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ M)), ipad = 0x36…, opad = 0x5C….
/// </summary>
public static class KeyedHash
{
    private const int MaxStackMessage = 256;

    /// <summary>HMAC-MMO of <paramref name="message"/> under <paramref name="key"/>.</summary>
    public static ZigBeeKey Compute(ZigBeeKey key, ReadOnlySpan<byte> message)
    {
        Span<byte> k = stackalloc byte[ZigBeeKey.Length];
        key.CopyTo(k);
        var innerLength = ZigBeeKey.Length + message.Length;
        var inner = innerLength <= MaxStackMessage ? stackalloc byte[innerLength] : new byte[innerLength];
        for (var i = 0; i < ZigBeeKey.Length; i++)
        {
            inner[i] = (byte)(k[i] ^ 0x36);
        }

        message.CopyTo(inner[ZigBeeKey.Length..]);
        Span<byte> outer = stackalloc byte[2 * ZigBeeKey.Length];
        for (var i = 0; i < ZigBeeKey.Length; i++)
        {
            outer[i] = (byte)(k[i] ^ 0x5C);
        }

        MmoHash.Compute(inner, outer[ZigBeeKey.Length..]);
        return MmoHash.Compute(outer);
    }
}
