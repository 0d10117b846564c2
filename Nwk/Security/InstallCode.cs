using System.Buffers.Binary;

namespace ZigBee.Nwk.Security;

/// <summary>
/// Install codes (§4.6.3.4 / Base Device Behavior §10.1): 6, 8, 12 or 16 octets followed by their CRC-16/X-25
/// (reflected polynomial 0x8408, init 0xFFFF, final XOR 0xFFFF) little-endian; the link key is the MMO hash of the
/// code with its CRC.
/// </summary>
public static class InstallCode
{
    public const int CrcLength = 2;

    /// <summary>True for the code lengths the specification allows (without CRC).</summary>
    public static bool IsValidCodeLength(int length) => length is 6 or 8 or 12 or 16;

    /// <summary>CRC-16/X-25 of <paramref name="code"/>.</summary>
    public static ushort Crc(ReadOnlySpan<byte> code)
    {
        var crc = 0xFFFF;
        foreach (var b in code)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
            }
        }

        return (ushort)(crc ^ 0xFFFF);
    }

    /// <summary>True when <paramref name="codeWithCrc"/> is a code of an allowed length followed by its correct CRC.</summary>
    public static bool IsValid(ReadOnlySpan<byte> codeWithCrc)
    {
        var codeLength = codeWithCrc.Length - CrcLength;
        return IsValidCodeLength(codeLength)
            && BinaryPrimitives.ReadUInt16LittleEndian(codeWithCrc[codeLength..]) == Crc(codeWithCrc[..codeLength]);
    }

    /// <summary>The link key of a checked install code (code ‖ CRC); false when the length or the CRC is wrong.</summary>
    public static bool TryDeriveLinkKey(ReadOnlySpan<byte> codeWithCrc, out ZigBeeKey linkKey)
    {
        linkKey = default;
        if (!IsValid(codeWithCrc))
        {
            return false;
        }

        linkKey = MmoHash.Compute(codeWithCrc);
        return true;
    }
}
