using System.Buffers.Binary;

namespace ZigBee.Nwk.Security;

/// <summary>
/// The Matyas–Meyer–Oseas hash over AES-128 (ZigBee spec Annex C.5, B.6): h0 = 0, h_j = E(h_{j-1}, M_j) ⊕ M_j over the
/// padded message. Padding: M ‖ 1 ‖ 0* ‖ l as 16 bits for messages under 2^16 bits; from 8192 octets on,
/// M ‖ 1 ‖ 0* ‖ l as 32 bits ‖ 0^16. Used for install-code keys and the keyed hash; not a per-frame path.
/// </summary>
public static class MmoHash
{
    public const int Length = 16;

    /// <summary>Longest message in octets: the 32-bit length field counts bits.</summary>
    public const long MaxMessageLength = uint.MaxValue / 8;

    /// <summary>Hash of <paramref name="message"/> into the first 16 octets of <paramref name="hash"/>.</summary>
    public static void Compute(ReadOnlySpan<byte> message, Span<byte> hash)
    {
        if (hash.Length < Length)
        {
            throw new ArgumentException($"hash holds {hash.Length} octets; needs {Length}", nameof(hash));
        }

        if (message.Length > MaxMessageLength)
        {
            throw new ArgumentException($"messages of 2^32 bits or more cannot be hashed (C.5)", nameof(message));
        }

        var h = hash[..Length];
        h.Clear();
        var full = message.Length / Length * Length;
        for (var offset = 0; offset < full; offset += Length)
        {
            Step(h, message.Slice(offset, Length));
        }

        var rest = message[full..];
        var bits = (ulong)message.Length * 8;
        Span<byte> tail = stackalloc byte[2 * Length];
        tail.Clear();
        rest.CopyTo(tail);
        tail[rest.Length] = 0x80;
        int tailLength;
        if (message.Length < 8192)
        {
            // 1 bit, zeros, then l in 16 bits ending the block.
            tailLength = rest.Length + 1 + 2 <= Length ? Length : 2 * Length;
            BinaryPrimitives.WriteUInt16BigEndian(tail[(tailLength - 2)..], (ushort)bits);
        }
        else
        {
            // 1 bit, zeros, l in 32 bits, then 16 zero bits ending the block.
            tailLength = rest.Length + 1 + 6 <= Length ? Length : 2 * Length;
            BinaryPrimitives.WriteUInt32BigEndian(tail[(tailLength - 6)..], (uint)bits);
        }

        for (var offset = 0; offset < tailLength; offset += Length)
        {
            Step(h, tail.Slice(offset, Length));
        }
    }

    /// <summary>Hash of <paramref name="message"/> as a key.</summary>
    public static ZigBeeKey Compute(ReadOnlySpan<byte> message)
    {
        Span<byte> hash = stackalloc byte[Length];
        Compute(message, hash);
        return ZigBeeKey.Read(hash);
    }

    private static void Step(Span<byte> h, ReadOnlySpan<byte> block)
    {
        Span<byte> output = stackalloc byte[Length];
        using (var aes = AesBlockCipher.Create(h))
        {
            aes.EncryptBlocks(block, output);
        }

        for (var i = 0; i < Length; i++)
        {
            h[i] = (byte)(output[i] ^ block[i]);
        }
    }
}
