using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace ZigBee.Nwk.Security;

/// <summary>
/// AES-128 encryption of whole 16-octet blocks under one key, the only primitive CCM* and the MMO hash need.
/// <see cref="Create"/> picks the processor's AES instructions where the runtime exposes them (one block costs a few
/// nanoseconds, and the key schedule is kept) and otherwise the platform's AES (System.Security.Cryptography,
/// OpenSSL on Linux), whose per-call cost is about a microsecond. Both are checked against each other in the tests.
/// Instances are safe to share between threads.
/// </summary>
internal abstract class AesBlockCipher : IDisposable
{
    public const int BlockSize = 16;

    /// <summary>True when <see cref="Create"/> uses the processor's AES instructions.</summary>
    public static bool HardwareAccelerated => X86Aes.IsSupported;

    public static AesBlockCipher Create(ReadOnlySpan<byte> key) =>
        HardwareAccelerated ? new IntrinsicAesBlockCipher(key) : new PlatformAesBlockCipher(key);

    /// <summary>The platform's AES whatever the processor offers (the reference the tests compare against).</summary>
    public static AesBlockCipher CreatePlatform(ReadOnlySpan<byte> key) => new PlatformAesBlockCipher(key);

    /// <summary>ECB: every 16-octet block of <paramref name="input"/> encrypted into <paramref name="output"/> (same length; may be the same span).</summary>
    public abstract void EncryptBlocks(ReadOnlySpan<byte> input, Span<byte> output);

    /// <summary>CBC-MAC step over whole blocks: for each block B, state = E(state ⊕ B).</summary>
    public abstract void CbcMac(ReadOnlySpan<byte> blocks, Span<byte> state);

    public virtual void Dispose()
    {
    }
}

/// <summary>AES-128 on x86 AES-NI: the round keys are expanded once (FIPS-197 §5.2) and kept.</summary>
internal sealed class IntrinsicAesBlockCipher : AesBlockCipher
{
    private readonly Vector128<byte>[] roundKeys = new Vector128<byte>[11];

    public IntrinsicAesBlockCipher(ReadOnlySpan<byte> key)
    {
        if (key.Length != 16)
        {
            throw new ArgumentException("AES-128 needs a 16-octet key", nameof(key));
        }

        var k = Vector128.Create(key);
        roundKeys[0] = k;
        // KeygenAssist takes its round constant as an immediate, hence one line per round.
        roundKeys[1] = k = Expand(k, X86Aes.KeygenAssist(k, 0x01));
        roundKeys[2] = k = Expand(k, X86Aes.KeygenAssist(k, 0x02));
        roundKeys[3] = k = Expand(k, X86Aes.KeygenAssist(k, 0x04));
        roundKeys[4] = k = Expand(k, X86Aes.KeygenAssist(k, 0x08));
        roundKeys[5] = k = Expand(k, X86Aes.KeygenAssist(k, 0x10));
        roundKeys[6] = k = Expand(k, X86Aes.KeygenAssist(k, 0x20));
        roundKeys[7] = k = Expand(k, X86Aes.KeygenAssist(k, 0x40));
        roundKeys[8] = k = Expand(k, X86Aes.KeygenAssist(k, 0x80));
        roundKeys[9] = k = Expand(k, X86Aes.KeygenAssist(k, 0x1B));
        roundKeys[10] = Expand(k, X86Aes.KeygenAssist(k, 0x36));
    }

    public override void EncryptBlocks(ReadOnlySpan<byte> input, Span<byte> output)
    {
        CheckBlocks(input.Length, output.Length);
        for (var offset = 0; offset < input.Length; offset += BlockSize)
        {
            Encrypt(Vector128.Create(input.Slice(offset, BlockSize))).CopyTo(output.Slice(offset, BlockSize));
        }
    }

    public override void CbcMac(ReadOnlySpan<byte> blocks, Span<byte> state)
    {
        CheckBlocks(blocks.Length, blocks.Length);
        var x = Vector128.Create((ReadOnlySpan<byte>)state[..BlockSize]);
        for (var offset = 0; offset < blocks.Length; offset += BlockSize)
        {
            x = Encrypt(x ^ Vector128.Create(blocks.Slice(offset, BlockSize)));
        }

        x.CopyTo(state);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector128<byte> Encrypt(Vector128<byte> block)
    {
        var keys = roundKeys;
        var x = block ^ keys[0];
        for (var round = 1; round < 10; round++)
        {
            x = X86Aes.Encrypt(x, keys[round]);
        }

        return X86Aes.EncryptLast(x, keys[10]);
    }

    private static Vector128<byte> Expand(Vector128<byte> key, Vector128<byte> assist)
    {
        var t = Vector128.Shuffle(assist.AsUInt32(), Vector128.Create(3u, 3u, 3u, 3u)).AsByte();
        key ^= ShiftBytesLeft4(key);
        key ^= ShiftBytesLeft4(key);
        key ^= ShiftBytesLeft4(key);
        return key ^ t;
    }

    /// <summary>The 128-bit value shifted by one 32-bit word towards the high end (SSE2 PSLLDQ 4).</summary>
    private static Vector128<byte> ShiftBytesLeft4(Vector128<byte> value) =>
        System.Runtime.Intrinsics.X86.Sse2.ShiftLeftLogical128BitLane(value, 4);

    internal static void CheckBlocks(int inputLength, int outputLength)
    {
        if (inputLength % BlockSize != 0 || outputLength < inputLength)
        {
            throw new ArgumentException($"{inputLength} octets are not whole AES blocks or do not fit {outputLength}");
        }
    }
}

/// <summary>
/// AES-128 through System.Security.Cryptography. One-shot calls create a native context each time (microseconds and
/// an allocation), so one ECB and one CBC transform are kept and fed from preallocated arrays under a lock. The CBC
/// transform chains from its last output block; XOR-ing that block into the first input block restarts the chain.
/// </summary>
internal sealed class PlatformAesBlockCipher : AesBlockCipher
{
    private const int ChunkBlocks = 8;
    private readonly Lock gate = new();
    private readonly Aes aes;
    private readonly ICryptoTransform ecb;
    private readonly ICryptoTransform cbc;
    private readonly byte[] input = new byte[ChunkBlocks * BlockSize];
    private readonly byte[] output = new byte[ChunkBlocks * BlockSize];
    private readonly byte[] chain = new byte[BlockSize];

    public PlatformAesBlockCipher(ReadOnlySpan<byte> key)
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

    public override void EncryptBlocks(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        IntrinsicAesBlockCipher.CheckBlocks(source.Length, destination.Length);
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

    public override void CbcMac(ReadOnlySpan<byte> blocks, Span<byte> state)
    {
        IntrinsicAesBlockCipher.CheckBlocks(blocks.Length, blocks.Length);
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

    public override void Dispose()
    {
        ecb.Dispose();
        cbc.Dispose();
        aes.Dispose();
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
