namespace ZigBee.Nwk.Security;

/// <summary>
/// One key with its AES state kept, so securing or checking a frame allocates nothing: CCM* at security level 5
/// (ENC-MIC-32: encryption and a 4-octet MIC), as ZigBee PRO secures NWK and APS frames (§4.3.1.1). Safe to share
/// between threads.
/// </summary>
public sealed class ZigBeeCipher : IDisposable
{
    /// <summary>nwkSecurityLevel of ZigBee PRO (ENC-MIC-32).</summary>
    public const int SecurityLevel = 5;

    /// <summary>Octets of the MIC at level 5.</summary>
    public const int MicLength = 4;

    public ZigBeeCipher(ZigBeeKey key)
    {
        Key = key;
        Span<byte> bytes = stackalloc byte[ZigBeeKey.Length];
        key.CopyTo(bytes);
        Block = AesBlockCipher.Create(bytes);
        bytes.Clear();
    }

    public ZigBeeKey Key { get; }

    internal AesBlockCipher Block { get; }

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="ciphertext"/> (may be the same span) and writes the 4-octet encrypted MIC.</summary>
    public void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aData, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> mic)
    {
        if (mic.Length < MicLength)
        {
            throw new ArgumentException($"mic holds {mic.Length} octets; level 5 writes {MicLength}", nameof(mic));
        }

        CcmStar.Encrypt(this, nonce, aData, plaintext, ciphertext, mic[..MicLength]);
    }

    /// <summary>Decrypts into <paramref name="plaintext"/> and checks the 4-octet MIC; false (plaintext cleared) when it does not match.</summary>
    public bool TryDecrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aData, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> mic, Span<byte> plaintext)
    {
        if (mic.Length != MicLength || nonce.Length != ZigBeeNonce.Length || plaintext.Length < ciphertext.Length
            || aData.Length >= 0xFF00 || ciphertext.Length >= 0xFF00)
        {
            return false;
        }

        return CcmStar.TryDecrypt(this, nonce, aData, ciphertext, mic, plaintext);
    }

    /// <summary>As <see cref="TryDecrypt"/> with a-data octet <paramref name="patchIndex"/> authenticated as <paramref name="patchValue"/>.</summary>
    internal bool TryDecryptPatched(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aData, int patchIndex, byte patchValue, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> mic, Span<byte> plaintext)
    {
        if (mic.Length != MicLength || nonce.Length != ZigBeeNonce.Length || plaintext.Length < ciphertext.Length
            || aData.Length >= 0xFF00 || ciphertext.Length >= 0xFF00 || (uint)patchIndex >= (uint)aData.Length)
        {
            return false;
        }

        return CcmStar.TryDecrypt(Block, nonce, aData, new ADataPatch(patchIndex, patchValue), ciphertext, mic, plaintext);
    }

    public void Dispose() => Block.Dispose();
}
