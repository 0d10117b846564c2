using System.Buffers.Binary;
using ZigBee.Mac.Frames;

namespace ZigBee.Nwk.Frames;

/// <summary>
/// Network status (§3.4.3): status code and the destination address it concerns; with status
/// <see cref="NwkStatusCode.UnknownCommand"/> the identifier of the unknown command may follow (R22; kept when present).
/// </summary>
public readonly record struct NetworkStatusCommand(NwkStatusCode Status, ushort DestinationAddress, byte? UnknownCommandId = null)
{
    public int Length => 4 + (UnknownCommandId.HasValue ? 1 : 0);

    public static bool TryDecode(ReadOnlySpan<byte> payload, out NetworkStatusCommand command)
    {
        command = default;
        if (!NwkCommand.Has(payload, NwkCommandId.NetworkStatus))
        {
            return false;
        }

        var status = (NwkStatusCode)payload[1];
        byte? unknown = status == NwkStatusCode.UnknownCommand && payload.Length >= 5 ? payload[4] : null;
        command = new(status, BinaryPrimitives.ReadUInt16LittleEndian(payload[2..]), unknown);
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        var length = Length;
        NwkCommand.CheckRoom(destination, length);
        destination[0] = (byte)NwkCommandId.NetworkStatus;
        destination[1] = (byte)Status;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], DestinationAddress);
        if (UnknownCommandId is { } unknown)
        {
            destination[4] = unknown;
        }

        return length;
    }
}

/// <summary>Leave (§3.4.4): options rejoin (bit 5), request (bit 6), remove children (bit 7); bits 0–4 reserved and kept.</summary>
public readonly record struct LeaveCommand(byte Options)
{
    public bool Rejoin => (Options & 0x20) != 0;

    public bool Request => (Options & 0x40) != 0;

    public bool RemoveChildren => (Options & 0x80) != 0;

    public static LeaveCommand Create(bool rejoin, bool request, bool removeChildren) =>
        new((byte)((rejoin ? 0x20 : 0) | (request ? 0x40 : 0) | (removeChildren ? 0x80 : 0)));

    public static bool TryDecode(ReadOnlySpan<byte> payload, out LeaveCommand command)
    {
        var ok = NwkCommand.Has(payload, NwkCommandId.Leave);
        command = ok ? new(payload[1]) : default;
        return ok;
    }

    public int Encode(Span<byte> destination)
    {
        NwkCommand.CheckRoom(destination, 2);
        destination[0] = (byte)NwkCommandId.Leave;
        destination[1] = Options;
        return 2;
    }
}

/// <summary>Rejoin request (§3.4.6): the capability information of the rejoining device (as in MAC association, §3.4.6.3.1).</summary>
public readonly record struct RejoinRequestCommand(CapabilityInformation Capability)
{
    public static bool TryDecode(ReadOnlySpan<byte> payload, out RejoinRequestCommand command)
    {
        var ok = NwkCommand.Has(payload, NwkCommandId.RejoinRequest);
        command = ok ? new(new CapabilityInformation(payload[1])) : default;
        return ok;
    }

    public int Encode(Span<byte> destination)
    {
        NwkCommand.CheckRoom(destination, 2);
        destination[0] = (byte)NwkCommandId.RejoinRequest;
        destination[1] = Capability.Value;
        return 2;
    }
}

/// <summary>Rejoin response (§3.4.7): the network address given to the device and the rejoin status.</summary>
public readonly record struct RejoinResponseCommand(ushort NetworkAddress, RejoinStatus Status)
{
    public static bool TryDecode(ReadOnlySpan<byte> payload, out RejoinResponseCommand command)
    {
        var ok = NwkCommand.Has(payload, NwkCommandId.RejoinResponse);
        command = ok ? new(BinaryPrimitives.ReadUInt16LittleEndian(payload[1..]), (RejoinStatus)payload[3]) : default;
        return ok;
    }

    public int Encode(Span<byte> destination)
    {
        NwkCommand.CheckRoom(destination, 4);
        destination[0] = (byte)NwkCommandId.RejoinResponse;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[1..], NetworkAddress);
        destination[3] = (byte)Status;
        return 4;
    }
}

/// <summary>
/// End device timeout request (§3.4.11): requested timeout enumeration (0 = 10 s, n = 2^n minutes for 1–14; larger
/// values are reserved and kept) and the end device configuration (all bits reserved in R22, kept).
/// </summary>
public readonly record struct EndDeviceTimeoutRequestCommand(byte RequestedTimeout, byte EndDeviceConfiguration = 0)
{
    /// <summary>Largest valid requested timeout enumeration value (2^14 minutes).</summary>
    public const byte MaxRequestedTimeout = 14;

    /// <summary>The requested timeout as a duration; null for reserved values.</summary>
    public TimeSpan? Timeout => ToTimeSpan(RequestedTimeout);

    /// <summary>Maps a requested timeout enumeration value to its duration (§3.4.11.3.1, table 3.54); null above 14.</summary>
    public static TimeSpan? ToTimeSpan(byte requestedTimeout) => requestedTimeout switch
    {
        0 => TimeSpan.FromSeconds(10),
        <= MaxRequestedTimeout => TimeSpan.FromMinutes(1 << requestedTimeout),
        _ => null,
    };

    public static bool TryDecode(ReadOnlySpan<byte> payload, out EndDeviceTimeoutRequestCommand command)
    {
        var ok = NwkCommand.Has(payload, NwkCommandId.EndDeviceTimeoutRequest);
        command = ok ? new(payload[1], payload[2]) : default;
        return ok;
    }

    public int Encode(Span<byte> destination)
    {
        NwkCommand.CheckRoom(destination, 3);
        destination[0] = (byte)NwkCommandId.EndDeviceTimeoutRequest;
        destination[1] = RequestedTimeout;
        destination[2] = EndDeviceConfiguration;
        return 3;
    }
}

/// <summary>
/// End device timeout response (§3.4.12): status and parent information (MAC data poll keepalive bit 0, end device
/// timeout request keepalive bit 1, power negotiation support bit 2; bits 3–7 reserved and kept).
/// </summary>
public readonly record struct EndDeviceTimeoutResponseCommand(EndDeviceTimeoutStatus Status, byte ParentInformation)
{
    public bool MacDataPollKeepalive => (ParentInformation & 0x01) != 0;

    public bool EndDeviceTimeoutRequestKeepalive => (ParentInformation & 0x02) != 0;

    public bool PowerNegotiationSupport => (ParentInformation & 0x04) != 0;

    public static byte CreateParentInformation(bool macDataPollKeepalive, bool endDeviceTimeoutRequestKeepalive, bool powerNegotiationSupport) =>
        (byte)((macDataPollKeepalive ? 0x01 : 0) | (endDeviceTimeoutRequestKeepalive ? 0x02 : 0) | (powerNegotiationSupport ? 0x04 : 0));

    public static bool TryDecode(ReadOnlySpan<byte> payload, out EndDeviceTimeoutResponseCommand command)
    {
        var ok = NwkCommand.Has(payload, NwkCommandId.EndDeviceTimeoutResponse);
        command = ok ? new((EndDeviceTimeoutStatus)payload[1], payload[2]) : default;
        return ok;
    }

    public int Encode(Span<byte> destination)
    {
        NwkCommand.CheckRoom(destination, 3);
        destination[0] = (byte)NwkCommandId.EndDeviceTimeoutResponse;
        destination[1] = (byte)Status;
        destination[2] = ParentInformation;
        return 3;
    }
}
