namespace ZigBee.Nwk.Frames;

/// <summary>
/// Facts shared by the typed NWK command payloads (§3.4). Each command decodes from an unsecured (or decrypted) command
/// frame's NWK payload, which starts with the command identifier, and encodes into a caller's span, identifier
/// included. Bytes beyond a command's fields are tolerated, as Wireshark does.
/// </summary>
public static class NwkCommand
{
    /// <summary>Shortest payload (identifier included) of a command; -1 when the identifier is unknown.</summary>
    public static int MinimumLength(NwkCommandId id) => id switch
    {
        NwkCommandId.RouteRequest => 6,
        NwkCommandId.RouteReply => 8,
        NwkCommandId.NetworkStatus => 4,
        NwkCommandId.Leave => 2,
        NwkCommandId.RouteRecord => 2,
        NwkCommandId.RejoinRequest => 2,
        NwkCommandId.RejoinResponse => 4,
        NwkCommandId.LinkStatus => 2,
        NwkCommandId.NetworkReport => 10,
        NwkCommandId.NetworkUpdate => 13,
        NwkCommandId.EndDeviceTimeoutRequest => 3,
        NwkCommandId.EndDeviceTimeoutResponse => 3,
        NwkCommandId.LinkPowerDelta => 3,
        _ => -1,
    };

    /// <summary>True for the command identifiers ZigBee PRO R22 defines (0x01–0x0D); others are kept as they are.</summary>
    public static bool IsKnown(NwkCommandId id) => MinimumLength(id) > 0;

    /// <summary>True when <paramref name="payload"/> starts with <paramref name="id"/> and holds the command's fixed fields.</summary>
    internal static bool Has(ReadOnlySpan<byte> payload, NwkCommandId id) =>
        payload.Length >= MinimumLength(id) && payload.Length > 0 && payload[0] == (byte)id;

    internal static void CheckRoom(Span<byte> destination, int length)
    {
        if (destination.Length < length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the command needs {length}", nameof(destination));
        }
    }
}
