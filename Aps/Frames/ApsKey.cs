using System.Buffers.Binary;

namespace ZigBee.Aps.Frames;

/// <summary>
/// A 128-bit key (or key hash) as it travels in APS commands: 16 octets held inline in two words, so commands that carry
/// keys stay allocation-free value types. <see cref="Low"/> holds octets 0–7 and <see cref="High"/> octets 8–15, each
/// read little-endian, so <see cref="Read"/> and <see cref="CopyTo"/> keep the octet order of the air.
/// </summary>
public readonly record struct ApsKey(ulong Low, ulong High)
{
    /// <summary>Octets of a key (§4.4.10.1: every key descriptor starts with a 16-octet key).</summary>
    public const int Length = 16;

    /// <summary>The key in the first 16 octets of <paramref name="source"/>, in air order.</summary>
    public static ApsKey Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Length)
        {
            throw new ArgumentException($"source holds {source.Length} bytes; a key needs {Length}", nameof(source));
        }

        return new(BinaryPrimitives.ReadUInt64LittleEndian(source), BinaryPrimitives.ReadUInt64LittleEndian(source[8..]));
    }

    /// <summary>Writes the 16 octets in air order.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; a key needs {Length}", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64LittleEndian(destination, Low);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], High);
    }

    /// <summary>The octets in air order as lower-case hex (32 digits), as Wireshark shows keys without separators.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
