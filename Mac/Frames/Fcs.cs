namespace ZigBee.Mac.Frames;

/// <summary>
/// The 802.15.4 frame check sequence: ITU-T CRC-16 as the standard specifies it (IEEE 802.15.4-2006 §7.2.1.9),
/// i.e. CRC-16/KERMIT — reflected polynomial 0x8408, initial value 0, no final XOR — sent little-endian.
/// </summary>
public static class Fcs
{
    public const int Length = 2;

    private static readonly ushort[] Table = BuildTable();

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0x8408) : (ushort)(crc >> 1);
            }

            table[i] = crc;
        }

        return table;
    }

    /// <summary>CRC over <paramref name="data"/> (the MHR and MAC payload).</summary>
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0;
        var table = Table;
        foreach (var b in data)
        {
            crc = (ushort)((crc >> 8) ^ table[(crc ^ b) & 0xFF]);
        }

        return crc;
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
