using System.Buffers.Binary;

namespace ZigBee.Nwk.Frames;

/// <summary>
/// The source route subframe (§3.3.1.9): relay count, relay index and the relay list. A decoded subframe points at its
/// relay list by <see cref="RelayListOffset"/> into the NWK frame it was decoded from, so nothing is copied; to encode,
/// pass the relay list as a span to <see cref="NwkFrame.EncodeHeader(in NwkHeader, ReadOnlySpan{ushort}, Span{byte})"/>
/// (the offset is then ignored).
/// </summary>
public readonly record struct NwkSourceRoute(byte RelayCount, byte RelayIndex, int RelayListOffset = 0)
{
    /// <summary>Bytes the subframe takes on air.</summary>
    public int Length => 2 + (2 * RelayCount);

    /// <summary>Relay <paramref name="index"/> (0 is the relay nearest the destination), read from the decoded NWK frame.</summary>
    public ushort GetRelay(ReadOnlySpan<byte> nwkFrame, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, (int)RelayCount);
        return BinaryPrimitives.ReadUInt16LittleEndian(nwkFrame[(RelayListOffset + (2 * index))..]);
    }
}
