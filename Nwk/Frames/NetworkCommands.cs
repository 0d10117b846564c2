using System.Buffers.Binary;

namespace ZigBee.Nwk.Frames;

/// <summary>
/// Network report (§3.4.9): options (report information count bits 0–4, report type bits 5–7), extended PAN ID and
/// the report information; for a PAN identifier conflict report, a list of PAN identifiers left in the decoded
/// payload (<see cref="ReportOffset"/> is relative to the payload given to <see cref="TryDecode"/>).
/// </summary>
public readonly record struct NetworkReportCommand(byte Options, ulong ExtendedPanId, int ReportOffset = 10)
{
    public const int MaxPanIds = 31;

    public int Count => Options & 0x1F;

    /// <summary>Bits 5–7; values other than 0 are reserved and kept.</summary>
    public NetworkReportType ReportType => (NetworkReportType)(Options >> 5);

    public int Length => 10 + (2 * Count);

    public ushort GetPanId(ReadOnlySpan<byte> payload, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return BinaryPrimitives.ReadUInt16LittleEndian(payload[(ReportOffset + (2 * index))..]);
    }

    public static bool TryDecode(ReadOnlySpan<byte> payload, out NetworkReportCommand command)
    {
        command = default;
        if (!NwkCommand.Has(payload, NwkCommandId.NetworkReport) || payload.Length < 10 + (2 * (payload[1] & 0x1F)))
        {
            return false;
        }

        command = new(payload[1], BinaryPrimitives.ReadUInt64LittleEndian(payload[2..]), 10);
        return true;
    }

    /// <summary>Writes a network report listing <paramref name="panIds"/> (at most 31); returns its length.</summary>
    public static int Encode(NetworkReportType type, ulong extendedPanId, ReadOnlySpan<ushort> panIds, Span<byte> destination)
    {
        if (panIds.Length > MaxPanIds || (int)type > 7)
        {
            throw new ArgumentException("a network report lists at most 31 PAN identifiers and its type has 3 bits", nameof(panIds));
        }

        var length = 10 + (2 * panIds.Length);
        NwkCommand.CheckRoom(destination, length);
        destination[0] = (byte)NwkCommandId.NetworkReport;
        destination[1] = (byte)(panIds.Length | ((int)type << 5));
        BinaryPrimitives.WriteUInt64LittleEndian(destination[2..], extendedPanId);
        for (var i = 0; i < panIds.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[(10 + (2 * i))..], panIds[i]);
        }

        return length;
    }
}

/// <summary>
/// Network update (§3.4.10): options (update information count bits 0–4, update type bits 5–7), extended PAN ID,
/// update identifier and, for a PAN identifier update, the new PAN identifier.
/// </summary>
public readonly record struct NetworkUpdateCommand(byte Options, ulong ExtendedPanId, byte UpdateId, ushort NewPanId)
{
    public const int Length = 13;

    public int Count => Options & 0x1F;

    /// <summary>Bits 5–7; values other than 0 are reserved and kept.</summary>
    public NetworkUpdateType UpdateType => (NetworkUpdateType)(Options >> 5);

    /// <summary>A PAN identifier update (count 1).</summary>
    public static NetworkUpdateCommand PanIdentifierUpdate(ulong extendedPanId, byte updateId, ushort newPanId) =>
        new(1, extendedPanId, updateId, newPanId);

    public static bool TryDecode(ReadOnlySpan<byte> payload, out NetworkUpdateCommand command)
    {
        var ok = NwkCommand.Has(payload, NwkCommandId.NetworkUpdate);
        command = ok
            ? new(payload[1], BinaryPrimitives.ReadUInt64LittleEndian(payload[2..]), payload[10], BinaryPrimitives.ReadUInt16LittleEndian(payload[11..]))
            : default;
        return ok;
    }

    public int Encode(Span<byte> destination)
    {
        NwkCommand.CheckRoom(destination, Length);
        destination[0] = (byte)NwkCommandId.NetworkUpdate;
        destination[1] = Options;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[2..], ExtendedPanId);
        destination[10] = UpdateId;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[11..], NewPanId);
        return Length;
    }
}
