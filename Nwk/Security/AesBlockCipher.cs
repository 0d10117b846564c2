using System.Security.Cryptography;

namespace ZigBee.Nwk.Security;

/// <summary>
/// AES-128 encryption of whole 16-octet blocks under one key — the only primitive CCM* and the MMO hash need — through
/// the platform's AES (System.Security.Cryptography, OpenSSL on Linux). One-shot calls create a native context each
/// time (microseconds and an allocation), so one ECB and one CBC transform are kept and fed from a preallocated stage
/// under a lock; instances are safe to share between threads. Each platform call costs far more than the AES rounds
/// of a frame, so a caller that holds <see cref="Gate"/> can fill the stage itself and run a whole frame's counters or
/// MAC blocks in one call. The CBC transform chains from its last output block; XOR-ing that block into the first
/// input block restarts the chain.
/// </summary>
internal sealed class AesBlockCipher : IDisposable
{
    public const int BlockSize = 16;

    /// <summary>Blocks the stage holds: every counter or MAC block of the longest 802.15.4 frame fits one call.</summary>
    public const int StageBlocks = 16;

    private readonly Aes aes;
    private readonly ICryptoTransform ecb;
    private readonly ICryptoTransform cbc;
    private readonly byte[] input = new byte[StageBlocks * BlockSize];
    private readonly byte[] output = new byte[StageBlocks * BlockSize];
    private readonly byte[] chain = new byte[BlockSize];

    private AesBlockCipher(ReadOnlySpan<byte> key)
    {
        if (key.Length != 16)
        {
            throw new ArgumentException("AES-128 needs a 16-octet key", nameof(key));
        }

        aes = Aes.Create();
        aes.Key = key.ToArray();
        ecb = CreateEcb(aes);
        cbc = CreateCbc(aes);
    }

    /// <summary>Held while the stage is in use; the Staged… members need it.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Where a caller holding <see cref="Gate"/> writes the blocks of its next staged call.</summary>
    public Span<byte> Stage => input;

    /// <summary>What the last staged call wrote.</summary>
    public ReadOnlySpan<byte> StagedOutput => output;

    public static AesBlockCipher Create(ReadOnlySpan<byte> key) => new(key);

    /// <summary>ECB: every 16-octet block of the source encrypted into the destination (same length; may be the same span).</summary>
    public void EncryptBlocks(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CheckBlocks(source.Length, destination.Length);
        lock (Gate)
        {
            for (var offset = 0; offset < source.Length; offset += input.Length)
            {
                var count = Math.Min(input.Length, source.Length - offset);
                source.Slice(offset, count).CopyTo(input);
                StagedEncrypt(count);
                output.AsSpan(0, count).CopyTo(destination[offset..]);
            }
        }
    }

    /// <summary>ECB over Stage[..length] into <see cref="StagedOutput"/>; the caller holds <see cref="Gate"/>.</summary>
    public void StagedEncrypt(int length)
    {
        CheckStaged(length);
        ecb.TransformBlock(input, 0, length, output, 0);
    }

    /// <summary>
    /// CBC-MAC step over Stage[..length] (whole blocks): for each block B, state = E(state ⊕ B). The caller holds
    /// <see cref="Gate"/>; the stage's first block is changed.
    /// </summary>
    public void StagedCbcMac(int length, Span<byte> state)
    {
        CheckStaged(length);
        if (length == 0)
        {
            return;
        }

        // The transform XORs its chain value into the first block; cancel it so the chain starts at state.
        for (var i = 0; i < BlockSize; i++)
        {
            input[i] ^= (byte)(state[i] ^ chain[i]);
        }

        cbc.TransformBlock(input, 0, length, output, 0);
        output.AsSpan(length - BlockSize, BlockSize).CopyTo(chain);
        chain.CopyTo(state);
    }

    public void Dispose()
    {
        ecb.Dispose();
        cbc.Dispose();
        aes.Dispose();
    }

    private static void CheckBlocks(int inputLength, int outputLength)
    {
        if (inputLength % BlockSize != 0 || outputLength < inputLength)
        {
            throw new ArgumentException($"{inputLength} octets are not whole AES blocks or do not fit {outputLength}");
        }
    }

    private void CheckStaged(int length)
    {
        if (length % BlockSize != 0 || (uint)length > (uint)input.Length)
        {
            throw new ArgumentException($"{length} octets are not whole AES blocks of the {input.Length}-octet stage");
        }

        if (!Gate.IsHeldByCurrentThread)
        {
            throw new InvalidOperationException("the AES stage is used without holding its gate");
        }
    }

    private static ICryptoTransform CreateEcb(Aes aes)
    {
        aes.Mode = CipherMode.ECB;
        aes.Padding = PaddingMode.None;
        return aes.CreateEncryptor();
    }

    private static ICryptoTransform CreateCbc(Aes aes)
    {
        aes.Mode = CipherMode.CBC;
        aes.Padding = PaddingMode.None;
        return aes.CreateEncryptor(aes.Key, new byte[BlockSize]);
    }
}
