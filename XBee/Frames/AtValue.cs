namespace ZigBee.XBee.Frames;

/// <summary>
/// Numeric AT parameters and values: big-endian, in as many bytes as the command takes (a set may send fewer).
/// One codec for both sides of the line — the host's link and services and the emulated firmwares.
/// </summary>
public static class AtValue
{
    /// <summary>Writes <paramref name="value"/> big-endian in exactly <paramref name="size"/> bytes; returns <paramref name="size"/>.</summary>
    public static int Write(ulong value, int size, Span<byte> destination)
    {
        for (var i = size - 1; i >= 0; i--, value >>= 8)
        {
            destination[i] = (byte)value;
        }

        return size;
    }

    /// <summary><paramref name="value"/> as a parameter of exactly <paramref name="size"/> bytes.</summary>
    public static byte[] ToParameter(ulong value, int size)
    {
        var parameter = new byte[size];
        Write(value, size, parameter);
        return parameter;
    }

    /// <summary>The fewest bytes that hold <paramref name="value"/>, at least <paramref name="minimumSize"/>.</summary>
    public static int SizeOf(ulong value, int minimumSize = 1) =>
        Math.Max(minimumSize, (64 - System.Numerics.BitOperations.LeadingZeroCount(value) + 7) / 8);

    /// <summary>Reads a number of at most <paramref name="maximumSize"/> bytes (≤ 8); false when the bytes are more.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, int maximumSize, out ulong value)
    {
        value = 0;
        if (bytes.Length > Math.Min(maximumSize, 8))
        {
            return false;
        }

        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return true;
    }
}
