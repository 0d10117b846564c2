using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ZigBee.Mac.Frames;

/// <summary>
/// The 802.15.4 frame check sequence: ITU-T CRC-16 as the standard specifies it (IEEE 802.15.4-2006 §7.2.1.9),
/// i.e. CRC-16/KERMIT — reflected polynomial 0x8408, initial value 0, no final XOR — sent little-endian.
/// </summary>
public static class Fcs
{
    public const int Length = 2;

    // Slicing-by-4: table k (entries 256k … 256k+255) is the CRC of a byte followed by k zero bytes, so four bytes
    // are folded with four independent lookups instead of a chain of four dependent ones.
    private static readonly ushort[] Tables = BuildTables();

    private static ushort[] BuildTables()
    {
        var tables = new ushort[4 * 256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0x8408) : (ushort)(crc >> 1);
            }

            tables[i] = crc;
        }

        for (var k = 1; k < 4; k++)
        {
            for (var i = 0; i < 256; i++)
            {
                var previous = tables[((k - 1) * 256) + i];
                tables[(k * 256) + i] = (ushort)((previous >> 8) ^ tables[previous & 0xFF]);
            }
        }

        return tables;
    }

    /// <summary>CRC over <paramref name="data"/> (the MHR and MAC payload).</summary>
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0;
        ref var table = ref MemoryMarshal.GetArrayDataReference(Tables);
        ref var bytes = ref MemoryMarshal.GetReference(data);
        var length = data.Length;
        var i = 0;

        // Every index below is a byte (0–255) plus a table base of at most 768: inside the 1024-entry array.
        for (; i + 4 <= length; i += 4)
        {
            var x = crc ^ Unsafe.Add(ref bytes, i) ^ ((uint)Unsafe.Add(ref bytes, i + 1) << 8);
            crc = (uint)(Unsafe.Add(ref table, 768 + (int)(x & 0xFF))
                ^ Unsafe.Add(ref table, 512 + (int)(x >> 8))
                ^ Unsafe.Add(ref table, 256 + Unsafe.Add(ref bytes, i + 2))
                ^ Unsafe.Add(ref table, Unsafe.Add(ref bytes, i + 3)));
        }

        for (; i < length; i++)
        {
            crc = (crc >> 8) ^ Unsafe.Add(ref table, (int)((crc ^ Unsafe.Add(ref bytes, i)) & 0xFF));
        }

        return (ushort)crc;
    }

    /// <summary>True when the last two bytes of <paramref name="mpdu"/> are the FCS of the bytes before them.</summary>
    public static bool Check(ReadOnlySpan<byte> mpdu)
    {
        if (mpdu.Length < Length)
        {
            return false;
        }

        var body = mpdu[..^Length];
        var sent = (ushort)(mpdu[^2] | (mpdu[^1] << 8));
        return Compute(body) == sent;
    }

    /// <summary>Writes the FCS of <paramref name="body"/> into the two bytes of <paramref name="destination"/>.</summary>
    public static void Write(ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var crc = Compute(body);
        destination[0] = (byte)crc;
        destination[1] = (byte)(crc >> 8);
    }
}
