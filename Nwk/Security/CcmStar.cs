using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ZigBee.Nwk.Security;

/// <summary>
/// CCM* (ZigBee spec Annex A, IEEE 802.15.4 Annex B) with L = 2 and a 13-octet nonce, for every MIC length the
/// security levels use: M = 0 (levels 0 and 4, no authentication: CTR from counter 1), 4, 8 and 16. For M &gt; 0 this is
/// CCM (RFC 3610). a-data and message are each shorter than 0xFF00 octets, far above any 802.15.4 frame.
/// </summary>
public static class CcmStar
{
    private const int Block = AesBlockCipher.BlockSize;
    private const int MaxLength = 0xFF00 - 1;

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> into <paramref name="ciphertext"/> (same length; may be the same span) and
    /// writes the encrypted MIC into <paramref name="mic"/>, whose length (0, 4, 8 or 16) is M.
    /// </summary>
    public static void Encrypt(ZigBeeCipher cipher, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aData, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> mic)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        Check(nonce, aData, plaintext.Length, ciphertext.Length, mic.Length);
        Encrypt(cipher.Block, nonce, aData, plaintext, ciphertext, mic);
    }

    /// <summary>
    /// Decrypts and checks: false (and <paramref name="plaintext"/> cleared) when the MIC does not match. The MIC
    /// length (0, 4, 8 or 16) is M; with M = 0 nothing is checked. Never throws for a bad MIC.
    /// </summary>
    public static bool TryDecrypt(ZigBeeCipher cipher, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aData, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> mic, Span<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        Check(nonce, aData, ciphertext.Length, plaintext.Length, mic.Length);
        return TryDecrypt(cipher.Block, nonce, aData, ciphertext, mic, plaintext);
    }

    internal static void Encrypt(AesBlockCipher aes, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aData, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> mic)
    {
        Span<byte> tag = stackalloc byte[Block];
        Span<byte> s0 = stackalloc byte[Block];
        lock (aes.Gate)
        {
            if (mic.Length > 0)
            {
                Authenticate(aes, nonce, aData, ADataPatch.None, plaintext, mic.Length, tag);
            }

            // The MAC is over the plaintext, so it is taken before an in-place encryption overwrites it.
            Ctr(aes, nonce, plaintext, ciphertext, s0);
        }

        for (var i = 0; i < mic.Length; i++)
        {
            mic[i] = (byte)(tag[i] ^ s0[i]);
        }
    }

    internal static bool TryDecrypt(AesBlockCipher aes, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aData, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> mic, Span<byte> plaintext) =>
        TryDecrypt(aes, nonce, aData, ADataPatch.None, ciphertext, mic, plaintext);

    /// <summary>
    /// As <see cref="TryDecrypt(AesBlockCipher, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>
    /// with one octet of the a-data taken as another value (ZigBee's security level, sent as 0 and authenticated as the
    /// real level), so the caller need not copy the header to patch it.
    /// </summary>
    internal static bool TryDecrypt(
        AesBlockCipher aes, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aData, ADataPatch patch, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> mic, Span<byte> plaintext)
    {
        var length = ciphertext.Length;
        Span<byte> s0 = stackalloc byte[Block];
        Span<byte> tag = stackalloc byte[Block];
        lock (aes.Gate)
        {
            Ctr(aes, nonce, ciphertext, plaintext, s0);
            if (mic.Length == 0)
            {
                return true;
            }

            Authenticate(aes, nonce, aData, patch, plaintext[..length], mic.Length, tag);
        }

        for (var i = 0; i < mic.Length; i++)
        {
            tag[i] ^= s0[i];
        }

        if (CryptographicOperations.FixedTimeEquals(tag[..mic.Length], mic))
        {
            return true;
        }

        plaintext[..length].Clear();
        return false;
    }

    /// <summary>
    /// CBC-MAC of B0 ‖ (l(a) ‖ a, padded) ‖ (m, padded), staged straight into the cipher's stage (the caller holds its
    /// gate) so a frame takes one platform call; the first M octets of the result go to <paramref name="tag"/>.
    /// </summary>
    private static void Authenticate(AesBlockCipher aes, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aData, ADataPatch patch, ReadOnlySpan<byte> message, int m, Span<byte> tag)
    {
        var stage = aes.Stage;
        var x = tag[..Block];
        x.Clear();

        // B0: flags (Adata, M' = (M-2)/2, L' = L-1) ‖ nonce ‖ l(m).
        stage[0] = (byte)((aData.IsEmpty ? 0 : 0x40) | (((m - 2) / 2) << 3) | 1);
        nonce.CopyTo(stage[1..]);
        BinaryPrimitives.WriteUInt16BigEndian(stage[14..], (ushort)message.Length);
        var filled = Block;
        if (!aData.IsEmpty)
        {
            BinaryPrimitives.WriteUInt16BigEndian(stage[filled..], (ushort)aData.Length);
            filled += 2;
            if (patch.IsSet && filled + aData.Length <= stage.Length)
            {
                // The whole a-data lands in the stage before any MAC call, so the octet is patched there.
                aData.CopyTo(stage[filled..]);
                stage[filled + patch.Index] = patch.Value;
                filled += aData.Length;
            }
            else
            {
                filled = patch.IsSet ? AbsorbPatched(aes, aData, patch, filled, x) : Absorb(aes, aData, filled, x);
            }

            filled = Pad(aes, filled, x);
        }

        filled = Absorb(aes, message, filled, x);
        filled = Pad(aes, filled, x);
        aes.StagedCbcMac(filled, x);
    }

    /// <summary>Appends <paramref name="data"/> to the stage, running the MAC whenever the stage fills.</summary>
    private static int Absorb(AesBlockCipher aes, ReadOnlySpan<byte> data, int filled, Span<byte> x)
    {
        var stage = aes.Stage;
        while (!data.IsEmpty)
        {
            if (filled == stage.Length)
            {
                aes.StagedCbcMac(filled, x);
                filled = 0;
            }

            var count = Math.Min(data.Length, stage.Length - filled);
            data[..count].CopyTo(stage[filled..]);
            data = data[count..];
            filled += count;
        }

        return filled;
    }

    /// <summary>Absorbs a-data too long for the stage, patching its octet on the way (never so for 802.15.4 frames).</summary>
    private static int AbsorbPatched(AesBlockCipher aes, ReadOnlySpan<byte> aData, ADataPatch patch, int filled, Span<byte> x)
    {
        filled = Absorb(aes, aData[..patch.Index], filled, x);
        filled = Absorb(aes, [patch.Value], filled, x);
        return Absorb(aes, aData[(patch.Index + 1)..], filled, x);
    }

    /// <summary>Zero-pads the stage to a whole block (a full stage is MAC-ed first, so the padding always fits).</summary>
    private static int Pad(AesBlockCipher aes, int filled, Span<byte> x)
    {
        var stage = aes.Stage;
        if (filled == stage.Length)
        {
            aes.StagedCbcMac(filled, x);
            return 0;
        }

        var padded = (filled + Block - 1) / Block * Block;
        stage[filled..padded].Clear();
        return padded;
    }

    /// <summary>
    /// CTR with A_i = flags(L' = 1) ‖ nonce ‖ i: message blocks use i ≥ 1; E(A_0) goes to <paramref name="s0"/> for the
    /// MIC. Counters are staged in the cipher's stage (the caller holds its gate).
    /// </summary>
    private static void Ctr(AesBlockCipher aes, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> input, Span<byte> output, Span<byte> s0)
    {
        var stage = aes.Stage;
        var total = input.Length;
        var blockCount = 1 + (total + Block - 1) / Block;
        var done = 0;
        for (var first = 0; first < blockCount; first += AesBlockCipher.StageBlocks)
        {
            var count = Math.Min(AesBlockCipher.StageBlocks, blockCount - first);
            for (var j = 0; j < count; j++)
            {
                var a = stage.Slice(j * Block, Block);
                a[0] = 1;
                nonce.CopyTo(a[1..]);
                BinaryPrimitives.WriteUInt16BigEndian(a[14..], (ushort)(first + j));
            }

            aes.StagedEncrypt(count * Block);
            var keystream = aes.StagedOutput[..(count * Block)];
            if (first == 0)
            {
                keystream[..Block].CopyTo(s0);
                keystream = keystream[Block..];
            }

            var n = Math.Min(keystream.Length, total - done);
            for (var i = 0; i < n; i++)
            {
                output[done + i] = (byte)(input[done + i] ^ keystream[i]);
            }

            done += n;
        }
    }

    private static void Check(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aData, int inputLength, int outputLength, int micLength)
    {
        if (nonce.Length != ZigBeeNonce.Length)
        {
            throw new ArgumentException($"the nonce has {nonce.Length} octets; CCM* with L = 2 needs {ZigBeeNonce.Length}", nameof(nonce));
        }

        if (micLength is not (0 or 4 or 8 or 16))
        {
            throw new ArgumentException($"a MIC of {micLength} octets; CCM* allows 0, 4, 8 or 16", nameof(micLength));
        }

        if (aData.Length > MaxLength || inputLength > MaxLength)
        {
            throw new ArgumentException("a-data and message must each be shorter than 0xFF00 octets");
        }

        if (outputLength < inputLength)
        {
            throw new ArgumentException($"the output holds {outputLength} octets; the message has {inputLength}");
        }
    }
}

/// <summary>One octet of a CCM* a-data authenticated as another value; <see cref="None"/> patches nothing.</summary>
internal readonly record struct ADataPatch(int Index, byte Value)
{
    public static ADataPatch None => new(-1, 0);

    public bool IsSet => Index >= 0;
}
