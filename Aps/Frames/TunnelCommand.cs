using System.Buffers.Binary;

namespace ZigBee.Aps.Frames;

/// <summary>
/// Tunnel (§4.4.10.6): the IEEE address of the final destination, then the tunnelled APS frame — its header (frame
/// control and counter of a secured command frame, the auxiliary header) and its encrypted command with MIC — which a
/// router relays to a joining device that has no network key yet. The tunnelled frame stays in the decoded payload at
/// <see cref="TunnelledFrameOffset"/>; it must itself decode as an APS frame.
/// </summary>
public readonly record struct TunnelCommand(ulong DestinationAddress, ApsFrame TunnelledFrame, int TunnelledFrameLength)
{
    /// <summary>Where the tunnelled APS frame starts in the command payload (after identifier and destination).</summary>
    public const int TunnelledFrameOffset = 9;

    public int Length => TunnelledFrameOffset + TunnelledFrameLength;

    /// <summary>The tunnelled APS frame's bytes in the payload given to <see cref="TryDecode"/>.</summary>
    public ReadOnlySpan<byte> TunnelledBytes(ReadOnlySpan<byte> payload) => payload.Slice(TunnelledFrameOffset, TunnelledFrameLength);

    /// <summary>Decodes a tunnel command; the whole rest of the payload is the tunnelled frame.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, out TunnelCommand command)
    {
        command = default;
        if (!ApsCommand.Has(payload, ApsCommandId.Tunnel))
        {
            return false;
        }

        var tunnelled = payload[TunnelledFrameOffset..];
        if (!ApsFrame.TryDecode(tunnelled, out var frame))
        {
            return false;
        }

        command = new(BinaryPrimitives.ReadUInt64LittleEndian(payload[1..]), frame, tunnelled.Length);
        return true;
    }

    /// <summary>Writes a tunnel command around an already built APS frame; returns its length.</summary>
    public static int Encode(ulong destinationAddress, ReadOnlySpan<byte> tunnelledFrame, Span<byte> destination)
    {
        var length = TunnelledFrameOffset + tunnelledFrame.Length;
        ApsCommand.CheckRoom(destination, length);
        destination[0] = (byte)ApsCommandId.Tunnel;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[1..], destinationAddress);
        tunnelledFrame.CopyTo(destination[TunnelledFrameOffset..]);
        return length;
    }

    /// <summary>
    /// Writes a tunnel command whose tunnelled frame is <paramref name="tunnelledHeader"/> followed by
    /// <paramref name="securedPayloadAndMic"/> (the encrypted command and its MIC); returns its length.
    /// </summary>
    public static int Encode(ulong destinationAddress, in ApsHeader tunnelledHeader, ReadOnlySpan<byte> securedPayloadAndMic, Span<byte> destination)
    {
        var length = TunnelledFrameOffset + tunnelledHeader.Length + securedPayloadAndMic.Length;
        ApsCommand.CheckRoom(destination, length);
        destination[0] = (byte)ApsCommandId.Tunnel;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[1..], destinationAddress);
        ApsFrame.Encode(tunnelledHeader, securedPayloadAndMic, destination[TunnelledFrameOffset..]);
        return length;
    }
}
