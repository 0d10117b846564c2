using System.Buffers.Binary;

namespace ZigBee.XBee.Frames;

/// <summary>
/// Node identification indicator (0x95, when AO = 0): a node announced itself (button, join or power cycle). The node
/// identifier is null-terminated on the wire; the device type identifier (DD) and RSSI follow only when the sender's NO
/// setting asks for them.
/// </summary>
public readonly ref struct NodeIdentificationFrame(
    ulong Source64,
    ushort Source16,
    ReceiveOptions Options,
    ushort Remote16,
    ulong Remote64,
    ReadOnlySpan<byte> NodeIdentifier,
    ushort Parent16,
    XBeeDeviceType DeviceType,
    NodeIdentificationEvent SourceEvent,
    ushort ProfileId,
    ushort ManufacturerId)
{
    // Identifier, 64-bit and 16-bit source, options, remote 16-bit and 64-bit address: then the node identifier.
    private const int Head = 22;

    // Parent, device type, source event, profile and manufacturer after the identifier's null.
    private const int Tail = 8;

    public ulong Source64 { get; } = Source64;

    public ushort Source16 { get; } = Source16;

    public ReceiveOptions Options { get; } = Options;

    /// <summary>The announcing node's 16-bit address; 0xFFFE if unknown.</summary>
    public ushort Remote16 { get; } = Remote16;

    public ulong Remote64 { get; } = Remote64;

    /// <summary>The NI string's bytes, without the terminating null.</summary>
    public ReadOnlySpan<byte> NodeIdentifier { get; } = NodeIdentifier;

    /// <summary>0xFFFE when the node has no parent.</summary>
    public ushort Parent16 { get; } = Parent16;

    public XBeeDeviceType DeviceType { get; } = DeviceType;

    public NodeIdentificationEvent SourceEvent { get; } = SourceEvent;

    /// <summary>Digi's profile, 0xC105, from Digi firmware.</summary>
    public ushort ProfileId { get; } = ProfileId;

    /// <summary>Digi's manufacturer code, 0x101E, from Digi firmware.</summary>
    public ushort ManufacturerId { get; } = ManufacturerId;

    /// <summary>The sender's DD value, present when its NO setting appends it.</summary>
    public uint? DeviceTypeIdentifier { get; init; }

    /// <summary>RSSI of the last hop, present when the sender's NO setting appends it.</summary>
    public byte? Rssi { get; init; }

    public int Length => Head + NodeIdentifier.Length + 1 + Tail + (DeviceTypeIdentifier.HasValue ? 4 : 0) + (Rssi.HasValue ? 1 : 0);

    public static bool TryDecode(ReadOnlySpan<byte> frameData, out NodeIdentificationFrame frame)
    {
        frame = default;
        if (!XBeeWire.Has(frameData, ApiFrameType.NodeIdentificationIndicator, Head + 1 + Tail))
        {
            return false;
        }

        var identifierLength = frameData[Head..].IndexOf((byte)0);
        if (identifierLength < 0)
        {
            return false;
        }

        var tail = frameData[(Head + identifierLength + 1)..];
        if (tail.Length < Tail)
        {
            return false;
        }

        var extra = tail[Tail..];
        uint? deviceTypeIdentifier = null;
        byte? rssi = null;
        switch (extra.Length)
        {
            case 0:
                break;
            case 1:
                rssi = extra[0];
                break;
            case 4:
                deviceTypeIdentifier = BinaryPrimitives.ReadUInt32BigEndian(extra);
                break;
            case 5:
                deviceTypeIdentifier = BinaryPrimitives.ReadUInt32BigEndian(extra);
                rssi = extra[4];
                break;
            default:
                return false;
        }

        frame = new NodeIdentificationFrame(
            XBeeWire.U64(frameData[1..]),
            XBeeWire.U16(frameData[9..]),
            (ReceiveOptions)frameData[11],
            XBeeWire.U16(frameData[12..]),
            XBeeWire.U64(frameData[14..]),
            frameData.Slice(Head, identifierLength),
            XBeeWire.U16(tail),
            (XBeeDeviceType)tail[2],
            (NodeIdentificationEvent)tail[3],
            XBeeWire.U16(tail[4..]),
            XBeeWire.U16(tail[6..]))
        {
            DeviceTypeIdentifier = deviceTypeIdentifier,
            Rssi = rssi,
        };
        return true;
    }

    public int Encode(Span<byte> destination)
    {
        if (NodeIdentifier.Contains((byte)0))
        {
            throw new ArgumentException("a node identifier cannot hold a null byte: the null ends it on the wire");
        }

        var length = Length;
        XBeeWire.Start(destination, length, ApiFrameType.NodeIdentificationIndicator);
        XBeeWire.Put64(destination[1..], Source64);
        XBeeWire.Put16(destination[9..], Source16);
        destination[11] = (byte)Options;
        XBeeWire.Put16(destination[12..], Remote16);
        XBeeWire.Put64(destination[14..], Remote64);
        NodeIdentifier.CopyTo(destination[Head..]);
        var tail = destination[(Head + NodeIdentifier.Length)..];
        tail[0] = 0;
        tail = tail[1..];
        XBeeWire.Put16(tail, Parent16);
        tail[2] = (byte)DeviceType;
        tail[3] = (byte)SourceEvent;
        XBeeWire.Put16(tail[4..], ProfileId);
        XBeeWire.Put16(tail[6..], ManufacturerId);
        var at = Tail;
        if (DeviceTypeIdentifier is { } identifier)
        {
            BinaryPrimitives.WriteUInt32BigEndian(tail[at..], identifier);
            at += 4;
        }

        if (Rssi is { } rssi)
        {
            tail[at] = rssi;
        }

        return length;
    }
}
