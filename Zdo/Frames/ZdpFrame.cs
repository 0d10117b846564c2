namespace ZigBee.Zdo.Frames;

/// <summary>
/// The ZDP payload of an APS data frame (R22 §2.4.2.8): a transaction sequence number, then the command's fields. ZDP
/// frames travel on profile 0x0000 between endpoints 0; a response's cluster is its request's with bit 15 set.
/// </summary>
public static class ZdpFrame
{
    public const ushort ProfileId = 0x0000;

    public const byte Endpoint = 0;

    public const ushort ResponseBit = 0x8000;

    /// <summary>Splits an APS payload into the sequence number and the command's fields; false when it is empty.</summary>
    public static bool TrySplit(ReadOnlySpan<byte> apsPayload, out byte sequenceNumber, out ReadOnlySpan<byte> fields)
    {
        if (apsPayload.IsEmpty)
        {
            sequenceNumber = 0;
            fields = default;
            return false;
        }

        sequenceNumber = apsPayload[0];
        fields = apsPayload[1..];
        return true;
    }

    /// <summary>Decodes the message <typeparamref name="T"/> from an APS payload (sequence number first).</summary>
    public static bool TryDecode<T>(ReadOnlySpan<byte> apsPayload, out byte sequenceNumber, out T message)
        where T : IZdpMessage<T>, allows ref struct
    {
        if (!TrySplit(apsPayload, out sequenceNumber, out var fields))
        {
            message = default!;
            return false;
        }

        return T.TryDecode(fields, out message);
    }

    /// <summary>Writes the sequence number and <paramref name="message"/>'s fields; returns the APS payload's length.</summary>
    public static int Encode<T>(byte sequenceNumber, T message, Span<byte> destination)
        where T : IZdpMessage<T>, allows ref struct
    {
        ZdpWriter.CheckRoom(destination, 1 + message.Length);
        destination[0] = sequenceNumber;
        return 1 + message.Encode(destination[1..]);
    }

    /// <summary>The APS payload length of <paramref name="message"/>: its fields and the sequence number.</summary>
    public static int Length<T>(T message)
        where T : IZdpMessage<T>, allows ref struct => 1 + message.Length;

    public static bool IsResponse(ZdpClusterId cluster) => ((ushort)cluster & ResponseBit) != 0;

    /// <summary>The cluster that answers <paramref name="request"/> (Mgmt_NWK_Enhanced_Update_req is answered by Mgmt_NWK_Update_notify).</summary>
    public static ZdpClusterId ResponseFor(ZdpClusterId request) => request == ZdpClusterId.MgmtNwkEnhancedUpdateRequest
        ? ZdpClusterId.MgmtNwkUpdateNotify
        : (ZdpClusterId)((ushort)request | ResponseBit);

    /// <summary>True for every cluster <see cref="ZdpClusterId"/> names.</summary>
    public static bool IsKnown(ZdpClusterId cluster) => Enum.IsDefined(cluster);
}
