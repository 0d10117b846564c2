using System.Buffers.Binary;
using System.Globalization;

namespace ZigBee.Nwk.Security;

/// <summary>
/// A 128-bit key held inline in two words, so passing one allocates nothing. <see cref="Low"/> holds octets 0–7 and
/// <see cref="High"/> octets 8–15, each read little-endian, so <see cref="Read"/> and <see cref="CopyTo"/> keep the
/// octet order of the air (the order Wireshark's key table and the specification's vectors write keys in).
/// </summary>
public readonly record struct ZigBeeKey(ulong Low, ulong High)
{
    public const int Length = 16;

    /// <summary>The default trust-center link key "ZigBeeAlliance09" (§4.6.3.2.2.1), ASCII octets in order.</summary>
    public static ZigBeeKey DefaultTrustCenterLinkKey { get; } = Read("ZigBeeAlliance09"u8);

    /// <summary>The key in the first 16 octets of <paramref name="bytes"/>, in air order.</summary>
    public static ZigBeeKey Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Length)
        {
            throw new ArgumentException($"bytes holds {bytes.Length} octets; a key needs {Length}", nameof(bytes));
        }

        return new(BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));
    }

    /// <summary>Writes the 16 octets in air order.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"destination holds {destination.Length} octets; a key needs {Length}", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64LittleEndian(destination, Low);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], High);
    }

    /// <summary>
    /// Parses 32 hex digits, optionally separated by ':' or spaces (as Wireshark and the specification print keys);
    /// false for anything else. Never throws.
    /// </summary>
    public static bool TryParse(string? hex, out ZigBeeKey key)
    {
        key = default;
        if (hex is null)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Length];
        var count = 0;
        var high = -1;
        foreach (var c in hex)
        {
            if (c is ':' or ' ')
            {
                if (high >= 0)
                {
                    return false; // a separator between the two digits of one octet
                }

                continue;
            }

            var value = HexValue(c);
            if (value < 0)
            {
                return false;
            }

            if (high < 0)
            {
                high = value;
                continue;
            }

            if (count == Length)
            {
                return false;
            }

            bytes[count++] = (byte)((high << 4) | value);
            high = -1;
        }

        if (count != Length || high >= 0)
        {
            return false;
        }

        key = Read(bytes);
        return true;
    }

    /// <summary>The octets in air order as 32 uppercase hex digits.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return Convert.ToHexString(bytes);
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
