using System.Buffers.Binary;

namespace ZigBee.XBee.Frames;

/// <summary>Field access shared by the typed frames. XBee multi-byte fields are big-endian, unlike ZigBee's own frames.</summary>
internal static class XBeeWire
{
    /// <summary>True when <paramref name="frameData"/> starts with <paramref name="type"/> and holds at least <paramref name="minimumLength"/> bytes.</summary>
    public static bool Has(ReadOnlySpan<byte> frameData, ApiFrameType type, int minimumLength) =>
        frameData.Length >= Math.Max(minimumLength, 1) && frameData[0] == (byte)type;

    public static ushort U16(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadUInt16BigEndian(source);

    public static ulong U64(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadUInt64BigEndian(source);

    public static void Put16(Span<byte> destination, ushort value) => BinaryPrimitives.WriteUInt16BigEndian(destination, value);

    public static void Put64(Span<byte> destination, ulong value) => BinaryPrimitives.WriteUInt64BigEndian(destination, value);

    /// <summary>Checks room for the frame data and writes the API identifier.</summary>
    public static void Start(Span<byte> destination, int length, ApiFrameType type)
    {
        if (length > ApiFrame.MaxFrameDataLength)
        {
            throw new ArgumentException($"{type} frame data of {length} bytes does not fit the 16-bit length field");
        }

        if (destination.Length < length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the {type} frame needs {length}", nameof(destination));
        }

        destination[0] = (byte)type;
    }
}
