using System.Security.Cryptography;

namespace ZigBee.Nwk.Security;

/// <summary>
/// AES-128 encryption of whole 16-octet blocks under one key — the only primitive CCM* and the MMO hash need — through
/// the platform's AES (System.Security.Cryptography, OpenSSL on Linux). One-shot calls create a native context each
/// time (microseconds and an allocation), so one ECB and one CBC transform are kept and fed from preallocated arrays
/// under a lock; instances are safe to share between threads. The CBC transform chains from its last output block;
/// XOR-ing that block into the first input block restarts the chain.
/// </summary>
internal sealed class AesBlockCipher : IDisposable
{
    public const int BlockSize = 16;

    private const int ChunkBlocks = 8;
    private readonly Lock gate = new();
    private readonly Aes aes;
    private readonly ICryptoTransform ecb;
    private readonly ICryptoTransform cbc;
    private readonly byte[] input = new byte[ChunkBlocks * BlockSize];
    private readonly byte[] output = new byte[ChunkBlocks * BlockSize];
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

    public static AesBlockCipher Create(ReadOnlySpan<byte> key) => new(key);

    /// <summary>ECB: every 16-octet block of the source encrypted into the destination (same length; may be the same span).</summary>
    public void EncryptBlocks(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CheckBlocks(source.Length, destination.Length);
        lock (gate)
        {
            for (var offset = 0; offset < source.Length; offset += input.Length)
            {
                var count = Math.Min(input.Length, source.Length - offset);
                source.Slice(offset, count).CopyTo(input);
                ecb.TransformBlock(input, 0, count, output, 0);
                output.AsSpan(0, count).CopyTo(destination[offset..]);
            }
        }
    }

    /// <summary>CBC-MAC step over whole blocks: for each block B, state = E(state ⊕ B).</summary>
    public void CbcMac(ReadOnlySpan<byte> blocks, Span<byte> state)
    {
        CheckBlocks(blocks.Length, blocks.Length);
        lock (gate)
        {
            // The transform will XOR its chain value into the first block; pre-XOR it so the chain starts at state.
            Span<byte> start = stackalloc byte[BlockSize];
            for (var i = 0; i < BlockSize; i++)
            {
                start[i] = (byte)(state[i] ^ chain[i]);
            }

            for (var offset = 0; offset < blocks.Length; offset += input.Length)
            {
                var count = Math.Min(input.Length, blocks.Length - offset);
                blocks.Slice(offset, count).CopyTo(input);
                if (offset == 0)
                {
                    for (var i = 0; i < BlockSize; i++)
                    {
                        input[i] ^= start[i];
                    }
                }

                cbc.TransformBlock(input, 0, count, output, 0);
                output.AsSpan(count - BlockSize, BlockSize).CopyTo(chain);
            }

            if (blocks.IsEmpty)
            {
                return;
            }

            chain.CopyTo(state);
        }
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
