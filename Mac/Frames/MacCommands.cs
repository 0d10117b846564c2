using System.Buffers.Binary;

namespace ZigBee.Mac.Frames;

/// <summary>Association status (§7.3.2.3); other values are reserved and kept as they are.</summary>
public enum AssociationStatus : byte
{
    Successful = 0x00,
    PanAtCapacity = 0x01,
    PanAccessDenied = 0x02,
}

/// <summary>Disassociation reason (§7.3.3.2); other values are reserved and kept.</summary>
public enum DisassociateReason : byte
{
    CoordinatorWishesDeviceToLeave = 0x01,
    DeviceWishesToLeave = 0x02,
}

/// <summary>
/// Typed MAC command payloads (§7.3). Each decodes from a command frame's MAC payload (which starts with the
/// command identifier) and encodes into a caller's span, identifier included.
/// </summary>
public static class MacCommand
{
    /// <summary>Length of the payload (identifier included) of a command; -1 when the identifier is unknown.</summary>
    public static int PayloadLength(MacCommandId id) => id switch
    {
        MacCommandId.AssociationRequest => 2,
        MacCommandId.AssociationResponse => 4,
        MacCommandId.DisassociationNotification => 2,
        MacCommandId.DataRequest => 1,
        MacCommandId.PanIdConflictNotification => 1,
        MacCommandId.OrphanNotification => 1,
        MacCommandId.BeaconRequest => 1,
        MacCommandId.CoordinatorRealignment => 8, // 9 with the channel page of 802.15.4-2006
        MacCommandId.GtsRequest => 2,
        _ => -1,
    };

    /// <summary>True for the command identifiers 802.15.4-2006 defines (0x01–0x09); others are kept as they are.</summary>
    public static bool IsKnown(MacCommandId id) => PayloadLength(id) > 0;

    /// <summary>
    /// Checks that <paramref name="payload"/> is a command <paramref name="id"/> with enough bytes. Bytes beyond the
    /// command's fields are tolerated (a MIC of a secured frame; Wireshark shows them as data).
    /// </summary>
    internal static bool Has(ReadOnlySpan<byte> payload, MacCommandId id) =>
        payload.Length >= PayloadLength(id) && payload.Length > 0 && payload[0] == (byte)id;

    /// <summary>Writes a command that has no payload beyond its identifier (data request, beacon request, …).</summary>
    public static int EncodeBare(MacCommandId id, Span<byte> destination)
    {
        destination[0] = (byte)id;
        return 1;
    }
}

/// <summary>Association request (§7.3.1).</summary>
public readonly record struct AssociationRequestCommand(CapabilityInformation Capability)
{
    public static bool TryDecode(ReadOnlySpan<byte> payload, out AssociationRequestCommand command)
    {
        command = MacCommand.Has(payload, MacCommandId.AssociationRequest) ? new(new CapabilityInformation(payload[1])) : default;
        return MacCommand.Has(payload, MacCommandId.AssociationRequest);
    }

    public int Encode(Span<byte> destination)
    {
        destination[0] = (byte)MacCommandId.AssociationRequest;
        destination[1] = Capability.Value;
        return 2;
    }
}

/// <summary>Association response (§7.3.2): the short address allocated and the status.</summary>
public readonly record struct AssociationResponseCommand(ushort ShortAddress, AssociationStatus Status)
{
    public static bool TryDecode(ReadOnlySpan<byte> payload, out AssociationResponseCommand command)
    {
        var ok = MacCommand.Has(payload, MacCommandId.AssociationResponse);
        command = ok ? new(BinaryPrimitives.ReadUInt16LittleEndian(payload[1..]), (AssociationStatus)payload[3]) : default;
        return ok;
    }

    public int Encode(Span<byte> destination)
    {
        destination[0] = (byte)MacCommandId.AssociationResponse;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[1..], ShortAddress);
        destination[3] = (byte)Status;
        return 4;
    }
}

/// <summary>Disassociation notification (§7.3.3).</summary>
public readonly record struct DisassociationNotificationCommand(DisassociateReason Reason)
{
    public static bool TryDecode(ReadOnlySpan<byte> payload, out DisassociationNotificationCommand command)
    {
        var ok = MacCommand.Has(payload, MacCommandId.DisassociationNotification);
        command = ok ? new((DisassociateReason)payload[1]) : default;
        return ok;
    }

    public int Encode(Span<byte> destination)
    {
        destination[0] = (byte)MacCommandId.DisassociationNotification;
        destination[1] = (byte)Reason;
        return 2;
    }
}

/// <summary>
/// Coordinator realignment (§7.3.8): PAN identifier, coordinator short address, logical channel, short address,
/// and the channel page that 802.15.4-2006 frames of version 1 may add.
/// </summary>
public readonly record struct CoordinatorRealignmentCommand(ushort PanId, ushort CoordinatorShortAddress, byte LogicalChannel, ushort ShortAddress, byte? ChannelPage = null)
{
    public static bool TryDecode(ReadOnlySpan<byte> payload, out CoordinatorRealignmentCommand command)
    {
        var ok = MacCommand.Has(payload, MacCommandId.CoordinatorRealignment);
        command = ok
            ? new(
                BinaryPrimitives.ReadUInt16LittleEndian(payload[1..]),
                BinaryPrimitives.ReadUInt16LittleEndian(payload[3..]),
                payload[5],
                BinaryPrimitives.ReadUInt16LittleEndian(payload[6..]),
                payload.Length >= 9 ? payload[8] : null)
            : default;
        return ok;
    }

    public int Encode(Span<byte> destination)
    {
        destination[0] = (byte)MacCommandId.CoordinatorRealignment;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[1..], PanId);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[3..], CoordinatorShortAddress);
        destination[5] = LogicalChannel;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], ShortAddress);
        if (ChannelPage is { } page)
        {
            destination[8] = page;
            return 9;
        }

        return 8;
    }
}

/// <summary>GTS request (§7.3.9): the GTS characteristics field.</summary>
public readonly record struct GtsRequestCommand(byte Characteristics)
{
    /// <summary>GTS length in superframe slots, bits 0–3.</summary>
    public int GtsLength => Characteristics & 0x0F;

    /// <summary>True for a receive-only GTS, false for transmit-only (bit 4).</summary>
    public bool ReceiveOnly => (Characteristics & 0x10) != 0;

    /// <summary>True for an allocation, false for a deallocation (bit 5).</summary>
    public bool Allocation => (Characteristics & 0x20) != 0;

    public static bool TryDecode(ReadOnlySpan<byte> payload, out GtsRequestCommand command)
    {
        var ok = MacCommand.Has(payload, MacCommandId.GtsRequest);
        command = ok ? new(payload[1]) : default;
        return ok;
    }

    public int Encode(Span<byte> destination)
    {
        destination[0] = (byte)MacCommandId.GtsRequest;
        destination[1] = Characteristics;
        return 2;
    }
}
