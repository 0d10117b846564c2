namespace ZigBee.Aps.Frames;

/// <summary>
/// Facts shared by the typed APS command payloads (§4.4.10). Each command decodes from an unsecured (or decrypted)
/// command frame's APS payload, which starts with the command identifier, and encodes into a caller's span, identifier
/// included. Bytes beyond a command's fields are tolerated, as Wireshark does (R23 appends TLVs there).
/// </summary>
public static class ApsCommand
{
    /// <summary>Shortest payload (identifier included) of a command; -1 when the identifier is unknown.</summary>
    public static int MinimumLength(ApsCommandId id) => id switch
    {
        ApsCommandId.TransportKey => 1 + 1 + ApsKey.Length,
        ApsCommandId.UpdateDevice => 12,
        ApsCommandId.RemoveDevice => 9,
        ApsCommandId.RequestKey => 2,
        ApsCommandId.SwitchKey => 2,
        ApsCommandId.Tunnel => 9 + 2,
        ApsCommandId.VerifyKey => 1 + 1 + 8 + ApsKey.Length,
        ApsCommandId.ConfirmKey => 11,
        _ => -1,
    };

    /// <summary>True for the command identifiers ZigBee PRO R22 defines; others are kept as they are.</summary>
    public static bool IsKnown(ApsCommandId id) => MinimumLength(id) > 0;

    /// <summary>True when <paramref name="payload"/> starts with <paramref name="id"/> and holds the command's fixed fields.</summary>
    internal static bool Has(ReadOnlySpan<byte> payload, ApsCommandId id) =>
        payload.Length > 0 && payload.Length >= MinimumLength(id) && payload[0] == (byte)id;

    internal static void CheckRoom(Span<byte> destination, int length)
    {
        if (destination.Length < length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the command needs {length}", nameof(destination));
        }
    }
}
